package pipeline

import (
	"strings"
	"testing"

	"proximite/queries"
)

func TestITSSummary(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name   string
		row    queries.ReportITSRow
		fr, en string
	}{
		{"outreach", queries.ReportITSRow{Status: "fitted", LevelRR: f(0.72), LevelLo: f(0.65), LevelHi: f(0.8), MonthsBefore: 12, MonthsAfter: 34},
			"Changement de niveau RR 0,72 (IC 95 % 0,65–0,80) ; 12 mois avant, 34 après.",
			"Level change RR 0.72 (95% CI 0.65–0.80); 12 months before, 34 after."},
		{"placebo", queries.ReportITSRow{Status: "fitted", Placebo: true, LevelRR: f(1.03), LevelLo: f(0.94), LevelHi: f(1.12), MonthsBefore: 12, MonthsAfter: 34},
			"Test placebo (aucune intervention) : RR 1,03 (IC 95 % 0,94–1,12) ; 12 mois avant, 34 après.",
			"Placebo test (no outreach): RR 1.03 (95% CI 0.94–1.12); 12 months before, 34 after."},
		{"placebo refused", queries.ReportITSRow{Status: "refused", Placebo: true, Reason: "too few months"},
			"Test placebo non ajusté : too few months", "Placebo test not fitted: too few months"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := itsSummary(tc.row)
			if got.FR != tc.fr || got.EN != tc.en {
				t.Errorf("itsSummary =\n%q\n%q\nwant\n%q\n%q", got.FR, got.EN, tc.fr, tc.en)
			}
			if strings.Contains(got.EN, "Level change") == tc.row.Placebo && tc.row.Status == "fitted" {
				t.Errorf("placebo %v but summary %q", tc.row.Placebo, got.EN)
			}
		})
	}
}
