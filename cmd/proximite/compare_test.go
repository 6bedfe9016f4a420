package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"proximite/queries"
)

// hostileCentre is the second centre's name: a script breakout and an emoji.
const hostileCentre = "</script><img src=x onerror=alert(1)> 🏘️ Ouest"

// tinyNeighbourhood adds to a fixture a neighbourhood TP of 400 residents
// with 3 crisis events in the first quarter of 2025 (and one in April):
// a count below the threshold, known by hand.
func tinyNeighbourhood(t *testing.T, data string) {
	t.Helper()
	add := func(name, text string) {
		f, err := os.OpenFile(filepath.Join(data, name), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(text)
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	add("neighbourhoods.csv", "TP;Petit-Hameau;CLSC des Faubourgs;\n")
	add("population.csv", "TP,2021,400,80,50,60,3,3\n")
	add("crisis_events_2025-03_tp.csv", "event_id,event_date,neighbourhood,service,client_id,status,exported_at\n"+
		"CETP-000001,2025-01-14,TP,crisis_line,,active,2025-04-05T03:17:00-04:00\n"+
		"CETP-000002,2025-02-03,TP,crisis_intervention,,active,2025-04-05T03:17:00-04:00\n"+
		"CETP-000003,2025-03-21,TP,crisis_line,,active,2025-04-05T03:17:00-04:00\n"+
		"CETP-000004,2025-04-02,TP,crisis_line,,active,2025-05-05T03:17:00-04:00\n")
}

// TestTwoCentresCompared runs the whole chain for two synthetic centres,
// each with its own configuration and key, and compares their snapshots:
// every area code is qualified by its centre, no code collides, counts
// below the threshold are suppressed in the table and the site, the
// hostile centre name is escaped. It also checks the refusals on the
// way: a month outside the data, an ingest under another key, and
// snapshots that are not whole or not snapshots.
func TestTwoCentresCompared(t *testing.T) {
	dir := t.TempDir()
	snaps := make([]string, 0, 2)
	for _, c := range []struct{ id, name, key string }{{"est", "Centre Est", keyEnv}, {"ouest", hostileCentre, "PROXIMITE_PSEUDONYM_KEY=ouest-key-0123456789"}} {
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
		if c.id == "ouest" {
			tinyNeighbourhood(t, filepath.Join(cdir, "data"))
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
	if !strings.Contains(r.stdout, "9 neighbourhoods, quarter, 2025-01 to 2025-03") {
		t.Errorf("compare says %q, want 9 neighbourhoods over the first quarter of 2025 (the latest final in both)", r.stdout)
	}
	db, err := queries.Open(context.Background(), filepath.Join(dir, "cmp", "proximite-compare.duckdb"), queries.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checks := []struct{ name, query, want string }{
		{"centres", `SELECT string_agg(centre_id, ',' ORDER BY centre_id) FROM centres`, "est,ouest"},
		{"neighbourhoods", `SELECT count(*) FROM neighbourhoods`, "9"},
		{"codes unqualified", `SELECT count(*) FROM neighbourhoods WHERE NOT starts_with(code, centre_id || ':')`, "0"},
		{"codes distinct", `SELECT count(DISTINCT code) FROM neighbourhoods`, "9"},
		{"raw codes shared by the two centres", `SELECT count(*) FROM (SELECT split_part(code, ':', 2) FROM neighbourhoods WHERE centre_id = 'est'
			INTERSECT SELECT split_part(code, ':', 2) FROM neighbourhoods WHERE centre_id = 'ouest')`, "0"},
		{"values unqualified", `SELECT count(*) FROM indicator_values WHERE NOT starts_with(area_code, centre_id || ':')`, "0"},
		{"both centres' totals", `SELECT count(DISTINCT area_code) FROM indicator_values WHERE area_level = 'all'`, "2"},
		{"keys", `SELECT count(DISTINCT key_fingerprint) FROM centres`, "2"},
		{"pooled models", `SELECT count(*) FROM crisis_its WHERE model = 'pooled' AND area_level = 'all' AND NOT placebo`, "2"},
		{"models unqualified", `SELECT count(*) FROM crisis_its WHERE NOT starts_with(area_code, centre_id || ':')`, "0"},
	}
	for _, c := range checks {
		var got string
		if err := db.QueryRow(c.query).Scan(&got); err != nil || got != c.want {
			t.Errorf("%s: got %q (%v), want %q", c.name, got, err, c.want)
		}
	}
	db.Close()
	checkComparisonTable(t, filepath.Join(dir, "cmp", "proximite-compare.csv"))
	checkComparisonSite(t, filepath.Join(dir, "cmp", "site"))
	checkCompareRefusals(t, dir, snaps)
}

// checkComparisonTable checks the suppressed table: one row per
// neighbourhood of both centres; TP's 3 crisis events shown as "<5" and,
// since ouest's total is known, ouest's smallest other count (FSL) as "x";
// no count from 1 to 4 shown anywhere.
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
	if len(rows) != 10 {
		t.Fatalf("comparison table: %d lines, want a header and 9 neighbourhoods", len(rows))
	}
	suppressed := map[string]string{}
	for _, row := range rows[1:] {
		for _, i := range []int{4, 7, 10} {
			if v := row[i]; v == "1" || v == "2" || v == "3" || v == "4" {
				t.Errorf("%s: count %s shown", row[0], v)
			}
		}
		if row[4] == "<5" || row[4] == "x" {
			suppressed[row[0]] = row[4]
			if row[6] != "" {
				t.Errorf("%s: rate %s of a suppressed count shown", row[0], row[6])
			}
		}
		if row[1] == hostileCentre && !strings.HasPrefix(row[0], "ouest:") {
			t.Errorf("%s: centre %q", row[0], row[1])
		}
	}
	if len(suppressed) != 2 || suppressed["ouest:TP"] != "<5" || suppressed["ouest:FSL"] != "x" {
		t.Errorf("suppressed crisis counts %v, want ouest:TP <5 and ouest:FSL x", suppressed)
	}
}

// checkComparisonSite reads the French and English sites: both centres
// listed, every neighbourhood of both with its qualified code, TP's count
// suppressed in the table and absent from the charts' data, the hostile
// name escaped, the two languages linked.
func checkComparisonSite(t *testing.T, site string) {
	t.Helper()
	codes := []string{"est:JF", "est:ID", "est:ME", "est:SJB", "ouest:CST", "ouest:CLB", "ouest:FSL", "ouest:VT", "ouest:TP"}
	spec := regexp.MustCompile(`(?s)<script type="application/json" id="(cmp_crisis_rate_[a-z]+)-spec">(.*?)</script>`)
	for _, lang := range []string{"fr", "en"} {
		b, err := os.ReadFile(filepath.Join(site, "compare-"+lang, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		for _, code := range codes {
			if n := strings.Count(page, "<td>"+code+"</td>"); n != 3 {
				t.Errorf("%s: %s in %d tables, want 3", lang, code, n)
			}
		}
		for _, want := range []string{"<td>Centre Est</td>", "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; 🏘️ Ouest",
			"<td>ouest:TP</td><td>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; 🏘️ Ouest</td><td>Petit-Hameau</td>"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: page lacks %q", lang, want)
			}
		}
		if strings.Contains(page, "<img") || strings.Contains(page, "</script><img") {
			t.Errorf("%s: the centre name reached the page unescaped", lang)
		}
		tp := regexp.MustCompile(`<td>ouest:TP</td>(?:<td>[^<]*</td>){3}<td>([^<]*)</td><td>[^<]*</td><td>([^<]*)</td>`).FindStringSubmatch(page)
		if tp == nil || tp[1] != "&lt;5" || tp[2] != "—" {
			t.Errorf("%s: TP's crisis row %q, want <5 and no rate", lang, tp)
		}
		charts := spec.FindAllStringSubmatch(page, -1)
		if len(charts) != 2 {
			t.Errorf("%s: %d crisis charts, want a funnel and a ranking", lang, len(charts))
		}
		for _, m := range charts {
			if strings.Contains(m[2], "ouest:TP") || strings.Contains(m[2], "ouest:FSL") {
				t.Errorf("%s: %s places a suppressed neighbourhood", lang, m[1])
			}
			if !strings.Contains(m[2], "est:JF Jardins-Fleuris") {
				t.Errorf("%s: %s lacks est:JF", lang, m[1])
			}
		}
		other := map[string]string{"fr": "en", "en": "fr"}[lang]
		if !strings.Contains(page, `href="../compare-`+other+`/index.html"`) {
			t.Errorf("%s: no link to the %s site", lang, other)
		}
		for _, f := range []string{"echarts.min.js", "proximite.js"} {
			if _, err := os.Stat(filepath.Join(site, "compare-"+lang, f)); err != nil {
				t.Errorf("%s: %v", lang, err)
			}
		}
	}
}

// checkCompareRefusals gives compare snapshots that cannot be compared:
// each is refused with exit 2 and a message naming the file, and the
// previous outputs are left whole, with no temporary file behind.
func checkCompareRefusals(t *testing.T, dir string, snaps []string) {
	t.Helper()
	good, err := os.ReadFile(snaps[1])
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad")
	os.MkdirAll(bad, 0o755)
	altered := append([]byte(nil), good...)
	altered[len(altered)/2] ^= 0xff
	manifest, _ := os.ReadFile(strings.TrimSuffix(snaps[1], ".duckdb") + "-SHA256SUMS")
	files := map[string][]byte{
		"truncated.duckdb":                   good[:300000],
		"notes.duckdb":                       []byte("not a database\n"),
		"proximite-ouest-2025-05.duckdb":     altered, // same name, its manifest beside it
		"proximite-ouest-2025-05-SHA256SUMS": manifest,
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(bad, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site := filepath.Join(dir, "cmp", "site", "compare-fr", "index.html")
	before, _ := os.ReadFile(site)
	for _, c := range []struct{ file, want string }{
		{filepath.Join(bad, "truncated.duckdb"), "truncated"},
		{filepath.Join(bad, "notes.duckdb"), "not a DuckDB database"},
		{filepath.Join(dir, "ouest", "p.duckdb"), "not a Proximité research snapshot"},
		{filepath.Join(bad, "proximite-ouest-2025-05.duckdb"), "half-copied or altered"},
	} {
		r := runBin(t, dir, nil, "compare", "--config", "est/config.yaml", "--out", "cmp", snaps[0], c.file)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.file) || !strings.Contains(r.stderr, c.want) {
			t.Errorf("compare with %s: exit %d %q, want %d naming the file and saying %q", filepath.Base(c.file), r.code, r.stderr, exitUsage, c.want)
		}
	}
	after, _ := os.ReadFile(site)
	if len(before) == 0 || string(after) != string(before) {
		t.Errorf("a refused comparison changed the previous site")
	}
	for _, d := range []string{filepath.Join(dir, "cmp"), filepath.Join(dir, "cmp", "site")} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				t.Errorf("%s left behind in %s", e.Name(), d)
			}
		}
	}
}
