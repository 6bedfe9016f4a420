package queries

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ColumnRule says how one column goes into a research snapshot; the zero
// value copies it as it is.
type ColumnRule struct {
	// Drop leaves the column out.
	Drop bool
	// RekeyKind, when set, replaces each value by SHA-256 of the salt, this
	// kind and the value, so that equal values stay equal within the file.
	RekeyKind string
	// AgeBand replaces a birth year by the age band (column age_band).
	AgeBand bool
	// Note is appended to the column's comment.
	Note string
}

// Column is a column of a store table.
type Column struct {
	Name, Type, Comment string
}

// CopyParams are the values the column rules use.
type CopyParams struct {
	Salt     string // the recipient's re-keying salt
	AsOfYear int    // the year ages are reached in
}

// TableColumns returns the columns of a table of the current database and
// the table's comment.
func (q *Queries) TableColumns(ctx context.Context, table string) ([]Column, string, error) {
	var comment string
	if err := q.db.QueryRowContext(ctx, publishSQL("table_comment"), sql.Named("table", table)).Scan(&comment); err != nil {
		return nil, "", fmt.Errorf("table %s: %w", table, err)
	}
	rows, err := q.db.QueryContext(ctx, publishSQL("snapshot_columns"), sql.Named("table", table))
	if err != nil {
		return nil, "", fmt.Errorf("columns of %s: %w", table, err)
	}
	defer rows.Close()
	var cols []Column
	for rows.Next() {
		var c Column
		if err := rows.Scan(&c.Name, &c.Type, &c.Comment); err != nil {
			return nil, "", err
		}
		cols = append(cols, c)
	}
	return cols, comment, rows.Err()
}

// CopyToSnapshot copies table from the current database into the database
// attached as "snap", column by column as rules say, in a total order, with
// the table and column comments.
func (q *Queries) CopyToSnapshot(ctx context.Context, table string, rules map[string]ColumnRule, p CopyParams) error {
	cols, comment, err := q.TableColumns(ctx, table)
	if err != nil {
		return err
	}
	items, comments := selectList(cols, rules)
	s := fmt.Sprintf(publishSQL("copy_table"), QuoteIdent(table), strings.Join(items, ",\n       "))
	if _, err := q.db.ExecContext(ctx, s, sql.Named("salt", p.Salt), sql.Named("as_of_year", p.AsOfYear)); err != nil {
		return fmt.Errorf("copy %s: %w", table, err)
	}
	if err := q.exec(ctx, fmt.Sprintf(publishSQL("comment_table"), QuoteIdent(table), QuoteLiteral(comment))); err != nil {
		return fmt.Errorf("comment %s: %w", table, err)
	}
	for _, c := range comments {
		s := fmt.Sprintf(publishSQL("comment_column"), QuoteIdent(table), QuoteIdent(c.Name), QuoteLiteral(c.Comment))
		if err := q.exec(ctx, s); err != nil {
			return fmt.Errorf("comment %s.%s: %w", table, c.Name, err)
		}
	}
	return nil
}

// selectList builds the select list of cols under rules, and the comments
// of the columns it keeps.
func selectList(cols []Column, rules map[string]ColumnRule) (items []string, comments []Column) {
	for _, c := range cols {
		r := rules[c.Name]
		id := QuoteIdent(c.Name)
		text := id + "::VARCHAR"
		if c.Type == "BLOB" {
			text = strings.TrimSpace(fmt.Sprintf(publishSQL("expr_hex"), id))
		}
		out := Column{Name: c.Name, Comment: strings.TrimSpace(c.Comment + " " + r.Note)}
		switch {
		case r.Drop:
			continue
		case r.AgeBand:
			items = append(items, fmt.Sprintf(publishSQL("expr_age_band"), id))
			out = Column{Name: "age_band", Comment: r.Note}
		case r.RekeyKind != "":
			items = append(items, fmt.Sprintf(publishSQL("expr_rekey"), id, QuoteLiteral(r.RekeyKind), text))
		case c.Type == "BLOB":
			items = append(items, text+" AS "+id)
		default:
			items = append(items, fmt.Sprintf(publishSQL("expr_keep"), id))
		}
		comments = append(comments, out)
	}
	return items, comments
}

func (q *Queries) exec(ctx context.Context, s string, args ...any) error {
	_, err := q.db.ExecContext(ctx, s, args...)
	return err
}

// SnapshotStorage restricts the compression of the snapshot file to the
// methods that write the same bytes for the same rows (a global setting:
// run it only on a private work database).
func (q *Queries) SnapshotStorage(ctx context.Context) error {
	if err := q.exec(ctx, publishSQL("snapshot_storage")); err != nil {
		return fmt.Errorf("snapshot storage: %w", err)
	}
	return nil
}

