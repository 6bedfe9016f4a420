package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"proximite/fixtures"
	"proximite/internal/pseudonym"
)

func runDemo(ctx context.Context, a *app, args []string) error {
	fs, c := newFlags(a, "demo", "[--config F] [--out DIR]",
		"Generates the demo territory (synthetic, deterministic), loads it into\n"+
			"DIR/demo.duckdb (recreated), computes every indicator and renders the\n"+
			"reports into DIR. Uses the configured pseudonymization key, or else a\n"+
			"random demo key kept in DIR/demo-pseudonym.key.")
	out := fs.String("out", "", "output `DIR` (default: the configuration's output folder)")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	if *out == "" {
		*out = cfg.path(cfg.Output)
	}
	return demo(ctx, a, cfg, *out)
}

func demo(ctx context.Context, a *app, cfg Config, out string) error {
	data := filepath.Join(out, "demo-data")
	fmt.Fprintf(a.stdout, "1/4 generating the demo territory into %s\n", data)
	sum, err := generate(ctx, a, data, fixtures.DefaultOptions())
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "    %d files, %s activities, %s crisis events (planted effects in %s)\n",
		len(sum.Files), thousands(sum.Activities), thousands(sum.CrisisEvents), filepath.Join(data, "TRUTH.md"))
	cfg, err = demoConfig(a, cfg, out)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "2/4 loading into %s\n", cfg.Database)
	isum, err := ingest(ctx, a, cfg, []string{data})
	if err != nil {
		return err
	}
	printIngestSummary(a.stdout, isum)
	return demoCompute(ctx, a, cfg, out)
}

// demoConfig points the configuration at a fresh demo database and makes
// sure a pseudonymization key exists.
func demoConfig(a *app, cfg Config, out string) (Config, error) {
	cfg.Database = filepath.Join(out, "demo.duckdb")
	cfg.dbFromFlag = true
	for _, p := range []string{cfg.Database, cfg.Database + ".wal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return cfg, err
		}
	}
	if _, err := loadKey(a, cfg); err == nil {
		return cfg, nil
	}
	keyFile := filepath.Join(out, "demo-pseudonym.key")
	if err := ensureDemoKey(keyFile); err != nil {
		return cfg, err
	}
	cfg.PseudonymKey = KeySource{File: keyFile}
	cfg.dir = "."
	return cfg, nil
}

// ensureDemoKey writes a random key to path unless one is there.
func ensureDemoKey(path string) error {
	if _, err := pseudonym.LoadKey("", path); err == nil {
		return nil
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	// A key file left with other modes is replaced, not rewritten in place
	// (WriteFile keeps an existing file's mode).
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return os.WriteFile(path, []byte(hex.EncodeToString(b)+"\n"), 0o600)
}
