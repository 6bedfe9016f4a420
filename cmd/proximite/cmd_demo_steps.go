package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"proximite/pipeline"
)

// demoCompute computes the indicators of the demo store and renders the
// French and English reports and the HTML site for its last complete month.
func demoCompute(ctx context.Context, a *app, cfg Config, out string) error {
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintln(a.stdout, "3/4 computing every indicator, the crisis models and the SPC charts")
	sum, err := pipeline.Compute(ctx, db, computeOptions(cfg, a))
	if err != nil {
		return err
	}
	printComputeSummary(a.stdout, sum)
	month := sum.AsOf
	fmt.Fprintf(a.stdout, "4/4 rendering the %s reports into %s\n", month.Format("2006-01"), out)
	for _, lang := range []string{"fr", "en"} {
		files, err := pipeline.Report(ctx, db, pipeline.ReportOptions{Month: month, Lang: lang, HTML: true, LinkOtherLang: true,
			OutDir: out, Threshold: cfg.SuppressionThreshold, Now: func() time.Time { return sum.ComputedAt }})
		for _, f := range files {
			fmt.Fprintln(a.stdout, "    wrote", f)
		}
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(a.stdout, "done: open the PDFs in %s, the sites' index.html under %s, or the store with `proximite indicators --db %s`\n",
		out, filepath.Join(out, "site"), cfg.Database)
	return nil
}
