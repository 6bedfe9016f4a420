package main

import (
	"context"
)

func runConfig(ctx context.Context, a *app, args []string) error {
	fs, c := newFlags(a, "config", "[--config F] [--db F]",
		"Prints the effective configuration: defaults, config.yaml and flags combined,\n"+
			"paths resolved. Secrets are never printed, only whether they are set.")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	out, err := cfg.printable(a.getenv)
	if err != nil {
		return err
	}
	_, err = a.stdout.Write(out)
	return err
}
