package queries

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"proximite/internal/catalogue"
)

func TestEveryCatalogueIndicatorHasSQL(t *testing.T) {
	files, err := IndicatorQueryIDs()
	if err != nil {
		t.Fatal(err)
	}
	ids := catalogue.IDs()
	slices.Sort(ids)
	if !slices.Equal(files, ids) {
		t.Errorf("SQL files %v, want one per catalogue id %v", files, ids)
	}
}

// openSmall opens an in-memory store holding a few hand-inserted rows: the
// wrappers' own smoke test (indicator values are checked against hand
// computations in pipeline's scenario tests, through the real ingest).
func openSmall(t testing.TB) (*DB, *Queries) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, ":memory:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, s := range []string{
		`INSERT INTO neighbourhoods VALUES ('A', 'Aa', 'T1', DATE '2024-02-01', 1, 2), ('B', 'Bb', 'T1', NULL, 1, 3)`,
		`INSERT INTO population VALUES ('A', 2021, 1000, 100, NULL, NULL, NULL, NULL, 1, 2), ('B', 2021, 0, 0, NULL, NULL, NULL, NULL, 1, 3)`,
		`INSERT INTO activity_versions (activity_id, activity_date, worker_id, neighbourhood, kind, setting, planned, initiated_by,
			duration_min, person_key, lives_alone, status, exported_at) VALUES
			('1', DATE '2024-01-15', 'w1', 'A', 'individual', 'home', false, 'worker', 30, 'p1', true, 'active', TIMESTAMPTZ '2024-02-01 00:00:00+00'),
			('2', DATE '2024-03-02', 'w1', 'B', 'individual', 'phone', true, 'self', 60, 'p1', false, 'active', TIMESTAMPTZ '2024-04-01 00:00:00+00'),
			('3', DATE '2024-03-03', 'w2', 'B', 'individual', 'phone', true, 'self', 60, 'p2', NULL, 'cancelled', TIMESTAMPTZ '2024-04-01 00:00:00+00')`,
		`INSERT INTO crisis_event_versions (event_id, event_date, neighbourhood, service, status, exported_at) VALUES
			('e1', DATE '2024-03-31', 'A', 'crisis_line', 'active', TIMESTAMPTZ '2024-04-01 03:30:00+00')`,
	} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	// The grid's scratch tables are temporary: one connection for it all.
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return db, New(conn)
}

