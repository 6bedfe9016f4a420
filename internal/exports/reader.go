package exports

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// Options are the context a file is read in.
type Options struct {
	Location           *time.Location                 // timestamps without offset are local to it (America/Montreal)
	Year               int                            // current year: birth_year upper bound
	Pseudonym          func(normalized string) []byte // keyed HMAC of a NormalizeClientID result (the slice is stored, not copied)
	KnownNeighbourhood func(code string) bool         // nil accepts every code; codes are trimmed, case kept
	KnownPartner       func(id string) bool           // nil accepts every id; ids are trimmed, case kept
	Limits             Limits                         // what one file may cost; zero fields take DefaultLimits
	Dates              DateWindow                     // plausible dates and timestamps; zero bounds are open
}

// Limits bound what one file may cost to read.
type Limits struct {
	MaxColumns    int // header fields; a wider header rejects the file (too_many_columns)
	MaxFieldBytes int // bytes of one field; a longer field rejects its row (field_too_long)
	MaxLineBytes  int // bytes of one line, and of one row with quoted newlines (line_too_long, record_too_long)
}

// DefaultLimits returns the bounds used for zero Limits fields: about ten
// times what a legitimate export needs.
func DefaultLimits() Limits {
	return Limits{MaxColumns: 256, MaxFieldBytes: 4096, MaxLineBytes: 1 << 20}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxColumns <= 0 {
		l.MaxColumns = d.MaxColumns
	}
	if l.MaxFieldBytes <= 0 {
		l.MaxFieldBytes = d.MaxFieldBytes
	}
	if l.MaxLineBytes <= 0 {
		l.MaxLineBytes = d.MaxLineBytes
	}
	return l
}

// DateWindow is the span of plausible dates: activity and event dates,
// outreach starts and the day of exported_at must lie in [From, To]
// (days, UTC midnight); outside it a required value rejects its row with
// out_of_range and an optional one is read as empty with a warning.
type DateWindow struct {
	From, To time.Time
}

// contains reports whether day d (UTC midnight) lies in the window.
func (w DateWindow) contains(d time.Time) bool {
	return (w.From.IsZero() || !d.Before(w.From)) && (w.To.IsZero() || !d.After(w.To))
}

