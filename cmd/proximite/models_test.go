package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// truthNeighbourhood is a row of the Neighbourhoods table of TRUTH.md.
type truthNeighbourhood struct {
	code, territory string
	startMonth      string  // YYYY-MM of outreach_start; empty for a comparison neighbourhood
	plantedRR       float64 // planted crisis RR; 1 for none
}

// readTruth reads the Neighbourhoods table of the demo's TRUTH.md.
func readTruth(t *testing.T, path string) []truthNeighbourhood {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Neighbourhoods\n")
	if !ok {
		t.Fatalf("%s has no Neighbourhoods section", path)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var col map[string]int
	var out []truthNeighbourhood
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "|---") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if col == nil {
			col = map[string]int{}
			for i, c := range cells {
				col[c] = i
			}
			continue
		}
		n := truthNeighbourhood{code: cells[col["code"]], territory: cells[col["territory"]], plantedRR: 1}
		if rr, err := strconv.ParseFloat(cells[col["planted crisis RR"]], 64); err == nil {
			n.plantedRR = rr
		}
		if start := cells[col["outreach_start"]]; len(start) >= 7 && start[4] == '-' {
			n.startMonth = start[:7]
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no neighbourhood rows", path)
	}
	return out
}

// readModelsCSV runs indicators --models --format csv and keys the ITS rows
// by area_level/area_code; the DiD row is keyed "did".
func readModelsCSV(t *testing.T, dir, db string) map[string]map[string]string {
	t.Helper()
	r := runBin(t, dir, nil, "indicators", "--db", db, "--models", "--format", "csv")
	if r.code != exitOK {
		t.Fatalf("indicators --models exit %d: %s", r.code, r.stderr)
	}
	recs, err := csv.NewReader(bytes.NewReader([]byte(r.stdout))).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("indicators --models csv: %v\n%s", err, r.stdout)
	}
	out := map[string]map[string]string{}
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		key := row["area_level"] + "/" + row["area_code"]
		if row["model"] == "did" {
			key = "did"
		}
		out[key] = row
	}
	return out
}

func float(t *testing.T, row map[string]string, col string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(row[col], 64)
	if err != nil {
		t.Fatalf("%s = %q: %v (row %v)", col, row[col], err, row)
	}
	return f
}

