package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"strings"
	"time"

	"proximite/internal/stats"
	"proximite/queries"
)

// outlierThreshold is the modified z-score above which a monthly count is
// flagged; outlierMinHistory the months of history needed to judge it.
const (
	outlierThreshold  = 3.5
	outlierHistory    = 24
	outlierMinHistory = 12
)

// setCrisisRateCI fills the Garwood 95% interval of every crisis_rate row.
func setCrisisRateCI(ctx context.Context, q *queries.Queries) error {
	counts, err := q.CrisisRateCounts(ctx)
	if err != nil {
		return err
	}
	bounds := make([]queries.CountBounds, len(counts))
	for i, c := range counts {
		lo, hi := stats.PoissonCI(int(c), 0.95)
		bounds[i] = queries.CountBounds{Count: c, Lo: lo, Hi: hi}
	}
	return q.SetCrisisRateCI(ctx, bounds)
}

// setOutlierScores scores each neighbourhood's monthly counts against its
// previous 24 months (at least 12) with the modified z-score.
func setOutlierScores(ctx context.Context, q *queries.Queries) error {
	rows, err := q.IndicatorValues(ctx, queries.ValueFilter{Indicator: "dq_outliers", PeriodType: "month"})
	if err != nil {
		return err
	}
	var scores []queries.OutlierScore
	for start := 0; start < len(rows); {
		end := start
		for end < len(rows) && rows[end].Breakdown == rows[start].Breakdown && rows[end].AreaCode == rows[start].AreaCode {
			end++
		}
		scores = append(scores, scoreSeries(rows[start:end])...)
		start = end
	}
	return q.SetOutlierScores(ctx, scores)
}

// scoreSeries scores one month-ordered series of counts.
func scoreSeries(rows []queries.IndicatorValue) []queries.OutlierScore {
	out := make([]queries.OutlierScore, len(rows))
	for i, r := range rows {
		out[i] = queries.OutlierScore{Breakdown: r.Breakdown, AreaCode: r.AreaCode, Month: r.PeriodStart}
		if i < outlierMinHistory {
			continue
		}
		hist := make([]float64, 0, outlierHistory)
		for _, h := range rows[max(0, i-outlierHistory):i] {
			hist = append(hist, h.Numerator.Float64)
		}
		if z, ok := stats.ModifiedZ(hist, r.Numerator.Float64); ok {
			out[i].Z = nullFloat(z, true)
			out[i].Flagged = math.Abs(z) > outlierThreshold
		}
	}
	return out
}

// computeModels fits the ITS and DiD models and draws the SPC charts.
func computeModels(ctx context.Context, q *queries.Queries, opt ComputeOptions, sum *ComputeSummary) (queries.ModelResults, error) {
	var res queries.ModelResults
	series, err := q.CrisisSeries(ctx)
	if err != nil {
		return res, err
	}
	areas := splitAreas(series)
	hoods := itsAreas(areas)
	for _, a := range hoods {
		row, months := fitITS(a, opt.ITS)
		addITS(&res, row, months, sum)
	}
	for _, p := range pooledAreas(hoods) {
		row, months := fitPooled(p, opt.ITS)
		addITS(&res, row, months, sum)
	}
	res.DiD = []queries.DiDRow{fitDiD(areas, opt.ITS.FloorPhi)}
	sum.DiDStatus = res.DiD[0].Status
	spc, err := q.SPCSeries(ctx)
	if err != nil {
		return res, err
	}
	res.SPC = drawSPC(spc, opt.SPC)
	sum.SPCPoints = len(res.SPC)
	return res, nil
}

// addITS appends a model row and its series to res and counts it in sum.
func addITS(res *queries.ModelResults, row queries.ITSRow, months []queries.ITSSeriesRow, sum *ComputeSummary) {
	if row.Status == "fitted" {
		sum.ITSFitted++
	} else {
		sum.ITSRefused++
	}
	if row.Placebo {
		sum.ITSPlacebo++
	}
	res.ITS = append(res.ITS, row)
	res.ITSSeries = append(res.ITSSeries, months...)
}

// crisisArea is one area's monthly crisis series.
type crisisArea struct {
	level, code, territory string
	t0                     sql.NullTime // outreach start; the placebo t0 when placebo
	placebo                bool
	months                 []queries.CrisisMonth
}

// itsAreas are the neighbourhoods that get an ITS: every outreach area, and every
// comparison neighbourhood as a placebo test at placeboT0. A placebo
// interruption where there was no outreach should show no change; a drop
// there too says the drop elsewhere may be a secular change, not outreach.
func itsAreas(areas []crisisArea) []crisisArea {
	var out []crisisArea
	for _, a := range areas {
		if !a.t0.Valid && a.level == "neighbourhood" {
			t0, ok := placeboT0(areas, a.territory)
			a.t0, a.placebo = sql.NullTime{Time: t0, Valid: ok}, true
		}
		if a.t0.Valid {
			out = append(out, a)
		}
	}
	return out
}

