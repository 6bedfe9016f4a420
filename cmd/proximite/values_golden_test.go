package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/indicator_values_demo.txt.gz with the values of the binary in $PROXIMITE_GOLDEN_BIN (default: this tree's)")

// goldenValues is the dump of indicator_values on the demo fixtures. It is
// made by the origin/main binary of before issue 17 (one copy of each record,
// binary pseudonyms), so that this test proves the store's new layout
// changed no number:
//
//	git worktree add /tmp/base <commit> && (cd /tmp/base && go build -o /tmp/base/proximite ./cmd/proximite)
//	PROXIMITE_GOLDEN_BIN=/tmp/base/proximite go test ./cmd/proximite -run TestIndicatorValuesGolden -update
//
// Rewrite it only for an intended change of the numbers, and say so.
const goldenValues = "testdata/indicator_values_demo.txt.gz"

// TestIndicatorValuesGolden generates the demo fixtures, ingests and
// computes them, and compares indicator_values row for row (every column
// but computed_at, doubles as %.17g) with the golden dump.
func TestIndicatorValuesGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	bin := binPath
	if *update && os.Getenv("PROXIMITE_GOLDEN_BIN") != "" {
		bin = os.Getenv("PROXIMITE_GOLDEN_BIN")
	}
	dir := t.TempDir()
	env := []string{keyEnv}
	for _, args := range [][]string{
		{"fixtures", "--out", "fx"},
		{"ingest", "--db", "p.duckdb", "fx"},
		{"compute", "--db", "p.duckdb"},
	} {
		if r := runOther(t, bin, dir, env, args...); r.code != exitOK && r.code != exitRejected {
			t.Fatalf("%s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
	got := dumpValues(t, filepath.Join(dir, "p.duckdb"))
	if *update {
		writeGzip(t, goldenValues, got)
		return
	}
	want := readGzip(t, goldenValues)
	if !bytes.Equal(got, want) {
		t.Errorf("indicator_values differ from %s: %s", goldenValues, firstDiff(got, want))
	}
}

// runOther runs bin (this tree's binary or another) as runBin does.
func runOther(t *testing.T, bin, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}, env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return result{code: ee.ExitCode(), stderr: stderr.String()}
	}
	if err != nil {
		t.Fatal(err)
	}
	return result{stderr: stderr.String()}
}

// dumpValues prints indicator_values in a total order, one row a line,
// every column but computed_at, doubles with 17 significant digits.
func dumpValues(t *testing.T, path string) []byte {
	t.Helper()
	ctx := context.Background()
	db, err := openForTest(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT indicator, breakdown, area_level, area_code, period_type,
		strftime(period_start, '%Y-%m-%d'), strftime(period_end, '%Y-%m-%d'),
		numerator, denominator, value, ci_low, ci_high, provisional, unstable, flagged
		FROM indicator_values ORDER BY indicator, breakdown, area_level, area_code, period_type, period_start`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b bytes.Buffer
	for rows.Next() {
		var text [7]string
		var nums [5]sql.NullFloat64
		var flags [3]bool
		if err := rows.Scan(&text[0], &text[1], &text[2], &text[3], &text[4], &text[5], &text[6],
			&nums[0], &nums[1], &nums[2], &nums[3], &nums[4], &flags[0], &flags[1], &flags[2]); err != nil {
			t.Fatal(err)
		}
		b.WriteString(strings.Join(text[:], "|"))
		for _, n := range nums {
			if n.Valid {
				fmt.Fprintf(&b, "|%.17g", n.Float64)
			} else {
				b.WriteString("|NULL")
			}
		}
		fmt.Fprintf(&b, "|%t|%t|%t\n", flags[0], flags[1], flags[2])
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if b.Len() == 0 {
		t.Fatal("indicator_values is empty")
	}
	return b.Bytes()
}

func writeGzip(t *testing.T, path string, data []byte) {
	t.Helper()
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readGzip(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (make it with -update, see goldenValues)", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// firstDiff names the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d\n got %s\nwant %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}
