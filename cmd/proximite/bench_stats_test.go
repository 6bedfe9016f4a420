package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	tests := []struct {
		name string
		xs   []float64
		want spread
	}{
		{"odd", []float64{3, 1, 2}, spread{2, 1, 3}},
		{"even: mean of the middle two", []float64{4, 1, 3, 2}, spread{2.5, 1, 4}},
		{"one", []float64{7}, spread{7, 7, 7}},
		{"none", nil, spread{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summarize(tt.xs); got != tt.want {
				t.Errorf("summarize(%v) = %+v, want %+v", tt.xs, got, tt.want)
			}
		})
	}
}

func TestPairRatios(t *testing.T) {
	// 100 rows in 4 s (25/s) against 200 rows in 2 s (100/s): 0.25;
	// then 100 rows in 2 s (50/s) against 200 rows in 4 s (50/s): 1.
	ing := []benchStep{{wall: 4 * time.Second}, {wall: 2 * time.Second}}
	raw := []benchStep{{wall: 2 * time.Second}, {wall: 4 * time.Second}}
	got := pairRatios(100, 200, ing, raw)
	if len(got) != 2 || got[0] != 0.25 || got[1] != 1 {
		t.Errorf("pairRatios = %v, want [0.25 1]", got)
	}
}

func TestSplitBenchDataHoldsBackTheMonth(t *testing.T) {
	data, dir := t.TempDir(), t.TempDir()
	for _, f := range []string{"activities_2026-09.csv", "activities_2026-10.csv", "crisis_events_2026-10.csv", "population.csv", "TRUTH.md"} {
		writeFile(t, data, f, "x\n")
	}
	s, err := splitBenchData(data, dir, "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	assertDir(t, s.base, "activities_2026-09.csv", "population.csv")
	assertDir(t, s.month, "activities_2026-10.csv", "crisis_events_2026-10.csv")
}

func writeFile(tb testing.TB, dir, name, content string) {
	tb.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
		tb.Fatal(err)
	}
}

func assertDir(tb testing.TB, dir string, want ...string) {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		tb.Errorf("%s holds %v, want %v", dir, got, want)
	}
}