// placeboT0 is the placebo interruption of a comparison neighbourhood of
// territory: the earliest outreach start among the outreach neighbourhoods
// of that territory, else of all areas. ok is false when no neighbourhood
// has outreach.
func placeboT0(areas []crisisArea, territory string) (t0 time.Time, ok bool) {
	var all time.Time
	for _, a := range areas {
		if a.level != "neighbourhood" || !a.t0.Valid || a.placebo {
			continue
		}
		if a.territory == territory && (!ok || a.t0.Time.Before(t0)) {
			t0, ok = a.t0.Time, true
		}
		if all.IsZero() || a.t0.Time.Before(all) {
			all = a.t0.Time
		}
	}
	if ok {
		return t0, true
	}
	return all, !all.IsZero()
}

// splitAreas groups the series rows (ordered by area, then month) by area.
func splitAreas(rows []queries.CrisisMonth) []crisisArea {
	var out []crisisArea
	for _, r := range rows {
		n := len(out)
		if n == 0 || out[n-1].level != r.AreaLevel || out[n-1].code != r.AreaCode {
			out = append(out, crisisArea{level: r.AreaLevel, code: r.AreaCode, territory: r.Territory, t0: r.T0})
			n++
		}
		out[n-1].months = append(out[n-1].months, r)
	}
	return out
}

// fitted returns the months that enter the models: not provisional.
func (a crisisArea) fitted() []queries.CrisisMonth {
	var out []queries.CrisisMonth
	for _, m := range a.months {
		if !m.Provisional {
			out = append(out, m)
		}
	}
	return out
}

// fitITS fits (or refuses, with the reason) the segmented regression of an
// outreach area, or the placebo test of a comparison neighbourhood, and
// returns its crisis_its row and monthly series.
func fitITS(a crisisArea, opt ITSOptions) (queries.ITSRow, []queries.ITSSeriesRow) {
	fit := a.fitted()
	in := stats.ITSInput{SlopeChange: opt.SlopeChange, FloorPhi: opt.FloorPhi, Seasonal: opt.Seasonal && len(fit) >= stats.MinSeasonalMonths}
	row := queries.ITSRow{AreaLevel: a.level, AreaCode: a.code, OutreachStart: a.t0.Time,
		Seasonal: in.Seasonal, SlopeChange: opt.SlopeChange, Placebo: a.placebo,
		Model: "its", Inference: string(stats.InferenceQuasi), Clusters: 1}
	in.T0 = len(fit) + 1
	for i, m := range fit {
		in.Counts = append(in.Counts, float64(m.Events))
		in.PersonTime = append(in.PersonTime, m.PersonYears)
		in.Months = append(in.Months, int(m.Month.Month()))
		if !m.Month.Before(a.t0.Time) && in.T0 > len(fit) {
			in.T0 = i + 1
		}
	}
	row.MonthsBefore, row.MonthsAfter = in.T0-1, len(fit)-in.T0+1
	r, err := runITS(in)
	if err != nil {
		row.Status, row.Reason = "refused", err.Error()
		return row, itsSeries(a, nil)
	}
	row.Status, row.TDF = "fitted", r.Fit.DFResidual
	row.LevelRR, row.LevelLo, row.LevelHi, row.LevelP = effect(r.Level)
	if opt.SlopeChange {
		row.SlopeRR, row.SlopeLo, row.SlopeHi, row.SlopeP = effect(r.SlopeChange)
	}
	row.PreTrendRR = nullFloat(r.PreTrend.Ratio, true)
	row.Phi = nullFloat(r.Phi, true)
	return row, itsSeries(a, &r)
}

// runITS refuses a series without person-time before calling stats.ITS,
// whose offset would otherwise be log 0.
func runITS(in stats.ITSInput) (stats.ITSResult, error) {
	for _, pt := range in.PersonTime {
		if pt <= 0 {
			return stats.ITSResult{}, errors.New("its: a month has no population (person-time 0)")
		}
	}
	return stats.ITS(in)
}

func effect(e stats.Effect) (rr, lo, hi, p sql.NullFloat64) {
	return nullFloat(e.Ratio, true), nullFloat(e.Lo, true), nullFloat(e.Hi, true), nullFloat(e.P, true)
}

// itsSeries lays the fitted and counterfactual counts (r nil: refused) on
// every month of the area.
func itsSeries(a crisisArea, r *stats.ITSResult) []queries.ITSSeriesRow {
	out := make([]queries.ITSSeriesRow, 0, len(a.months))
	i := 0
	for _, m := range a.months {
		s := queries.ITSSeriesRow{AreaLevel: a.level, AreaCode: a.code, Month: m.Month, Observed: m.Events,
			PersonYears: m.PersonYears, InFit: !m.Provisional}
		if r != nil && s.InFit && i < len(r.Fitted) {
			s.Fitted, s.Counterfactual = nullFloat(r.Fitted[i], true), nullFloat(r.Counterfactual[i], true)
			i++
		}
		out = append(out, s)
	}
	return out
}