// TestDemoModelsRecoverPlantedEffects is the acceptance check: on
// the demo territory, each outreach neighbourhood TRUTH.md plants a drop in
// has a level-change RR whose 95% CI lies below 1, and each comparison
// neighbourhood has a placebo test, at the earliest outreach start of its
// territory, whose CI includes 1.
func TestDemoModelsRecoverPlantedEffects(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	if r := runBin(t, dir, nil, "demo", "--out", "out"); r.code != exitOK {
		t.Fatalf("demo exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	truth := readTruth(t, filepath.Join(dir, "out", "demo-data", "TRUTH.md"))
	models := readModelsCSV(t, dir, "out/demo.duckdb")
	earliest := map[string]string{}
	for _, n := range truth {
		if n.startMonth != "" && (earliest[n.territory] == "" || n.startMonth < earliest[n.territory]) {
			earliest[n.territory] = n.startMonth
		}
	}
	outreach, comparisons := 0, 0
	for _, n := range truth {
		row, ok := models["neighbourhood/"+n.code]
		if !ok {
			t.Errorf("%s: no ITS row", n.code)
			continue
		}
		if row["status"] != "fitted" {
			t.Errorf("%s: status %s (%s), want fitted", n.code, row["status"], row["reason"])
			continue
		}
		rr, lo, hi := float(t, row, "rr"), float(t, row, "ci_low"), float(t, row, "ci_high")
		if n.startMonth != "" {
			if row["placebo"] != "false" || !strings.HasPrefix(row["t0"], n.startMonth) || hi >= 1 {
				t.Errorf("%s: placebo %s, t0 %s, level RR %.3f [%.3f, %.3f]; want no placebo, t0 %s, CI high < 1",
					n.code, row["placebo"], row["t0"], rr, lo, hi, n.startMonth)
			}
			outreach++
			continue
		}
		comparisons++
		want := earliest[n.territory]
		if row["placebo"] != "true" || !strings.HasPrefix(row["t0"], want) || lo > 1 || hi < 1 {
			t.Errorf("%s: placebo %s, t0 %s, level RR %.3f [%.3f, %.3f]; want a placebo at %s whose CI includes 1",
				n.code, row["placebo"], row["t0"], rr, lo, hi, want)
		}
	}
	if outreach == 0 || comparisons == 0 {
		t.Errorf("TRUTH.md lists %d outreach and %d comparison neighbourhoods, want some of each", outreach, comparisons)
	}
	checkPooledEffects(t, truth, models)
	did, ok := models["did"]
	if !ok || did["status"] != "fitted" {
		t.Fatalf("DiD = %v, want fitted", did)
	}
	if lo, hi := float(t, did, "cluster_ci_low"), float(t, did, "cluster_ci_high"); hi >= 1 || lo > float(t, did, "rr") {
		t.Errorf("DiD cluster-robust CI [%.3f, %.3f], want an interval below 1 around the ratio", lo, hi)
	}
	r := runBin(t, dir, nil, "indicators", "--db", "out/demo.duckdb", "--models", "--area", "CNN")
	if r.code != exitOK || !strings.Contains(r.stdout, "neighbourhood/CNN  yes") || strings.Contains(r.stdout, "difference in differences") ||
		strings.Contains(r.stdout, "/JF") {
		t.Errorf("indicators --models --area CNN: exit %d, stdout:\n%s\nwant CNN's placebo row only", r.code, r.stdout)
	}
}

// checkPooledEffects checks the aggregates: where TRUTH.md plants a drop in
// an outreach neighbourhood, the pooled level change of its territory, of
// the outreach group and of all has a 95% CI below 1 (the pooled model,
// each neighbourhood from its own start, as the issue asks); the pooled
// placebo of the comparison group includes 1. These were 1.01 (0.94–1.09)
// for the territory when an aggregate was one series interrupted at its
// earliest start.
func checkPooledEffects(t *testing.T, truth []truthNeighbourhood, models map[string]map[string]string) {
	t.Helper()
	want := map[string]bool{} // area key -> a drop is planted there
	for _, n := range truth {
		if n.startMonth != "" && n.plantedRR < 1 {
			want["territory/"+n.territory] = true
			want["group/outreach"], want["all/all"] = true, true
		}
	}
	want["group/comparison"] = false
	if len(want) < 4 {
		t.Fatalf("TRUTH.md plants no drop in two territories: %v", want)
	}
	for key, drop := range want {
		row, ok := models[key]
		if !ok || row["status"] != "fitted" || row["model"] != "pooled" {
			t.Errorf("%s: %v, want a fitted pooled model", key, row)
			continue
		}
		lo, hi := float(t, row, "ci_low"), float(t, row, "ci_high")
		if drop && hi >= 1 {
			t.Errorf("%s: pooled level RR %s [%.3f, %.3f], want the CI below 1", key, row["rr"], lo, hi)
		}
		if !drop && (row["placebo"] != "true" || lo > 1 || hi < 1) {
			t.Errorf("%s: placebo %s, pooled level RR %s [%.3f, %.3f], want a placebo whose CI includes 1", key, row["placebo"], row["rr"], lo, hi)
		}
		if clusters, _ := strconv.Atoi(row["clusters"]); (clusters >= 3) != (row["inference"] == "cluster_t") {
			t.Errorf("%s: %d neighbourhoods, inference %s; want cluster_t from 3 neighbourhoods on", key, clusters, row["inference"])
		}
	}
}

// TestIndicatorsModelsFlags checks that --models refuses the value filters.
func TestIndicatorsModelsFlags(t *testing.T) {
	for _, args := range [][]string{{"--list"}, {"--indicator", "crisis_rate"}, {"--period-type", "month"}} {
		r := runBin(t, t.TempDir(), nil, append([]string{"indicators", "--models"}, args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "--models") {
			t.Errorf("indicators --models %v: exit %d, stderr %q; want usage error naming --models", args, r.code, r.stderr)
		}
	}
}
