package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"proximite/queries"
	"proximite/reports"
)

// markOutreach sets Exposure.Outreach for every neighbourhood that has an
// outreach start, so the comparison page tells outreach and comparison
// neighbourhoods apart.
func markOutreach(ctx context.Context, q *queries.Queries, c *reports.Comparison) error {
	hoods, err := q.ReportNeighbourhoods(ctx, "")
	if err != nil {
		return fmt.Errorf("comparison: %w", err)
	}
	outreach := map[string]bool{}
	for _, h := range hoods {
		outreach[h.Code] = h.OutreachStart != nil
	}
	for _, list := range [][]reports.Exposure{c.Crisis, c.Isolated} {
		for i := range list {
			list[i].Outreach = outreach[list[i].Area.Code]
		}
	}
	return nil
}

// comparisonDiD reads the stored crisis difference in differences for the
// comparison page; false when compute stored none.
func comparisonDiD(ctx context.Context, q *queries.Queries) (reports.ModelEffect, bool, error) {
	rows, err := q.ReadDiD(ctx)
	if err != nil || len(rows) == 0 {
		return reports.ModelEffect{}, false, err
	}
	r := rows[0]
	f := func(v sql.NullFloat64) *float64 {
		if !v.Valid {
			return nil
		}
		return &v.Float64
	}
	return reports.ModelEffect{Status: r.Status, Reason: r.Reason, Ratio: f(r.Ratio), Lo: f(r.Lo), Hi: f(r.Hi), P: f(r.P),
		RobustLo: f(r.ClusterLo), RobustHi: f(r.ClusterHi), Outreach: r.NOutreach, Comparison: r.NComparison, Months: r.Months}, true, nil
}

// otherLangSite is the folder of the territory's site in the other
// language, relative to this one (dir), or "" when it is not rendered.
func otherLangSite(dir, territoryCode string, opt ReportOptions) string {
	other := "en"
	if opt.Lang == "en" {
		other = "fr"
	}
	name := slug(territoryCode) + "-" + other
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), name)); err != nil && !opt.LinkOtherLang {
		return ""
	}
	return "../" + name + "/"
}

// comparisonPooled reads the pooled staggered-start model of all outreach
// neighbourhoods (crisis_its, model "pooled", area level all) for the
// comparison page; false when compute stored none. A cluster-robust
// interval is shown as such, a quasi-Poisson one (fewer than 3
// neighbourhoods) as the model-based interval.
func comparisonPooled(ctx context.Context, q *queries.Queries) (reports.ModelEffect, bool, error) {
	rows, err := q.ReadITS(ctx, "")
	if err != nil {
		return reports.ModelEffect{}, false, err
	}
	f := func(v sql.NullFloat64) *float64 {
		if !v.Valid {
			return nil
		}
		return &v.Float64
	}
	for _, r := range rows {
		if r.Model != "pooled" || r.AreaLevel != "all" || r.Placebo {
			continue
		}
		e := reports.ModelEffect{Status: r.Status, Reason: r.Reason, Ratio: f(r.LevelRR), P: f(r.LevelP), Outreach: r.Clusters}
		if r.Inference == "cluster_t" {
			e.RobustLo, e.RobustHi = f(r.LevelLo), f(r.LevelHi)
		} else {
			e.Lo, e.Hi = f(r.LevelLo), f(r.LevelHi)
		}
		return e, true, nil
	}
	return reports.ModelEffect{}, false, nil
}
