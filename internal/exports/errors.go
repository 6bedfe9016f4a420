package exports

import (
	"errors"
	"fmt"
)

// ErrUnknownKind is returned by NewReader for a Kind that is not one of the
// six export kinds.
var ErrUnknownKind = errors.New("unknown export kind")

// ErrInvalidOptions is returned by NewReader when Options lacks what the
// kind needs (a Location for timestamps, a Year for birth years, a
// Pseudonym for client ids).
var ErrInvalidOptions = errors.New("invalid exports options")

// Reason codes of RowError and FileError, stable: they are stored in the
// ingest manifest and read by people.
const (
	ReasonMissingValue         = "missing_value"
	ReasonInvalidDate          = "invalid_date"
	ReasonInvalidTimestamp     = "invalid_timestamp"
	ReasonInvalidFlag          = "invalid_flag"
	ReasonInvalidValue         = "invalid_value"
	ReasonInvalidInteger       = "invalid_integer"
	ReasonOutOfRange           = "out_of_range"
	ReasonUnknownNeighbourhood = "unknown_neighbourhood"
	ReasonUnknownPartner       = "unknown_partner"
	ReasonWrongFieldCount      = "wrong_field_count"
	ReasonMalformedQuotes      = "malformed_quotes"
	ReasonFieldTooLong         = "field_too_long"

	ReasonEmptyFile       = "empty_file"
	ReasonNotCSV          = "not_csv"
	ReasonUndecodable     = "undecodable"
	ReasonMissingColumn   = "missing_column"
	ReasonDuplicateColumn = "duplicate_column"
	ReasonReadFailed      = "read_failed"
	// Hostile or broken files: each names the line it is tied to.
	ReasonCROnly            = "cr_line_endings"    // lines end with a lone CR (classic Mac OS); re-save with LF or CRLF
	ReasonLineTooLong       = "line_too_long"      // a physical line longer than Limits.MaxLineBytes
	ReasonRecordTooLong     = "record_too_long"    // a row (quoted newlines included) longer than Limits.MaxLineBytes
	ReasonTooManyColumns    = "too_many_columns"   // a header wider than Limits.MaxColumns
	ReasonMixedEncoding     = "mixed_encoding"     // UTF-8 and another encoding in one file: Line is where they first disagree
	ReasonMisplacedBOM      = "misplaced_bom"      // a byte-order mark after the start (files joined together)
	ReasonUnterminatedQuote = "unterminated_quote" // a quote opened on Line is never closed
)

// RowError reports a rejected row: where it is and why, never the refused
// value (it may be an identifier).
type RowError struct {
	File   string // base name of the file
	Line   int    // physical line where the row starts; the header is line 1 at the earliest
	Column int    // 1-based field position, 0 when the whole row is at fault or the column is absent
	Field  string // column name, empty when the whole row is at fault
	Reason string // a Reason* code
}

// Error formats the error as file:line:column: field: reason.
func (e *RowError) Error() string {
	return position(e.File, e.Line, e.Column, e.Field, e.Reason)
}

// FileError reports a whole-file reject: nothing from the file may be
// loaded.
type FileError struct {
	File   string
	Line   int    // 0 when the problem is not tied to a line
	Column int    // 1-based field position, 0 when not tied to a field
	Field  string // column name for missing_column and duplicate_column
	Reason string // a Reason* code
	Err    error  // underlying I/O error for read_failed, else nil
}

// Error formats the error as file:line:column: field: reason.
func (e *FileError) Error() string {
	s := position(e.File, e.Line, e.Column, e.Field, e.Reason)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying I/O error, if any.
func (e *FileError) Unwrap() error { return e.Err }

func position(file string, line, col int, field, reason string) string {
	if field != "" {
		return fmt.Sprintf("%s:%d:%d: %s: %s", file, line, col, field, reason)
	}
	return fmt.Sprintf("%s:%d:%d: %s", file, line, col, reason)
}
