package pipeline

import (
	"database/sql"
	"math"
	"testing"
	"time"

	"proximite/queries"
)

// spcSeries lays values on consecutive months from 2023-01 for one
// neighbourhood whose outreach starts with the 13th month.
func spcSeries(indicator string, values []float64) []queries.SeriesPoint {
	jan := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	t0 := sql.NullTime{Time: jan.AddDate(0, 12, 0), Valid: true}
	out := make([]queries.SeriesPoint, len(values))
	for i, v := range values {
		out[i] = queries.SeriesPoint{Indicator: indicator, AreaLevel: "neighbourhood", AreaCode: "A", T0: t0,
			Month: jan.AddDate(0, i, 0), Value: sql.NullFloat64{Float64: v, Valid: true}}
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestSPCReachStartsAtOutreach: a reach series is 0 for the 12 months
// before outreach, then ramps up. Rebased (the default), the chart starts
// at the outreach start, so no month before it is charted or flagged, and
// its limits come from the 18 months from the start alone: x̄ = 198/18 = 11,
// mR̄ = (3+3+3+0+1+2+1+0+1+2+1+0+1+2+1+0+0)/17 = 21/17, limits
// 11 ∓ 2.66·21/17 = 7.7141… and 14.2859…; the first
// two ramp-up months (3, 6) are below the lower limit (a concern: reach
// should go up). Without rebasing, the zeros share the limits of the whole
// series (x̄ = 198/30 = 6.6) and are flagged, the complaint of issue 11.
func TestSPCReachStartsAtOutreach(t *testing.T) {
	post := []float64{3, 6, 9, 12, 12, 11, 13, 12, 12, 11, 13, 12, 12, 11, 13, 12, 12, 12}
	values := append(make([]float64, 12), post...)
	rows := chart(spcSeries("reach_persons", values), SPCOptions{RebaseAtOutreach: true})
	if len(rows) != len(post) || !rows[0].Month.Equal(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("%d points from %v, want %d from 2024-01", len(rows), rows[0].Month, len(post))
	}
	lo, hi := 11-2.66*21.0/17, 11+2.66*21.0/17
	for i, r := range rows {
		if !near(r.Centre.Float64, 11) || !near(r.Lower.Float64, lo) || !near(r.Upper.Float64, hi) {
			t.Errorf("point %d: centre %g, limits %g–%g, want 11, %g–%g", i, r.Centre.Float64, r.Lower.Float64, r.Upper.Float64, lo, hi)
		}
		want := ""
		if i < 2 {
			want = "concern"
		}
		if r.Assessment != want {
			t.Errorf("point %d (%g): assessment %q (%s), want %q", i, post[i], r.Assessment, r.Signal, want)
		}
	}
	old := chart(spcSeries("reach_persons", values), SPCOptions{})
	if len(old) != 30 || !near(old[0].Centre.Float64, 6.6) || old[0].Assessment != "concern" {
		t.Errorf("without rebasing: %d points, centre %g, first month %q; want 30, 6.6, concern", len(old), old[0].Centre.Float64, old[0].Assessment)
	}
}

// TestSPCCrisisRateRebased: a crisis rate around 10 for 12 months, then
// around 7. Rebased, each phase has its own centre (122/12 and 86/12) and
// limits (mR̄ 15/11 and 12/11) and no point carries a signal; on one set of
// limits (x̄ = 8.67) the 12 low months are a shift below the mean and
// labelled improvement.
func TestSPCCrisisRateRebased(t *testing.T) {
	pre := []float64{10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 11, 9}
	post := []float64{7, 8, 7, 6, 8, 7, 7, 8, 6, 7, 8, 7}
	s := spcSeries("crisis_rate", append(append([]float64(nil), pre...), post...))
	rows := chart(s, SPCOptions{RebaseAtOutreach: true})
	if len(rows) != 24 {
		t.Fatalf("%d points, want 24", len(rows))
	}
	for i, r := range rows {
		centre, amr := 122.0/12, 15.0/11
		if i >= 12 {
			centre, amr = 86.0/12, 12.0/11
		}
		if !near(r.Centre.Float64, centre) || !near(r.Upper.Float64, centre+2.66*amr) || !near(r.Lower.Float64, centre-2.66*amr) {
			t.Errorf("point %d: centre %g, limits %g–%g, want %g ∓ %g", i, r.Centre.Float64, r.Lower.Float64, r.Upper.Float64, centre, 2.66*amr)
		}
		if r.Signal != "" {
			t.Errorf("point %d: signal %s %s, want none (each phase against its own centre)", i, r.Signal, r.Assessment)
		}
	}
	old := chart(s, SPCOptions{})
	for i := 12; i < 24; i++ {
		if old[i].Signal != "shift_below" || old[i].Assessment != "improvement" {
			t.Errorf("without rebasing, point %d: %s %s, want shift_below improvement", i, old[i].Signal, old[i].Assessment)
		}
	}
}
