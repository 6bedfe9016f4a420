package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"

	"proximite/internal/pseudonym"
	"proximite/pipeline"
)

func runIngest(ctx context.Context, a *app, args []string) error {
	fs, c := newFlags(a, "ingest", "[--config F] [--db F] [PATH...]",
		"Loads export files (and folders, recursively) into the store. The kind of each file\n"+
			"comes from its name (activities*.csv, attendance*.csv, crisis_events*.csv,\n"+
			"neighbourhoods*.csv, population*.csv, partners*.csv). Without PATH, reads the\n"+
			"configuration's reference_data and inputs folders. A file already received\n"+
			"(same bytes) is skipped; each file loads in one transaction.")
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = cfg.defaultInputs()
	}
	sum, err := ingest(ctx, a, cfg, paths)
	if err != nil {
		return err
	}
	printIngestSummary(a.stdout, sum)
	if sum.HasRejects() {
		return pipeline.ErrRejected
	}
	return nil
}

// ingest opens the store and loads paths, with progress on a terminal.
func ingest(ctx context.Context, a *app, cfg Config, paths []string) (pipeline.IngestSummary, error) {
	key, err := loadKey(a, cfg)
	if err != nil {
		return pipeline.IngestSummary{}, err
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return pipeline.IngestSummary{}, err
	}
	defer db.Close()
	opt := cfg.ingestOptions(a, key)
	opt.Progress = ingestProgress(a)
	sum, err := pipeline.Ingest(ctx, db, paths, opt)
	a.log.Debug("ingest finished", "load_id", sum.LoadID, "files", len(sum.Files))
	return sum, err
}

// loadKey reads the pseudonymization key from where the configuration says.
func loadKey(a *app, cfg Config) ([]byte, error) {
	env := ""
	if cfg.PseudonymKey.Env != "" {
		env = a.getenv(cfg.PseudonymKey.Env)
	}
	return pseudonym.LoadKey(env, cfg.path(cfg.PseudonymKey.File))
}

// ingestOptions are the ingest options the configuration gives; private
// copies of large files go beside the store.
func (c Config) ingestOptions(a *app, key []byte) pipeline.IngestOptions {
	return pipeline.IngestOptions{
		Key: key, Location: c.location(), Now: a.now, Version: version,
		Limits: c.limits(), Dates: c.dateWindow(a.now()), TempDir: filepath.Dir(c.dbPath()),
		MemoryLimit: ingestMemoryLimit,
	}
}

func (c Config) defaultInputs() []string {
	out := []string{c.path(c.ReferenceData)}
	for _, in := range c.Inputs {
		out = append(out, c.path(in))
	}
	return out
}

// ingestProgress prints a line per file (and per 100 000 rows of a long
// file) on a terminal, and logs at debug level otherwise.
func ingestProgress(a *app) func(pipeline.Progress) {
	return func(p pipeline.Progress) {
		if !a.isTerminal {
			if p.Result != nil {
				a.log.Debug("file", "path", p.File, "status", p.Result.Status, "rows_loaded", p.Result.RowsLoaded)
			}
			return
		}
		if p.Result == nil {
			fmt.Fprintf(a.stderr, "  %s: %s rows…\r", filepath.Base(p.File), thousands(p.Rows))
			return
		}
		r := p.Result
		fmt.Fprintf(a.stderr, "  %-40s %-8s %10s rows %6s rejected  %s\n", filepath.Base(r.Path), r.Status,
			thousands(r.RowsLoaded), thousands(r.RowsRejected), r.Duration.Round(1e6))
	}
}

func printIngestSummary(w io.Writer, s pipeline.IngestSummary) {
	var loaded, skipped, rejected int
	var rows, rejRows int64
	reasons := map[string]int64{}
	for _, f := range s.Files {
		switch f.Status {
		case pipeline.StatusLoaded:
			loaded++
		case pipeline.StatusSkipped:
			skipped++
		case pipeline.StatusRejected:
			rejected++
		}
		rows += f.RowsLoaded
		rejRows += f.RowsRejected
		for r, n := range f.Reasons {
			reasons[r] += n
		}
	}
	fmt.Fprintf(w, "load %d: %d files loaded, %d skipped (same content already received), %d rejected\n", s.LoadID, loaded, skipped, rejected)
	fmt.Fprintf(w, "rows: %s loaded, %s rejected\n", thousands(rows), thousands(rejRows))
	printTopReasons(w, reasons)
	for _, f := range s.Files {
		if f.Status == pipeline.StatusRejected {
			fmt.Fprintf(w, "rejected file %s: %s\n", f.Path, f.Reason)
		}
	}
	if len(s.Ignored) > 0 {
		fmt.Fprintf(w, "ignored %d files whose name is no export kind (e.g. %s)\n", len(s.Ignored), s.Ignored[0])
	}
}

func printTopReasons(w io.Writer, reasons map[string]int64) {
	type rn struct {
		r string
		n int64
	}
	var list []rn
	for r, n := range reasons {
		list = append(list, rn{r, n})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].n != list[j].n {
			return list[i].n > list[j].n
		}
		return list[i].r < list[j].r
	})
	if len(list) > 5 {
		list = list[:5]
	}
	for _, x := range list {
		fmt.Fprintf(w, "  %-28s %s rows\n", x.r, thousands(x.n))
	}
}

// thousands formats n with thin spaces between thousands, as in fr-CA.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := ""
	if n < 0 {
		neg, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + " " + s[i:]
	}
	return neg + s
}
