package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"proximite/pipeline"
	"proximite/queries"
)

// errServeRunning means another `proximite serve` holds the store.
var errServeRunning = errors.New("another proximite serve is already running on this database")

func runServe(ctx context.Context, a *app, args []string) error {
	fs, c := newFlags(a, "serve", "[--config F] [--db F]",
		"Runs the jobs of config.yaml (pull, compute, report, deliver, publish) on their\n"+
			"schedules in the configured time zone, until SIGTERM or SIGINT: then it stops\n"+
			"taking work, lets the running job finish or roll back, and exits 0. The store is\n"+
			"opened per job only, so `proximite status` and `indicators` work between jobs.\n"+
			"Answers on serve.listen (loopback): /healthz, /status (JSON) and the report site.")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	key, err := loadKey(a, cfg)
	if err != nil {
		return err
	}
	if err := checkRekey(a, cfg); err != nil {
		return err
	}
	unlock, err := lockServe(cfg.dbPath())
	if err != nil {
		return err
	}
	defer unlock()
	return serve(ctx, a, cfg, key)
}

func serve(ctx context.Context, a *app, cfg Config, key []byte) error {
	sched, err := pipeline.NewScheduler(serveJobs(a, cfg, key), pipeline.SchedulerOptions{
		Location: cfg.location(), Seconds: cfg.Serve.Seconds, Log: a.log, Now: a.now, BusyWait: cfg.Serve.BusyWait,
		Open: func(ctx context.Context) (*queries.DB, error) { return openDB(ctx, cfg) },
	})
	if err != nil {
		return fmt.Errorf("%w: %w", errConfig, err)
	}
	stopHTTP, err := serveHTTP(a, cfg, sched)
	if err != nil {
		return err
	}
	defer stopHTTP()
	a.log.Info("serving", "db", cfg.dbPath(), "listen", cfg.Serve.Listen, "time_zone", cfg.TimeZone)
	err = sched.Run(ctx)
	a.log.Info("stopped")
	return err
}

// lockServe takes an exclusive lock on <db>.serve.lock, released at exit
// even if the process dies.
func lockServe(db string) (func(), error) {
	path := db + ".serve.lock"
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("%w (%s is locked): %w", errServeRunning, path, queries.ErrBusy)
	}
	f.Truncate(0)
	fmt.Fprintf(f, "%d\n", os.Getpid())
	return func() { f.Close() }, nil
}

// serveHTTP answers /healthz, /status and the report site on the loopback address.
func serveHTTP(a *app, cfg Config, sched *pipeline.Scheduler) (func(), error) {
	if cfg.Serve.Listen == "" {
		return func() {}, nil
	}
	host, _, err := net.SplitHostPort(cfg.Serve.Listen)
	if ip := net.ParseIP(host); err != nil || (host != "localhost" && (ip == nil || !ip.IsLoopback())) {
		return nil, fmt.Errorf("%w: serve.listen %q must be a loopback address", errConfig, cfg.Serve.Listen)
	}
	ln, err := net.Listen("tcp", cfg.Serve.Listen)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{Handler: statusMux(cfg, sched), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}, nil
}

// liveStatus is the JSON of /status.
type liveStatus struct {
	Database string               `json:"database"`
	Jobs     []pipeline.JobStatus `json:"jobs"`
}

func statusMux(cfg Config, sched *pipeline.Scheduler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(liveStatus{Database: cfg.dbPath(), Jobs: sched.Status()})
	})
	// Only the reports: the output folder also holds the store and snapshots.
	mux.Handle("GET /", http.FileServer(http.Dir(reportsDir(cfg))))
	return mux
}
