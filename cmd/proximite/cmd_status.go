package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"text/tabwriter"
	"time"

	"proximite/pipeline"
	"proximite/queries"
)

func runStatus(ctx context.Context, a *app, args []string) error {
	fs, c := newFlags(a, "status", "[--config F] [--db F] [-n N]",
		"Prints whether serve runs (and since when, with the next scheduled times), the\n"+
			"last job runs, each job's last failure, failing sources, held months,\n"+
			"deliveries that gave up, and the delivery ledger, in the configured time zone.\n"+
			"Reads the store read-only; while a serve job holds it, asks the running serve\n"+
			"(serve.listen /status) instead.")
	n := fs.Int("n", 15, "how many recent runs to show")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	err = printStoreStatus(ctx, a, cfg, *n)
	if errors.Is(err, queries.ErrBusy) {
		if lerr := printLiveStatus(ctx, a.stdout, cfg); lerr == nil {
			return nil
		}
		return fmt.Errorf("%w; no serve answers on %s either: retry in a moment", err, cfg.Serve.Listen)
	}
	return err
}

func printStoreStatus(ctx context.Context, a *app, cfg Config, n int) error {
	if _, err := os.Stat(cfg.dbPath()); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("no store at %s yet: run `proximite ingest` or `proximite serve` first", cfg.dbPath())
	}
	db, err := openDBReadOnly(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := readStatus(ctx, queries.New(db), n)
	if err != nil {
		return fmt.Errorf("status: %w (is the store older than this program? run a job first)", err)
	}
	loc := cfg.location()
	fmt.Fprintf(a.stdout, "store %s (times in %s)\n", cfg.dbPath(), cfg.TimeZone)
	printServe(a.stdout, cfg, a.now(), loc)
	fmt.Fprintln(a.stdout, "\nlast runs:")
	printRuns(a.stdout, st.runs, loc)
	printAttention(a.stdout, st, loc)
	fmt.Fprintln(a.stdout, "\ndeliveries (latest attempt):")
	printDeliveries(a.stdout, st.deliveries, loc)
	return nil
}

// storeStatus is what `status` reads from the store.
type storeStatus struct {
	runs, failures []queries.JobRun
	deliveries     []queries.Delivery
	held           []queries.HeldMonth
	sources        []queries.SourceState
}

func readStatus(ctx context.Context, q *queries.Queries, n int) (storeStatus, error) {
	var st storeStatus
	var err error
	if st.runs, err = q.LastJobRuns(ctx, n); err != nil {
		return st, err
	}
	if st.failures, err = q.LastRunPerJob(ctx, true); err != nil {
		return st, err
	}
	if st.deliveries, err = q.DeliveryStates(ctx); err != nil {
		return st, err
	}
	if st.held, err = q.HeldMonths(ctx); err != nil {
		return st, err
	}
	st.sources, err = q.SourceStates(ctx)
	return st, err
}

// printServe says whether serve runs (and since when) and, only then, the
// next scheduled times.
func printServe(w io.Writer, cfg Config, now time.Time, loc *time.Location) {
	pid, since, running := serveHolder(cfg.dbPath())
	if !running {
		fmt.Fprintln(w, "serve: NOT RUNNING (nothing is scheduled until `proximite serve` starts)")
		return
	}
	fmt.Fprintf(w, "serve: running (PID %s) since %s\n\nnext scheduled:\n", pid, stamp(since, loc))
	printNext(w, cfg, now)
}

