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
		"Prints the last job runs, the next scheduled times and the delivery ledger.\n"+
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
	q := queries.New(db)
	runs, err := q.LastJobRuns(ctx, n)
	if err != nil {
		return fmt.Errorf("status: %w (is the store older than this program? run a job first)", err)
	}
	deliveries, err := q.DeliveryStates(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "store %s\n\nlast runs:\n", cfg.dbPath())
	printRuns(a.stdout, runs, cfg.location())
	fmt.Fprintln(a.stdout, "\nnext scheduled:")
	printNext(a.stdout, cfg, a.now())
	fmt.Fprintln(a.stdout, "\ndeliveries (latest attempt):")
	printDeliveries(a.stdout, deliveries, cfg.location())
	return nil
}

func printRuns(w io.Writer, runs []queries.JobRun, loc *time.Location) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  started\tjob\ttrigger\tstatus\ttook\trows\tfiles\tdetail")
	for _, r := range runs {
		took := "-"
		if r.FinishedAt.Valid {
			took = r.FinishedAt.Time.Sub(r.StartedAt).Round(time.Millisecond).String()
		}
		detail := r.Detail
		if r.Error != "" {
			detail = "error: " + r.Error
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", r.StartedAt.In(loc).Format("2006-01-02 15:04:05"),
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
			fmt.Fprintf(w, "  %-8s %s", j.Name, t.In(cfg.location()).Format("2006-01-02 15:04:05 MST"))
		default:
			fmt.Fprintf(w, "  %-8s -", j.Name)
		}
		if j.After != "" {
			fmt.Fprintf(w, "  (and after each %s that changed something)", j.After)
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
			what += " (retry after " + d.NextAttemptAt.Time.In(loc).Format("2006-01-02 15:04") + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%d\t%s\t%s\n", d.Month.Format("2006-01"), d.Recipient, d.Channel, d.Status,
			d.Attempt, d.AttemptedAt.In(loc).Format("2006-01-02 15:04"), what)
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
			last, started, detail = j.Last.Status, j.Last.Started.In(cfg.location()).Format("2006-01-02 15:04:05"), j.Last.Result.Detail
			if j.Last.Error != "" {
				detail = "error: " + j.Last.Error
			}
		}
		fmt.Fprintf(tw, "  %s\t%v\t%s\t%s\t%s\t%s\n", j.Job, j.Running, j.Next, last, started, detail)
	}
	return tw.Flush()
}
