package stats

import (
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// TestXmRReference reproduces, point by point, the expected outputs in
// reference-data/spc, computed with NHSRplotthedots' logic (commit 050b07d).
func TestXmRReference(t *testing.T) {
	tests := []struct {
		file   string
		screen bool
		dir    Direction
	}{
		{"spc_expected_rrk_type1_breaches_screen_false.csv", false, DirectionDown},
		{"spc_expected_rrk_type1_breaches_screen_true.csv", true, DirectionDown},
		{"spc_expected_deviations_example_screen_false.csv", false, DirectionUp},
		{"spc_expected_deviations_example_screen_true.csv", true, DirectionUp},
		{"spc_expected_synthetic_all_rules_screen_false.csv", false, DirectionUp},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			h, rows := readCSV(t, filepath.Join(referenceDir, "spc", tt.file))
			got, err := XmR(column(t, h, rows, "y"), SPCOptions{Screen: tt.screen, Improvement: tt.dir})
			if err != nil {
				t.Fatal(err)
			}
			for i, row := range rows {
				comparePoint(t, i, got[i], record(h, row))
			}
		})
	}
}

// TestXmRInputMatchesExpected checks that the rrk input file is the series
// the expected files were computed from.
func TestXmRInputMatchesExpected(t *testing.T) {
	h, rows := readCSV(t, filepath.Join(referenceDir, "spc", "spc_input_rrk_type1_breaches_2016_2018.csv"))
	he, rowsE := readCSV(t, filepath.Join(referenceDir, "spc", "spc_expected_rrk_type1_breaches_screen_false.csv"))
	if got, want := column(t, h, rows, "y"), column(t, he, rowsE, "y"); !slices.Equal(got, want) {
		t.Errorf("input y = %v, want %v", got, want)
	}
}

func record(header, row []string) map[string]string {
	m := make(map[string]string, len(header))
	for i, k := range header {
		m[k] = row[i]
	}
	return m
}

func comparePoint(t *testing.T, i int, got SPCPoint, want map[string]string) {
	t.Helper()
	for _, c := range []struct {
		name string
		got  float64
	}{{"mean_col", got.Mean}, {"lpl", got.LPL}, {"upl", got.UPL}} {
		w, err := strconv.ParseFloat(want[c.name], 64)
		if err != nil {
			t.Fatalf("row %d %s: %v", i+1, c.name, err)
		}
		if !closeRel(c.got, w, 1e-9) {
			t.Errorf("row %d %s = %.10g, want %.10g", i+1, c.name, c.got, w)
		}
	}
	checks := [][3]string{
		{"relative_to_mean", strconv.Itoa(got.RelativeToMean), want["relative_to_mean"]},
		{"close_to_limits", rBool(got.CloseToLimits), want["close_to_limits"]},
		{"outside_limits", rBool(got.OutsideLimits), want["outside_limits"]},
		{"special_cause_type", got.SpecialCause.Label(), want["special_cause_type"]},
		{"point_type", string(got.PointType), want["point_type"]},
	}
	for _, c := range checks {
		if c[1] != c[2] {
			t.Errorf("row %d %s = %s, want %s", i+1, c[0], c[1], c[2])
		}
	}
}

func rBool(b bool) string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}

// ruleBaseline is 12 points alternating 12, 10: with FixAfter 12 the limits
// are x̄ = 11, mR̄ = 2, limits 11 ∓ 5.32 = [5.68, 16.32], near-limit band
// beyond 11 ∓ 3.5467 = [7.4533, 14.5467]. Alternating values start no run
// and no trend, and the last point (10) is below the mean.
var ruleBaseline = []float64{12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10}

