package catalogue

import "slices"

// Direction says which way of a value means improvement.
type Direction string

// Directions of improvement.
const (
	Up   Direction = "up"
	Down Direction = "down"
	None Direction = "none"
)

// Period types an indicator may be computed for.
const (
	Month      = "month"
	Quarter    = "quarter"
	FiscalYear = "fiscal_year"
	Rolling12m = "rolling_12m"
)

// AllPeriodTypes returns every period type, shortest first.
func AllPeriodTypes() []string { return []string{Month, Quarter, FiscalYear, Rolling12m} }

// Text is a string in French and English.
type Text struct {
	FR string
	EN string
}

// Indicator is one entry of the catalogue.
type Indicator struct {
	ID          string
	Section     int
	Title       Text
	Definition  Text
	Numerator   Text
	Denominator Text // empty when the indicator is a count
	Unit        Text
	Direction   Direction
	// Breakdowns names the dimensions the indicator is split by besides the
	// total (empty breakdown), e.g. "kind"; empty when it is not split.
	Breakdowns []string
	// Periods lists the period types the indicator is computed for.
	Periods []string
	// Levels lists the area levels; nil means every level.
	Levels []string
}

// AppliesTo reports whether the indicator is computed for periodType.
func (ind Indicator) AppliesTo(periodType string) bool {
	return slices.Contains(ind.Periods, periodType)
}

// All returns the catalogue in the order reports print it.
func All() []Indicator { return catalogue() }

// Lookup returns the indicator with the given id.
func Lookup(id string) (Indicator, bool) {
	for _, ind := range catalogue() {
		if ind.ID == id {
			return ind, true
		}
	}
	return Indicator{}, false
}

// IDs returns every indicator id in catalogue order.
func IDs() []string {
	var ids []string
	for _, ind := range catalogue() {
		ids = append(ids, ind.ID)
	}
	return ids
}
