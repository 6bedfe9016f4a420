package stats

import (
	"errors"
	"math"
	"testing"
)

// closeRel reports whether got agrees with want to a relative tolerance
// (absolute when want is 0).
func closeRel(got, want, tol float64) bool {
	if want == 0 {
		return math.Abs(got) <= tol
	}
	return math.Abs(got-want) <= tol*math.Abs(want)
}

// sig4 is the tolerance for "agrees to 4 significant digits".
const sig4 = 5e-5

// TestPoissonCI compares with the exact (Garwood 1936) 95% limits for a
// Poisson count as printed in tables of exact Poisson limits (e.g. Breslow &
// Day 1987, Statistical Methods in Cancer Research vol. II), which equal R's
// poisson.test(k)$conf.int; they were re-checked with scipy.stats.chi2.ppf
// (k=100: 81.363991, 121.626794).
func TestPoissonCI(t *testing.T) {
	tests := []struct {
		k      int
		lo, hi float64
		tol    float64 // half a unit of the last printed digit
	}{
		{0, 0, 3.689, 5e-4},
		{1, 0.0253, 5.572, 5e-4},
		{5, 1.6235, 11.6683, 5e-5},
		{10, 4.7954, 18.3904, 5e-5},
		{100, 81.3640, 121.6268, 5e-5},
	}
	for _, tt := range tests {
		lo, hi := PoissonCI(tt.k, 0.95)
		if math.Abs(lo-tt.lo) > tt.tol || math.Abs(hi-tt.hi) > tt.tol {
			t.Errorf("PoissonCI(%d) = [%.5f, %.5f], want [%.4f, %.4f]", tt.k, lo, hi, tt.lo, tt.hi)
		}
	}
}

// TestRateRatio checks a hand computation: RR = (30/1200)/(20/1500) = 1.875,
// SE(ln RR) = √(1/30 + 1/20) = 0.288675, half-width 1.959964·0.288675 =
// 0.565793, so the interval is 1.875·e^∓0.565793 = [1.06483, 3.30158].
func TestRateRatio(t *testing.T) {
	got, err := RateRatio(30, 1200, 20, 1500)
	if err != nil {
		t.Fatal(err)
	}
	want := RatioCI{Ratio: 1.875, Lo: 1.06483, Hi: 3.30158}
	if !closeRel(got.Ratio, want.Ratio, 1e-12) || !closeRel(got.Lo, want.Lo, 1e-5) || !closeRel(got.Hi, want.Hi, 1e-5) {
		t.Errorf("RateRatio = %+v, want %+v", got, want)
	}
}

func TestRateRatioErrors(t *testing.T) {
	tests := []struct {
		name           string
		a, ptA, b, ptB float64
		want           error
	}{
		{"zero a", 0, 100, 5, 100, ErrZeroCount},
		{"zero b", 5, 100, 0, 100, ErrZeroCount},
		{"zero ptA", 5, 0, 5, 100, ErrZeroDenominator},
		{"zero ptB", 5, 100, 5, 0, ErrZeroDenominator},
		{"negative pt", 5, -1, 5, 100, ErrZeroDenominator},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RateRatio(tt.a, tt.ptA, tt.b, tt.ptB)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if got != (RatioCI{}) {
				t.Errorf("got %+v with error, want zero value", got)
			}
		})
	}
}

func TestFormatP(t *testing.T) {
	for _, tt := range []struct {
		p    float64
		want string
	}{{0, "< 1e-16"}, {3e-17, "< 1e-16"}, {1e-16, "1e-16"}, {0.0002021, "0.0002"}, {0.02874, "0.029"}, {0.5, "0.5"}, {1, "1"}} {
		if got := FormatP(tt.p); got != tt.want {
			t.Errorf("FormatP(%g) = %q, want %q", tt.p, got, tt.want)
		}
	}
}
