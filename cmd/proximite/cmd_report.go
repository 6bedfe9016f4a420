package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"proximite/pipeline"
)

func runReport(ctx context.Context, a *app, args []string) error {
	fs, c := newFlags(a, "report", "--month YYYY-MM [--lang fr|en] [--territory NAME] [--by neighbourhood] [--html] [--provisional] [--out DIR]",
		"Renders the monthly PDF of each territory (one per neighbourhood too with\n"+
			"--by neighbourhood) and, with --html, the static HTML site, into --out.\n"+
			"Page 1 headlines the latest complete month up to --month; the later,\n"+
			"provisional months are drawn and marked (p). Small counts are suppressed\n"+
			"as the methodology annex describes. The same database and arguments give\n"+
			"the same bytes.")
	month := fs.String("month", "", "reported month `YYYY-MM` (required)")
	lang := fs.String("lang", "", "language: fr or en (default: the configuration's report.lang)")
	territory := fs.String("territory", "", "only this territory")
	by := fs.String("by", "", "`neighbourhood`: also one PDF per neighbourhood")
	html := fs.Bool("html", false, "also write the HTML site")
	provisional := fs.Bool("provisional", false, "headline --month on page 1 even when it is provisional (page 1 then says why)")
	out := fs.String("out", "", "output `DIR` (default: the configuration's output folder)")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	opt, err := reportOptions(a, cfg, *month, *lang, *by, *out)
	if err != nil {
		return err
	}
	opt.Territory, opt.HTML, opt.HeadlineProvisional = *territory, *html, *provisional
	return report(ctx, a, cfg, opt)
}

// reportOptions checks the flags and fills the defaults.
func reportOptions(a *app, cfg Config, month, lang, by, out string) (pipeline.ReportOptions, error) {
	m, err := time.Parse("2006-01", month)
	if err != nil {
		return pipeline.ReportOptions{}, fmt.Errorf("%w: --month %q is not YYYY-MM", errUsage, month)
	}
	if lang == "" {
		lang = cfg.Report.Lang
	}
	if lang != "fr" && lang != "en" {
		return pipeline.ReportOptions{}, fmt.Errorf("%w: --lang must be fr or en", errUsage)
	}
	if by != "" && by != "neighbourhood" {
		return pipeline.ReportOptions{}, fmt.Errorf("%w: --by takes only neighbourhood", errUsage)
	}
	if out == "" {
		out = cfg.path(cfg.Output)
	}
	return pipeline.ReportOptions{Month: m, Lang: lang, ByNeighbourhood: by != "", OutDir: out,
		Threshold: cfg.SuppressionThreshold, Now: a.now}, nil
}

func report(ctx context.Context, a *app, cfg Config, opt pipeline.ReportOptions) error {
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	files, err := pipeline.Report(ctx, db, opt)
	for _, f := range files {
		fmt.Fprintln(a.stdout, "wrote", f)
	}
	if errors.Is(err, pipeline.ErrMonthBeforeData) || errors.Is(err, pipeline.ErrNotComputed) {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	return err
}
