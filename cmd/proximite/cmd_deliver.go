package main

import (
	"context"
	"fmt"

	"proximite/pipeline"
)

func runDeliver(ctx context.Context, a *app, args []string) error {
	fs, c := newFlags(a, "deliver", "[--config F] [--db F] [--month YYYY-MM]",
		"Delivers the month's report PDFs (out/reports/YYYY-MM/<territory>/) to each\n"+
			"recipient, only its territories: to its folder and, when smtp is configured, by\n"+
			"e-mail. Every attempt goes to the deliveries ledger; a failed attempt is retried\n"+
			"after a back-off. A month that fails the data-quality gate is held and the\n"+
			"manager is told why.")
	month := fs.String("month", "", "`YYYY-MM` to deliver (default: the previous month)")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	m, err := parseMonth(*month, a.now().In(cfg.location()))
	if err != nil {
		return err
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := pipeline.Deliver(ctx, db, m, deliverOptions(a, cfg))
	fmt.Fprintln(a.stdout, res.Detail)
	return err
}
