package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"time"

	"proximite/pipeline"
	"proximite/queries"
)

func runPublish(ctx context.Context, a *app, args []string) error {
	fs, c := newFlags(a, "publish", "[--config F] [--db F] --month YYYY-MM [--recipient NAME]",
		"Writes the research snapshot proximite-YYYY-MM.duckdb into publish.dir: every table\n"+
			"and view with its comments, the indicator catalogue and an about table (as-of,\n"+
			"input files and checksums, program version), plus a hive-partitioned Parquet export\n"+
			"of indicator_values (area=…/year=…) and a Markdown codebook. Persons appear only as\n"+
			"pseudonyms; --recipient re-keys them for that recipient (secret from publish.secret_env).")
	month := fs.String("month", "", "as-of `YYYY-MM` (default: the previous month)")
	recipient := fs.String("recipient", "", "re-key the pseudonyms for this `NAME`")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	m, err := parseMonth(*month, a.now().In(cfg.location()))
	if err != nil {
		return err
	}
	opt := publishOptions(a, cfg)
	opt.Month, opt.Recipient = m, *recipient
	if *recipient != "" && len(opt.RekeySecret) == 0 {
		return fmt.Errorf("%w: --recipient needs the re-keying secret in $%s", errConfig, cfg.Publish.SecretEnv)
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := pipeline.Publish(ctx, db, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "snapshot %s (%d tables and views, sha256 %s)\nparquet  %s\ncodebook %s\n",
		sum.Snapshot, sum.Tables, sum.SHA256, sum.Parquet, sum.Codebook)
	return nil
}

// parseMonth reads YYYY-MM; empty means the month before now.
func parseMonth(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return pipeline.PreviousMonth(now), nil
	}
	t, err := time.ParseInLocation("2006-01", s, now.Location())
	if err != nil {
		return t, fmt.Errorf("%w: --month %q: want YYYY-MM", errUsage, s)
	}
	return t, nil
}

// openForReading opens the store read-only; while a serve job holds it
// (DuckDB lets no reader in beside a writer process), it opens the latest
// research snapshot instead and says so on stderr.
func openForReading(ctx context.Context, a *app, cfg Config) (*queries.DB, error) {
	db, err := openDBReadOnly(ctx, cfg)
	if !errors.Is(err, queries.ErrBusy) {
		return db, err
	}
	snap, ok := latestSnapshotFile(cfg.path(cfg.Publish.Dir))
	if !ok {
		return nil, fmt.Errorf("%w; no snapshot in %s to read instead: retry in a moment", err, cfg.path(cfg.Publish.Dir))
	}
	fmt.Fprintf(a.stderr, "store busy (a serve job is running): reading the snapshot %s instead\n", snap)
	return queries.Open(ctx, snap, queries.Options{ReadOnly: true, TimeZone: cfg.TimeZone})
}

// latestSnapshotFile is the newest proximite-YYYY-MM.duckdb of dir (not a re-keyed one).
func latestSnapshotFile(dir string) (string, bool) {
	m, err := filepath.Glob(filepath.Join(dir, "proximite-[0-9][0-9][0-9][0-9]-[0-9][0-9].duckdb"))
	if err != nil || len(m) == 0 {
		return "", false
	}
	sort.Strings(m)
	return m[len(m)-1], true
}
