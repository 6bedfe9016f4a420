// Package exports reads one export file of the input contract
// (docs/exports.md at the root of the repository) and yields validated, typed and
// pseudonymized records, or precise row and file errors.
//
// It owns: kind detection from the file name, encoding detection (UTF-8
// with or without BOM, else Windows-1252), delimiter detection (',' or
// ';'), header matching, value parsing and the per-kind required-value
// rules. It never keeps a raw client_id: the value is normalized
// (NormalizeClientID) and handed to Options.Pseudonym, and only the
// pseudonym (person_key) leaves the package. Errors carry file, line,
// column and a reason code, never the value that was refused.
//
// It must not touch the database, log, or decide what a re-export means:
// versioning, reference loading order and manifests belong to the ingest
// stage (package pipeline).
//
// Reading choices not spelled out by the contract:
//   - Codes (neighbourhood codes, partner ids, record ids) are compared and
//     returned after trimming spaces; their case is kept, so "JF" and "jf"
//     are different codes.
//   - A column is a required column (its absence rejects the file) only
//     when the contract marks it "yes". Columns required for some activity
//     kinds only (client_id, group_id, group_format, participants,
//     partner_id) may be absent; rows that need them are then rejected with
//     missing_value and Column 0.
//   - Blank lines and rows whose fields are all blank are skipped and not
//     counted in RowsRead.
//   - Timestamps may use 'T' or a space between date and time; seconds and
//     fractional seconds are optional; the offset is Z, ±hh:mm, ±hhmm or
//     ±hh. Without an offset the time is read in Options.Location through
//     time.Date: a local time in the spring-forward gap (2024-03-10T02:30
//     in America/Montreal) does not exist; it is accepted, not rejected,
//     and read as time.Date normalizes it: with the offset in force after
//     the change (−04:00), i.e. the instant 06:30Z, shown as 01:30 EST.
//     Go documents only that the result is correct in one of the two
//     zones; TestTimestamps pins today's behaviour. An ambiguous fall-back
//     time (2024-11-03T01:30) is read with the first of its two offsets
//     (−04:00, EDT). Timestamps are returned in UTC.
//   - Population profile years must lie in 1900–2100.
//   - Integers are plain decimal (an optional sign, no thousands
//     separators, no decimals).
//   - A file whose header names none of the kind's columns is not_csv.
//   - A file holding NUL or other C0 control bytes (other than tab, LF, CR,
//     form feed and the DOS end-of-file byte 0x1A) is not_csv; a file that
//     is not valid UTF-8 and holds a byte Windows-1252 leaves undefined
//     (0x81, 0x8D, 0x8F, 0x90, 0x9D), or starts with a UTF-16 byte-order
//     mark, is undecodable.
//   - Hostile or broken files are rejected whole, naming the line:
//     lines ending with a lone CR (cr_line_endings: CR-only files are not
//     supported, re-save them with LF or CRLF), a line or a row longer
//     than Limits.MaxLineBytes (line_too_long, record_too_long), a header
//     wider than Limits.MaxColumns (too_many_columns), valid multi-byte
//     UTF-8 and bytes that are not UTF-8 in one file (mixed_encoding, at
//     the first line where the two disagree), a byte-order mark after the
//     start of the file (misplaced_bom), and a quote that opens a field and
//     is still open at the end of the file (unterminated_quote, at the line
//     of the row where it opened). A field longer than
//     Limits.MaxFieldBytes rejects its row (field_too_long).
//   - Dates and the local day of timestamps outside Options.Dates reject
//     a required value's row with out_of_range; an optional date outside
//     it is read as empty with a warning.
//
// NewReader reads its input twice (a scan for the encoding, then the
// parse): it must be given bytes that cannot change in between (the
// ingest stage hands it a private copy).
package exports