// fitDiD fits the difference in differences over the neighbourhoods.
func fitDiD(areas []crisisArea, floorPhi bool) queries.DiDRow {
	in := stats.DiDInput{FloorPhi: floorPhi}
	months := 0
	for _, a := range areas {
		if a.level != "neighbourhood" {
			continue
		}
		d, ok := didArea(a)
		if !ok {
			continue
		}
		months = len(d.Counts)
		in.Areas = append(in.Areas, d)
	}
	row := queries.DiDRow{Months: months}
	for _, a := range in.Areas {
		if a.Treated {
			row.NOutreach++
		} else {
			row.NComparison++
		}
	}
	r, err := stats.DiD(in)
	if err != nil {
		row.Status, row.Reason = "refused", err.Error()
		return row
	}
	row.Status = "fitted"
	row.Ratio, row.Lo, row.Hi, row.P = effect(r.Quasi)
	_, row.ClusterLo, row.ClusterHi, row.ClusterP = effect(r.Cluster)
	row.ClusterDF = r.ClusterDF
	row.Phi = nullFloat(r.Phi, true)
	return row
}

// didArea is a neighbourhood's DiD series; ok is false when a month has no
// person-time (the offset would be log 0).
func didArea(a crisisArea) (stats.DiDArea, bool) {
	fit := a.fitted()
	d := stats.DiDArea{ID: a.code, Treated: a.t0.Valid, Start: len(fit)}
	for i, m := range fit {
		if m.PersonYears <= 0 {
			return d, false
		}
		d.Counts = append(d.Counts, float64(m.Events))
		d.PersonTime = append(d.PersonTime, m.PersonYears)
		if d.Treated && !m.Month.Before(a.t0.Time) && d.Start == len(fit) {
			d.Start = i
		}
	}
	return d, len(fit) > 0
}

// spcDirections are the improvement directions of the charted indicators.
func spcDirection(indicator string) stats.Direction {
	if indicator == "crisis_rate" {
		return stats.DirectionDown
	}
	return stats.DirectionUp
}

// drawSPC computes the XmR points of every charted series. A series with an
// undefined month (no population) is not charted.
func drawSPC(points []queries.SeriesPoint, opt SPCOptions) []queries.SPCRow {
	var out []queries.SPCRow
	for start := 0; start < len(points); {
		end := start
		for end < len(points) && sameSeries(points[end], points[start]) {
			end++
		}
		out = append(out, chart(points[start:end], opt)...)
		start = end
	}
	return out
}

func sameSeries(a, b queries.SeriesPoint) bool {
	return a.Indicator == b.Indicator && a.AreaLevel == b.AreaLevel && a.AreaCode == b.AreaCode
}

// chart draws one series. With RebaseAtOutreach (Making Data Count's
// "recalculate limits at a known change"), a reach series starts at the
// area's outreach start (before it there was no one to reach: those months
// are neither charted nor flagged) and any other series gets its own
// centre and limits before and from the start, so that a signal compares
// a point with its own phase.
func chart(s []queries.SeriesPoint, opt SPCOptions) []queries.SPCRow {
	if at := rebaseIndex(s); opt.RebaseAtOutreach && at > 0 && strings.HasPrefix(s[0].Indicator, "reach_") {
		s = s[at:]
	}
	values := make([]float64, len(s))
	for i, p := range s {
		if !p.Value.Valid {
			return nil
		}
		values[i] = p.Value.Float64
	}
	so := stats.SPCOptions{Screen: opt.Screen, FixAfter: opt.FixAfter, Improvement: spcDirection(s[0].Indicator)}
	if at := rebaseIndex(s); opt.RebaseAtOutreach && at >= 2 && len(s)-at >= 2 {
		so.RebaseAt = []int{at}
	}
	pts, err := stats.XmR(values, so)
	if err != nil {
		return nil
	}
	out := make([]queries.SPCRow, len(pts))
	for i, p := range pts {
		out[i] = spcRow(s[i], p)
	}
	return out
}

// rebaseIndex is the index of the first month from the area's outreach start, or -1.
func rebaseIndex(s []queries.SeriesPoint) int {
	if !s[0].T0.Valid {
		return -1
	}
	for i, p := range s {
		if !p.Month.Before(s[0].T0.Time) {
			return i
		}
	}
	return -1
}

func spcRow(s queries.SeriesPoint, p stats.SPCPoint) queries.SPCRow {
	r := queries.SPCRow{Indicator: s.Indicator, AreaLevel: s.AreaLevel, AreaCode: s.AreaCode, Month: s.Month,
		Value: nullFloat(p.Value, true), Centre: finite(p.Mean), Lower: finite(p.LPL), Upper: finite(p.UPL),
		NearLower: finite(p.NearLPL), NearUpper: finite(p.NearUPL), TrialLimits: p.TrialLimits}
	if p.SpecialCause != stats.CommonCause && p.SpecialCause != "" {
		r.Signal = string(p.SpecialCause)
		switch p.PointType {
		case stats.Improvement:
			r.Assessment = "improvement"
		case stats.Concern:
			r.Assessment = "concern"
		default:
			r.Assessment = "neither"
		}
	}
	return r
}

// finite keeps NaN and infinities out of the store.
func finite(f float64) sql.NullFloat64 {
	return nullFloat(f, !math.IsNaN(f) && !math.IsInf(f, 0))
}
