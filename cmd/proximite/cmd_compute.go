package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"proximite/pipeline"
)

func runCompute(ctx context.Context, a *app, args []string) error {
	fs, c := newFlags(a, "compute", "[--config F] [--db F] [--as-of YYYY-MM] [--full] [--level-only] [--no-seasonal]",
		"Recomputes, in one transaction, every indicator of the catalogue for every area and period\n"+
			"from the first month of data to the as-of month, the crisis models (ITS, DiD) and the SPC\n"+
			"charts, and records the revisions of values already published. Rows are stamped with the\n"+
			"time of the latest load, so computing twice on the same data writes the same rows.\n"+
			"Incremental by default: only the months the loads since the last computation touched (the\n"+
			"months of the new versions and of the versions they replace, and months after the last\n"+
			"as-of), and the periods that hold or follow them, are recomputed, with the same values as a\n"+
			"full computation. It is full, and says why, on the first computation, with --full, or when\n"+
			"options, reference data, the catalogue, the schema or the first month changed, or the as-of\n"+
			"month moved back.")
	asOf := fs.String("as-of", "", "last `MONTH` computed, YYYY-MM (default: the month of the latest record)")
	levelOnly := fs.Bool("level-only", false, "ITS without the slope-change term (overrides its.slope_change)")
	noSeasonal := fs.Bool("no-seasonal", false, "ITS without Fourier seasonal terms (overrides its.seasonal)")
	full := fs.Bool("full", false, "recompute every month, even when an incremental computation is possible")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	opt := computeOptions(cfg, a)
	if *asOf != "" {
		if opt.AsOf, err = time.Parse("2006-01", *asOf); err != nil {
			return fmt.Errorf("%w: --as-of %q: want YYYY-MM", errUsage, *asOf)
		}
	}
	opt.ITS.SlopeChange = opt.ITS.SlopeChange && !*levelOnly
	opt.ITS.Seasonal = opt.ITS.Seasonal && !*noSeasonal
	opt.Full = *full
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := pipeline.Compute(ctx, db, opt)
	if err != nil {
		return err
	}
	printComputeSummary(a.stdout, sum)
	return nil
}

// computeOptions turns the configuration into pipeline.ComputeOptions.
func computeOptions(cfg Config, a *app) pipeline.ComputeOptions {
	return pipeline.ComputeOptions{
		ProvisionalMonths: cfg.ProvisionalMonths,
		ITS:               pipeline.ITSOptions{Seasonal: cfg.ITS.Seasonal, SlopeChange: cfg.ITS.SlopeChange, FloorPhi: cfg.ITS.FloorPhi},
		SPC:               pipeline.SPCOptions{Screen: cfg.SPC.Screen, FixAfter: cfg.SPC.FixAfter, RebaseAtOutreach: cfg.SPC.RebaseAtOutreach},
		Progress:          func(stage string) { a.log.Debug("compute", "stage", stage) },
	}
}

func printComputeSummary(w io.Writer, s pipeline.ComputeSummary) {
	var total int64
	ids := make([]string, 0, len(s.Rows))
	for id, n := range s.Rows {
		ids = append(ids, id)
		total += n
	}
	sort.Strings(ids)
	fmt.Fprintf(w, "computed %d indicators up to %s: %d values in %s\n",
		len(ids), s.AsOf.Format("2006-01"), total, s.Duration.Round(time.Millisecond))
	fmt.Fprintf(w, "crisis ITS: %d fitted, %d refused (%d placebo tests); DiD: %s; SPC points: %d; revisions: %d\n",
		s.ITSFitted, s.ITSRefused, s.ITSPlacebo, s.DiDStatus, s.SPCPoints, s.Revisions)
	printComputeMode(w, s)
}

// printComputeMode says whether the computation was full, and why, or which
// months and periods it recomputed.
func printComputeMode(w io.Writer, s pipeline.ComputeSummary) {
	if s.FullReason != "" {
		fmt.Fprintf(w, "full computation (%s): %d months\n", s.FullReason, len(s.Months))
		return
	}
	months := make([]string, len(s.Months))
	for i, m := range s.Months {
		months[i] = m.Format("2006-01")
	}
	fmt.Fprintf(w, "incremental computation: months %s; %d periods holding them (and the periods after them for cumulative and freshness indicators)\n",
		strings.Join(months, ","), len(s.Periods))
}
