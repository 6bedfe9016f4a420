package pipeline

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"proximite/queries"
)

// PublishOptions configures a research snapshot.
type PublishOptions struct {
	// Month is the as-of month (its first day).
	Month time.Time
	// Dir receives proximite-YYYY-MM.duckdb, the Parquet export and the codebook.
	Dir string
	// Recipient, when set with RekeySecret, re-keys the pseudonyms for that
	// recipient only, so two recipients cannot link their files.
	Recipient   string
	RekeySecret []byte
	Version     string
	Now         func() time.Time
}

// PublishSummary says what Publish wrote.
type PublishSummary struct {
	Snapshot, Parquet, Codebook string
	Tables                      int
	SHA256                      string
}

// Publish writes a self-contained read-only DuckDB snapshot of the store
// (every table and view with its comments, an about table), a
// hive-partitioned Parquet export of indicator_values (area=…/year=…) and a
// Markdown codebook generated from the comments. The snapshot is written
// under a temporary name and renamed, so a reader never sees half a file.
func Publish(ctx context.Context, db *queries.DB, opt PublishOptions) (PublishSummary, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	name := "proximite-" + opt.Month.Format("2006-01")
	if opt.Recipient != "" {
		name += "-" + opt.Recipient
	}
	sum := PublishSummary{
		Snapshot: filepath.Join(opt.Dir, name+".duckdb"),
		Parquet:  filepath.Join(opt.Dir, name+"-parquet"),
		Codebook: filepath.Join(opt.Dir, name+"-codebook.md"),
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return sum, fmt.Errorf("publish: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return sum, fmt.Errorf("publish: %w", err)
	}
	defer conn.Close()
	if err := writeSnapshot(ctx, conn, &sum, opt); err != nil {
		return sum, fmt.Errorf("publish %s: %w", sum.Snapshot, err)
	}
	if err := exportParquet(ctx, conn, sum.Parquet); err != nil {
		return sum, fmt.Errorf("publish %s: %w", sum.Parquet, err)
	}
	if sum.SHA256, err = fileSHA256(sum.Snapshot); err != nil {
		return sum, fmt.Errorf("publish: %w", err)
	}
	err = queries.New(conn).PutSnapshot(ctx, queries.Snapshot{Month: opt.Month, Recipient: opt.Recipient,
		Path: sum.Snapshot, SHA256: sum.SHA256, CreatedAt: opt.Now()})
	return sum, err
}

// writeSnapshot copies the store into a new file, adds the about table,
// re-keys if asked, writes the codebook and moves the file into place.
func writeSnapshot(ctx context.Context, conn *sql.Conn, sum *PublishSummary, opt PublishOptions) error {
	tmp := sum.Snapshot + ".tmp"
	os.Remove(tmp)
	os.Remove(tmp + ".wal")
	var src string
	if err := conn.QueryRowContext(ctx, `SELECT current_database()`).Scan(&src); err != nil {
		return err
	}
	// ATTACH and COPY take no parameters: the path and name are quoted literals.
	steps := []string{
		"ATTACH " + quoteLiteral(tmp) + " AS snap",
		"COPY FROM DATABASE " + quoteIdent(src) + " TO snap",
	}
	for _, s := range steps {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", strings.SplitN(s, " ", 2)[0], err)
		}
	}
	err := fillSnapshot(ctx, conn, src, sum, opt)
	if _, derr := conn.ExecContext(context.WithoutCancel(ctx), "DETACH snap"); err == nil {
		err = derr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	os.Remove(sum.Snapshot)
	if err := os.Rename(tmp, sum.Snapshot); err != nil {
		return err
	}
	return os.Chmod(sum.Snapshot, 0o444)
}

// fillSnapshot copies the comments, adds about, re-keys, and writes the codebook.
func fillSnapshot(ctx context.Context, conn *sql.Conn, src string, sum *PublishSummary, opt PublishOptions) error {
	if err := copyComments(ctx, conn, src); err != nil {
		return fmt.Errorf("comments: %w", err)
	}
	if err := writeAbout(ctx, conn, opt); err != nil {
		return fmt.Errorf("about: %w", err)
	}
	if opt.Recipient != "" && len(opt.RekeySecret) > 0 {
		if err := rekey(ctx, conn, rekeySalt(opt.RekeySecret, opt.Recipient)); err != nil {
			return fmt.Errorf("re-key: %w", err)
		}
	}
	tables, err := writeCodebook(ctx, conn, sum.Codebook, opt)
	sum.Tables = tables
	return err
}

// copyComments repeats the store's table, view and column comments in snap
// (COPY FROM DATABASE does not carry them).
func copyComments(ctx context.Context, conn *sql.Conn, src string) error {
	rows, err := conn.QueryContext(ctx, `
		SELECT 'TABLE', table_name, '', comment FROM duckdb_tables() WHERE database_name = $1 AND comment IS NOT NULL
		UNION ALL
		SELECT 'VIEW', view_name, '', comment FROM duckdb_views() WHERE database_name = $1 AND NOT internal AND comment IS NOT NULL
		UNION ALL
		SELECT 'COLUMN', table_name, column_name, comment FROM duckdb_columns() WHERE database_name = $1 AND comment IS NOT NULL
		ORDER BY 1, 2, 3`, src)
	if err != nil {
		return err
	}
	var stmts []string
	for rows.Next() {
		var kind, tbl, col, comment string
		if err := rows.Scan(&kind, &tbl, &col, &comment); err != nil {
			rows.Close()
			return err
		}
		target := "snap.main." + quoteIdent(tbl)
		if kind == "COLUMN" {
			target += "." + quoteIdent(col)
		}
		stmts = append(stmts, "COMMENT ON "+kind+" "+target+" IS "+quoteLiteral(comment))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// writeAbout adds the about table: as-of month, program version, and one
// row per input file with its checksum.
func writeAbout(ctx context.Context, conn *sql.Conn, opt PublishOptions) error {
	stmts := []string{
		`CREATE TABLE snap.main.about AS
		 SELECT $as_of::DATE AS as_of, $created_at::TIMESTAMPTZ AS created_at, $version AS program_version,
		        $recipient AS recipient, m.file_name, m.sha256, m.kind, m.rows_loaded
		 FROM ingest_manifest m WHERE m.status = 'loaded' ORDER BY m.file_id`,
		`COMMENT ON TABLE snap.main.about IS 'What this snapshot is: as-of month, when and by which program version it was written, for whom, and one row per input file loaded with its SHA-256.'`,
		`COMMENT ON COLUMN snap.main.about.as_of IS 'First day of the month the snapshot is as of.'`,
		`COMMENT ON COLUMN snap.main.about.created_at IS 'When the snapshot was written.'`,
		`COMMENT ON COLUMN snap.main.about.program_version IS 'Version of proximite that wrote it.'`,
		`COMMENT ON COLUMN snap.main.about.recipient IS 'Recipient the pseudonyms were re-keyed for; empty when they are the store''s own.'`,
		`COMMENT ON COLUMN snap.main.about.file_name IS 'Input export file loaded into the store.'`,
		`COMMENT ON COLUMN snap.main.about.sha256 IS 'SHA-256 of that file, hex.'`,
		`COMMENT ON COLUMN snap.main.about.kind IS 'Export kind of that file.'`,
		`COMMENT ON COLUMN snap.main.about.rows_loaded IS 'Rows loaded from that file.'`,
	}
	args := []any{sql.Named("as_of", opt.Month), sql.Named("created_at", opt.Now()),
		sql.Named("version", opt.Version), sql.Named("recipient", opt.Recipient)}
	for i, s := range stmts {
		var err error
		if i == 0 {
			_, err = conn.ExecContext(ctx, s, args...)
		} else {
			_, err = conn.ExecContext(ctx, s)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// rekeySalt derives the recipient's salt from the secret: without the
// secret, two recipients' pseudonyms cannot be matched.
func rekeySalt(secret []byte, recipient string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("proximite snapshot rekey\x00" + recipient))
	return hex.EncodeToString(m.Sum(nil))
}

// rekey replaces every person_key column of the snapshot's tables with
// sha256(salt || person_key).
func rekey(ctx context.Context, conn *sql.Conn, salt string) error {
	rows, err := conn.QueryContext(ctx, `SELECT c.table_name FROM duckdb_columns() c JOIN duckdb_tables() t
		ON t.database_name = c.database_name AND t.schema_name = c.schema_name AND t.table_name = c.table_name
		WHERE c.database_name = 'snap' AND c.column_name = 'person_key' ORDER BY 1`)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, t)
	}
	rows.Close()
	for _, t := range tables {
		q := "UPDATE snap.main." + quoteIdent(t) + " SET person_key = sha256($salt || person_key) WHERE person_key IS NOT NULL"
		if _, err := conn.ExecContext(ctx, q, sql.Named("salt", salt)); err != nil {
			return fmt.Errorf("%s: %w", t, err)
		}
	}
	return nil
}

// quoteLiteral quotes s as an SQL string literal.
func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// quoteIdent quotes s as an SQL identifier.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
