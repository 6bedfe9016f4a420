package reports

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// nbsp is the no-break space French typography puts between thousands and
// before % (U+00A0; DejaVu Sans has it and pdftotext keeps it).
const nbsp = "\u00a0"

// locale formats numbers, months and fixed strings in one language.
type locale struct {
	lang string
}

func newLocale(lang string) locale {
	if lang == "en" {
		return locale{lang: "en"}
	}
	return locale{lang: "fr"}
}

func (l locale) fr() bool { return l.lang == "fr" }

// text picks the language's string; an empty English string falls back to
// the French one.
func (l locale) text(t Text) string {
	if l.fr() || t.EN == "" {
		return t.FR
	}
	return t.EN
}

// t returns the French or English literal.
func (l locale) t(fr, en string) string {
	if l.fr() {
		return fr
	}
	return en
}

// number formats v with the given decimals: 1 234,5 in French, 1,234.5 in
// English.
func (l locale) number(v float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	sep, dec := ",", "."
	if l.fr() {
		sep, dec = nbsp, ","
	}
	out := group(intPart, sep)
	if frac != "" {
		out += dec + frac
	}
	if v < 0 && strings.Trim(s, "0.") != "" {
		out = "−" + out
	}
	return out
}

func group(digits, sep string) string {
	if len(digits) <= 3 {
		return digits
	}
	head := len(digits) % 3
	var b strings.Builder
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// count formats an integer count.
func (l locale) count(n int64) string { return l.number(float64(n), 0) }

// pct formats a percentage already on the 0–100 scale: 12,3 % or 12.3%.
func (l locale) pct(v float64) string {
	if l.fr() {
		return l.number(v, 1) + nbsp + "%"
	}
	return l.number(v, 1) + "%"
}

// signed formats a difference with an explicit sign.
func (l locale) signed(v float64, decimals int) string {
	s := l.number(v, decimals)
	if v > 0 && s != l.number(0, decimals) {
		return "+" + s
	}
	return s
}

var monthsFR = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

var monthsEN = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// month formats a month: mars 2024, March 2024.
func (l locale) month(t time.Time) string {
	if l.fr() {
		return monthsFR[t.Month()-1] + " " + strconv.Itoa(t.Year())
	}
	return monthsEN[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// shortMonth formats a month for an axis: 2024-03.
func shortMonth(t time.Time) string { return t.Format("2006-01") }

// date formats a day: 5 mars 2024, March 5, 2024.
func (l locale) date(t time.Time) string {
	if l.fr() {
		d := strconv.Itoa(t.Day())
		if t.Day() == 1 {
			d = "1er"
		}
		return d + " " + l.month(t)
	}
	return monthsEN[t.Month()-1] + " " + strconv.Itoa(t.Day()) + ", " + strconv.Itoa(t.Year())
}

// decimals is how many decimals a unit is printed with.
func decimals(unit string) int {
	switch unit {
	case "count", "days":
		return 0
	case "ratio":
		return 2
	default:
		return 1
	}
}

// value formats v in the indicator's unit.
func (l locale) value(v float64, unit string) string {
	if unit == "pct" {
		return l.pct(v)
	}
	return l.number(v, decimals(unit))
}
