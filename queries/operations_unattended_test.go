package queries

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestLockHolderNamesTheProcessWhenDuckDBSays(t *testing.T) {
	tests := map[string]string{
		`IO Error: Could not set lock on file "/srv/p.duckdb": Conflicting lock is held in /usr/bin/python3.11 (PID 4242) by user ana. See also https://duckdb.org/docs/connect/concurrency`: "held by /usr/bin/python3.11 (PID 4242) by user ana",
		`IO Error: Could not set lock on file "/srv/p.duckdb": Resource temporarily unavailable`:                                                                                             "held by another process",
	}
	for msg, want := range tests {
		if got := lockHolder(msg); got != want {
			t.Errorf("lockHolder(%q) = %q, want %q", msg, got, want)
		}
	}
}

func TestHeldMonthsAreReleasedOnce(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, ":memory:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q := New(db)
	apr := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
	at := time.Date(2024, 5, 2, 6, 0, 0, 0, time.UTC)
	if err := q.ReleaseMonth(ctx, apr, "why", at); !errors.Is(err, ErrNotFound) {
		t.Errorf("release of a month never held: %v, want ErrNotFound", err)
	}
	q.HoldMonth(ctx, apr, "first reason", at)
	q.HoldMonth(ctx, apr, "second hold keeps the first", at.Add(time.Hour))
	if err := q.ReleaseMonth(ctx, apr, "team on leave", at.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := q.ReleaseMonth(ctx, apr, "again", at.Add(3*time.Hour)); !errors.Is(err, ErrNotFound) {
		t.Errorf("second release: %v, want ErrNotFound", err)
	}
	held, err := q.HeldMonths(ctx)
	if err != nil || len(held) != 1 || held[0].Reason != "first reason" || held[0].ReleaseReason != "team on leave" || !held[0].ReleasedAt.Time.Equal(at.Add(2*time.Hour)) {
		t.Errorf("held months = %+v, %v", held, err)
	}
}
