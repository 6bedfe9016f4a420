package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"proximite/queries"
)

// errConfig marks a configuration error (exit code 2).
var errConfig = errors.New("configuration error")

// common holds the flags every verb takes.
type common struct {
	config string
	db     string
}

// newFlags returns a verb's flag set with --config and --db, and a usage text
// built from synopsis and description.
func newFlags(a *app, name, synopsis, description string) (*flag.FlagSet, *common) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	c := &common{}
	fs.StringVar(&c.config, "config", "config.yaml", "configuration `FILE`")
	fs.StringVar(&c.db, "db", "", "database `FILE` (overrides the configuration's database)")
	fs.Usage = func() {
		fmt.Fprintf(a.stdout, "Usage: proximite %s %s\n\n%s\n\nFlags:\n", name, synopsis, description)
		fs.SetOutput(a.stdout)
		fs.PrintDefaults()
		fs.SetOutput(a.stderr)
		fmt.Fprint(a.stdout, "\n"+exitCodeHelp())
	}
	return fs, c
}

// parse parses the flags of a verb that takes no positional argument: one
// is a usage error, never silently ignored.
func parse(fs *flag.FlagSet, args []string) error {
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q (proximite %s takes flags only)", errUsage, fs.Arg(0), fs.Name())
	}
	return nil
}

// parseInterspersed parses args, flags and positional arguments in any
// order (`ingest DIR --db X` is `ingest --db X DIR`); after "--" everything
// is positional. --help returns flag.ErrHelp (exit 0), a bad flag errUsage.
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var positional []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional, args = append(positional, rest[0]), rest[1:]
	}
	return parseFlags(fs, append([]string{"--"}, positional...))
}

// parseFlags runs the flag package's parser, which stops at the first
// positional argument.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return err
	case err != nil:
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	return nil
}

// load reads the configuration named by --config; the default file may be
// absent (defaults apply), an explicitly named one may not.
func (c *common) load() (Config, error) {
	cfg, err := loadConfig(c.config, c.config == "config.yaml")
	if err != nil {
		return cfg, fmt.Errorf("%w: %w", errConfig, err)
	}
	setUmask(cfg.umask())
	if c.db != "" {
		cfg.Database = c.db
		cfg.dbFromFlag = true
	}
	return cfg, nil
}

// loadMonth loads the configuration and parses a --month value in its time
// zone (empty: the previous month).
func (c *common) loadMonth(a *app, month string) (Config, time.Time, error) {
	cfg, err := c.load()
	if err != nil {
		return cfg, time.Time{}, err
	}
	m, err := parseMonth(month, a.now().In(cfg.location()))
	return cfg, m, err
}

// dbPath is the database file to open.
func (c Config) dbPath() string {
	if c.dbFromFlag {
		return c.Database
	}
	return c.path(c.Database)
}

// storeMemoryLimit caps DuckDB's memory in every writer (ingest, compute,
// report, serve's jobs), so that a compute over 10 M activities stays under
// the 2 GiB that `make bench` targets; larger intermediate results spill to
// the store's temporary directory.
const storeMemoryLimit = "1200MB"

// ingestMemoryLimit caps DuckDB's memory during an ingest run (then
// storeMemoryLimit is back for what follows in the same process), so that a
// 10 M-activity load stays well under the 1.5 GiB that `make bench`
// targets: DuckDB keeps the blocks the run writes cached up to its limit,
// and the Go side's read-ahead and pseudonym cache come on top. Measured
// 2026-12-04 on the bench's 19.9 M rows (2-core machine, three runs each,
// alternated): peak 1 239-1 258 MiB against 1 460-1 509 MiB with 1200MB,
// wall 56-69 s against 60-63 s (within this machine's noise).
const ingestMemoryLimit = "900MB"

// openDB opens the configured store for writing, and sets its files to
// the configured mode whatever mode they were created with.
func openDB(ctx context.Context, cfg Config) (*queries.DB, error) {
	db, err := queries.Open(ctx, cfg.dbPath(), queries.Options{TimeZone: cfg.TimeZone, MemoryLimit: storeMemoryLimit})
	if err != nil {
		return nil, err
	}
	if err := chmodStore(cfg.dbPath(), cfg.storeMode()); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// chmodStore sets the store and its write-ahead log (when there is one) to mode.
func chmodStore(path string, mode os.FileMode) error {
	if path == ":memory:" {
		return nil
	}
	for _, p := range []string{path, path + ".wal"} {
		if err := os.Chmod(p, mode); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("store mode: %w", err)
		}
	}
	return nil
}

// openDBReadOnly opens the configured store without the writer lock.
func openDBReadOnly(ctx context.Context, cfg Config) (*queries.DB, error) {
	return queries.Open(ctx, cfg.dbPath(), queries.Options{TimeZone: cfg.TimeZone, ReadOnly: true})
}
