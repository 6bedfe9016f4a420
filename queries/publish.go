package queries

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"
)

//go:embed publish/*.sql
var publishFS embed.FS

// publishSQL returns the text of queries/publish/<name>.sql (a bug if
// missing) without its comment lines: several files are templates whose
// pieces are put together, and a comment must not swallow a piece.
func publishSQL(name string) string {
	b, err := publishFS.ReadFile("publish/" + name + ".sql")
	if err != nil {
		panic(fmt.Sprintf("queries: no publish query %s: %v", name, err))
	}
	lines := strings.Split(string(b), "\n")
	kept := lines[:0]
	for _, l := range lines {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			kept = append(kept, l)
		}
	}
	return strings.TrimSpace(strings.Join(kept, "\n"))
}

// KeyFingerprint returns the fingerprint of the key the store's pseudonyms
// were made with; ok is false before the first ingest recorded one.
func (q *Queries) KeyFingerprint(ctx context.Context) (fp string, ok bool, err error) {
	err = q.db.QueryRowContext(ctx, publishSQL("key_fingerprint")).Scan(&fp)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("key fingerprint: %w", err)
	}
	return fp, true, nil
}

// PutKeyFingerprint records fp when the store has no fingerprint yet.
func (q *Queries) PutKeyFingerprint(ctx context.Context, fp string) error {
	if _, err := q.db.ExecContext(ctx, publishSQL("put_key_fingerprint"), sql.Named("fingerprint", fp)); err != nil {
		return fmt.Errorf("record key fingerprint: %w", err)
	}
	return nil
}

// StoreIdentity is the row of store_identity.
type StoreIdentity struct {
	CentreID, CentreName, KeyFingerprint string
}

// StoreIdentity returns who the store belongs to; ok is false before the
// first ingest.
func (q *Queries) StoreIdentity(ctx context.Context) (id StoreIdentity, ok bool, err error) {
	err = q.db.QueryRowContext(ctx, publishSQL("store_centre")).Scan(&id.CentreID, &id.CentreName, &id.KeyFingerprint)
	if errors.Is(err, sql.ErrNoRows) {
		return id, false, nil
	}
	if err != nil {
		return id, false, fmt.Errorf("store identity: %w", err)
	}
	return id, true, nil
}

// PutStoreCentre records the centre when none is recorded yet.
func (q *Queries) PutStoreCentre(ctx context.Context, id, name string) error {
	_, err := q.db.ExecContext(ctx, publishSQL("put_store_centre"), sql.Named("centre_id", id), sql.Named("centre_name", name))
	if err != nil {
		return fmt.Errorf("record centre: %w", err)
	}
	return nil
}

// DataRange returns the first and last month with an active activity or
// crisis event; ok is false when there is none.
func (q *Queries) DataRange(ctx context.Context) (first, last time.Time, ok bool, err error) {
	var f, l sql.NullTime
	if err := q.db.QueryRowContext(ctx, publishSQL("data_range")).Scan(&f, &l); err != nil {
		return first, last, false, fmt.Errorf("data range: %w", err)
	}
	return f.Time, l.Time, f.Valid && l.Valid, nil
}

// Attach attaches the DuckDB file at path under alias.
func (q *Queries) Attach(ctx context.Context, path, alias string, readOnly bool) error {
	s := fmt.Sprintf(publishSQL("attach"), QuoteLiteral(path), QuoteIdent(alias), fmt.Sprint(readOnly))
	if _, err := q.db.ExecContext(ctx, s); err != nil {
		return fmt.Errorf("attach %s: %w", path, err)
	}
	return nil
}

// Detach detaches alias.
func (q *Queries) Detach(ctx context.Context, alias string) error {
	if _, err := q.db.ExecContext(ctx, fmt.Sprintf(publishSQL("detach"), QuoteIdent(alias))); err != nil {
		return fmt.Errorf("detach %s: %w", alias, err)
	}
	return nil
}

// CopyAsOf fills the store attached as "work" with what the store knew
// about the month ending monthEnd: record versions exported before cutoff
// about days up to monthEnd, their current versions by ingest's rule, the
// reference tables, and the files and loads they came from (the
// queries/publish/asof_*.sql steps, in order).
func (q *Queries) CopyAsOf(ctx context.Context, cutoff, monthEnd time.Time) error {
	steps, err := fs.Glob(publishFS, "publish/asof_*.sql")
	if err != nil {
		return err
	}
	args := []any{sql.Named("cutoff", cutoff), sql.Named("month_end", monthEnd.Format(time.DateOnly))}
	for _, s := range steps {
		name := strings.TrimSuffix(strings.TrimPrefix(s, "publish/"), ".sql")
		if _, err := q.db.ExecContext(ctx, publishSQL(name), args...); err != nil {
			return fmt.Errorf("as-of copy %s: %w", name, err)
		}
	}
	return nil
}

// DataStamp returns the latest export time of the records; ok is false
// when there are none.
func (q *Queries) DataStamp(ctx context.Context) (at time.Time, ok bool, err error) {
	var t sql.NullTime
	if err := q.db.QueryRowContext(ctx, publishSQL("data_stamp")).Scan(&t); err != nil {
		return at, false, fmt.Errorf("data stamp: %w", err)
	}
	return t.Time.UTC(), t.Valid, nil
}

// DuckDBVersion returns the version of the DuckDB library in use.
func (q *Queries) DuckDBVersion(ctx context.Context) (string, error) {
	var v string
	if err := q.db.QueryRowContext(ctx, publishSQL("duckdb_version")).Scan(&v); err != nil {
		return "", fmt.Errorf("duckdb version: %w", err)
	}
	return v, nil
}

// QuoteLiteral quotes s as an SQL string literal (for the statements that
// take no parameters: ATTACH, COMMENT).
func QuoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// QuoteIdent quotes s as an SQL identifier.
func QuoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// execScript runs the statements of a publish SQL file one by one (they
// are separated by a semicolon at the end of a line).
func (q *Queries) execScript(ctx context.Context, name string, args ...any) error {
	for _, s := range strings.Split(publishSQL(name), ";\n") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		if _, err := q.db.ExecContext(ctx, s, args...); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}
