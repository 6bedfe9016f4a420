package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"proximite/fixtures"
	"proximite/queries"
)

func runBench(ctx context.Context, a *app, args []string) error {
	fs, _ := newFlags(a, "bench", "[--scale X] [--pairs N] [--dir DIR]",
		"For maintainers: generates a --scale million-activity fixture (kept in DIR for\n"+
			"reuse), then times, each in its own process and alternating their order, --pairs\n"+
			"runs of Proximité's ingest and of DuckDB's own read_csv loading the same files\n"+
			"(all months but the last) into fresh stores. Prints each run's wall and CPU time\n"+
			"and peak memory, the medians with their spread and the ingest/read_csv ratio;\n"+
			"then, on the last ingested store, a full compute, the report pack, the held-back\n"+
			"last month as a new month (ingest + compute), and after it a small month (a tenth\n"+
			"of the held-back month's activities with their attendance, and its crisis events,\n"+
			"moved a month later under new ids: about 100 000 rows at --scale 10).")
	scale := fs.Float64("scale", 1, "fixture size in millions of activities")
	pairs := fs.Int("pairs", 3, "alternating ingest/read_csv pairs to time (at least 1)")
	dir := fs.String("dir", ".cache/bench", "working `DIR`")
	raw := fs.String("raw-csv", "", "internal: load the CSV files under `DIR` with DuckDB read_csv into --db")
	latin1 := fs.String("latin1", "", "internal: with --raw-csv, the comma-separated `NAMES` of the files to read as latin-1")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *raw != "" {
		return rawCSVLoad(ctx, fs.Lookup("db").Value.String(), *raw, nameSet(*latin1))
	}
	if *pairs < 1 {
		return fmt.Errorf("%w: --pairs must be at least 1", errUsage)
	}
	return bench(ctx, a, benchPlan{scale: *scale, pairs: *pairs, dir: *dir})
}

// benchPlan is what one `proximite bench` run measures.
type benchPlan struct {
	scale float64
	pairs int
	dir   string
}

func bench(ctx context.Context, a *app, p benchPlan) error {
	data := filepath.Join(p.dir, fmt.Sprintf("data-scale%g", p.scale))
	if err := ensureBenchData(ctx, a, data, p.scale); err != nil {
		return err
	}
	split, err := splitBenchData(data, filepath.Join(p.dir, "split"), benchMonth)
	if err != nil {
		return err
	}
	r := benchRunner{a: a, env: append(os.Environ(), "PROXIMITE_PSEUDONYM_KEY=bench-key-not-secret-0123456789")}
	if r.self, err = os.Executable(); err != nil {
		return err
	}
	if r.latin1, err = latin1Files(split.base); err != nil {
		return err
	}
	ingestDB, rawDB := filepath.Join(p.dir, "bench.duckdb"), filepath.Join(p.dir, "raw.duckdb")
	ing, raw, err := r.loadPairs(ctx, p.pairs, split.base, ingestDB, rawDB)
	if err != nil {
		return err
	}
	if err := r.printLoads(ctx, ingestDB, rawDB, ing, raw); err != nil {
		return err
	}
	return r.afterIngest(ctx, ingestDB, split.month)
}

func ensureBenchData(ctx context.Context, a *app, data string, scale float64) error {
	if _, err := os.Stat(filepath.Join(data, "TRUTH.md")); err == nil {
		return nil
	}
	fmt.Fprintf(a.stdout, "generating scale %g fixture into %s\n", scale, data)
	opt := fixtures.DefaultOptions()
	opt.Scale = scale
	_, err := generate(ctx, a, data, opt)
	return err
}

// errChildRejected is a child ingest that ended with exit code 3 (some rows
// rejected): expected with the fixture's planted invalid rows.
var errChildRejected = errors.New("rows rejected")

func removeDB(path string) {
	os.Remove(path)
	os.Remove(path + ".wal")
}

// countRows opens the store at path read-only and runs one of the bench's
// row counts on it.
func countRows(ctx context.Context, path string, count func(*queries.Queries, context.Context) (int64, error)) (int64, error) {
	db, err := queries.Open(ctx, path, queries.Options{ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer db.Close()
	return count(queries.New(db), ctx)
}