// containsInstant reports whether the day of t, in loc, lies in the window.
func (w DateWindow) containsInstant(t time.Time, loc *time.Location) bool {
	y, m, d := t.In(loc).Date()
	return w.contains(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// FileInfo is what was detected about a file when its header was read.
type FileInfo struct {
	Encoding  string   // EncodingUTF8, EncodingUTF8BOM or EncodingWindows1252
	Delimiter rune     // ',' or ';'
	Header    []string // header fields as read (trimmed)
	Ignored   []string // unknown extra columns, ignored; blank names are left out
}

// Record is one accepted row.
type Record struct {
	Line   int    // physical line where the row starts (the header is line 1 at the earliest)
	Key    string // record key; composite keys are joined by a NUL byte
	Values []any  // aligned with Columns(kind): nil, string, int64, bool, time.Time (UTC), or []byte (person_key)
}

// Reader reads the records of one export file.
type Reader struct {
	info  FileInfo
	csv   *csv.Reader
	limit *budget
	lines int // physical lines of the file
	p     parser
	build builder
	width int
	next  int // line after the last row read: where the next row starts, blank lines aside
	rows  int
	warn  map[string]int
	keys  keyWatch
	err   error // sticky: io.EOF or a *FileError
	slab  []any // what is left of the allocation Values are cut from
}

// NewReader detects the encoding and delimiter of r, reads its header and
// returns a Reader positioned on the first row. name is used (as its base
// name) in errors. A whole-file reject is a *FileError; bad arguments wrap
// ErrUnknownKind or ErrInvalidOptions.
func NewReader(r io.ReadSeeker, name string, kind Kind, opt Options) (*Reader, error) {
	name = filepath.Base(name)
	s, ok := schemaOf(kind)
	if !ok {
		return nil, fmt.Errorf("exports %s: %w: %q", name, ErrUnknownKind, kind)
	}
	if err := opt.check(kind); err != nil {
		return nil, fmt.Errorf("exports %s: %w", name, err)
	}
	opt.Limits = opt.Limits.withDefaults()
	text, sc, enc, err := decode(r, name, opt.Limits.MaxLineBytes)
	if err != nil {
		return nil, err
	}
	rd := &Reader{build: builderOf(kind), warn: map[string]int{}, lines: sc.lastLine, keys: newKeyWatch()}
	rd.info.Encoding = enc
	rd.info.Delimiter = detectDelimiter(peek(text))
	rd.limit = &budget{r: text, max: opt.Limits.MaxLineBytes + csvBuffer}
	rd.csv = newCSV(rd.limit, rd.info.Delimiter)
	rd.p = parser{opt: &opt, file: name, names: s.in,
		lastText: make([]string, len(s.in)), lastVal: make([]any, len(s.in))}
	if err := rd.readHeader(s); err != nil {
		return nil, err
	}
	return rd, nil
}

// check reports what the kind needs and opt lacks.
func (o *Options) check(k Kind) error {
	switch {
	case (k == Activities || k == Attendance || k == CrisisEvents) && o.Location == nil:
		return fmt.Errorf("%w: no Location", ErrInvalidOptions)
	case (k == Activities || k == Attendance) && o.Year < 1900:
		return fmt.Errorf("%w: Year %d before 1900", ErrInvalidOptions, o.Year)
	case (k == Activities || k == Attendance || k == CrisisEvents) && o.Pseudonym == nil:
		return fmt.Errorf("%w: no Pseudonym", ErrInvalidOptions)
	}
	return nil
}

// decode scans the whole file, rewinds it and returns its text as UTF-8.
// The caller must hand a reader whose bytes cannot change between the two
// passes (a private copy, or bytes in memory).
func decode(r io.ReadSeeker, name string, maxLine int) (*bufio.Reader, *scan, string, error) {
	s, err := scanFile(r, maxLine)
	if err != nil {
		return nil, nil, "", &FileError{File: name, Reason: ReasonReadFailed, Err: err}
	}
	enc, reason, line := s.encoding()
	if reason != "" {
		return nil, nil, "", &FileError{File: name, Line: line, Reason: reason}
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, nil, "", &FileError{File: name, Reason: ReasonReadFailed, Err: err}
	}
	raw := bufio.NewReaderSize(r, bufSize)
	switch enc {
	case EncodingUTF8BOM:
		_, err = raw.Discard(len(bom))
	case EncodingWindows1252:
		raw = bufio.NewReaderSize(transform.NewReader(raw, charmap.Windows1252.NewDecoder()), bufSize)
	}
	if err != nil {
		return nil, nil, "", &FileError{File: name, Reason: ReasonReadFailed, Err: err}
	}
	return raw, s, enc, nil
}

const bufSize = 64 * 1024

// csvBuffer is how far encoding/csv reads ahead of the row it parses (the
// size of its bufio.Reader): the slack of a budget.
const csvBuffer = 4096

// errBudget is returned by a budget that is spent.
var errBudget = errors.New("row longer than the limit")

// budget hands at most max bytes to encoding/csv per row, so that a row
// that never ends (an unterminated quote in a large file) cannot grow in
// memory without bound.
type budget struct {
	r    io.Reader
	max  int
	used int
}

// Read reads from the underlying reader within what is left of the budget.
func (b *budget) Read(p []byte) (int, error) {
	left := b.max - b.used
	if left <= 0 {
		return 0, errBudget
	}
	if len(p) > left {
		p = p[:left]
	}
	n, err := b.r.Read(p)
	b.used += n
	return n, err
}

// peek returns the start of the text without consuming it; a read error
// shows up again on the first Read.
func peek(b *bufio.Reader) []byte {
	head, _ := b.Peek(bufSize)
	return head
}

func newCSV(r io.Reader, delim rune) *csv.Reader {
	c := csv.NewReader(r)
	c.Comma = delim
	c.FieldsPerRecord = -1 // field counts are checked against the header, as a row error
	c.ReuseRecord = true
	c.TrimLeadingSpace = true // values are trimmed anyway; this lets ` "x"` parse
	return c
}

// readHeader reads the header row and maps the kind's columns onto it.
func (r *Reader) readHeader(s schema) error {
	fields, err := r.csv.Read()
	if err == io.EOF {
		return r.fileErr(0, 0, "", ReasonEmptyFile)
	}
	if errors.Is(err, errBudget) {
		return r.fileErr(1, 0, "", ReasonRecordTooLong)
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return r.fileErr(pe.StartLine, 0, "", ReasonNotCSV)
	}
	if err != nil {
		return &FileError{File: r.p.file, Reason: ReasonReadFailed, Err: err}
	}
	line, _ := r.csv.FieldPos(0)
	r.next = line + 1
	if len(fields) > r.p.opt.Limits.MaxColumns {
		return r.fileErr(line, r.p.opt.Limits.MaxColumns+1, "", ReasonTooManyColumns)
	}
	r.width = len(fields)
	r.info.Header = make([]string, len(fields))
	for i, f := range fields {
		r.info.Header[i] = strings.TrimSpace(f)
	}
	return r.matchColumns(s, line)
}

// matchColumns finds each input column of s in the header, names the
// ignored ones and rejects the file for a duplicate or missing column.
func (r *Reader) matchColumns(s schema, line int) error {
	r.p.pos = make([]int, len(s.in))
	for i := range r.p.pos {
		r.p.pos[i] = -1
	}
	known := 0
	for i, h := range r.info.Header {
		j := indexFold(s.in, h)
		switch {
		case j < 0 && h != "":
			r.info.Ignored = append(r.info.Ignored, h)
		case j < 0:
		case r.p.pos[j] >= 0:
			return r.fileErr(line, i+1, s.in[j], ReasonDuplicateColumn)
		default:
			r.p.pos[j] = i
			known++
		}
	}
	if known == 0 {
		return r.fileErr(line, 0, "", ReasonNotCSV)
	}
	for j, req := range s.required {
		if req && r.p.pos[j] < 0 {
			return r.fileErr(line, 0, s.in[j], ReasonMissingColumn)
		}
	}
	return nil
}

func indexFold(names []string, h string) int {
	for j, n := range names {
		if strings.EqualFold(n, h) {
			return j
		}
	}
	return -1
}

func (r *Reader) fileErr(line, col int, field, reason string) *FileError {
	return &FileError{File: r.p.file, Line: line, Column: col, Field: field, Reason: reason}
}

// Info returns what was detected about the file.
func (r *Reader) Info() FileInfo { return r.info }

// Warnings returns, per input column, how many optional values were read
// as empty in accepted rows: invalid optional values, a client_id on an
// activity kind that takes none, an unknown partner_id on a
// non-organizational activity.
func (r *Reader) Warnings() map[string]int { return maps.Clone(r.warn) }

// RowsRead returns how many data rows were read so far, rejected ones
// included, blank ones not.
func (r *Reader) RowsRead() int { return r.rows }

// Next returns the next accepted record. It returns io.EOF at the end, a
// *RowError for a rejected row (call Next again to go on), or a *FileError
// if the file cannot be read further (then the whole file is rejected and
// every later call returns the same error).
func (r *Reader) Next() (Record, error) {
	for r.err == nil {
		r.limit.used = 0
		fields, err := r.csv.Read()
		if err != nil {
			return Record{}, r.readErr(err)
		}
		line, _ := r.csv.FieldPos(0)
		last, _ := r.csv.FieldPos(len(fields) - 1)
		r.next = last + 1
		if blank(fields) {
			continue
		}
		r.rows++
		if len(fields) != r.width {
			return Record{}, &RowError{File: r.p.file, Line: line, Reason: ReasonWrongFieldCount}
		}
		if err := r.checkSizes(fields, line); err != nil {
			return Record{}, err
		}
		return r.record(fields, line)
	}
	return Record{}, r.err
}

// checkSizes rejects a row holding a field longer than the limit.
func (r *Reader) checkSizes(fields []string, line int) error {
	for i, f := range fields {
		if len(f) > r.p.opt.Limits.MaxFieldBytes {
			return &RowError{File: r.p.file, Line: line, Column: i + 1, Field: r.p.nameAt(i), Reason: ReasonFieldTooLong}
		}
	}
	return nil
}

// readErr turns a csv error into a row error (bad quoting) or a sticky
// end of file or file error. A quote left open runs to the end of the
// file: that rejects the file at the line of the row where it opened,
// rather than losing every later row to one row error.
func (r *Reader) readErr(err error) error {
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe) && pe.Err == csv.ErrQuote && pe.Line >= r.lines && pe.StartLine < pe.Line:
		r.err = r.fileErr(pe.StartLine, 0, "", ReasonUnterminatedQuote)
	case errors.As(err, &pe) && (pe.Err == csv.ErrQuote || pe.Err == csv.ErrBareQuote):
		r.rows++
		r.next = pe.Line + 1
		return &RowError{File: r.p.file, Line: pe.StartLine, Reason: ReasonMalformedQuotes}
	case err == io.EOF:
		r.err = io.EOF
	case errors.Is(err, errBudget):
		r.err = r.fileErr(r.next, 0, "", ReasonRecordTooLong)
	default:
		r.err = &FileError{File: r.p.file, Reason: ReasonReadFailed, Err: err}
	}
	return r.err
}

// record builds the record of one row of the right width.
func (r *Reader) record(fields []string, line int) (Record, error) {
	v := r.values()
	r.p.reset(fields, line, v)
	key := r.build(&r.p)
	if r.p.err != nil {
		return Record{}, r.p.err
	}
	for _, i := range r.p.warned {
		r.warn[r.p.names[i]]++
	}
	r.keys.add(key)
	return Record{Line: line, Key: key, Values: v}, nil
}

// slabRows is how many rows' Values one allocation holds.
const slabRows = 256

// values returns the Values of a new record: a zeroed slice cut from a
// slab shared with the next records, so that a row costs no allocation of
// its own. The slab is never reused: records keep their Values.
func (r *Reader) values() []any {
	n := len(r.p.pos)
	if len(r.slab) < n {
		r.slab = make([]any, n*slabRows)
	}
	v := r.slab[:n:n]
	r.slab = r.slab[n:]
	return v
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
