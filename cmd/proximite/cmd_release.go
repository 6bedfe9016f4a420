package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"proximite/queries"
)

func runRelease(ctx context.Context, a *app, args []string) error {
	fs, c := newFlags(a, "release", "--month YYYY-MM --reason TEXT [--config F] [--db F]",
		"Releases a month the data-quality gate held back, once a person has checked\n"+
			"that the missing activity is real (not a missing export). The reason is\n"+
			"recorded with the release; the next deliver run sends the month's reports.")
	month := fs.String("month", "", "`YYYY-MM` to release (required)")
	reason := fs.String("reason", "", "why the month may go out (required, recorded)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *month == "" || strings.TrimSpace(*reason) == "" {
		return fmt.Errorf("%w: release needs --month and --reason", errUsage)
	}
	cfg, m, err := c.loadMonth(a, *month)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	err = queries.New(db).ReleaseMonth(ctx, monthStart(m), strings.TrimSpace(*reason), a.now())
	if errors.Is(err, queries.ErrNotFound) {
		return fmt.Errorf("month %s is not held (never held, or already released): see `proximite status`", *month)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "month %s released; the next deliver run sends its reports (or run `proximite deliver --month %s`)\n", *month, *month)
	return nil
}

// monthStart is the first day of t's month at midnight UTC, as the store's
// DATE columns take it.
func monthStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}
