package queries

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestRawLoadCSV(t *testing.T) {
	ctx := context.Background()
	_, q := openSmall(t)
	dir := t.TempDir()
	utf8 := filepath.Join(dir, "a.csv")
	latin1 := filepath.Join(dir, "b.csv")
	if err := os.WriteFile(utf8, []byte("code,name\nA,Îlot\nB,Bb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// "Montée" in Windows-1252: é is the single byte 0xE9, invalid UTF-8.
	if err := os.WriteFile(latin1, []byte("code;name\nC;Mont\xe9e\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := q.RawRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range []string{utf8, latin1, utf8} {
		if err := q.RawLoadCSV(ctx, i, f, f == latin1); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	after, err := q.RawRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after-before != 5 {
		t.Errorf("raw rows grew by %d, want 5 (2 + 1 + 2)", after-before)
	}
	// Each file has its own table (the table name is replaced everywhere in
	// the SQL, its comment included: once it was not, and every file after
	// the first fell back to latin-1).
	for _, table := range []string{"raw_0", "raw_2"} {
		var lot string
		if err := q.db.QueryRowContext(ctx, "SELECT name FROM "+table+" WHERE code = 'A'").Scan(&lot); err != nil || lot != "Îlot" {
			t.Errorf("%s.name = %q, %v; want Îlot read as UTF-8", table, lot, err)
		}
	}
	var name string
	if err := q.db.QueryRowContext(ctx, "SELECT name FROM raw_1").Scan(&name); err != nil || name != "Montée" {
		t.Errorf("raw_1.name = %q, %v; want Montée read as latin-1", name, err)
	}
	if err := q.RawLoadCSV(ctx, 3, filepath.Join(dir, "missing.csv"), false); err == nil {
		t.Error("a missing file loaded without error")
	}
}
