package main

import (
	"context"
	"fmt"
	"slices"

	"proximite/pipeline"
)

func runDeliver(ctx context.Context, a *app, args []string) error {
	fs, c := newFlags(a, "deliver", "[--config F] [--db F] [--month YYYY-MM] [--resend RECIPIENT]",
		"Delivers the month's report PDFs, exactly those the report job recorded, to\n"+
			"each recipient, only its territories: to its folder and, when smtp is\n"+
			"configured, by e-mail. Every attempt goes to the deliveries ledger; a failed\n"+
			"attempt is retried after a back-off, and after the last one the manager is\n"+
			"told. A month that fails the data-quality gate is held and the manager is told\n"+
			"why (see `proximite release`). --resend sends a recipient's copy again on\n"+
			"purpose (after it gave up, or was lost), with the same Message-ID.")
	month := fs.String("month", "", "`YYYY-MM` to deliver (default: the previous month)")
	resend := fs.String("resend", "", "`RECIPIENT` (name in config.yaml) to deliver to again, whatever the ledger says")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, m, err := c.loadMonth(a, *month)
	if err != nil {
		return err
	}
	if *resend != "" && !slices.ContainsFunc(cfg.Recipients, func(r RecipientConfig) bool { return r.Name == *resend }) {
		return fmt.Errorf("%w: --resend %q: no such recipient in the configuration", errUsage, *resend)
	}
	if err := checkSMTP(a, cfg); err != nil {
		return err
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	opt := deliverOptions(a, cfg)
	opt.Resend = *resend
	res, err := pipeline.Deliver(ctx, db, m, opt)
	fmt.Fprintln(a.stdout, res.Detail)
	return err
}
