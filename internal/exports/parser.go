package exports

import "strings"

// parser turns the fields of one row into Values. Helpers stop at the
// first error of a row: the row is rejected with that error, and the
// later fields are neither parsed nor pseudonymized.
type parser struct {
	opt    *Options
	file   string
	names  []string // input column names, by output index
	pos    []int    // field index of each output column, -1 if absent
	fields []string
	line   int
	v      []any
	err    *RowError
	warned []int // output indexes read as empty because invalid, this row
	// Exports repeat dates, timestamps and codes from row to row: the last
	// accepted text and boxed value of each column are kept, and reusing
	// the value saves parsing and an allocation.
	lastText []string
	lastVal  []any
}

// recall returns the value of column i if s is its last accepted text.
func (p *parser) recall(i int, s string) (any, bool) {
	if p.lastVal[i] != nil && p.lastText[i] == s {
		p.v[i] = p.lastVal[i]
		return p.lastVal[i], true
	}
	return nil, false
}

// keep stores v as the value of column i and remembers it for text s.
func (p *parser) keep(i int, s string, v any) {
	p.v[i], p.lastText[i], p.lastVal[i] = v, s, v
}

// reset prepares the parser for a new row.
func (p *parser) reset(fields []string, line int, v []any) {
	p.fields, p.line, p.v, p.err = fields, line, v, nil
	p.warned = p.warned[:0]
}

// text returns the trimmed field of output column i, "" if absent.
func (p *parser) text(i int) string {
	if p.pos[i] < 0 {
		return ""
	}
	return strings.TrimSpace(p.fields[p.pos[i]])
}

// fail rejects the row at column i, unless it already is.
func (p *parser) fail(i int, reason string) {
	if p.err == nil {
		p.err = &RowError{File: p.file, Line: p.line, Column: p.pos[i] + 1, Field: p.names[i], Reason: reason}
	}
}

// nameAt returns the schema name of the column at field index f, "" for
// an ignored column.
func (p *parser) nameAt(f int) string {
	for i, at := range p.pos {
		if at == f {
			return p.names[i]
		}
	}
	return ""
}

// warn records an optional value of column i read as empty.
func (p *parser) warn(i int) { p.warned = append(p.warned, i) }

// required returns the text of a required column, failing when empty.
func (p *parser) required(i int) (string, bool) {
	if p.err != nil {
		return "", false
	}
	s := p.text(i)
	if s == "" {
		p.fail(i, ReasonMissingValue)
		return "", false
	}
	return s, true
}

// optional returns the text of an optional column, ok=false when empty.
func (p *parser) optional(i int) (string, bool) {
	if p.err != nil {
		return "", false
	}
	s := p.text(i)
	return s, s != ""
}

// str reads a required string.
func (p *parser) str(i int) string {
	s, ok := p.required(i)
	if !ok {
		return ""
	}
	if _, ok := p.recall(i, s); !ok {
		p.keep(i, s, s)
	}
	return s
}

// optStr reads an optional string.
func (p *parser) optStr(i int) {
	if s, ok := p.optional(i); ok {
		p.v[i] = s
	}
}

// date reads a required date.
func (p *parser) date(i int) {
	s, ok := p.required(i)
	if !ok {
		return
	}
	if _, ok := p.recall(i, s); ok {
		return
	}
	t, ok := parseDate(s)
	switch {
	case !ok:
		p.fail(i, ReasonInvalidDate)
	case !p.opt.Dates.contains(t):
		p.fail(i, ReasonOutOfRange)
	default:
		p.keep(i, s, t)
	}
}

// optDate reads an optional date.
func (p *parser) optDate(i int) {
	s, ok := p.optional(i)
	if !ok {
		return
	}
	if t, ok := parseDate(s); ok && p.opt.Dates.contains(t) {
		p.v[i] = t
		return
	}
	p.warn(i)
}

// timestamp reads a required timestamp.
func (p *parser) timestamp(i int) {
	s, ok := p.required(i)
	if !ok {
		return
	}
	if _, ok := p.recall(i, s); ok {
		return
	}
	t, ok := parseTimestamp(s, p.opt.Location)
	switch {
	case !ok:
		p.fail(i, ReasonInvalidTimestamp)
	case !p.opt.Dates.containsInstant(t, p.opt.Location):
		p.fail(i, ReasonOutOfRange)
	default:
		p.keep(i, s, t)
	}
}

// flag reads a required flag.
func (p *parser) flag(i int) {
	s, ok := p.required(i)
	if !ok {
		return
	}
	if b, ok := parseFlag(s); ok {
		p.v[i] = b
		return
	}
	p.fail(i, ReasonInvalidFlag)
}

