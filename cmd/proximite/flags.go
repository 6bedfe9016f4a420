package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

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

// parse parses args; --help returns flag.ErrHelp (exit 0), a bad flag errUsage.
func parse(fs *flag.FlagSet, args []string) error {
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
	if c.db != "" {
		cfg.Database = c.db
		cfg.dbFromFlag = true
	}
	return cfg, nil
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

// openDB opens the configured store for writing.
func openDB(ctx context.Context, cfg Config) (*queries.DB, error) {
	return queries.Open(ctx, cfg.dbPath(), queries.Options{TimeZone: cfg.TimeZone, MemoryLimit: storeMemoryLimit})
}

// openDBReadOnly opens the configured store without the writer lock.
func openDBReadOnly(ctx context.Context, cfg Config) (*queries.DB, error) {
	return queries.Open(ctx, cfg.dbPath(), queries.Options{TimeZone: cfg.TimeZone, ReadOnly: true})
}
