package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"proximite/queries"
)

// TestTwoCentresCompared runs the whole chain for two synthetic centres,
// each with its own configuration and key, and compares their snapshots:
// every area code is qualified by its centre, no code collides, counts
// below the threshold are suppressed. It also checks the refusals on the
// way: a month outside the data, an ingest under another key.
func TestTwoCentresCompared(t *testing.T) {
	dir := t.TempDir()
	snaps := make([]string, 0, 2)
	for _, c := range []struct{ id, name, key string }{{"est", "Centre Est", keyEnv}, {"ouest", "Centre Ouest", "PROXIMITE_PSEUDONYM_KEY=ouest-key-0123456789"}} {
		cdir := filepath.Join(dir, c.id)
		os.MkdirAll(cdir, 0o755)
		cfg := "version: 1\ncentre: {id: " + c.id + ", name: \"" + c.name + "\"}\npublish: {dir: snapshots}\n"
		os.WriteFile(filepath.Join(cdir, "config.yaml"), []byte(cfg), 0o644)
		args := []string{"fixtures", "--out", "data", "--months", "14", "--neighbourhoods", "4", "--scale", "0.004", "--end", "2025-06"}
		if c.id != "est" {
			args = append(args, "--centre", c.id, "--seed", "2")
		}
		if r := runBin(t, cdir, nil, args...); r.code != 0 {
			t.Fatalf("fixtures %s: exit %d %s", c.id, r.code, r.stderr)
		}
		if r := runBin(t, cdir, []string{c.key}, "ingest", "--db", "p.duckdb", "data"); r.code != exitOK && r.code != exitRejected {
			t.Fatalf("ingest %s: exit %d %s", c.id, r.code, r.stderr)
		}
		if r := runBin(t, cdir, nil, "publish", "--db", "p.duckdb", "--month", "2025-08"); r.code != exitUsage || !strings.Contains(r.stderr, "runs from 2024-05 to 2025-06") {
			t.Errorf("publish 2025-08 for %s: exit %d %q, want %d naming the data range", c.id, r.code, r.stderr, exitUsage)
		}
		r := runBin(t, cdir, nil, "publish", "--db", "p.duckdb", "--month", "2025-05")
		if r.code != 0 {
			t.Fatalf("publish %s: exit %d %s", c.id, r.code, r.stderr)
		}
		snaps = append(snaps, filepath.Join(cdir, "snapshots", "proximite-"+c.id+"-2025-05.duckdb"))
	}
	// The second centre's key is not the first centre's store's key.
	r := runBin(t, filepath.Join(dir, "est"), []string{"PROXIMITE_PSEUDONYM_KEY=ouest-key-0123456789"}, "ingest", "--db", "p.duckdb", filepath.Join(dir, "ouest", "data"))
	if r.code != exitNoKey || !strings.Contains(r.stderr, "differs from the one this store was loaded with") {
		t.Errorf("ingest under another key: exit %d %q, want %d and a clear message", r.code, r.stderr, exitNoKey)
	}

	if r := runBin(t, dir, nil, "compare", "--config", "est/config.yaml", "--out", "cmp", snaps[0], snaps[0]); r.code != exitUsage {
		t.Errorf("compare a centre with itself: exit %d %q, want %d", r.code, r.stderr, exitUsage)
	}
	r = runBin(t, dir, nil, "compare", "--config", "est/config.yaml", "--out", "cmp", snaps[0], snaps[1])
	if r.code != 0 {
		t.Fatalf("compare: exit %d %s", r.code, r.stderr)
	}
	db, err := queries.Open(context.Background(), filepath.Join(dir, "cmp", "proximite-compare.duckdb"), queries.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checks := []struct{ name, query, want string }{
		{"centres", `SELECT string_agg(centre_id, ',' ORDER BY centre_id) FROM centres`, "est,ouest"},
		{"neighbourhoods", `SELECT count(*) FROM neighbourhoods`, "8"},
		{"codes unqualified", `SELECT count(*) FROM neighbourhoods WHERE NOT starts_with(code, centre_id || ':')`, "0"},
		{"codes distinct", `SELECT count(DISTINCT code) FROM neighbourhoods`, "8"},
		{"raw codes shared by the two centres", `SELECT count(*) FROM (SELECT split_part(code, ':', 2) FROM neighbourhoods WHERE centre_id = 'est'
			INTERSECT SELECT split_part(code, ':', 2) FROM neighbourhoods WHERE centre_id = 'ouest')`, "0"},
		{"values unqualified", `SELECT count(*) FROM indicator_values WHERE NOT starts_with(area_code, centre_id || ':')`, "0"},
		{"both centres' totals", `SELECT count(DISTINCT area_code) FROM indicator_values WHERE area_level = 'all'`, "2"},
		{"keys", `SELECT count(DISTINCT key_fingerprint) FROM centres`, "2"},
	}
	for _, c := range checks {
		var got string
		if err := db.QueryRow(c.query).Scan(&got); err != nil || got != c.want {
			t.Errorf("%s: got %q (%v), want %q", c.name, got, err, c.want)
		}
	}
	checkComparisonTable(t, filepath.Join(dir, "cmp", "proximite-compare.csv"))
}

// checkComparisonTable checks the suppressed table: one row per
// neighbourhood of both centres, no count from 1 to 4 shown.
func checkComparisonTable(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 9 {
		t.Fatalf("comparison table: %d lines, want a header and 8 neighbourhoods", len(rows))
	}
	for _, row := range rows[1:] {
		for _, i := range []int{3, 6} {
			if v := row[i]; v == "1" || v == "2" || v == "3" || v == "4" {
				t.Errorf("%s: count %s shown", row[0], v)
			}
		}
	}
}
