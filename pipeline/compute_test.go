package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"proximite/queries"
)

// dump returns every indicator_values row as text, in a total order.
func dump(t testing.TB, db *queries.DB, table, order string) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), "SELECT * FROM "+table+" ORDER BY "+order)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals...))
	}
	return out
}

func TestComputeIsReproducible(t *testing.T) {
	db, _ := runScenario(t, filepath.Join(scenarioRoot, "basic"))
	first := dump(t, db, "indicator_values", "ALL")
	firstSPC := dump(t, db, "spc_points", "ALL")
	if _, err := Compute(context.Background(), db, scenarioCompute(t, readParams(t, filepath.Join(scenarioRoot, "basic")))); err != nil {
		t.Fatal(err)
	}
	second := dump(t, db, "indicator_values", "ALL")
	if strings.Join(second, "\n") != strings.Join(first, "\n") {
		t.Errorf("second compute wrote %d rows differing from the first %d", len(second), len(first))
	}
	if got := dump(t, db, "spc_points", "ALL"); strings.Join(got, "\n") != strings.Join(firstSPC, "\n") {
		t.Errorf("spc_points differ between two computes")
	}
}

func TestValuesAreDenseAndFinite(t *testing.T) {
	db, sum := runScenario(t, filepath.Join(scenarioRoot, "basic"))
	ctx := context.Background()
	var bad int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM indicator_values
		WHERE isnan(value) OR isinf(value) OR isnan(ci_low) OR isinf(ci_high) OR isnan(numerator) OR isnan(denominator)`).Scan(&bad)
	if err != nil || bad != 0 {
		t.Errorf("%d rows with NaN or infinity (%v), want 0", bad, err)
	}
	// 4 months; areas: 3 neighbourhoods, 2 territories, 2 groups, all = 8; reach_persons has one row per
	// area × (4 months + 2 quarters + 1 fiscal year + 4 rolling windows).
	if got, want := sum.Rows["reach_persons"], int64(8*(4+2+1+4)); got != want {
		t.Errorf("reach_persons rows = %d, want %d", got, want)
	}
	if got, want := sum.Rows["activities_by_kind"], int64(8*11*6); got != want {
		t.Errorf("activities_by_kind rows = %d, want %d (total + 5 kinds)", got, want)
	}
	var provisional int
	db.QueryRowContext(ctx, `SELECT count(*) FROM indicator_values WHERE indicator = 'reach_persons'
		AND period_type = 'month' AND provisional`).Scan(&provisional)
	if provisional != 8 {
		t.Errorf("provisional month rows of reach_persons = %d, want 8 (March only, every area)", provisional)
	}
}

func TestCrisisModels(t *testing.T) {
	db, sum := runScenario(t, filepath.Join(scenarioRoot, "series"))
	ctx := context.Background()
	type its struct {
		status        string
		reason        sql.NullString
		before, after int
		seasonal      bool
		level         sql.NullFloat64
		placebo       bool
		t0            time.Time
	}
	got := map[string]its{}
	rows, err := db.QueryContext(ctx, `SELECT area_level || '/' || area_code, status, reason, months_before, months_after,
		seasonal, level_rr, placebo, outreach_start FROM crisis_its`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k string
		var r its
		if err := rows.Scan(&k, &r.status, &r.reason, &r.before, &r.after, &r.seasonal, &r.level, &r.placebo, &r.t0); err != nil {
			t.Fatal(err)
		}
		got[k] = r
	}
	rows.Close()
	// 27 months, the last 2 provisional: 25 fitted. A starts 2023-01: 12 before, 13 after.
	if a := got["neighbourhood/A"]; a.status != "fitted" || a.before != 12 || a.after != 13 || !a.seasonal || !a.level.Valid {
		t.Errorf("ITS A = %+v, want fitted, 12 before, 13 after, seasonal", a)
	}
	// C starts 2023-06: 17 before, 8 after: refused with its reason.
	if c := got["neighbourhood/C"]; c.status != "refused" || !strings.Contains(c.reason.String, "too few months") || c.after != 8 {
		t.Errorf("ITS C = %+v, want refused for too few months (8 after)", c)
	}
	// Comparison B gets a placebo test at the earliest start of its territory T (A, 2023-01).
	jan23 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	if b := got["neighbourhood/B"]; !b.placebo || b.status != "fitted" || !b.t0.Equal(jan23) || b.before != 12 || b.after != 13 {
		t.Errorf("ITS B = %+v, want a fitted placebo at 2023-01, 12 before, 13 after", b)
	}
	for _, k := range []string{"neighbourhood/A", "neighbourhood/C", "territory/T", "group/outreach"} {
		if got[k].placebo {
			t.Errorf("ITS %s is marked placebo", k)
		}
	}
	// Territory T, the outreach group and all: one pooled model over A and C,
	// each from its own start (A 12 + 13, C 17 + 8 months), t0 the earliest;
	// the comparison group: B's placebo, pooled.
	for _, k := range []string{"territory/T", "group/outreach", "all/all", "group/comparison"} {
		r := got[k]
		want := [2]int{29, 21}
		if k == "group/comparison" {
			want = [2]int{12, 13}
		}
		if r.status != "fitted" || r.before != want[0] || r.after != want[1] || !r.t0.Equal(jan23) || r.placebo != (k == "group/comparison") {
			t.Errorf("ITS %s = %+v, want fitted from 2023-01 with %d neighbourhood-months before and %d after", k, r, want[0], want[1])
		}
	}
	var pooled, quasi int
	db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE model = 'pooled'), count(*) FILTER (WHERE model = 'pooled' AND inference = 'quasi_poisson'
		AND clusters = CASE area_code WHEN 'comparison' THEN 1 ELSE 2 END) FROM crisis_its`).Scan(&pooled, &quasi)
	if pooled != 4 || quasi != 4 {
		t.Errorf("%d pooled rows, %d with quasi-Poisson inference and the right cluster count; want 4 and 4 (fewer than 3 neighbourhoods)", pooled, quasi)
	}
	// 3 neighbourhood models (A fitted, C refused, B placebo) and 4 pooled.
	if sum.ITSFitted != 6 || sum.ITSRefused != 1 || sum.ITSPlacebo != 2 {
		t.Errorf("summary ITS fitted %d refused %d placebo %d, want 6, 1 and 2", sum.ITSFitted, sum.ITSRefused, sum.ITSPlacebo)
	}
	var placeboSeries int
	db.QueryRowContext(ctx, `SELECT count(*) FROM crisis_its_series WHERE area_code = 'B' AND in_fit AND counterfactual IS NOT NULL`).Scan(&placeboSeries)
	if placeboSeries != 25 {
		t.Errorf("B placebo months with a counterfactual = %d, want 25", placeboSeries)
	}
	var inFit int
	db.QueryRowContext(ctx, `SELECT count(*) FROM crisis_its_series WHERE area_code = 'A' AND in_fit AND fitted IS NOT NULL`).Scan(&inFit)
	if inFit != 25 {
		t.Errorf("A months in fit = %d, want 25 (provisional months left out)", inFit)
	}
	var status string
	var nT, nC int
	var ratio, clusterLo, clusterHi, clusterP sql.NullFloat64
	if err := db.QueryRowContext(ctx, `SELECT status, n_outreach, n_comparison, ratio, cluster_ci_low, cluster_ci_high, cluster_p
		FROM crisis_did`).Scan(&status, &nT, &nC, &ratio, &clusterLo, &clusterHi, &clusterP); err != nil {
		t.Fatal(err)
	}
	if status != "fitted" || nT != 2 || nC != 1 {
		t.Errorf("DiD = %s with %d outreach, %d comparison; want fitted, 2, 1", status, nT, nC)
	}
	if !clusterLo.Valid || !clusterHi.Valid || !clusterP.Valid || clusterLo.Float64 > ratio.Float64 || clusterHi.Float64 < ratio.Float64 {
		t.Errorf("DiD cluster CI = %v–%v (p %v) around %v, want a filled interval around the ratio", clusterLo, clusterHi, clusterP, ratio)
	}
	var spc, trial int
	db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE trial_limits) FROM spc_points
		WHERE indicator = 'crisis_rate' AND area_code = 'A'`).Scan(&spc, &trial)
	// Re-based at A's start (2023-01, the default): the 12 months before
	// have trial limits (fewer than 13 points), the 15 from it on do not.
	if spc != 27 || trial != 12 {
		t.Errorf("crisis_rate SPC points for A = %d (%d trial), want 27 (12 trial)", spc, trial)
	}
}

func TestRevisionsOfPublishedValues(t *testing.T) {
	dir := filepath.Join(scenarioRoot, "basic")
	db, _ := runScenario(t, dir)
	ctx := context.Background()
	q := queries.New(db)
	jan := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	pub := func(v float64) queries.PublishedValue {
		return queries.PublishedValue{ReportID: "2024-02", Indicator: "reach_persons", AreaLevel: "territory", AreaCode: "T1",
			PeriodType: "month", PeriodStart: jan, Value: sql.NullFloat64{Float64: v, Valid: true},
			PublishedAt: time.Date(2024, 2, 5, 0, 0, 0, 0, time.UTC)}
	}
	// The report showed 2 (the current value) and, for Q1, 1 (since changed).
	q1 := pub(1)
	q1.PeriodType = "quarter"
	if err := q.InsertPublishedValues(ctx, []queries.PublishedValue{pub(2), q1}); err != nil {
		t.Fatal(err)
	}
	opt := scenarioCompute(t, readParams(t, dir))
	opt.LoadID = 7
	for i := 0; i < 2; i++ {
		if _, err := Compute(ctx, db, opt); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	var oldV, newV float64
	var load int64
	err := db.QueryRowContext(ctx, `SELECT count(*), any_value(old_value), any_value(new_value), any_value(load_id)
		FROM indicator_revisions`).Scan(&n, &oldV, &newV, &load)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || oldV != 1 || newV != 4 || load != 7 {
		t.Errorf("revisions = %d (old %v new %v load %d), want 1 (old 1, new 4, load 7) after two computes", n, oldV, newV, load)
	}
}

func TestReadIndicatorsAndPeriods(t *testing.T) {
	db, _ := runScenario(t, filepath.Join(scenarioRoot, "basic"))
	got, err := ReadIndicators(context.Background(), db, IndicatorFilter{Indicator: "reach_persons", AreaCode: "T1", PeriodType: "fiscal_year", Period: "2023-2024"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Value == nil || *got[0].Value != 4 {
		t.Errorf("reach_persons T1 2023-2024 = %+v, want one row of 4", got)
	}
	for _, c := range []struct{ typ, label, want string }{
		{"month", "2024-03", "2024-03-01"}, {"quarter", "2024-02", "2024-01-01"}, {"quarter", "2024-Q4", "2024-10-01"},
		{"fiscal_year", "2024-2025", "2024-04-01"}, {"fiscal_year", "2024-03", "2023-04-01"}, {"rolling_12m", "2024-03", "2023-04-01"},
	} {
		start, err := PeriodStart(c.typ, c.label)
		if err != nil || start.Format(time.DateOnly) != c.want {
			t.Errorf("PeriodStart(%s, %s) = %v, %v; want %s", c.typ, c.label, start, err, c.want)
		}
	}
	if _, err := PeriodStart("fiscal_year", "2024-2026"); err == nil {
		t.Errorf("PeriodStart(fiscal_year, 2024-2026) accepted")
	}
}
