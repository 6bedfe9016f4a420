package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"proximite/fixtures"
	"proximite/queries"
)

func runBench(ctx context.Context, a *app, args []string) error {
	fs, _ := newFlags(a, "bench", "[--scale X] [--dir DIR]",
		"For maintainers: generates a --scale million-activity fixture (kept in DIR for\n"+
			"reuse) and times, each in its own process, Proximité's ingest beside DuckDB's own\n"+
			"read_csv loading the same files into plain tables, then compute and report.\n"+
			"Prints rows/s, peak memory (max RSS) and the ingest/read_csv ratio.")
	scale := fs.Float64("scale", 1, "fixture size in millions of activities")
	dir := fs.String("dir", ".cache/bench", "working `DIR`")
	raw := fs.String("raw-csv", "", "internal: load the CSV files under `DIR` with DuckDB read_csv into --db")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *raw != "" {
		return rawCSVLoad(ctx, fs.Lookup("db").Value.String(), *raw)
	}
	return bench(ctx, a, *scale, *dir)
}

// benchStep is one timed child process.
type benchStep struct {
	name   string
	wall   time.Duration
	maxRSS int64 // bytes
}

func bench(ctx context.Context, a *app, scale float64, dir string) error {
	data := filepath.Join(dir, fmt.Sprintf("data-scale%g", scale))
	opt := fixtures.DefaultOptions()
	opt.Scale = scale
	if _, err := os.Stat(filepath.Join(data, "TRUTH.md")); err != nil {
		fmt.Fprintf(a.stdout, "generating scale %g fixture into %s\n", scale, data)
		if _, err := generate(ctx, a, data, opt); err != nil {
			return err
		}
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	ingestDB, rawDB := filepath.Join(dir, "bench.duckdb"), filepath.Join(dir, "raw.duckdb")
	removeDB(ingestDB)
	removeDB(rawDB)
	env := append(os.Environ(), "PROXIMITE_PSEUDONYM_KEY=bench-key-not-secret-0123456789")
	ing, err := timed(ctx, env, "ingest", self, "ingest", "--db", ingestDB, data)
	if err != nil && !errors.Is(err, errChildRejected) {
		return err
	}
	rawStep, err := timed(ctx, env, "read_csv", self, "bench", "--db", rawDB, "--raw-csv", data)
	if err != nil {
		return err
	}
	return printBench(ctx, a, ingestDB, rawDB, ing, rawStep, env, self)
}

func printBench(ctx context.Context, a *app, ingestDB, rawDB string, ing, raw benchStep, env []string, self string) error {
	rows, err := countRows(ctx, ingestDB, "SELECT sum(rows_read) FROM ingest_manifest")
	if err != nil {
		return err
	}
	rawRows, err := countRows(ctx, rawDB, "SELECT sum(estimated_size) FROM duckdb_tables()")
	if err != nil {
		return err
	}
	ingRate := float64(rows) / ing.wall.Seconds()
	rawRate := float64(rawRows) / raw.wall.Seconds()
	fmt.Fprintf(a.stdout, "ingest (proximite):    %s rows in %.2f s = %s rows/s, peak %d MiB\n", thousands(rows), ing.wall.Seconds(), thousands(int64(ingRate)), ing.maxRSS>>20)
	fmt.Fprintf(a.stdout, "read_csv (DuckDB raw): %s rows in %.2f s = %s rows/s, peak %d MiB\n", thousands(rawRows), raw.wall.Seconds(), thousands(int64(rawRate)), raw.maxRSS>>20)
	fmt.Fprintf(a.stdout, "ratio ingest/read_csv: %.2f (target >= 0.80)\n", ingRate/rawRate)
	for _, step := range benchAfterIngest(ingestDB) {
		s, err := timed(ctx, env, step.name, self, step.args...)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%-22s %.2f s, peak %d MiB", step.name+":", s.wall.Seconds(), s.maxRSS>>20)
		if step.target != "" {
			fmt.Fprintf(a.stdout, " (%s)", step.target)
		}
		fmt.Fprintln(a.stdout)
	}
	return nil
}

// errChildRejected is a child ingest that ended with exit code 3 (some rows
// rejected): expected with the fixture's planted invalid rows.
var errChildRejected = errors.New("rows rejected")

// timed runs a child process and measures its wall time and peak memory.
func timed(ctx context.Context, env []string, name, bin string, args ...string) (benchStep, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	step := benchStep{name: name, wall: time.Since(start)}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			step.maxRSS = ru.Maxrss << 10
		}
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == exitRejected {
		return step, errChildRejected
	}
	if err != nil {
		return step, fmt.Errorf("%s: %w: %s", name, err, stderr.String())
	}
	return step, nil
}

func removeDB(path string) {
	os.Remove(path)
	os.Remove(path + ".wal")
}

func countRows(ctx context.Context, path, query string) (int64, error) {
	db, err := queries.Open(ctx, path, queries.Options{ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int64
	err = db.QueryRowContext(ctx, query).Scan(&n)
	return n, err
}
