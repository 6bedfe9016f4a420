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

	"proximite/queries"
)

// benchMonth is the last month of the default fixture: bench holds its files
// back from the timed loads and adds them afterwards as "a new month".
const benchMonth = "2026-10"

// benchStep is one timed child process.
type benchStep struct {
	name   string
	wall   time.Duration
	cpu    time.Duration // user + system time of the child
	maxRSS int64         // bytes
}

// benchRunner runs the timed child processes of `proximite bench`.
type benchRunner struct {
	a    *app
	env  []string
	self string
	// latin1 names the files read_csv reads as latin-1 (comma-separated).
	latin1 string
}

// loadPairs times pairs of loads of the same files into fresh stores,
// alternating which loader goes first so that neither always meets a warm
// or a busy machine.
func (r benchRunner) loadPairs(ctx context.Context, pairs int, data, ingestDB, rawDB string) (ing, raw []benchStep, err error) {
	for i := 0; i < pairs; i++ {
		first, second := r.ingestOnce, r.readCSVOnce
		if i%2 == 1 {
			first, second = r.readCSVOnce, r.ingestOnce
		}
		for _, load := range []func(context.Context, string, string, string) (benchStep, error){first, second} {
			s, err := load(ctx, data, ingestDB, rawDB)
			if err != nil {
				return nil, nil, err
			}
			fmt.Fprintf(r.a.stdout, "  pair %d %-9s wall %6.2f s  cpu %6.2f s  peak %5d MiB\n", i+1, s.name, s.wall.Seconds(), s.cpu.Seconds(), s.maxRSS>>20)
			if s.name == "ingest" {
				ing = append(ing, s)
			} else {
				raw = append(raw, s)
			}
		}
	}
	return ing, raw, nil
}

func (r benchRunner) ingestOnce(ctx context.Context, data, ingestDB, _ string) (benchStep, error) {
	removeDB(ingestDB)
	s, err := r.timed(ctx, "ingest", "ingest", "--db", ingestDB, data)
	if errors.Is(err, errChildRejected) {
		err = nil
	}
	return s, err
}

func (r benchRunner) readCSVOnce(ctx context.Context, data, _, rawDB string) (benchStep, error) {
	removeDB(rawDB)
	return r.timed(ctx, "read_csv", "bench", "--db", rawDB, "--raw-csv", data, "--latin1", r.latin1)
}

// printLoads prints the medians, spreads and ratio of the timed loads.
func (r benchRunner) printLoads(ctx context.Context, ingestDB, rawDB string, ing, raw []benchStep) error {
	rows, err := countRows(ctx, ingestDB, (*queries.Queries).IngestedRows)
	if err != nil {
		return err
	}
	rawRows, err := countRows(ctx, rawDB, (*queries.Queries).RawRows)
	if err != nil {
		return err
	}
	wi, wr := summarize(walls(ing)), summarize(walls(raw))
	out := r.a.stdout
	fmt.Fprintf(out, "ingest (proximite):    %s rows, median %s = %s rows/s, cpu median %.2f s, peak median %d MiB\n",
		thousands(rows), wi, thousands(int64(float64(rows)/wi.median)), summarize(cpus(ing)).median, medianRSS(ing)>>20)
	fmt.Fprintf(out, "read_csv (DuckDB raw): %s rows, median %s = %s rows/s, cpu median %.2f s, peak median %d MiB\n",
		thousands(rawRows), wr, thousands(int64(float64(rawRows)/wr.median)), summarize(cpus(raw)).median, medianRSS(raw)>>20)
	ratios := pairRatios(float64(rows), float64(rawRows), ing, raw)
	fmt.Fprintf(out, "ratio ingest/read_csv (rows/s): median %.2f over %d pairs (%s) (target >= 0.80)\n",
		summarize(ratios).median, len(ratios), joinFloats(ratios))
	return nil
}

