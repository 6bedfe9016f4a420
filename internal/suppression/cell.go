package suppression

import "strconv"

// DefaultThreshold is the suppression threshold used when the configuration
// sets none: counts from 1 to 4 are hidden.
const DefaultThreshold = 5

// UnstableBelow is the numerator under which a rate is flagged unstable
// ("interpret with caution"), as in Canada's chronic-disease surveillance.
const UnstableBelow = 10

// Status says whether a value may be shown and, if not, why.
type Status uint8

const (
	// Shown means the value is published as is.
	Shown Status = iota
	// Primary means the value is a count from 1 to threshold−1.
	Primary
	// Complementary means the value was hidden so that a primary value
	// cannot be recovered by subtraction from a total.
	Complementary
	// Derived means a rate or percentage hidden because its numerator or
	// denominator is hidden.
	Derived
)

// String returns the status name used in JSON and CSV (shown, primary,
// complementary, derived).
func (s Status) String() string {
	switch s {
	case Primary:
		return "primary"
	case Complementary:
		return "complementary"
	case Derived:
		return "derived"
	default:
		return "shown"
	}
}

// MarshalText encodes the status as its name.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Suppressed reports whether the value must not be shown.
func (s Status) Suppressed() bool { return s != Shown }

// Cell returns Primary for a count from 1 to threshold−1 and Shown
// otherwise; zero is always shown.
func Cell(count int64, threshold int) Status {
	if count >= 1 && count < int64(threshold) {
		return Primary
	}
	return Shown
}

// Rate returns Derived when the numerator or the denominator of a rate is
// suppressed, Shown otherwise.
func Rate(numerator, denominator Status) Status {
	if numerator.Suppressed() || denominator.Suppressed() {
		return Derived
	}
	return Shown
}

// Unstable reports whether a rate built on this numerator must be flagged
// "interpret with caution".
func Unstable(numerator int64) bool { return numerator < UnstableBelow }

// Symbol returns what a report prints in place of a suppressed value:
// "<T" for a primary count (T the threshold), "x" for any other
// suppression, and "" for a shown value.
func Symbol(s Status, threshold int) string {
	switch s {
	case Shown:
		return ""
	case Primary:
		return "<" + strconv.Itoa(threshold)
	default:
		return "x"
	}
}
