package pipeline

import (
	"strings"
	"testing"
	"time"

	"proximite/internal/catalogue"
)

func TestHeadlineMonth(t *testing.T) {
	m := func(y int, mo time.Month) time.Time { return time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name        string
		month       time.Time
		provisional []time.Time
		want        time.Time
	}{
		{"two provisional months", m(2026, 10), []time.Time{m(2026, 9), m(2026, 10)}, m(2026, 8)},
		{"month itself complete", m(2026, 8), []time.Time{m(2026, 9), m(2026, 10)}, m(2026, 8)},
		{"no provisional month", m(2026, 10), nil, m(2026, 10)},
		{"across a year", m(2026, 1), []time.Time{m(2025, 12), m(2026, 1)}, m(2025, 11)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := headlineMonth(tc.month, tc.provisional); !got.Equal(tc.want) {
				t.Errorf("headlineMonth = %s, want %s", got.Format("2006-01"), tc.want.Format("2006-01"))
			}
		})
	}
}

// TestUnitOf checks the unit codes the reports get from the catalogue's
// units (no longer from the indicator ids), listed by hand.
func TestUnitOf(t *testing.T) {
	want := map[string]string{
		"reach_persons": "count", "reach_rate": "per_1000", "reach_isolated_rate": "per_1000_alone",
		"crisis_rate": "per_1000_py", "crisis_rate_ratio_baseline": "ratio", "outreach_hours": "hours",
		"clinical_support_hours_per_worker": "hours", "dq_days_since_activity": "days", "dq_days_since_crisis_event": "days", "dq_outliers": "zscore",
	}
	for _, ind := range catalogue.All() {
		w, ok := want[ind.ID]
		if !ok {
			w = "count"
			if strings.HasSuffix(ind.ID, "_pct") {
				w = "pct"
			}
		}
		if got := ind.UnitCode; got != w {
			t.Errorf("unit code of %s (%q) = %s, want %s", ind.ID, ind.Unit.EN, got, w)
		}
	}
	if ind, _ := catalogue.Lookup("clinical_support_hours_per_worker"); ind.Unit.FR != "heures par intervenant" || ind.Unit.EN != "hours per worker" {
		t.Errorf("clinical support unit = %+v, want hours per worker", ind.Unit)
	}
}
