package pipeline

import (
	"context"
	"fmt"
	"sort"
	"time"

	"proximite/internal/stats"
	"proximite/queries"
	"proximite/reports"
)

// outlierZ is the modified z-score above which a monthly count is an outlier.
const outlierZ = 3.5

// quality assembles the data-quality section (indicators spec, section 8).
func quality(ctx context.Context, q *queries.Queries, territory string, m reports.Report, month time.Time) (reports.Quality, error) {
	var out reports.Quality
	loads, err := q.ReportLoads(ctx)
	if err != nil {
		return out, err
	}
	for _, l := range loads {
		out.Loads = append(out.Loads, reports.Load{Label: fmt.Sprintf("#%d %s", l.LoadID, l.StartedAt.Format("2006-01-02 15:04")),
			RowsLoaded: l.RowsLoaded, RowsRejected: l.RowsRejected, FilesRejected: l.FilesRejected})
	}
	rej, err := q.ReportRejections(ctx)
	if err != nil {
		return out, err
	}
	out.Rejections = items(rej, reasonLabel)
	if out.Completeness, err = completeness(ctx, q, territory, month); err != nil {
		return out, err
	}
	fresh, err := q.ReportFreshness(ctx, territory, month)
	if err != nil {
		return out, err
	}
	for _, f := range fresh {
		out.Freshness = append(out.Freshness, reports.Freshness{Area: reports.Area{Code: f.Code, Name: f.Name},
			LastActivity: f.LastActivity, LastEvent: f.LastEvent, Gap: f.Gap})
	}
	out.Outliers = outliers(m.Neighbourhoods, month)
	return out, nil
}

// completeness reads the territory's shares of individual activities with
// lives_alone and new_to_services known, for the month.
func completeness(ctx context.Context, q *queries.Queries, territory string, month time.Time) ([]reports.Share, error) {
	vals, err := q.ReportMonthlyValues(ctx, "territory", territory, month)
	if err != nil {
		return nil, err
	}
	labels := map[string]reports.Text{
		"dq_lives_alone_known_pct":     {FR: "Interventions individuelles avec « vit seul » connu", EN: "Individual activities with lives_alone known"},
		"dq_new_to_services_known_pct": {FR: "Interventions individuelles avec « nouveau aux services » connu", EN: "Individual activities with new_to_services known"},
	}
	var out []reports.Share
	for _, v := range vals {
		if l, ok := labels[v.Indicator]; ok && v.Month.Equal(month) && v.Value != nil {
			out = append(out, reports.Share{Label: l, Pct: *v.Value})
		}
	}
	return out, nil
}

// outliers flags each neighbourhood's monthly counts whose modified z-score
// against the same neighbourhood's previous 24 months is above 3.5.
func outliers(sections []reports.Section, month time.Time) []reports.Outlier {
	var out []reports.Outlier
	for _, s := range sections {
		for _, ser := range s.Series() {
			if o, ok := outlier(s.Area, ser, month); ok {
				out = append(out, o)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Z > out[j].Z })
	return out
}

func outlier(area reports.Area, s reports.Series, month time.Time) (reports.Outlier, bool) {
	var hist []float64
	var x *float64
	for _, m := range s.Months {
		switch {
		case m.Start.Equal(month):
			x = m.Value.Value
		case m.Start.Before(month) && !m.Start.Before(month.AddDate(0, -24, 0)) && m.Value.Value != nil:
			hist = append(hist, *m.Value.Value)
		}
	}
	if x == nil || len(hist) < 6 {
		return reports.Outlier{}, false
	}
	z, ok := stats.ModifiedZ(hist, *x)
	if !ok || z <= outlierZ && z >= -outlierZ {
		return reports.Outlier{}, false
	}
	return reports.Outlier{Area: area, Indicator: s.Indicator, Month: month, Count: int64(*x + 0.5), Z: z}, true
}

// revisions lists the monthly values changed since the territory's last report.
func revisions(ctx context.Context, q *queries.Queries, territory string, hoods []queries.Neighbourhood, id string) ([]reports.Revision, error) {
	rows, err := q.ReportRevisions(ctx, territory, id)
	if err != nil {
		return nil, err
	}
	names := map[string]string{territory: territory}
	for _, h := range hoods {
		names[h.Code] = h.Name
	}
	var out []reports.Revision
	for _, r := range rows {
		out = append(out, reports.Revision{Indicator: r.Indicator, Area: reports.Area{Code: r.AreaCode, Name: names[r.AreaCode]},
			Month: r.Month, Old: r.Old, New: r.New})
	}
	return out, nil
}

// comparison is the university centre's view over the 12 months ending
// with the report month, for every neighbourhood.
func comparison(ctx context.Context, q *queries.Queries, month time.Time) (reports.Comparison, error) {
	c, err := comparisonAreas(ctx, q, month)
	if err != nil {
		return c, err
	}
	did, ok, err := comparisonDiD(ctx, q)
	if err != nil {
		return c, fmt.Errorf("comparison: %w", err)
	}
	if ok {
		c.DiD = &did
	}
	pooled, ok, err := comparisonPooled(ctx, q)
	if err != nil {
		return c, fmt.Errorf("comparison: %w", err)
	}
	if ok {
		c.Pooled = &pooled
	}
	return c, nil
}

// comparisonAreas is the comparison of the areas alone, without the crisis
// models: what a multi-centre comparison store can give.
func comparisonAreas(ctx context.Context, q *queries.Queries, month time.Time) (reports.Comparison, error) {
	start := month.AddDate(0, -11, 0)
	rows, err := q.ReportComparison(ctx, start)
	if err != nil {
		return reports.Comparison{}, err
	}
	c := reports.Comparison{Period: reports.Text{
		FR: fmt.Sprintf("12 mois, %s à %s", start.Format("2006-01"), month.Format("2006-01")),
		EN: fmt.Sprintf("12 months, %s to %s", start.Format("2006-01"), month.Format("2006-01"))}}
	for _, r := range rows {
		a := reports.Area{Code: r.Code, Name: r.Name}
		c.Crisis = append(c.Crisis, reports.Exposure{Area: a, Count: r.CrisisEvents, Exposure: r.PersonYears})
		c.Isolated = append(c.Isolated, reports.Exposure{Area: a, Count: r.IsolatedReached, Exposure: r.LivingAlone})
	}
	return c, markOutreach(ctx, q, &c)
}