// afterIngest times a full compute and the report pack on the last ingested
// store, then a new month: the held-back month's files, ingested and
// computed; then a small month of the size issue 17 sets its target for,
// derived from the held-back month (writeSmallMonth), ingested and computed.
func (r benchRunner) afterIngest(ctx context.Context, db, month string) error {
	out := filepath.Join(filepath.Dir(db), "reports")
	steps := []benchCmd{
		{"compute (full)", "target at SCALE=10: <= 20 s, <= 2048 MiB", []string{"compute", "--db", db}},
		{"report (PDF fr + HTML)", "", []string{"report", "--db", db, "--month", benchMonth, "--lang", "fr", "--html", "--out", out}},
	}
	if _, err := r.runSteps(ctx, steps); err != nil {
		return err
	}
	held, err := r.runSteps(ctx, monthSteps("held-back month", db, month))
	if err != nil {
		return err
	}
	fmt.Fprintf(r.a.stdout, "held-back month (%s), ingest + compute: %.2f s\n", benchMonth, held.Seconds())
	small := filepath.Join(filepath.Dir(month), "small")
	next, rows, err := writeSmallMonth(month, benchMonth, small)
	if err != nil {
		return err
	}
	took, err := r.runSteps(ctx, monthSteps("small month", db, small))
	if err != nil {
		return err
	}
	fmt.Fprintf(r.a.stdout, "small month (%s, %s rows), ingest + compute: %.2f s (target at SCALE=10: <= 5 s)\n", next, thousands(int64(rows)), took.Seconds())
	return nil
}

// benchCmd is one timed step of afterIngest: a command of this binary.
type benchCmd struct {
	name, target string
	args         []string
}

// monthSteps are the ingest and the compute of the month files in dir.
func monthSteps(name, db, dir string) []benchCmd {
	return []benchCmd{
		{name + ": ingest", "", []string{"ingest", "--db", db, dir}},
		{name + ": compute", "", []string{"compute", "--db", db}},
	}
}

// runSteps times steps in turn, prints each, and returns their total wall
// time. A child that rejected rows (the fixture plants some) is no failure.
func (r benchRunner) runSteps(ctx context.Context, steps []benchCmd) (time.Duration, error) {
	var total time.Duration
	for _, step := range steps {
		s, err := r.timed(ctx, step.name, step.args...)
		if err != nil && !errors.Is(err, errChildRejected) {
			return total, err
		}
		total += s.wall
		fmt.Fprintf(r.a.stdout, "%-26s wall %.2f s, cpu %.2f s, peak %d MiB", step.name+":", s.wall.Seconds(), s.cpu.Seconds(), s.maxRSS>>20)
		if step.target != "" {
			fmt.Fprintf(r.a.stdout, " (%s)", step.target)
		}
		fmt.Fprintln(r.a.stdout)
	}
	return total, nil
}

// timed runs a child process of this binary and measures its wall time, CPU
// time and peak memory.
func (r benchRunner) timed(ctx context.Context, name string, args ...string) (benchStep, error) {
	cmd := exec.CommandContext(ctx, r.self, args...)
	cmd.Env = r.env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	step := benchStep{name: name, wall: time.Since(start)}
	if cmd.ProcessState != nil {
		step.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
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

// benchSplit is the fixture seen as two folders of links: every file but
// the held-back month's, and that month's activity, attendance and crisis files.
type benchSplit struct{ base, month string }

// splitBenchData links the fixture's files into dir/base and dir/month.
func splitBenchData(data, dir, month string) (benchSplit, error) {
	s := benchSplit{base: filepath.Join(dir, "base"), month: filepath.Join(dir, "month")}
	if err := os.RemoveAll(dir); err != nil {
		return s, err
	}
	for _, d := range []string{s.base, s.month} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return s, err
		}
	}
	files, err := filepath.Glob(filepath.Join(data, "*.csv"))
	if err != nil {
		return s, err
	}
	for _, f := range files {
		to := s.base
		if strings.HasSuffix(filepath.Base(f), "_"+month+".csv") {
			to = s.month
		}
		if err := linkOrCopy(f, filepath.Join(to, filepath.Base(f))); err != nil {
			return s, fmt.Errorf("bench split: %w", err)
		}
	}
	return s, nil
}

func linkOrCopy(from, to string) error {
	if os.Link(from, to) == nil {
		return nil
	}
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o600)
}