// TestXmRRules checks each rule on a series that triggers it and one that
// nearly does, after ruleBaseline. want lists the cause of each appended
// point.
func TestXmRRules(t *testing.T) {
	C := CommonCause
	tests := []struct {
		name string
		tail []float64
		want []SpecialCause
	}{
		{"outside", []float64{17}, []SpecialCause{AboveUpper}},
		{"outside below", []float64{5}, []SpecialCause{BelowLower}},
		{"near but inside", []float64{16.3}, []SpecialCause{C}},
		{"shift of 7", []float64{11.5, 11.6, 11.5, 11.6, 11.5, 11.6, 11.5},
			[]SpecialCause{ShiftAbove, ShiftAbove, ShiftAbove, ShiftAbove, ShiftAbove, ShiftAbove, ShiftAbove}},
		{"run of 6", []float64{11.5, 11.6, 11.5, 11.6, 11.5, 11.6, 10.5}, []SpecialCause{C, C, C, C, C, C, C}},
		{"run broken by a point on the mean", []float64{11.5, 11.6, 11.5, 11, 11.6, 11.5, 11.6, 11.5},
			[]SpecialCause{C, C, C, C, C, C, C, C}},
		{"trend of 7", []float64{9.5, 10, 10.5, 11.5, 12, 12.5, 13},
			[]SpecialCause{TrendUp, TrendUp, TrendUp, TrendUp, TrendUp, TrendUp, TrendUp}},
		{"trend of 6 then a tie", []float64{9.5, 10, 10.5, 11.5, 12, 12.5, 12.5}, []SpecialCause{C, C, C, C, C, C, C}},
		{"two of three", []float64{15, 12, 15}, []SpecialCause{TwoInThreeAbove, C, TwoInThreeAbove}},
		{"two of three, middle below the mean", []float64{15, 10.5, 15}, []SpecialCause{C, C, C}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			y := append(slices.Clone(ruleBaseline), tt.tail...)
			pts, err := XmR(y, SPCOptions{FixAfter: len(ruleBaseline), Improvement: DirectionUp})
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range pts[:len(ruleBaseline)] {
				if p.SpecialCause != CommonCause {
					t.Errorf("baseline point %d = %s, want common_cause", i, p.SpecialCause)
				}
			}
			for i, p := range pts[len(ruleBaseline):] {
				if p.SpecialCause != tt.want[i] {
					t.Errorf("point %d = %s, want %s", i, p.SpecialCause, tt.want[i])
				}
			}
		})
	}
}

// TestXmRPrecedence checks that one point meeting several rules carries the
// stronger label: a trend of 7 below the mean is a trend, not a shift, and
// the outside point ending a trend is outside.
func TestXmRPrecedence(t *testing.T) {
	y := append(slices.Clone(ruleBaseline), 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 11, 12, 13, 14, 15, 17)
	pts, err := XmR(y, SPCOptions{FixAfter: len(ruleBaseline), Improvement: DirectionDown})
	if err != nil {
		t.Fatal(err)
	}
	got := make([]SpecialCause, 0, 13)
	for _, p := range pts[len(ruleBaseline):] {
		got = append(got, p.SpecialCause)
	}
	U := TrendUp
	want := []SpecialCause{U, U, U, U, U, U, U, U, U, U, U, U, AboveUpper}
	if !slices.Equal(got, want) {
		t.Errorf("causes = %v, want %v", got, want)
	}
	if pts[len(y)-1].PointType != Concern || pts[len(ruleBaseline)].PointType != Concern {
		t.Errorf("point types = %s, %s, want concern (improvement is down)", pts[len(y)-1].PointType, pts[len(ruleBaseline)].PointType)
	}
}

func TestXmRPointTypeNeither(t *testing.T) {
	pts, err := XmR(append(slices.Clone(ruleBaseline), 17), SPCOptions{FixAfter: 12})
	if err != nil {
		t.Fatal(err)
	}
	if got := pts[12].PointType; got != Neither {
		t.Errorf("point type = %s, want %s", got, Neither)
	}
}

