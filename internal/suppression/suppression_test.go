package suppression

import (
	"encoding/csv"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// refDir holds the IRB's published example (testdata/README.md names the source).
const refDir = "testdata"

func readCSV(tb testing.TB, name string) [][]string {
	tb.Helper()
	f, err := os.Open(filepath.Join(refDir, name))
	if err != nil {
		tb.Fatalf("reference data missing: %v", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatalf("read %s: %v", name, err)
	}
	return recs[1:]
}

// TestIRBExample reproduces the Immigration and Refugee Board of Canada's
// worked example (threshold 20) cell for cell: rows with their row totals,
// no column totals.
func TestIRBExample(t *testing.T) {
	in := readCSV(t, "suppression_example_irb_input.csv")
	want := readCSV(t, "suppression_example_irb_expected_threshold20.csv")
	var tab Table
	for _, r := range in {
		tab.Cells = append(tab.Cells, atoiAll(t, r[1:len(r)-1]))
		tab.RowTotals = append(tab.RowTotals, atoiAll(t, r[len(r)-1:])[0])
	}
	m, err := Suppress(tab, 20)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range in {
		t.Run(r[0], func(t *testing.T) {
			got := append(render(tab.Cells[i], m.Cells[i]), render(tab.RowTotals[i:i+1], m.RowTotals[i:i+1])...)
			for j := range got {
				if got[j] != want[i][j+1] {
					t.Errorf("column %d: got %q, want %q", j+1, got[j], want[i][j+1])
				}
			}
		})
	}
}

func atoiAll(tb testing.TB, ss []string) []int64 {
	tb.Helper()
	out := make([]int64, len(ss))
	for i, s := range ss {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			tb.Fatalf("parse %q: %v", s, err)
		}
		out[i] = v
	}
	return out
}

func render(v []int64, st []Status) []string {
	out := make([]string, len(v))
	for i := range v {
		out[i] = strconv.FormatInt(v[i], 10)
		if st[i].Suppressed() {
			out[i] = "--"
		}
	}
	return out
}

func TestCell(t *testing.T) {
	tests := []struct {
		count int64
		want  Status
		sym   string
	}{
		{0, Shown, ""}, {1, Primary, "<5"}, {4, Primary, "<5"}, {5, Shown, ""}, {1000, Shown, ""},
	}
	for _, tc := range tests {
		t.Run(strconv.FormatInt(tc.count, 10), func(t *testing.T) {
			got := Cell(tc.count, DefaultThreshold)
			if got != tc.want || Symbol(got, DefaultThreshold) != tc.sym {
				t.Errorf("got %v %q, want %v %q", got, Symbol(got, DefaultThreshold), tc.want, tc.sym)
			}
		})
	}
}

func TestRateAndUnstable(t *testing.T) {
	if got := Rate(Primary, Shown); got != Derived {
		t.Errorf("Rate(primary, shown) got %v, want derived", got)
	}
	if got := Rate(Shown, Complementary); got != Derived {
		t.Errorf("Rate(shown, complementary) got %v, want derived", got)
	}
	if got := Rate(Shown, Shown); got != Shown {
		t.Errorf("Rate(shown, shown) got %v, want shown", got)
	}
	if !Unstable(9) || Unstable(10) {
		t.Errorf("Unstable(9)=%v Unstable(10)=%v, want true false", Unstable(9), Unstable(10))
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		tab  Table
		thr  int
		want error
	}{
		{"threshold", Table{Cells: [][]int64{{1}}}, 0, ErrThreshold},
		{"ragged", Table{Cells: [][]int64{{1, 2}, {3}}}, 5, ErrShape},
		{"row totals", Table{Cells: [][]int64{{1}}, RowTotals: []int64{1, 2}}, 5, ErrShape},
		{"negative", Table{Cells: [][]int64{{-1}}}, 5, ErrNegative},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Suppress(tc.tab, tc.thr)
			if !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
}

// TestHierarchy checks a parent area whose value is the sum of its
// children's: one small child forces a second one to be hidden.
func TestHierarchy(t *testing.T) {
	values := []int64{40, 3, 12, 25, 80} // four neighbourhoods, then the territory
	lines := []Line{{Total: 4, Members: []int{0, 1, 2, 3}}}
	got, err := Apply(values, lines, 5)
	if err != nil {
		t.Fatal(err)
	}
	want := []Status{Shown, Primary, Complementary, Shown, Shown}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("value %d: got %v, want %v", i, got[i], want[i])
		}
	}
}

// TestNoRecovery runs random tables with both margins through Suppress and
// checks that no line has exactly one suppressed value (cells and total
// together) and that no suppressed value is determined exactly by the shown
// values through all the lines together.
func TestNoRecovery(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 2000; n++ {
		tab := randomTable(rng)
		m, err := Suppress(tab, 5)
		if err != nil {
			t.Fatal(err)
		}
		values, lines, _ := tab.flatten()
		st := flatStatus(m)
		for li, l := range lines {
			if c := countSuppressed(l, st); c == 1 {
				t.Fatalf("table %d %v line %d: got 1 suppressed value, want 0 or ≥2 (mask %v)", n, tab, li, m)
			}
		}
		if k, ok := solvable(lines, st); ok {
			t.Fatalf("table %d %v: value %d (=%d) is recoverable (mask %v)", n, tab, k, values[k], m)
		}
		for i, v := range values {
			if v >= 1 && v < 5 && !st[i].Suppressed() {
				t.Fatalf("table %d: small value %d at %d shown", n, v, i)
			}
		}
	}
}

func randomTable(rng *rand.Rand) Table {
	rows, cols := 1+rng.IntN(6), 1+rng.IntN(6)
	t := Table{Cells: make([][]int64, rows), RowTotals: make([]int64, rows), ColTotals: make([]int64, cols)}
	for i := range t.Cells {
		t.Cells[i] = make([]int64, cols)
		for j := range t.Cells[i] {
			v := int64(rng.IntN(40))
			if rng.IntN(3) == 0 {
				v = int64(rng.IntN(6))
			}
			t.Cells[i][j] = v
			t.RowTotals[i] += v
			t.ColTotals[j] += v
			t.GrandTotal += v
		}
	}
	return t
}

func flatStatus(m Mask) []Status {
	var st []Status
	for _, r := range m.Cells {
		st = append(st, r...)
	}
	st = append(st, m.RowTotals...)
	st = append(st, m.ColTotals...)
	return append(st, m.GrandTotal)
}