// printAttention lists what needs a person: each job's last failure, failing
// sources, held months, and deliveries that gave up.
func printAttention(w io.Writer, st storeStatus, loc *time.Location) {
	fmt.Fprintln(w, "\nlast failure of each job:")
	for _, r := range st.failures {
		fmt.Fprintf(w, "  %-8s %s %s: %s\n", r.Job, stamp(r.StartedAt, loc), r.Status, r.Error)
	}
	if len(st.failures) == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	for _, s := range st.sources {
		if s.Status == "failed" {
			fmt.Fprintf(w, "source FAILING since its last fetch %s: %s\n", stamp(s.CheckedAt, loc), s.Error)
		}
	}
	for _, h := range st.held {
		if !h.ReleasedAt.Valid {
			fmt.Fprintf(w, "HELD month %s since %s (release with: proximite release --month %s --reason \"…\")\n",
				h.Month.Format("2006-01"), stamp(h.HeldAt, loc), h.Month.Format("2006-01"))
		}
	}
	for _, d := range st.deliveries {
		if d.Status == pipeline.DeliveryGaveUp {
			fmt.Fprintf(w, "GAVE UP delivering %s to %s by %s after %d attempts: %s (resend with: proximite deliver --month %s --resend %s)\n",
				d.Month.Format("2006-01"), d.Recipient, d.Channel, d.Attempt, d.Error, d.Month.Format("2006-01"), d.Recipient)
		}
	}
}

// stamp formats t in loc with its zone, the one format of `status`.
func stamp(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2006-01-02 15:04:05 MST")
}

func printRuns(w io.Writer, runs []queries.JobRun, loc *time.Location) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  started\tjob\ttrigger\tstatus\ttook\trows\tfiles\tdetail")
	for _, r := range runs {
		took := "-"
		if d := r.FinishedAt.Time.Sub(r.StartedAt); r.FinishedAt.Valid && d >= 0 {
			took = d.Round(time.Millisecond).String()
		}
		detail := r.Detail
		if r.Error != "" {
			detail = "error: " + r.Error
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", stamp(r.StartedAt, loc),
			r.Job, r.Trigger, r.Status, took, r.Rows, r.Files, detail)
	}
	if len(runs) == 0 {
		fmt.Fprintln(tw, "  (none yet)")
	}
	tw.Flush()
}

// printNext lists each scheduled job's next time from the configuration.
func printNext(w io.Writer, cfg Config, now time.Time) {
	jobs := serveJobs(&app{getenv: func(string) string { return "" }, now: time.Now}, cfg, nil)
	next, err := pipeline.NextRuns(jobs, now, cfg.location(), cfg.Serve.Seconds)
	if err != nil {
		fmt.Fprintf(w, "  configuration error: %v\n", err)
		return
	}
	for _, j := range jobs {
		switch t, ok := next[j.Name]; {
		case ok:
			fmt.Fprintf(w, "  %-8s %s", j.Name, stamp(t, cfg.location()))
		default:
			fmt.Fprintf(w, "  %-8s -", j.Name)
		}
		if j.After != "" {
			fmt.Fprintf(w, "  (and after each %s)", j.After)
		}
		fmt.Fprintln(w)
	}
}

func printDeliveries(w io.Writer, ds []queries.Delivery, loc *time.Location) {
	if len(ds) == 0 {
		fmt.Fprintln(w, "  (none yet)")
		return
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  month\trecipient\tchannel\tstatus\tattempt\twhen\tfiles / why")
	for _, d := range ds {
		what := d.File
		if d.Error != "" {
			what = d.Error
		}
		if d.NextAttemptAt.Valid {
			what += " (retry after " + stamp(d.NextAttemptAt.Time, loc) + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%d\t%s\t%s\n", d.Month.Format("2006-01"), d.Recipient, d.Channel, d.Status,
			d.Attempt, stamp(d.AttemptedAt, loc), what)
	}
	tw.Flush()
}

// printLiveStatus asks the running serve for its jobs' state.
func printLiveStatus(ctx context.Context, w io.Writer, cfg Config) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+cfg.Serve.Listen+"/status", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var st liveStatus
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		return err
	}
	fmt.Fprintf(w, "store %s is busy (a job is running); live state from serve on %s:\n\n", st.Database, cfg.Serve.Listen)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  job\trunning\tnext\tlast status\tlast started\tdetail")
	for _, j := range st.Jobs {
		last, started, detail := "-", "-", ""
		if j.Last != nil {
			last, started, detail = j.Last.Status, stamp(j.Last.Started, cfg.location()), j.Last.Result.Detail
			if j.Last.Error != "" {
				detail = "error: " + j.Last.Error
			}
		}
		fmt.Fprintf(tw, "  %s\t%v\t%s\t%s\t%s\t%s\n", j.Job, j.Running, j.Next, last, started, detail)
	}
	return tw.Flush()
}
