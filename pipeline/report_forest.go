package pipeline

import (
	"context"
	"fmt"

	"proximite/internal/stats"
	"proximite/queries"
	"proximite/reports"
)

// pooledHead is the headline of a pooled model's summary: the area's
// effect, over how many neighbourhoods and with which interval.
func pooledHead(r queries.ReportITSRow) (fr, en string) {
	if r.Inference == string(stats.InferenceClusterT) {
		return fmt.Sprintf("Effet groupé (%d quartiers, chacun à partir de son propre début ; IC robuste par quartier, t à %d ddl) : changement de niveau", r.Clusters, r.TDF),
			fmt.Sprintf("Pooled effect (%d neighbourhoods, each from its own start; CI cluster-robust by neighbourhood, t on %d df): level change", r.Clusters, r.TDF)
	}
	return fmt.Sprintf("Effet groupé (%d quartier(s), chacun à partir de son propre début ; IC quasi-Poisson) : changement de niveau", r.Clusters),
		fmt.Sprintf("Pooled effect (%d neighbourhood(s), each from its own start; quasi-Poisson CI): level change", r.Clusters)
}

// territoryForest is the forest plot of a territory: each outreach
// neighbourhood's fitted ITS, the territory's pooled effect and the DiD.
// ok is false when the territory has no fitted pooled model.
func territoryForest(ctx context.Context, q *queries.Queries, territory string, hoods []queries.Neighbourhood) (f reports.Forest, ok bool, err error) {
	its, err := q.ReadITS(ctx, "")
	if err != nil {
		return f, false, err
	}
	names := map[string]string{}
	for _, h := range hoods {
		names[h.Code] = h.Name
	}
	var pooled *reports.ForestLine
	for _, r := range its {
		switch {
		case r.Status != "fitted" || r.Placebo || !r.LevelRR.Valid:
		case r.AreaLevel == "neighbourhood" && names[r.AreaCode] != "":
			f.Lines = append(f.Lines, forestLine(reports.Text{FR: names[r.AreaCode], EN: names[r.AreaCode]}, reports.ForestNeighbourhood, r,
				reports.Text{FR: "série du quartier, quasi-Poisson", EN: "the neighbourhood's series, quasi-Poisson"}))
		case r.AreaLevel == "territory" && r.AreaCode == territory:
			l := forestLine(reports.Text{FR: "Effet groupé du territoire", EN: "Territory, pooled effect"}, reports.ForestPooled, r, pooledMethod(r))
			pooled = &l
		}
	}
	if pooled == nil {
		return f, false, nil
	}
	f.Lines = append(f.Lines, *pooled)
	did, err := q.ReadDiD(ctx)
	if err != nil {
		return f, false, err
	}
	for _, d := range did {
		if d.Status == "fitted" && d.Ratio.Valid && d.ClusterLo.Valid {
			f.Lines = append(f.Lines, reports.ForestLine{Label: reports.Text{FR: "Différence des différences", EN: "Difference in differences"},
				Kind: reports.ForestDiD, RR: d.Ratio.Float64, Lo: d.ClusterLo.Float64, Hi: d.ClusterHi.Float64, P: d.ClusterP.Float64,
				Method: reports.Text{
					FR: fmt.Sprintf("tous les quartiers, %d avec et %d sans approche de proximité ; IC robuste par quartier, t à %d ddl", d.NOutreach, d.NComparison, d.ClusterDF),
					EN: fmt.Sprintf("every neighbourhood, %d with and %d without outreach; CI cluster-robust by neighbourhood, t on %d df", d.NOutreach, d.NComparison, d.ClusterDF)}})
		}
	}
	return f, true, nil
}

func forestLine(label reports.Text, kind string, r queries.ITSRow, method reports.Text) reports.ForestLine {
	return reports.ForestLine{Label: label, Kind: kind, RR: r.LevelRR.Float64, Lo: r.LevelLo.Float64, Hi: r.LevelHi.Float64,
		P: r.LevelP.Float64, Method: method}
}

func pooledMethod(r queries.ITSRow) reports.Text {
	if r.Inference == string(stats.InferenceClusterT) {
		return reports.Text{
			FR: fmt.Sprintf("un modèle sur %d quartiers, chacun à partir de son début ; IC robuste par quartier, t à %d ddl", r.Clusters, r.TDF),
			EN: fmt.Sprintf("one model over %d neighbourhoods, each from its own start; CI cluster-robust by neighbourhood, t on %d df", r.Clusters, r.TDF)}
	}
	return reports.Text{
		FR: fmt.Sprintf("un modèle sur %d quartier(s), chacun à partir de son début ; IC quasi-Poisson (moins de 3 quartiers)", r.Clusters),
		EN: fmt.Sprintf("one model over %d neighbourhood(s), each from its own start; quasi-Poisson CI (fewer than 3 neighbourhoods)", r.Clusters)}
}
