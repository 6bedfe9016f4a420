package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
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
	if err := checkStartUp(a, cfg); err != nil {
		return err
	}
	unlock, err := lockServe(cfg.dbPath(), a.now())
	if err != nil {
		return err
	}
	defer unlock()
	a.log = slog.New(zoneHandler{a.log.Handler(), cfg.location()})
	return serve(ctx, a, cfg, key)
}

func serve(ctx context.Context, a *app, cfg Config, key []byte) error {
	sched, err := pipeline.NewScheduler(serveJobs(a, cfg, key), pipeline.SchedulerOptions{
		Location: cfg.location(), Seconds: cfg.Serve.Seconds, Log: a.log, Now: a.now, BusyWait: cfg.Serve.BusyWait,
		Recheck: cfg.Serve.Recheck,
		Open:    func(ctx context.Context) (*queries.DB, error) { return openDB(ctx, cfg) },
	})
	if err != nil {
		return fmt.Errorf("%w: %w", errConfig, err)
	}
	if err := checkTerritories(ctx, a, cfg); err != nil {
		return err
	}
	stopHTTP, err := serveHTTP(a, cfg, sched, a.now())
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
// even if the process dies; the file says which process holds it since when.
func lockServe(db string, now time.Time) (func(), error) {
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
	fmt.Fprintf(f, "%d\n%s\n", os.Getpid(), now.Format(time.RFC3339))
	return func() { f.Close() }, nil
}

// serveHolder says whether a serve holds db's serve lock, its PID and since when.
func serveHolder(db string) (pid string, since time.Time, running bool) {
	f, err := os.Open(db + ".serve.lock")
	if err != nil {
		return "", time.Time{}, false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err == nil {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		return "", time.Time{}, false
	}
	b, _ := io.ReadAll(f)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 1 {
		since, _ = time.Parse(time.RFC3339, lines[1])
	}
	return lines[0], since, true
}

// checkStartUp refuses to start when a configured feature lacks what it
// needs: a secret variable, the SMTP CA file, a way to tell the manager.
func checkStartUp(a *app, cfg Config) error {
	if err := checkRekey(a, cfg); err != nil {
		return err
	}
	for _, u := range cfg.Sources.URLs {
		if u.TokenEnv != "" && a.getenv(u.TokenEnv) == "" {
			return fmt.Errorf("%w: sources.urls %s needs its token in $%s, which is empty", errConfig, u.URL, u.TokenEnv)
		}
	}
	return checkSMTP(a, cfg)
}

// checkSMTP refuses an SMTP configuration that cannot work: no password, no
// sender, an unreadable CA file.
func checkSMTP(a *app, cfg Config) error {
	if cfg.SMTP.Host == "" {
		return nil
	}
	if cfg.SMTP.User != "" && a.getenv(cfg.SMTP.PasswordEnv) == "" {
		return fmt.Errorf("%w: smtp.user is set but $%s (smtp.password_env) is empty", errConfig, cfg.SMTP.PasswordEnv)
	}
	if cfg.SMTP.From == "" {
		return fmt.Errorf("%w: smtp.host is set but smtp.from is empty", errConfig)
	}
	if _, err := smtpTLS(cfg); err != nil {
		return fmt.Errorf("%w: %w", errConfig, err)
	}
	return nil
}

// checkTerritories refuses recipients' territories the store does not
// know, once it holds data; an empty store is waiting for data.
func checkTerritories(ctx context.Context, a *app, cfg Config) error {
	if _, err := os.Stat(cfg.dbPath()); err != nil {
		a.log.Info("waiting for data: no store yet", "db", cfg.dbPath())
		return nil
	}
	db, err := openDBReadOnly(ctx, cfg)
	if err != nil {
		a.log.Warn("cannot check the recipients' territories now", "err", err)
		return nil
	}
	defer db.Close()
	known, err := queries.New(db).ReportTerritories(ctx)
	if err != nil || len(known) == 0 {
		a.log.Info("waiting for data: the store holds no territory yet")
		return nil
	}
	for _, r := range cfg.Recipients {
		for _, t := range r.Territories {
			if !slices.Contains(known, t) {
				return fmt.Errorf("%w: recipient %s: territory %q is not in the store (known: %s)", errConfig, r.Name, t, strings.Join(known, ", "))
			}
		}
	}
	return nil
}

// zoneHandler writes log times in the configured time zone, the one
// `status` uses.
type zoneHandler struct {
	slog.Handler
	loc *time.Location
}

func (h zoneHandler) Handle(ctx context.Context, r slog.Record) error {
	r.Time = r.Time.In(h.loc)
	return h.Handler.Handle(ctx, r)
}

func (h zoneHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return zoneHandler{h.Handler.WithAttrs(attrs), h.loc}
}

func (h zoneHandler) WithGroup(name string) slog.Handler {
	return zoneHandler{h.Handler.WithGroup(name), h.loc}
}

// serveHTTP answers /healthz, /status and the report site on the loopback address.
func serveHTTP(a *app, cfg Config, sched *pipeline.Scheduler, since time.Time) (func(), error) {
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
	srv := &http.Server{Handler: statusMux(cfg, sched, since), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}, nil
}

// liveStatus is the JSON of /status.
type liveStatus struct {
	Database string `json:"database"`
	// Since is when this serve started, in the configured time zone.
	Since string               `json:"since"`
	Jobs  []pipeline.JobStatus `json:"jobs"`
}

func statusMux(cfg Config, sched *pipeline.Scheduler, since time.Time) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(liveStatus{Database: cfg.dbPath(), Since: since.In(cfg.location()).Format(time.RFC3339), Jobs: sched.Status()})
	})
	// Only the reports: the output folder also holds the store and snapshots.
	mux.Handle("GET /", http.FileServer(confinedDir(reportsDir(cfg))))
	return mux
}

// confinedDir serves the files of a folder, never following a symbolic
// link to somewhere outside it.
type confinedDir string

// Open opens name inside the folder; a path that resolves outside it does not exist.
func (d confinedDir) Open(name string) (http.File, error) {
	root, err := filepath.EvalSymlinks(string(d))
	if err != nil {
		return nil, fs.ErrNotExist
	}
	p, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(path.Clean("/"+name))))
	if err != nil {
		return nil, fs.ErrNotExist
	}
	if rel, err := filepath.Rel(root, p); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fs.ErrNotExist
	}
	return os.Open(p)
}
