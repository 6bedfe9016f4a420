package main

import (
	"context"
	"fmt"
	"time"

	"proximite/pipeline"
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
