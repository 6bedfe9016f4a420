package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"proximite/fixtures"
)

func runFixtures(ctx context.Context, a *app, args []string) error {
	fs, _ := newFlags(a, "fixtures", "--out DIR [--seed N] [--months M] [--neighbourhoods K] [--scale X] [--end YYYY-MM] [--centre ID]",
		"Writes a synthetic territory in the exact export format, with a TRUTH.md that\n"+
			"states what was planted (the crisis-rate drop, invalid rows, re-exports).\n"+
			"Deterministic for a seed. --scale 1 is about one million activities.\n"+
			"--centre ID makes another centre's territory: other neighbourhoods and\n"+
			"territories, and ids prefixed with ID (to try proximite compare).")
	def := fixtures.DefaultOptions()
	out := fs.String("out", "", "output `DIR` (required)")
	seed := fs.Uint64("seed", def.Seed, "random seed")
	months := fs.Int("months", def.Months, "number of months ending with --end")
	hoods := fs.Int("neighbourhoods", def.Neighbourhoods, "number of neighbourhoods (two territories)")
	scale := fs.Float64("scale", def.Scale, "activity volume (1 ≈ 1 million activities)")
	end := fs.String("end", def.End.Format("2006-01"), "last month `YYYY-MM`")
	centre := fs.String("centre", "", "another centre's territory, ids prefixed with `ID`")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("%w: --out is required", errUsage)
	}
	endMonth, err := time.Parse("2006-01", *end)
	if err != nil {
		return fmt.Errorf("%w: --end %q is not YYYY-MM", errUsage, *end)
	}
	opt := fixtures.Options{Seed: *seed, Months: *months, Neighbourhoods: *hoods, Scale: *scale, End: endMonth, Centre: *centre}
	sum, err := generate(ctx, a, *out, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "wrote %d files to %s: %s activities, %s attendance rows, %s crisis events, %d invalid rows (see TRUTH.md)\n",
		len(sum.Files), *out, thousands(sum.Activities), thousands(sum.Attendance), thousands(sum.CrisisEvents), sum.InvalidRows)
	return nil
}

// generate writes the fixtures, with progress on a terminal.
func generate(ctx context.Context, a *app, dir string, opt fixtures.Options) (fixtures.Summary, error) {
	sum, err := fixtures.Generate(ctx, dir, opt, func(file string, rows int64) {
		if a.isTerminal {
			fmt.Fprintf(a.stderr, "  %-40s %10s rows\r", filepath.Base(file), thousands(rows))
		}
	})
	if a.isTerminal {
		fmt.Fprintln(a.stderr)
	}
	if errors.Is(err, fixtures.ErrInvalidOptions) {
		return sum, fmt.Errorf("%w: %w", errUsage, err)
	}
	return sum, err
}
