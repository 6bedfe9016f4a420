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
	for i, f := range []string{utf8, latin1} {
		if err := q.RawLoadCSV(ctx, i, f); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	after, err := q.RawRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after-before != 3 {
		t.Errorf("raw rows grew by %d, want 3 (2 + 1)", after-before)
	}
	var name string
	if err := q.db.QueryRowContext(ctx, "SELECT name FROM raw_1").Scan(&name); err != nil || name != "Montée" {
		t.Errorf("raw_1.name = %q, %v; want Montée read as latin-1", name, err)
	}
	if err := q.RawLoadCSV(ctx, 2, filepath.Join(dir, "missing.csv")); err == nil {
		t.Error("a missing file loaded without error")
	}
}
