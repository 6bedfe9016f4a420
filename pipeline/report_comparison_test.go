package pipeline

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"proximite/queries"
)

// TestOtherLangSite checks the language switch: linked when asked or when
// the other site exists, never to a folder that will not be there.
func TestOtherLangSite(t *testing.T) {
	root := t.TempDir()
	fr := filepath.Join(root, "site", "est-fr")
	if got := otherLangSite(fr, "Est", ReportOptions{Lang: "fr"}); got != "" {
		t.Errorf("no English site, not asked: got %q, want none", got)
	}
	if got := otherLangSite(fr, "Est", ReportOptions{Lang: "fr", LinkOtherLang: true}); got != "../est-en/" {
		t.Errorf("asked: got %q, want ../est-en/", got)
	}
	if err := os.MkdirAll(fr, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := otherLangSite(filepath.Join(root, "site", "est-en"), "Est", ReportOptions{Lang: "en"}); got != "../est-fr/" {
		t.Errorf("French site exists: got %q, want ../est-fr/", got)
	}
}

// TestComparisonPooledReadsTheAllAreaModel: the comparison page shows the
// pooled model of all outreach neighbourhoods (not a territory's, not the
// comparison group's placebo), with a cluster-robust interval shown as
// such and a quasi-Poisson one as the model-based interval.
func TestComparisonPooledReadsTheAllAreaModel(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	q := queries.New(db)
	if _, ok, err := comparisonPooled(ctx, q); ok || err != nil {
		t.Fatalf("empty store: ok %v, err %v; want no model", ok, err)
	}
	v := func(x float64) sql.NullFloat64 { return sql.NullFloat64{Float64: x, Valid: true} }
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := []queries.ITSRow{
		{AreaLevel: "territory", AreaCode: "T1", Status: "fitted", OutreachStart: start, Model: "pooled", Inference: "cluster_t", Clusters: 3,
			LevelRR: v(0.5), LevelLo: v(0.4), LevelHi: v(0.6), LevelP: v(0.01)},
		{AreaLevel: "group", AreaCode: "comparison", Status: "fitted", OutreachStart: start, Placebo: true, Model: "pooled", Inference: "quasi_poisson", Clusters: 2,
			LevelRR: v(0.99), LevelLo: v(0.9), LevelHi: v(1.1), LevelP: v(0.8)},
		{AreaLevel: "all", AreaCode: "all", Status: "fitted", OutreachStart: start, Model: "pooled", Inference: "cluster_t", Clusters: 6, TDF: 5,
			LevelRR: v(0.72), LevelLo: v(0.68), LevelHi: v(0.76), LevelP: v(0.0003)},
	}
	if err := q.ReplaceModelResults(ctx, queries.ModelResults{ITS: rows}, start); err != nil {
		t.Fatal(err)
	}
	got, ok, err := comparisonPooled(ctx, q)
	if err != nil || !ok {
		t.Fatalf("ok %v, err %v", ok, err)
	}
	if *got.Ratio != 0.72 || got.Outreach != 6 || got.Lo != nil || *got.RobustLo != 0.68 || *got.RobustHi != 0.76 || *got.P != 0.0003 {
		t.Errorf("pooled = %+v, want RR 0.72, 6 neighbourhoods, cluster-robust 0.68–0.76, p 0.0003", got)
	}
}
