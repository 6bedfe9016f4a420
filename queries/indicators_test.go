package queries

import (
	"context"
	"slices"
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
		`INSERT INTO activities (activity_id, activity_date, worker_id, neighbourhood, kind, setting, planned, initiated_by,
			duration_min, person_key, lives_alone, status, exported_at) VALUES
			('1', DATE '2024-01-15', 'w1', 'A', 'individual', 'home', false, 'worker', 30, 'p1', true, 'active', TIMESTAMPTZ '2024-02-01 00:00:00+00'),
			('2', DATE '2024-03-02', 'w1', 'B', 'individual', 'phone', true, 'self', 60, 'p1', false, 'active', TIMESTAMPTZ '2024-04-01 00:00:00+00'),
			('3', DATE '2024-03-03', 'w2', 'B', 'individual', 'phone', true, 'self', 60, 'p2', NULL, 'cancelled', TIMESTAMPTZ '2024-04-01 00:00:00+00')`,
		`INSERT INTO crisis_events (event_id, event_date, neighbourhood, service, status, exported_at) VALUES
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
	ids, _ := IndicatorQueryIDs()
	for _, id := range ids {
		n, err := q.InsertIndicatorValues(ctx, id, asOf)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		if n == 0 {
			t.Errorf("%s: no rows", id)
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
