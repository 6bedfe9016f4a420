package pipeline

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"proximite/queries"
)

// TestIncompletePeriodsAreProvisional: the basic scenario's calendar runs
// from 2023-12 to 2024-03 (March provisional). The quarter 2023-Q4 has only
// December, the fiscal year 2023-2024 only 4 of its 12 months and every
// rolling window fewer than 12: they are incomplete, so provisional, with
// the months they cover in area_periods. January and February are complete
// months and not provisional.
func TestIncompletePeriodsAreProvisional(t *testing.T) {
	db, _ := runScenario(t, filepath.Join(scenarioRoot, "basic"))
	ctx := context.Background()
	for _, c := range []struct {
		typ, start         string
		months             int
		complete, provisnl bool
	}{
		{"quarter", "2023-10-01", 1, false, true},
		{"fiscal_year", "2023-04-01", 4, false, true},
		{"rolling_12m", "2023-03-01", 3, false, true},
		{"month", "2024-01-01", 1, true, false},
		{"month", "2024-02-01", 1, true, false},
	} {
		var months int
		var complete, apProv bool
		err := db.QueryRowContext(ctx, `SELECT months, complete, provisional FROM area_periods
			WHERE area_level = 'all' AND period_type = $1 AND period_start = $2::DATE`, c.typ, c.start).Scan(&months, &complete, &apProv)
		if err != nil {
			t.Fatalf("%s %s: %v", c.typ, c.start, err)
		}
		var notProv int
		db.QueryRowContext(ctx, `SELECT count(*) FROM indicator_values WHERE period_type = $1 AND period_start = $2::DATE
			AND provisional <> $3`, c.typ, c.start, c.provisnl).Scan(&notProv)
		if months != c.months || complete != c.complete || apProv != c.provisnl || notProv != 0 {
			t.Errorf("%s %s: %d months, complete %v, provisional %v, %d values with another provisional flag; want %d, %v, %v, 0",
				c.typ, c.start, months, complete, apProv, notProv, c.months, c.complete, c.provisnl)
		}
	}
}

// TestRevisionsNameTheirLoad: a compute given no load (LoadID 0) still
// names the load behind every revision, the latest one; no revision row
// has a NULL load_id.
func TestRevisionsNameTheirLoad(t *testing.T) {
	dir := filepath.Join(scenarioRoot, "basic")
	db, _ := runScenario(t, dir)
	ctx := context.Background()
	q := queries.New(db)
	jan := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	err := q.InsertPublishedValues(ctx, []queries.PublishedValue{{ReportID: "T1/2024-02", Indicator: "reach_persons",
		AreaLevel: "territory", AreaCode: "T1", PeriodType: "month", PeriodStart: jan,
		Value: sql.NullFloat64{Float64: 99, Valid: true}, PublishedAt: time.Date(2024, 2, 5, 0, 0, 0, 0, time.UTC)}})
	if err != nil {
		t.Fatal(err)
	}
	var latest int64
	if err := db.QueryRowContext(ctx, `SELECT max(load_id) FROM loads`).Scan(&latest); err != nil || latest == 0 {
		t.Fatalf("latest load %d: %v", latest, err)
	}
	opt := scenarioCompute(t, readParams(t, dir))
	opt.LoadID = 0
	if _, err := Compute(ctx, db, opt); err != nil {
		t.Fatal(err)
	}
	var n, nulls int
	var load sql.NullInt64
	err = db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE load_id IS NULL), max(load_id) FROM indicator_revisions`).Scan(&n, &nulls, &load)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || nulls != 0 || load.Int64 != latest {
		t.Errorf("%d revisions, %d without a load, load %v; want 1, 0, load %d", n, nulls, load, latest)
	}
}

// TestPooledAreasKeepComparisonOut: comparison neighbourhoods (placebo
// t0) never enter a treated pooled model; they make the comparison group's
// placebo. Each territory pools its own outreach neighbourhoods only.
func TestPooledAreasKeepComparisonOut(t *testing.T) {
	start := sql.NullTime{Time: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true}
	hoods := []crisisArea{
		{level: "neighbourhood", code: "A", territory: "T1", t0: start},
		{level: "neighbourhood", code: "B", territory: "T1", t0: start, placebo: true},
		{level: "neighbourhood", code: "C", territory: "T2", t0: start},
		{level: "neighbourhood", code: "D", territory: "T2", t0: start},
	}
	got := map[string]string{}
	for _, p := range pooledAreas(hoods) {
		codes := ""
		for _, m := range p.members {
			codes += m.code
		}
		if p.placebo {
			codes += " placebo"
		}
		got[p.level+"/"+p.code] = codes
	}
	want := map[string]string{"all/all": "ACD", "group/outreach": "ACD", "group/comparison": "B placebo",
		"territory/T1": "A", "territory/T2": "CD"}
	if len(got) != len(want) {
		t.Errorf("pooled areas %v, want %v", got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s pools %q, want %q", k, got[k], w)
		}
	}
}
