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
		"Writes the research snapshot proximite-CENTRE-YYYY-MM.duckdb into publish.dir, as of\n"+
			"the month: the records exported before the first day of the second month after it,\n"+
			"about days up to its end, with every indicator, model and flag computed as of the\n"+
			"month from those records alone. Only research tables (records, reference data,\n"+
			"catalogue, calendar and denominators, values, models, about, codebook); the same\n"+
			"store and month give the same bytes. Beside it: a Parquet export (provenance in\n"+
			"each file's metadata), the Markdown codebook and a SHA256SUMS manifest.\n"+
			"A month outside the data is refused (exit 2). --recipient NAME (listed in\n"+
			"publish.rekey; secret from publish.secret_env) re-keys every identifier for NAME.")
	month := fs.String("month", "", "as-of `YYYY-MM` (default: the previous month)")
	recipient := fs.String("recipient", "", "re-key the identifiers for this `NAME` (one of publish.rekey)")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, m, err := c.loadMonth(a, *month)
	if err != nil {
		return err
	}
	opt := publishOptionsFrom(a, cfg)
	opt.Month, opt.Recipient = m, *recipient
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := pipeline.Publish(ctx, db, opt)
	if err != nil {
		return publishError(err, cfg)
	}
	fmt.Fprintf(a.stdout, "snapshot  %s (%d tables, sha256 %s)\nparquet   %s\ncodebook  %s\nchecksums %s\n",
		sum.Snapshot, sum.Tables, sum.SHA256, sum.Parquet, sum.Codebook, sum.Checksums)
	return nil
}

// publishError marks the refusals that are the caller's to fix as usage
// errors (exit 2).
func publishError(err error, cfg Config) error {
	switch {
	case errors.Is(err, pipeline.ErrMonthOutOfRange), errors.Is(err, pipeline.ErrRecipient):
		return fmt.Errorf("%w: %w", errUsage, err)
	case errors.Is(err, pipeline.ErrNoData):
		return fmt.Errorf("%w: %w: nothing to publish", errUsage, err)
	}
	return err
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
	snap, ok := latestSnapshotFile(cfg.path(cfg.Publish.Dir), cfg.Centre.ID)
	if !ok {
		return nil, fmt.Errorf("%w; no snapshot in %s to read instead: retry in a moment", err, cfg.path(cfg.Publish.Dir))
	}
	fmt.Fprintf(a.stderr, "store busy (a serve job is running): reading the snapshot %s instead\n", snap)
	return queries.Open(ctx, snap, queries.Options{ReadOnly: true, TimeZone: cfg.TimeZone})
}

// latestSnapshotFile is the newest proximite-[CENTRE-]YYYY-MM.duckdb of
// dir (not a re-keyed one).
func latestSnapshotFile(dir, centre string) (string, bool) {
	prefix := "proximite-"
	if centre != "" {
		prefix += centre + "-"
	}
	m, err := filepath.Glob(filepath.Join(dir, prefix+"[0-9][0-9][0-9][0-9]-[0-9][0-9].duckdb"))
	if err != nil || len(m) == 0 {
		return "", false
	}
	sort.Strings(m)
	return m[len(m)-1], true
}
