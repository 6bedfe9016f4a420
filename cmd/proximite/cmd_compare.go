package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"proximite/pipeline"
)

func runCompare(ctx context.Context, a *app, args []string) error {
	fs, c := newFlags(a, "compare", "[--config F] [--out DIR] [--site DIR] SNAPSHOT.duckdb SNAPSHOT.duckdb...",
		"Compares the research snapshots of several centres (one each, same as-of month):\n"+
			"writes proximite-compare.duckdb (every centre's neighbourhoods, indicator values and\n"+
			"crisis models, area codes qualified as CENTRE:CODE, values exact), proximite-compare.csv\n"+
			"and the comparison site in SITE/compare-fr and SITE/compare-en (open index.html; no\n"+
			"network needed): the centres compared, each centre's pooled crisis model, and the crisis\n"+
			"rate, reach rate and reach into the isolated population of every neighbourhood over the\n"+
			"latest 12 months (else quarter, else month) final in every centre, as funnel plots and\n"+
			"tables, counts below suppression_threshold suppressed. A snapshot that is not one, is\n"+
			"truncated or differs from the SHA256SUMS beside it is refused, naming the file; outputs\n"+
			"are replaced only once all are written.")
	out := fs.String("out", "", "output `DIR` (default: the configured publish.dir)")
	site := fs.String("site", "", "comparison site `DIR` (default: OUT/site)")
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
	sum, err := pipeline.Compare(ctx, pipeline.CompareOptions{Snapshots: fs.Args(), Dir: dir, SiteDir: *site,
		SuppressionThreshold: cfg.SuppressionThreshold})
	if errors.Is(err, pipeline.ErrCompare) {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "compared %s as of %s: %d neighbourhoods, %s\nstore %s\ntable %s\nsite  %s\n",
		strings.Join(sum.Centres, ", "), sum.AsOf.Format("2006-01"), sum.Areas, sum.Period, sum.Store, sum.Table,
		strings.Join(sum.Sites, "\nsite  "))
	return nil
}
