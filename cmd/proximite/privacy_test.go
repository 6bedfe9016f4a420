package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"proximite/fixtures"
	"proximite/internal/pseudonym"
)

// clientIDPattern matches the fixture's client ids in any spelling
// (ZYWQ43100400, OSAV 0758 2000, ywnu-9760-0100).
var clientIDPattern = regexp.MustCompile(`(?i)[a-z]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}`)

// rawIDs collects the normalized client ids found in the fixture's files.
func rawIDs(t *testing.T, dir string) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range clientIDPattern.FindAll(b, -1) {
			ids[pseudonym.Normalize(string(m))] = true
		}
	}
	if len(ids) < 100 {
		t.Fatalf("found only %d client ids in the fixture: the pattern no longer fits it", len(ids))
	}
	return ids
}

// leaks returns the raw ids that occur in text, in any spelling.
func leaks(text []byte, ids map[string]bool) []string {
	var out []string
	for _, m := range clientIDPattern.FindAll(text, -1) {
		if n := pseudonym.Normalize(string(m)); ids[n] {
			out = append(out, n)
		}
	}
	return out
}

// TestNoRawClientIDAnywhere loads a fixture and searches the database file's
// bytes, every text value of every table (DuckDB compresses strings, so the
// bytes alone could miss one), the rejected rows and the logs for every raw
// client_id of the fixture.
func TestNoRawClientIDAnywhere(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	opt := fixtures.Options{Seed: 7, Months: 24, Neighbourhoods: 4, Scale: 0.01,
		End: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := fixtures.Generate(context.Background(), data, opt, nil); err != nil {
		t.Fatal(err)
	}
	ids := rawIDs(t, data)
	r := runBin(t, dir, []string{keyEnv, "PROXIMITE_LOG=debug"}, "ingest", "--db", "p.duckdb", "data")
	if r.code != exitOK && r.code != exitRejected {
		t.Fatalf("ingest exit %d: %s", r.code, r.stderr)
	}
	if l := leaks([]byte(r.stdout+r.stderr), ids); len(l) > 0 {
		t.Errorf("output and logs contain %d raw client ids", len(l))
	}
	b, err := os.ReadFile(filepath.Join(dir, "p.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	if l := leaks(b, ids); len(l) > 0 {
		t.Errorf("database file bytes contain %d raw client ids", len(l))
	}
	if n := textLeaks(t, filepath.Join(dir, "p.duckdb"), ids); n > 0 {
		t.Errorf("%d text values in the database hold a raw client id", n)
	}
}

// textLeaks reads every VARCHAR value of every table and counts those that
// hold a raw id.
func textLeaks(t *testing.T, path string, ids map[string]bool) int {
	t.Helper()
	ctx := context.Background()
	db, err := openForTest(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT table_name, column_name FROM duckdb_columns()
		WHERE data_type = 'VARCHAR' AND NOT internal ORDER BY ALL`)
	if err != nil {
		t.Fatal(err)
	}
	var cols [][2]string
	for rows.Next() {
		var tbl, col string
		rows.Scan(&tbl, &col)
		cols = append(cols, [2]string{tbl, col})
	}
	rows.Close()
	n := 0
	for _, c := range cols {
		// Identifiers come from duckdb_columns(), not from input data.
		q := `SELECT DISTINCT "` + c[1] + `" FROM "` + c[0] + `" WHERE "` + c[1] + `" IS NOT NULL`
		vals, err := db.QueryContext(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for vals.Next() {
			var v string
			vals.Scan(&v)
			if len(leaks([]byte(v), ids)) > 0 || ids[pseudonym.Normalize(v)] {
				n++
				t.Logf("leak in %s.%s", c[0], c[1])
			}
		}
		vals.Close()
	}
	return n
}

func TestLeaksDetectsAnyStoredSpelling(t *testing.T) {
	ids := map[string]bool{"ZYWQ43100400": true}
	for _, s := range []string{"x ZYWQ43100400 y", "zywq-4310-0400", "ZYWQ 4310 0400"} {
		if len(leaks([]byte(s), ids)) != 1 {
			t.Errorf("leaks(%q) missed the id", s)
		}
	}
	if len(leaks([]byte("4656ec695d46c870927f44d5c98d8561"), ids)) != 0 {
		t.Error("leaks flagged a pseudonym")
	}
}