// optFlag reads an optional flag; empty means unknown.
func (p *parser) optFlag(i int) {
	s, ok := p.optional(i)
	if !ok {
		return
	}
	if b, ok := parseFlag(s); ok {
		p.v[i] = b
		return
	}
	p.warn(i)
}

// enum reads a required enumerated value and returns its canonical
// spelling.
func (p *parser) enum(i int, e enum) string {
	s, ok := p.required(i)
	if !ok {
		return ""
	}
	if j := parseEnum(s, e); j >= 0 {
		p.v[i] = e.boxed[j]
		return e.names[j]
	}
	p.fail(i, ReasonInvalidValue)
	return ""
}

// optEnum reads an optional enumerated value.
func (p *parser) optEnum(i int, e enum) {
	s, ok := p.optional(i)
	if !ok {
		return
	}
	if j := parseEnum(s, e); j >= 0 {
		p.v[i] = e.boxed[j]
		return
	}
	p.warn(i)
}

// integer reads a required integer in [lo, hi].
func (p *parser) integer(i int, lo, hi int64) int64 {
	s, ok := p.required(i)
	if !ok {
		return 0
	}
	if v, ok := p.recall(i, s); ok {
		return v.(int64)
	}
	n, reason := checkInt(s, lo, hi)
	if reason != "" {
		p.fail(i, reason)
		return 0
	}
	p.keep(i, s, n)
	return n
}

// optInt reads an optional integer in [lo, hi].
func (p *parser) optInt(i int, lo, hi int64) {
	s, ok := p.optional(i)
	if !ok {
		return
	}
	if _, ok := p.recall(i, s); ok {
		return
	}
	if n, reason := checkInt(s, lo, hi); reason == "" {
		p.keep(i, s, n)
		return
	}
	p.warn(i)
}

func checkInt(s string, lo, hi int64) (int64, string) {
	n, ok := parseInt(s)
	switch {
	case !ok:
		return 0, ReasonInvalidInteger
	case n < lo || n > hi:
		return 0, ReasonOutOfRange
	}
	return n, ""
}

// neighbourhood reads a required neighbourhood code known to the options.
func (p *parser) neighbourhood(i int) string {
	s, ok := p.required(i)
	if !ok {
		return ""
	}
	if _, ok := p.recall(i, s); ok {
		return s
	}
	if p.opt.KnownNeighbourhood != nil && !p.opt.KnownNeighbourhood(s) {
		p.fail(i, ReasonUnknownNeighbourhood)
		return ""
	}
	p.keep(i, s, s)
	return s
}

// partner reads a required partner id known to the options.
func (p *parser) partner(i int) {
	s, ok := p.required(i)
	if !ok {
		return
	}
	if _, ok := p.recall(i, s); ok {
		return
	}
	if p.opt.KnownPartner != nil && !p.opt.KnownPartner(s) {
		p.fail(i, ReasonUnknownPartner)
		return
	}
	p.keep(i, s, s)
}

// optPartner reads an optional partner id; an unknown one is read as
// empty.
func (p *parser) optPartner(i int) {
	s, ok := p.optional(i)
	if !ok {
		return
	}
	if _, ok := p.recall(i, s); ok {
		return
	}
	if p.opt.KnownPartner != nil && !p.opt.KnownPartner(s) {
		p.warn(i)
		return
	}
	p.keep(i, s, s)
}

// person reads a required client_id, stores its pseudonym and returns
// it; the raw value goes no further than Options.Pseudonym.
func (p *parser) person(i int) []byte {
	s, ok := p.required(i)
	if !ok {
		return nil
	}
	n := NormalizeClientID(s)
	if n == "" {
		p.fail(i, ReasonMissingValue)
		return nil
	}
	k := p.opt.Pseudonym(n)
	p.v[i] = k
	return k
}

// optPerson reads an optional client_id; one that normalizes to nothing
// (only spaces and hyphens) is read as empty with a warning.
func (p *parser) optPerson(i int) {
	s, ok := p.optional(i)
	if !ok {
		return
	}
	if n := NormalizeClientID(s); n != "" {
		p.v[i] = p.opt.Pseudonym(n)
		return
	}
	p.warn(i)
}

// ignorePerson reads a client_id the row's kind takes none of: a present
// value is dropped with a warning.
func (p *parser) ignorePerson(i int) {
	if _, ok := p.optional(i); ok {
		p.warn(i)
	}
}