// TestXmRRebase checks that each segment gets its own limits and that the
// rules do not run across the rebase: the last 4 points of segment 0 and the
// first 3 of segment 1 are each below their own mean, 7 in a row, but no
// shift is flagged.
func TestXmRRebase(t *testing.T) {
	y := []float64{12, 14, 12, 9, 9, 9, 9, 19.5, 19.5, 19.5, 22, 23, 22, 23, 21}
	pts, err := XmR(y, SPCOptions{RebaseAt: []int{7}})
	if err != nil {
		t.Fatal(err)
	}
	// Segment 0: mean 74/7, mR = [2 2 3 0 0 0] → mR̄ = 7/6.
	// Segment 1: mean 169.5/8, mR = [0 0 2.5 1 1 1 2] → mR̄ = 7.5/7.
	checkClose(t, "mean 0", pts[0].Mean, 74.0/7)
	checkClose(t, "upl 0", pts[6].UPL, 74.0/7+2.66*7/6)
	checkClose(t, "mean 1", pts[7].Mean, 169.5/8)
	checkClose(t, "lpl 1", pts[14].LPL, 169.5/8-2.66*7.5/7)
	for i, p := range pts[3:10] {
		if p.RelativeToMean != -1 || p.SpecialCause != CommonCause {
			t.Errorf("point %d: side %d, cause %s, want -1, common_cause", i+3, p.RelativeToMean, p.SpecialCause)
		}
	}
	if pts[6].Segment != 0 || pts[7].Segment != 1 || !pts[7].TrialLimits {
		t.Errorf("segments %d, %d, trial %v, want 0, 1, true", pts[6].Segment, pts[7].Segment, pts[7].TrialLimits)
	}
}

// TestXmRFixAfterAndScreen checks limits from the first N points and the
// screening of a large moving range. [10 12 10 30 10 12]: mR =
// [2 2 20 20 2], mR̄ = 9.2, 3.267·9.2 = 30.06, so screening drops nothing;
// with [10 12 10 12 10 12 10 60]
// mR = [2 2 2 2 2 2 50], mR̄ = 62/7 = 8.857, 3.267·8.857 = 28.94 drops 50,
// leaving mR̄ = 2.
func TestXmRFixAfterAndScreen(t *testing.T) {
	tests := []struct {
		name  string
		y     []float64
		opt   SPCOptions
		mean  float64
		amr   float64
		trial bool
	}{
		{"no screening needed", []float64{10, 12, 10, 30, 10, 12}, SPCOptions{Screen: true}, 14, 9.2, true},
		{"screen drops 50", []float64{10, 12, 10, 12, 10, 12, 10, 60}, SPCOptions{Screen: true}, 17, 2, true},
		{"screen off", []float64{10, 12, 10, 12, 10, 12, 10, 60}, SPCOptions{}, 17, 62.0 / 7, true},
		{"fix after 4", []float64{10, 12, 10, 12, 50, 60, 70}, SPCOptions{FixAfter: 4}, 11, 2, true},
		{"13 points are not trial", make([]float64, 13), SPCOptions{}, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pts, err := XmR(tt.y, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			p := pts[len(pts)-1]
			checkClose(t, "mean", p.Mean, tt.mean)
			checkClose(t, "upl", p.UPL, tt.mean+2.66*tt.amr)
			checkClose(t, "near upl", p.NearUPL, tt.mean+2.66*2/3*tt.amr)
			if p.TrialLimits != tt.trial {
				t.Errorf("trial = %v, want %v", p.TrialLimits, tt.trial)
			}
		})
	}
}

func TestXmRErrors(t *testing.T) {
	tests := []struct {
		name string
		y    []float64
		opt  SPCOptions
		want error
	}{
		{"empty", nil, SPCOptions{}, ErrEmpty},
		{"one point", []float64{3}, SPCOptions{}, ErrInvalidInput},
		{"rebase out of range", []float64{1, 2, 3, 4}, SPCOptions{RebaseAt: []int{4}}, ErrInvalidInput},
		{"rebase not increasing", []float64{1, 2, 3, 4, 5, 6}, SPCOptions{RebaseAt: []int{4, 2}}, ErrInvalidInput},
		{"segment of one point", []float64{1, 2, 3, 4}, SPCOptions{RebaseAt: []int{3}}, ErrInvalidInput},
		{"negative fix", []float64{1, 2, 3}, SPCOptions{FixAfter: -1}, ErrInvalidInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := XmR(tt.y, tt.opt); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
