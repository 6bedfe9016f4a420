package suppression

import (
	"fmt"
	"math"
)

// Line is one additive relation among the values given to Apply: the value
// at Total equals the sum of the values at Members. A table has one line per
// row and per column that shows a total; an area hierarchy adds one line per
// parent area (its value = the sum of its children's).
type Line struct {
	Total   int
	Members []int
}

// Apply returns the status of every value under the policy of section 9:
// counts from 1 to threshold−1 (totals included) are Primary; then, until
// nothing changes, every line in which exactly one value is suppressed gets
// its smallest non-zero shown member (lowest index on a tie; the total if no
// member qualifies) marked Complementary. Finally each suppressed value that
// could still be solved exactly from the shown values through the lines
// taken together causes one more complementary suppression, and the loop
// restarts. Zeros are never suppressed. Lines are visited in order, so the
// result is deterministic.
func Apply(values []int64, lines []Line, threshold int) ([]Status, error) {
	if err := check(values, lines, threshold); err != nil {
		return nil, err
	}
	st := make([]Status, len(values))
	for i, v := range values {
		st[i] = Cell(v, threshold)
	}
	for {
		settleLines(values, lines, st)
		k, ok := solvable(lines, st)
		if !ok {
			return st, nil
		}
		if !protect(values, lines, st, k) {
			return st, nil
		}
	}
}

func check(values []int64, lines []Line, threshold int) error {
	if threshold < 1 {
		return fmt.Errorf("apply threshold %d: %w", threshold, ErrThreshold)
	}
	for i, v := range values {
		if v < 0 {
			return fmt.Errorf("value %d is %d: %w", i, v, ErrNegative)
		}
	}
	for li, l := range lines {
		for _, m := range append([]int{l.Total}, l.Members...) {
			if m < 0 || m >= len(values) {
				return fmt.Errorf("line %d refers to value %d of %d: %w", li, m, len(values), ErrShape)
			}
		}
	}
	return nil
}

// settleLines applies the one-suppressed-value rule until no line changes.
func settleLines(values []int64, lines []Line, st []Status) {
	for changed := true; changed; {
		changed = false
		for _, l := range lines {
			if countSuppressed(l, st) != 1 {
				continue
			}
			if c := candidate(values, l, st); c >= 0 {
				st[c] = Complementary
				changed = true
			}
		}
	}
}

func countSuppressed(l Line, st []Status) int {
	n := 0
	if st[l.Total].Suppressed() {
		n++
	}
	for _, m := range l.Members {
		if st[m].Suppressed() {
			n++
		}
	}
	return n
}

// candidate returns the smallest non-zero shown member of the line, else its
// total when shown and non-zero, else −1.
func candidate(values []int64, l Line, st []Status) int {
	best := -1
	for _, m := range l.Members {
		if st[m].Suppressed() || values[m] == 0 {
			continue
		}
		if best < 0 || values[m] < values[best] || (values[m] == values[best] && m < best) {
			best = m
		}
	}
	if best < 0 && !st[l.Total].Suppressed() && values[l.Total] != 0 {
		best = l.Total
	}
	return best
}

// protect suppresses one more value in a line that contains the solvable
// value k; it reports whether it could.
func protect(values []int64, lines []Line, st []Status, k int) bool {
	for _, l := range lines {
		if !contains(l, k) {
			continue
		}
		if c := candidate(values, l, st); c >= 0 {
			st[c] = Complementary
			return true
		}
	}
	return false
}

func contains(l Line, k int) bool {
	if l.Total == k {
		return true
	}
	for _, m := range l.Members {
		if m == k {
			return true
		}
	}
	return false
}

// solvable returns a suppressed value that the lines determine exactly, if
// any. Unknowns are the suppressed values; each line gives one linear
// equation. A pivot unknown of the reduced row echelon form is determined
// when its row has no coefficient on a free unknown.
func solvable(lines []Line, st []Status) (int, bool) {
	unknown := map[int]int{}
	var idx []int
	for i, s := range st {
		if s.Suppressed() {
			unknown[i] = len(idx)
			idx = append(idx, i)
		}
	}
	a := equations(lines, unknown, len(idx))
	pivots := rref(a, len(idx))
	for r, pc := range pivots {
		if onlyPivot(a[r], pc) {
			return idx[pc], true
		}
	}
	return 0, false
}

func equations(lines []Line, unknown map[int]int, n int) [][]float64 {
	var a [][]float64
	for _, l := range lines {
		row := make([]float64, n)
		nz := false
		if j, ok := unknown[l.Total]; ok {
			row[j] = -1
			nz = true
		}
		for _, m := range l.Members {
			if j, ok := unknown[m]; ok {
				row[j]++
				nz = true
			}
		}
		if nz {
			a = append(a, row)
		}
	}
	return a
}

const eps = 1e-9

// rref reduces a in place and returns the pivot column of each leading row.
func rref(a [][]float64, n int) []int {
	var pivots []int
	r := 0
	for c := 0; c < n && r < len(a); c++ {
		p := r
		for i := r + 1; i < len(a); i++ {
			if math.Abs(a[i][c]) > math.Abs(a[p][c]) {
				p = i
			}
		}
		if math.Abs(a[p][c]) < eps {
			continue
		}
		a[r], a[p] = a[p], a[r]
		eliminate(a, r, c)
		pivots = append(pivots, c)
		r++
	}
	return pivots
}

func eliminate(a [][]float64, r, c int) {
	pv := a[r][c]
	for j := range a[r] {
		a[r][j] /= pv
	}
	for i := range a {
		if i == r || math.Abs(a[i][c]) < eps {
			continue
		}
		f := a[i][c]
		for j := range a[i] {
			a[i][j] -= f * a[r][j]
		}
	}
}

func onlyPivot(row []float64, pc int) bool {
	for j, v := range row {
		if j != pc && math.Abs(v) > eps {
			return false
		}
	}
	return true
}
