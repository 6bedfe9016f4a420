package exports

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// NormalizeClientID returns the normalized form of a client id that the
// pseudonym is computed from: trimmed, upper-cased, with every space
// (any Unicode white space) and hyphen ('-', U+2010, U+2011) removed, so
// "abc 123-4" and "ABC1234" are the same person.
func NormalizeClientID(s string) string {
	if normalASCII(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '\u2010' || r == '\u2011' {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
}

// normalASCII reports whether s is already normalized and ASCII: no
// byte past ASCII, no control byte, space, hyphen or lower-case letter.
// Client ids mostly are, and this spares them the rune-by-rune mapping.
func normalASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c == '-' || ('a' <= c && c <= 'z') || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// parseFlag reads Y/N, O/N (oui/non) or 1/0 in any case.
func parseFlag(s string) (value, ok bool) {
	if len(s) != 1 {
		return false, false
	}
	switch s[0] {
	case 'Y', 'y', 'O', 'o', '1':
		return true, true
	case 'N', 'n', '0':
		return false, true
	}
	return false, false
}

// parseEnum returns the index of s among the canonical names of e,
// matched case-insensitively, or -1.
func parseEnum(s string, e enum) int {
	for j, v := range e.names {
		if strings.EqualFold(s, v) {
			return j
		}
	}
	return -1
}

// parseInt reads a plain decimal integer with an optional sign; it reports
// ok=false for anything else, including overflow.
func parseInt(s string) (int64, bool) {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// digits reads s[i:j] as an unsigned decimal number.
func digits(s string, i, j int) (int, bool) {
	n := 0
	for ; i < j; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// parseDateParts reads the YYYY-MM-DD prefix of s and checks that the day
// exists.
func parseDateParts(s string) (y int, m time.Month, d int, ok bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	y, ok1 := digits(s, 0, 4)
	mm, ok2 := digits(s, 5, 7)
	d, ok3 := digits(s, 8, 10)
	if !ok1 || !ok2 || !ok3 || mm < 1 || mm > 12 || d < 1 || d > daysIn(time.Month(mm), y) {
		return 0, 0, 0, false
	}
	return y, time.Month(mm), d, true
}

func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseDate reads an ISO YYYY-MM-DD date as UTC midnight.
func parseDate(s string) (time.Time, bool) {
	if len(s) != 10 {
		return time.Time{}, false
	}
	y, m, d, ok := parseDateParts(s)
	if !ok {
		return time.Time{}, false
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
}

// clock is the time-of-day part of a timestamp.
type clock struct{ h, m, s, ns int }

// parseTimestamp reads an ISO 8601 timestamp: a date, 'T' or a space,
// hh:mm[:ss[.fraction]], and an optional offset (Z, ±hh:mm, ±hhmm, ±hh).
// Without an offset the time is local to loc (see the package comment for
// non-existent and ambiguous local times). The result is in UTC.
func parseTimestamp(s string, loc *time.Location) (time.Time, bool) {
	y, mo, d, ok := parseDateParts(s)
	if !ok || len(s) < 16 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') {
		return time.Time{}, false
	}
	c, rest, ok := parseClock(s[11:])
	if !ok {
		return time.Time{}, false
	}
	if rest == "" {
		return time.Date(y, mo, d, c.h, c.m, c.s, c.ns, loc).UTC(), true
	}
	off, ok := parseOffset(rest)
	if !ok {
		return time.Time{}, false
	}
	t := time.Date(y, mo, d, c.h, c.m, c.s, c.ns, time.UTC)
	return t.Add(-off), true
}

// parseClock reads hh:mm[:ss[.fraction]] and returns what follows.
func parseClock(s string) (clock, string, bool) {
	var c clock
	if len(s) < 5 || s[2] != ':' {
		return c, "", false
	}
	h, ok1 := digits(s, 0, 2)
	m, ok2 := digits(s, 3, 5)
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return c, "", false
	}
	c.h, c.m, s = h, m, s[5:]
	if len(s) == 0 || s[0] != ':' {
		return c, s, true
	}
	sec, ok := digits(s, 1, min(3, len(s)))
	if len(s) < 3 || !ok || sec > 59 {
		return c, "", false
	}
	c.s, s = sec, s[3:]
	if len(s) == 0 || (s[0] != '.' && s[0] != ',') {
		return c, s, true
	}
	return parseFraction(c, s[1:])
}

// parseFraction reads 1 to 9 fractional-second digits into c.ns.
func parseFraction(c clock, s string) (clock, string, bool) {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || n > 9 {
		return c, "", false
	}
	ns, _ := digits(s, 0, n)
	for i := n; i < 9; i++ {
		ns *= 10
	}
	c.ns = ns
	return c, s[n:], true
}

// parseOffset reads Z, ±hh:mm, ±hhmm or ±hh.
func parseOffset(s string) (time.Duration, bool) {
	if s == "Z" || s == "z" {
		return 0, true
	}
	if len(s) < 3 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	h, ok := digits(s, 1, 3)
	if !ok || h > 23 {
		return 0, false
	}
	m := 0
	switch rest := s[3:]; {
	case rest == "":
	case len(rest) == 3 && rest[0] == ':':
		m, ok = digits(rest, 1, 3)
	case len(rest) == 2:
		m, ok = digits(rest, 0, 2)
	default:
		ok = false
	}
	if !ok || m > 59 {
		return 0, false
	}
	off := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
	if s[0] == '-' {
		off = -off
	}
	return off, true
}