// CreateAbout creates the about, input_files and codebook tables of the
// snapshot and fills input_files from the current database.
func (q *Queries) CreateAbout(ctx context.Context) error {
	if err := q.execScript(ctx, "create_about"); err != nil {
		return err
	}
	if err := q.exec(ctx, publishSQL("insert_input_files")); err != nil {
		return fmt.Errorf("input files: %w", err)
	}
	return nil
}

// InsertAbout adds one fact to the snapshot's about table.
func (q *Queries) InsertAbout(ctx context.Context, key, value string) error {
	if err := q.exec(ctx, publishSQL("insert_about"), sql.Named("key", key), sql.Named("value", value)); err != nil {
		return fmt.Errorf("about %s: %w", key, err)
	}
	return nil
}

// InsertCodebook stores the codebook text in the snapshot, in parts of
// whole lines under CodebookPartBytes: DuckDB keeps a longer string in an
// overflow block whose last bytes it never sets (see snapshot_storage.sql).
func (q *Queries) InsertCodebook(ctx context.Context, markdown string) error {
	for i, part := range CodebookParts(markdown) {
		err := q.exec(ctx, publishSQL("insert_codebook"), sql.Named("part", i+1), sql.Named("markdown", part))
		if err != nil {
			return fmt.Errorf("codebook part %d: %w", i+1, err)
		}
	}
	return nil
}

// CodebookPartBytes bounds a part of the codebook: DuckDB writes strings of
// 4096 bytes or more to overflow blocks.
const CodebookPartBytes = 4000

// CodebookParts cuts text after line ends into parts under
// CodebookPartBytes; a longer line is cut before the limit at a UTF-8
// character boundary. Put end to end, the parts are text.
func CodebookParts(text string) []string {
	var parts []string
	for len(text) > 0 {
		n := min(len(text), CodebookPartBytes-1)
		if n < len(text) {
			if nl := strings.LastIndexByte(text[:n], '\n'); nl >= 0 {
				n = nl + 1
			} else {
				for n > 0 && !utf8.RuneStart(text[n]) {
					n--
				}
				if n == 0 { // not UTF-8: cut anyway
					n = CodebookPartBytes - 1
				}
			}
		}
		parts = append(parts, text[:n])
		text = text[n:]
	}
	return parts
}

// CodebookIndicator is an indicator of the catalogue as the codebook lists it.
type CodebookIndicator struct {
	ID                                           string
	Section                                      int
	Title, Definition, Numerator, Denominator    string
	Unit, Direction, Breakdowns, Periods, Levels string
}

// CodebookIndicators returns the catalogue of the current database.
func (q *Queries) CodebookIndicators(ctx context.Context) ([]CodebookIndicator, error) {
	rows, err := q.db.QueryContext(ctx, publishSQL("codebook_indicators"))
	if err != nil {
		return nil, fmt.Errorf("codebook indicators: %w", err)
	}
	defer rows.Close()
	var out []CodebookIndicator
	for rows.Next() {
		var i CodebookIndicator
		if err := rows.Scan(&i.ID, &i.Section, &i.Title, &i.Definition, &i.Numerator, &i.Denominator,
			&i.Unit, &i.Direction, &i.Breakdowns, &i.Periods, &i.Levels); err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// SnapshotTable is a table of the attached snapshot with its columns.
type SnapshotTable struct {
	Name, Comment string
	Columns       []Column
}

// CodebookTables returns the tables of the database attached as "snap",
// with their columns and comments.
func (q *Queries) CodebookTables(ctx context.Context) ([]SnapshotTable, error) {
	rows, err := q.db.QueryContext(ctx, publishSQL("codebook_columns"))
	if err != nil {
		return nil, fmt.Errorf("codebook tables: %w", err)
	}
	defer rows.Close()
	var out []SnapshotTable
	for rows.Next() {
		var t SnapshotTable
		var c Column
		if err := rows.Scan(&t.Name, &t.Comment, &c.Name, &c.Type, &c.Comment); err != nil {
			return nil, err
		}
		if n := len(out); n > 0 && out[n-1].Name == t.Name {
			out[n-1].Columns = append(out[n-1].Columns, c)
			continue
		}
		t.Columns = []Column{c}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ParquetRows returns the rows of table for its Parquet export: cols in
// order, and for indicator_values the partition keys area and year after them.
func (q *Queries) ParquetRows(ctx context.Context, table string, cols []string) (*sql.Rows, error) {
	list := make([]string, len(cols))
	for i, c := range cols {
		list[i] = QuoteIdent(c)
	}
	s := fmt.Sprintf(publishSQL("parquet_table"), strings.Join(list, ", "), QuoteIdent(table))
	if table == "indicator_values" {
		s = fmt.Sprintf(publishSQL("parquet_indicator_values"), strings.Join(list, ", "))
	}
	rows, err := q.db.QueryContext(ctx, s)
	if err != nil {
		return nil, fmt.Errorf("parquet rows of %s: %w", table, err)
	}
	return rows, nil
}
