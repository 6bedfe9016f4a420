package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"proximite/pipeline"
)

func runCompare(ctx context.Context, a *app, args []string) error {
	fs, c := newFlags(a, "compare", "[--config F] [--out DIR] SNAPSHOT.duckdb SNAPSHOT.duckdb...",
		"Compares the research snapshots of several centres (one each, same as-of month):\n"+
			"writes proximite-compare.duckdb (every centre's neighbourhoods and indicator values,\n"+
			"area codes qualified as CENTRE:CODE, values exact) and proximite-compare.csv (crisis\n"+
			"rate and reach into the isolated population per neighbourhood over the 12 months\n"+
			"ending with the as-of month, counts below suppression_threshold suppressed).")
	out := fs.String("out", "", "output `DIR` (default: the configured publish.dir)")
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		dir = cfg.path(cfg.Publish.Dir)
	}
	sum, err := pipeline.Compare(ctx, pipeline.CompareOptions{Snapshots: fs.Args(), Dir: dir,
		SuppressionThreshold: cfg.SuppressionThreshold})
	if errors.Is(err, pipeline.ErrCompare) {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "compared %s as of %s: %d neighbourhoods\nstore %s\ntable %s\n",
		strings.Join(sum.Centres, ", "), sum.AsOf.Format("2006-01"), sum.Areas, sum.Store, sum.Table)
	return nil
}
