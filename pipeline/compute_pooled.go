package pipeline

import (
	"sort"
	"strings"

	"proximite/internal/stats"
	"proximite/queries"
)

// pooledArea is an aggregate whose effect is one pooled model over its
// neighbourhoods, each with its own start (its placebo t0 for a placebo).
type pooledArea struct {
	level, code string
	placebo     bool
	members     []crisisArea
}

// pooledAreas lists the aggregates with a pooled model, from the
// neighbourhoods that get an ITS (outreach ones with their start,
// comparison ones with their placebo t0): each territory and all over
// their outreach neighbourhoods, the outreach group, and the comparison
// group as a placebo. Comparison neighbourhoods never enter a treated
// model.
func pooledAreas(hoods []crisisArea) []pooledArea {
	var outreach, comparison []crisisArea
	byTerritory := map[string][]crisisArea{}
	for _, h := range hoods {
		if h.placebo {
			comparison = append(comparison, h)
			continue
		}
		outreach = append(outreach, h)
		byTerritory[h.territory] = append(byTerritory[h.territory], h)
	}
	var out []pooledArea
	if len(outreach) > 0 {
		out = append(out, pooledArea{level: "all", code: "all", members: outreach},
			pooledArea{level: "group", code: "outreach", members: outreach})
	}
	if len(comparison) > 0 {
		out = append(out, pooledArea{level: "group", code: "comparison", placebo: true, members: comparison})
	}
	territories := make([]string, 0, len(byTerritory))
	for t := range byTerritory {
		territories = append(territories, t)
	}
	sort.Strings(territories)
	for _, t := range territories {
		if t != "" {
			out = append(out, pooledArea{level: "territory", code: t, members: byTerritory[t]})
		}
	}
	return out
}

// fitPooled fits (or refuses, with the reason) the pooled staggered model
// of an aggregate and returns its crisis_its row and its monthly series,
// summed over the neighbourhoods in the model.
func fitPooled(p pooledArea, opt ITSOptions) (queries.ITSRow, []queries.ITSSeriesRow) {
	in, used, left := pooledInput(p.members, opt)
	row := queries.ITSRow{AreaLevel: p.level, AreaCode: p.code, Placebo: p.placebo, Model: "pooled",
		Seasonal: in.Seasonal, SlopeChange: opt.SlopeChange, Clusters: len(used), Inference: string(stats.InferenceQuasi)}
	for i, a := range used {
		if i == 0 || a.t0.Time.Before(row.OutreachStart) {
			row.OutreachStart = a.t0.Time
		}
		t0 := min(in.Areas[i].T0, len(a.fitted())+1)
		row.MonthsBefore += t0 - 1
		row.MonthsAfter += len(a.fitted()) - t0 + 1
	}
	if len(used) == 0 {
		row.Status, row.Reason = "refused", "pooled: no neighbourhood with person-time in every month and a month before its start"
		return row, pooledSeries(p, nil, nil)
	}
	r, err := stats.Pooled(in)
	if err != nil {
		row.Status, row.Reason = "refused", err.Error()
		return row, pooledSeries(p, used, nil)
	}
	row.Status = "fitted"
	if len(left) > 0 {
		row.Reason = "left out (no person-time in a month or no month before the start): " + strings.Join(left, ", ")
	}
	row.Inference, row.TDF = string(r.Inference), r.DF
	row.LevelRR, row.LevelLo, row.LevelHi, row.LevelP = effect(r.Level)
	if opt.SlopeChange {
		row.SlopeRR, row.SlopeLo, row.SlopeHi, row.SlopeP = effect(r.SlopeChange)
	}
	row.PreTrendRR = nullFloat(r.PreTrend.Ratio, true)
	row.Phi = nullFloat(r.Phi, true)
	return row, pooledSeries(p, used, &r)
}

// pooledInput builds the panel of the neighbourhoods that can enter the
// model (person-time in every fitted month, at least one month before the
// start) and names those left out.
func pooledInput(members []crisisArea, opt ITSOptions) (in stats.PooledInput, used []crisisArea, left []string) {
	in = stats.PooledInput{SlopeChange: opt.SlopeChange, FloorPhi: opt.FloorPhi}
	for _, a := range members {
		d, ok := didArea(a)
		start := d.Start
		if !ok || start < 1 {
			left = append(left, a.code)
			continue
		}
		used = append(used, a)
		in.Areas = append(in.Areas, stats.PooledArea{ID: a.code, Counts: d.Counts, PersonTime: d.PersonTime, T0: start + 1})
	}
	if len(used) > 0 {
		for _, m := range used[0].fitted() {
			in.Months = append(in.Months, int(m.Month.Month()))
		}
	}
	in.Seasonal = opt.Seasonal && len(in.Months) >= stats.MinSeasonalMonths
	return in, used, left
}

// pooledSeries sums the observed counts and person-years of every member,
// and the fitted and counterfactual counts of the neighbourhoods in the
// model (r nil: refused), month by month.
func pooledSeries(p pooledArea, used []crisisArea, r *stats.PooledResult) []queries.ITSSeriesRow {
	if len(p.members) == 0 {
		return nil
	}
	out := make([]queries.ITSSeriesRow, len(p.members[0].months))
	for i, m := range p.members[0].months {
		out[i] = queries.ITSSeriesRow{AreaLevel: p.level, AreaCode: p.code, Month: m.Month, InFit: !m.Provisional}
	}
	for _, a := range p.members {
		for i, m := range a.months {
			if i < len(out) && m.Month.Equal(out[i].Month) {
				out[i].Observed += m.Events
				out[i].PersonYears += m.PersonYears
			}
		}
	}
	if r != nil {
		addPooledFit(out, used, r)
	}
	return out
}

// addPooledFit adds each modelled neighbourhood's fitted and counterfactual
// counts to the months it was fitted on.
func addPooledFit(out []queries.ITSSeriesRow, used []crisisArea, r *stats.PooledResult) {
	for g, a := range used {
		j := 0
		for i, m := range a.months {
			if m.Provisional || i >= len(out) || j >= len(r.Fitted[g]) {
				continue
			}
			out[i].Fitted = nullFloat(out[i].Fitted.Float64+r.Fitted[g][j], true)
			out[i].Counterfactual = nullFloat(out[i].Counterfactual.Float64+r.Counterfactual[g][j], true)
			j++
		}
	}
}
