package pipeline

import (
	"database/sql"
	"testing"
	"time"
)

func TestPlaceboT0(t *testing.T) {
	month := func(y int, m time.Month) sql.NullTime {
		return sql.NullTime{Time: time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), Valid: true}
	}
	none := sql.NullTime{}
	hood := func(code, territory string, t0 sql.NullTime) crisisArea {
		return crisisArea{level: "neighbourhood", code: code, territory: territory, t0: t0}
	}
	areas := []crisisArea{
		hood("A1", "North", month(2024, 3)),
		hood("A2", "North", month(2023, 11)),
		hood("C1", "North", none),
		hood("B1", "South", month(2025, 2)),
		hood("C2", "South", none),
		hood("C3", "East", none), // no outreach in East: the earliest anywhere
		// Aggregates never set the placebo date, even when earlier.
		{level: "territory", code: "South", territory: "South", t0: month(2020, 1)},
		{level: "group", code: "outreach", t0: month(2020, 1)},
	}
	tests := []struct {
		territory string
		want      time.Time
	}{
		{"North", month(2023, 11).Time},
		{"South", month(2025, 2).Time},
		{"East", month(2023, 11).Time},
		{"", month(2023, 11).Time},
	}
	for _, tc := range tests {
		t.Run(tc.territory, func(t *testing.T) {
			got, ok := placeboT0(areas, tc.territory)
			if !ok || !got.Equal(tc.want) {
				t.Errorf("placeboT0(%q) = %v, %v; want %v, true", tc.territory, got, ok, tc.want)
			}
		})
	}
	if got, ok := placeboT0([]crisisArea{hood("C1", "North", none)}, "North"); ok {
		t.Errorf("placeboT0 without outreach = %v, true; want false", got)
	}
}

func TestITSAreasAddsPlacebos(t *testing.T) {
	start := sql.NullTime{Time: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true}
	areas := []crisisArea{
		{level: "group", code: "outreach", t0: start},
		{level: "neighbourhood", code: "A", territory: "T", t0: start},
		{level: "neighbourhood", code: "B", territory: "T"},
		{level: "territory", code: "T", territory: "T", t0: start},
	}
	got := itsAreas(areas)
	var codes []string
	for _, a := range got {
		codes = append(codes, a.code)
		if a.placebo != (a.code == "B") || !a.t0.Time.Equal(start.Time) {
			t.Errorf("area %s: placebo %v t0 %v; want placebo only for B, t0 %v", a.code, a.placebo, a.t0.Time, start.Time)
		}
	}
	if len(codes) != 4 {
		t.Errorf("ITS areas = %v, want outreach, A, B, T", codes)
	}
	if areas[2].placebo || areas[2].t0.Valid {
		t.Errorf("itsAreas changed its input: %+v (the DiD reads it as a comparison area)", areas[2])
	}
}
