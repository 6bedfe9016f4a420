package stats

import (
	"errors"
	"math"
	"path/filepath"
	"strconv"
	"testing"
)

// statsmodelsPooled is one fit of pooled_expected.json, written by
// testdata/make_reference.py with statsmodels' GLM(Poisson).
type statsmodelsPooled struct {
	Areas      int             `json:"areas"`
	Dispersion float64         `json:"dispersion"`
	DFResidual int             `json:"df_residual"`
	DFT        int             `json:"df_t"`
	Inference  string          `json:"inference"`
	Fitted     []float64       `json:"fitted"`
	Post       statsmodelsTerm `json:"post"`
	PostTime   statsmodelsTerm `json:"post_time"`
}

type statsmodelsTerm struct {
	Beta float64 `json:"beta"`
	SE   float64 `json:"se"`
	RR   float64 `json:"rr"`
	Lo   float64 `json:"rr_lo95"`
	Hi   float64 `json:"rr_hi95"`
	P    float64 `json:"p"`
}

// readPooledPanel reads testdata/pooled_panel.csv (area, t0, t, month,
// count, person_time; rows grouped by area, months in order), keeping the
// first nAreas areas.
func readPooledPanel(t testing.TB, nAreas int) PooledInput {
	t.Helper()
	h, rows := readCSV(t, filepath.Join("testdata", "pooled_panel.csv"))
	t0, month := column(t, h, rows, "t0"), column(t, h, rows, "month")
	counts, pt := column(t, h, rows, "count"), column(t, h, rows, "person_time")
	in := PooledInput{Seasonal: true, SlopeChange: true}
	for i, r := range rows {
		if i == 0 || r[0] != rows[i-1][0] {
			if len(in.Areas) == nAreas {
				break
			}
			in.Areas = append(in.Areas, PooledArea{ID: r[0], T0: int(t0[i])})
		}
		a := &in.Areas[len(in.Areas)-1]
		a.Counts = append(a.Counts, counts[i])
		a.PersonTime = append(a.PersonTime, pt[i])
		if len(in.Areas) == 1 {
			in.Months = append(in.Months, int(month[i]))
		}
	}
	return in
}

// TestPooledStatsmodels compares Pooled with statsmodels on a 5-area panel
// with starts 12 to 36 months in (cluster-robust, t on 4 df) and on its
// first 2 areas (quasi-Poisson fallback).
func TestPooledStatsmodels(t *testing.T) {
	var want struct {
		Five statsmodelsPooled `json:"five_areas"`
		Two  statsmodelsPooled `json:"two_areas"`
	}
	readJSON(t, "pooled_expected.json", &want)
	for name, c := range map[string]struct {
		n int
		w statsmodelsPooled
	}{"five_areas": {5, want.Five}, "two_areas": {2, want.Two}} {
		t.Run(name, func(t *testing.T) {
			n, w := c.n, c.w
			got, err := Pooled(readPooledPanel(t, n))
			if err != nil {
				t.Fatal(err)
			}
			if got.Clusters != w.Areas || string(got.Inference) != w.Inference || got.DF != w.DFT {
				t.Errorf("clusters %d, inference %s on %d df, want %d, %s on %d", got.Clusters, got.Inference, got.DF, w.Areas, w.Inference, w.DFT)
			}
			checkClose(t, "phi", got.Phi, w.Dispersion)
			checkClose(t, "level se", got.LevelSE, w.Post.SE)
			checkEffect(t, "level", got.Level, w.Post)
			checkEffect(t, "slope", got.SlopeChange, w.PostTime)
			var fitted []float64
			for _, f := range got.Fitted {
				fitted = append(fitted, f...)
			}
			if len(fitted) != len(w.Fitted) {
				t.Fatalf("%d fitted values, want %d", len(fitted), len(w.Fitted))
			}
			for i, f := range fitted {
				checkClose(t, "fitted "+strconv.Itoa(i), f, w.Fitted[i])
			}
		})
	}
}

func checkEffect(t *testing.T, name string, got Effect, want statsmodelsTerm) {
	t.Helper()
	checkClose(t, name+" rr", got.Ratio, want.RR)
	checkClose(t, name+" lo", got.Lo, want.Lo)
	checkClose(t, name+" hi", got.Hi, want.Hi)
	checkClose(t, name+" p", got.P, want.P)
}

// TestPooledCounterfactual checks by hand that an area's counterfactual is
// its fitted count divided by exp(β_post + β_post_time·(t − t0 + 1)) after
// its start and equal to it before.
func TestPooledCounterfactual(t *testing.T) {
	in := readPooledPanel(t, 5)
	got, err := Pooled(in)
	if err != nil {
		t.Fatal(err)
	}
	jp, _ := got.Fit.Coef(NamePost)
	js, _ := got.Fit.Coef(NamePostTime)
	a := in.Areas[2]
	for i := range a.Counts {
		want := got.Fitted[2][i]
		if i+1 >= a.T0 {
			want /= math.Exp(got.Fit.Beta[jp] + got.Fit.Beta[js]*float64(i+1-a.T0+1))
		}
		checkClose(t, "counterfactual "+strconv.Itoa(i), got.Counterfactual[2][i], want)
	}
}

func TestPooledErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(in *PooledInput)
		want   error
	}{
		{"empty", func(in *PooledInput) { in.Areas = nil }, ErrEmpty},
		{"no pre period", func(in *PooledInput) { in.Areas[1].T0 = 1 }, ErrNoPrePeriod},
		{"ragged", func(in *PooledInput) { in.Areas[3].Counts = in.Areas[3].Counts[:40] }, ErrDimension},
		{"too short", func(in *PooledInput) {
			for i := range in.Areas {
				in.Areas[i].T0 = 45
			}
		}, ErrTooShort},
		{"zero person-time", func(in *PooledInput) { in.Areas[4].PersonTime[7] = 0 }, ErrZeroDenominator},
		{"no events after", func(in *PooledInput) {
			for i := range in.Areas {
				for m := in.Areas[i].T0 - 1; m < len(in.Areas[i].Counts); m++ {
					in.Areas[i].Counts[m] = 0
				}
			}
		}, ErrZeroCount},
		{"bad month", func(in *PooledInput) { in.Months[5] = 13 }, ErrInvalidInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := readPooledPanel(t, 5)
			tt.change(&in)
			if _, err := Pooled(in); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