func TestEveryIndicatorQueryRuns(t *testing.T) {
	ctx := context.Background()
	_, q := openSmall(t)
	asOf := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := q.RebuildGrid(ctx, GridParams{AsOf: asOf, ProvisionalMonths: 1}); err != nil {
		t.Fatal(err)
	}
	if err := q.WriteCatalogue(ctx); err != nil {
		t.Fatal(err)
	}
	for _, ind := range catalogue.All() {
		n, err := q.InsertIndicatorValues(ctx, ind, asOf)
		if err != nil {
			t.Errorf("%s: %v", ind.ID, err)
			continue
		}
		if n == 0 {
			t.Errorf("%s: no rows", ind.ID)
		}
	}
	got, err := q.IndicatorValues(ctx, ValueFilter{Indicator: "reach_persons", AreaCode: "T1", PeriodType: "quarter"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Value.Float64 != 1 {
		t.Errorf("reach_persons T1 quarter = %+v, want one row of value 1 (p1 met in A and B, p2 cancelled)", got)
	}
}

// TestContactsTieRules checks the spec's latest-non-empty rule on records a
// hand can follow: the latest date wins; on a tie, the latest exported_at,
// to the microsecond; on a further tie, Y over N; individual activities and
// group attendance compete alike; empty values never win.
func TestContactsTieRules(t *testing.T) {
	ctx := context.Background()
	db, q := openSmall(t)
	for _, s := range []string{
		// p3 in A, March: both on March 5, same export time, N and Y: Y wins.
		// new_to_services: Y on March 5 exported at 10:00:00, N on March 5
		// exported one microsecond later: N wins.
		`INSERT INTO activity_versions (activity_id, activity_date, worker_id, neighbourhood, kind, setting, planned, initiated_by,
			duration_min, person_key, lives_alone, new_to_services, status, exported_at) VALUES
			('t1', DATE '2024-03-05', 'w1', 'A', 'individual', 'home', true, 'worker', 30, 'p3', false, true, 'active', TIMESTAMPTZ '2024-04-01 10:00:00+00'),
			('t2', DATE '2024-03-05', 'w1', 'A', 'individual', 'home', true, 'worker', 30, 'p3', true, NULL, 'active', TIMESTAMPTZ '2024-04-01 10:00:00+00'),
			('t3', DATE '2024-03-05', 'w1', 'A', 'individual', 'home', true, 'worker', 30, 'p3', NULL, false, 'active', TIMESTAMPTZ '2024-04-01 10:00:00.000001+00'),
			('t4', DATE '2024-03-20', 'w1', 'A', 'individual', 'home', true, 'worker', 30, 'p3', NULL, NULL, 'active', TIMESTAMPTZ '2024-03-21 10:00:00+00'),
			('g1', DATE '2024-03-12', 'w2', 'A', 'group', 'community_facility', true, 'worker', 90, NULL, NULL, NULL, 'active', TIMESTAMPTZ '2024-04-01 10:00:00+00')`,
		// p4 in A: an individual activity says Y on March 12; the group
		// session of March 12 says N with a later export: N wins. p3 attends
		// the same session with empty values, which change nothing.
		`INSERT INTO activity_versions (activity_id, activity_date, worker_id, neighbourhood, kind, setting, planned, initiated_by,
			duration_min, person_key, lives_alone, status, exported_at) VALUES
			('t5', DATE '2024-03-12', 'w1', 'A', 'individual', 'home', true, 'worker', 30, 'p4', true, 'active', TIMESTAMPTZ '2024-04-01 09:00:00+00')`,
		`INSERT INTO attendance_versions (activity_id, person_key, lives_alone, new_to_services, status, exported_at) VALUES
			('g1', 'p4', false, NULL, 'active', TIMESTAMPTZ '2024-04-01 09:30:00+00'),
			('g1', 'p3', NULL, NULL, 'active', TIMESTAMPTZ '2024-04-02 00:00:00+00')`,
	} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if err := q.RebuildGrid(ctx, GridParams{AsOf: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), ProvisionalMonths: 1}); err != nil {
		t.Fatal(err)
	}
	// contacts hold no pseudonym: p3 is the person first met on March 5,
	// p4 the one first met on March 12.
	want := map[string]string{"p3": "lives_alone=true new=false sessions=1 2024-03-05..2024-03-20",
		"p4": "lives_alone=false new=<nil> sessions=1 2024-03-12..2024-03-12"}
	rows, err := db.QueryContext(ctx, `SELECT CASE c.first_date WHEN DATE '2024-03-05' THEN 'p3' ELSE 'p4' END,
		c.lives_alone, c.new_to_services, c.group_sessions,
		strftime(c.first_date, '%Y-%m-%d'), strftime(c.last_date, '%Y-%m-%d')
		FROM contacts c
		WHERE c.neighbourhood = 'A' AND c.month_start = DATE '2024-03-01' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]string{}
	for rows.Next() {
		var key, first, last string
		var la, nts any
		var sessions int64
		if err := rows.Scan(&key, &la, &nts, &sessions, &first, &last); err != nil {
			t.Fatal(err)
		}
		got[key] = fmt.Sprintf("lives_alone=%v new=%v sessions=%d %s..%s", la, nts, sessions, first, last)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: got %q, want %q", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d persons in A in March, want %d: %v", len(got), len(want), got)
	}
}

// TestContactsKeyRange checks the recency key at the ends of its range: a
// later day beats an earlier one whatever their export times, the last days
// of a month (the key's top bits) beat the first, export times 8 000 years
// apart still order to the microsecond, and data whose export times span
// more than the key holds stop the grid with a message instead of comparing
// wrongly.
func TestContactsKeyRange(t *testing.T) {
	ctx := context.Background()
	db, q := openSmall(t)
	insert := func(rows string) {
		t.Helper()
		if _, err := db.ExecContext(ctx, `INSERT INTO activity_versions (activity_id, activity_date, worker_id, neighbourhood, kind,
			setting, planned, initiated_by, duration_min, person_key, lives_alone, new_to_services, status, exported_at) VALUES `+rows); err != nil {
			t.Fatal(err)
		}
	}
	// p5: lives_alone N on March 2 (exported in the year 1000) beats Y on
	// March 1 (exported in 9000). new_to_services: on March 31, N exported
	// one microsecond before 9000 beats Y exported in 1000, and both beat
	// Y on March 10 exported in 9000.
	insert(`('k1', DATE '2024-03-02', 'w1', 'A', 'individual', 'home', true, 'worker', 30, 'p5', false, NULL, 'active', TIMESTAMPTZ '1000-01-01 00:00:00+00'),
		('k2', DATE '2024-03-01', 'w1', 'A', 'individual', 'home', true, 'worker', 30, 'p5', true, NULL, 'active', TIMESTAMPTZ '9000-01-01 00:00:00+00'),
		('k3', DATE '2024-03-31', 'w1', 'A', 'individual', 'home', true, 'worker', 30, 'p5', NULL, false, 'active', TIMESTAMPTZ '8999-12-31 23:59:59.999999+00'),
		('k4', DATE '2024-03-31', 'w1', 'A', 'individual', 'home', true, 'worker', 30, 'p5', NULL, true, 'active', TIMESTAMPTZ '1000-01-01 00:00:00+00'),
		('k5', DATE '2024-03-10', 'w1', 'A', 'individual', 'home', true, 'worker', 30, 'p5', NULL, true, 'active', TIMESTAMPTZ '9000-01-01 00:00:00+00')`)
	// p5 in B: March 3 (against A's March 2, exported a second later) and
	// March 31 exported a microsecond after A's March 31 winner; B's keys
	// must be the greater, as the area level compares them.
	insert(`('k6', DATE '2024-03-03', 'w1', 'B', 'individual', 'home', true, 'worker', 30, 'p5', true, NULL, 'active', TIMESTAMPTZ '0999-12-31 23:59:59+00'),
		('k7', DATE '2024-03-31', 'w1', 'B', 'individual', 'home', true, 'worker', 30, 'p5', NULL, false, 'active', TIMESTAMPTZ '9000-01-01 00:00:00+00')`)
	grid := GridParams{AsOf: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), ProvisionalMonths: 1}
	if err := q.RebuildGrid(ctx, grid); err != nil {
		t.Fatal(err)
	}
	var la, nts bool
	var first, last string
	if err := db.QueryRowContext(ctx, `SELECT lives_alone, new_to_services, strftime(first_date, '%Y-%m-%d'), strftime(last_date, '%Y-%m-%d')
		FROM contacts WHERE neighbourhood = 'A' AND month_start = DATE '2024-03-01'`).Scan(&la, &nts, &first, &last); err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprintf("lives_alone=%v new=%v %s..%s", la, nts, first, last), "lives_alone=false new=false 2024-03-01..2024-03-31"; got != want {
		t.Errorf("p5 in A, March: got %q, want %q", got, want)
	}
	var laLater, ntsLater bool
	if err := db.QueryRowContext(ctx, `SELECT b.lives_alone_key > a.lives_alone_key, b.new_key > a.new_key
		FROM contacts a JOIN contacts b USING (person_id, month_start)
		WHERE a.neighbourhood = 'A' AND b.neighbourhood = 'B' AND month_start = DATE '2024-03-01'`).Scan(&laLater, &ntsLater); err != nil {
		t.Fatal(err)
	}
	if !laLater || !ntsLater {
		t.Errorf("p5's keys in B greater than in A: lives_alone %v, new_to_services %v; want both (later day; same day, later export)", laLater, ntsLater)
	}

	insert(`('k5', DATE '2024-03-02', 'w1', 'A', 'individual', 'home', true, 'worker', 30, 'p6', NULL, NULL, 'active', TIMESTAMPTZ '0001-01-01 00:00:00+00'),
		('k6', DATE '2024-03-02', 'w1', 'A', 'individual', 'home', true, 'worker', 30, 'p6', NULL, NULL, 'active', TIMESTAMPTZ '9999-12-31 00:00:00+00')`)
	err := q.RebuildGrid(ctx, grid)
	if err == nil || !strings.Contains(err.Error(), "span more than 9 133 years") {
		t.Errorf("export times from year 1 to 9999: err = %v, want the span refused", err)
	}
}
