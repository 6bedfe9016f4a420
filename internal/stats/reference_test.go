package stats

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// The files in testdata were written by testdata/make_reference.py with
// statsmodels 0.13.5 (Debian python3-statsmodels); see that script for the
// data generation and the fitting calls. The tests below only read them.

type statsmodelsCoef struct {
	Beta    float64 `json:"beta"`
	SE      float64 `json:"se"`
	ModelSE float64 `json:"model_se"`
	RR      float64 `json:"rr"`
	Lo      float64 `json:"rr_lo95"`
	Hi      float64 `json:"rr_hi95"`
	PT      float64 `json:"p_t"`
}

type statsmodelsITS struct {
	Dispersion  float64                    `json:"dispersion"`
	PearsonChi2 float64                    `json:"pearson_chi2"`
	Deviance    float64                    `json:"deviance"`
	DFResidual  int                        `json:"df_residual"`
	T0          int                        `json:"t0"`
	Seasonal    bool                       `json:"seasonal"`
	SlopeChange bool                       `json:"slope_change"`
	Fitted      []float64                  `json:"fitted"`
	Coef        map[string]statsmodelsCoef `json:"coef"`
}

func readJSON(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
}

// TestITSStatsmodels compares ITS on a 12+12-month series (under-dispersed,
// φ < 1) and an over-dispersed seasonal series with GLM(Poisson) fitted by
// statsmodels, scale="X2".
func TestITSStatsmodels(t *testing.T) {
	for _, name := range []string{"its_short", "its_overdispersed"} {
		t.Run(name, func(t *testing.T) {
			var want statsmodelsITS
			readJSON(t, name+"_expected.json", &want)
			in := readITSCSV(t, filepath.Join("testdata", name+".csv"))
			in.T0, in.Seasonal, in.SlopeChange = want.T0, want.Seasonal, want.SlopeChange
			got, err := ITS(in)
			if err != nil {
				t.Fatal(err)
			}
			compareStatsmodelsITS(t, got, want)
		})
	}
}

func readITSCSV(t testing.TB, path string) ITSInput {
	t.Helper()
	h, rows := readCSV(t, path)
	in := ITSInput{Counts: column(t, h, rows, "count"), PersonTime: column(t, h, rows, "person_time")}
	for _, m := range column(t, h, rows, "month") {
		in.Months = append(in.Months, int(m))
	}
	return in
}

func compareStatsmodelsITS(t *testing.T, got ITSResult, want statsmodelsITS) {
	t.Helper()
	checkClose(t, "dispersion", got.Phi, want.Dispersion)
	checkClose(t, "pearson_chi2", got.Fit.PearsonChi2, want.PearsonChi2)
	checkClose(t, "deviance", got.Fit.Deviance, want.Deviance)
	if got.Fit.DFResidual != want.DFResidual {
		t.Errorf("df = %d, want %d", got.Fit.DFResidual, want.DFResidual)
	}
	if len(got.Coefficients) != len(want.Coef) {
		t.Errorf("%d coefficients, want %d", len(got.Coefficients), len(want.Coef))
	}
	for _, c := range got.Coefficients {
		w, ok := want.Coef[c.Name]
		if !ok {
			t.Errorf("unexpected coefficient %s", c.Name)
			continue
		}
		checkClose(t, c.Name+" beta", c.Beta, w.Beta)
		checkClose(t, c.Name+" se", c.SE, w.SE)
		checkClose(t, c.Name+" model se", c.ModelSE, w.ModelSE)
		checkClose(t, c.Name+" rr", c.RR.Ratio, w.RR)
		checkClose(t, c.Name+" lo", c.RR.Lo, w.Lo)
		checkClose(t, c.Name+" hi", c.RR.Hi, w.Hi)
		checkClose(t, c.Name+" p", c.P, w.PT)
	}
	for i, f := range got.Fitted {
		checkClose(t, "fitted "+strconv.Itoa(i+1), f, want.Fitted[i])
	}
	checkClose(t, "level p", got.Level.P, want.Coef[NamePost].PT)
	checkClose(t, "slope p", got.SlopeChange.P, want.Coef[NamePostTime].PT)
}

type statsmodelsDiD struct {
	Beta            float64 `json:"beta"`
	Ratio           float64 `json:"ratio"`
	ModelSE         float64 `json:"model_se"`
	QuasiSE         float64 `json:"quasi_se"`
	QuasiLo         float64 `json:"quasi_lo95"`
	QuasiHi         float64 `json:"quasi_hi95"`
	ClusterSE       float64 `json:"cluster_se"`
	ClusterDF       int     `json:"cluster_df"`
	ClusterLoT      float64 `json:"cluster_lo95_t"`
	ClusterHiT      float64 `json:"cluster_hi95_t"`
	ClusterPT       float64 `json:"cluster_p_t"`
	Dispersion      float64 `json:"dispersion"`
	PearsonChi2     float64 `json:"pearson_chi2"`
	Deviance        float64 `json:"deviance"`
	DFResidual      int     `json:"df_residual"`
	TreatedAreas    int     `json:"treated_areas"`
	ComparisonAreas int     `json:"comparison_areas"`
}

// readDiDPanel reads testdata/did_panel.csv (area, treated, start,
// month_index, count, person_time; rows grouped by area, months in order).
func readDiDPanel(t testing.TB) DiDInput {
	t.Helper()
	h, rows := readCSV(t, filepath.Join("testdata", "did_panel.csv"))
	treated, start := column(t, h, rows, "treated"), column(t, h, rows, "start")
	counts, pt := column(t, h, rows, "count"), column(t, h, rows, "person_time")
	var in DiDInput
	for i, r := range rows {
		if i == 0 || r[0] != rows[i-1][0] {
			in.Areas = append(in.Areas, DiDArea{ID: r[0], Treated: treated[i] == 1, Start: int(start[i])})
		}
		a := &in.Areas[len(in.Areas)-1]
		a.Counts = append(a.Counts, counts[i])
		a.PersonTime = append(a.PersonTime, pt[i])
	}
	return in
}

// TestDiDStatsmodels compares DiD on a 9-area, 36-month synthetic panel
// (3 treated areas, staggered starts) with statsmodels' GLM Poisson:
// scale="X2" for the quasi-Poisson interval and cov_type="cluster" by area
// (default use_correction=True) for the cluster-robust one, whose interval
// and p use Student's t on areas − 1 df (scipy).
func TestDiDStatsmodels(t *testing.T) {
	var want statsmodelsDiD
	readJSON(t, "did_expected.json", &want)
	got, err := DiD(readDiDPanel(t))
	if err != nil {
		t.Fatal(err)
	}
	checkClose(t, "beta", got.Beta, want.Beta)
	checkClose(t, "ratio", got.RatioOfRates, want.Ratio)
	checkClose(t, "model se", got.Fit.SE[len(got.Fit.SE)-1], want.ModelSE)
	checkClose(t, "quasi se", got.QuasiSE, want.QuasiSE)
	checkClose(t, "quasi lo", got.Quasi.Lo, want.QuasiLo)
	checkClose(t, "quasi hi", got.Quasi.Hi, want.QuasiHi)
	checkClose(t, "cluster se", got.ClusterSE, want.ClusterSE)
	checkClose(t, "cluster lo", got.Cluster.Lo, want.ClusterLoT)
	checkClose(t, "cluster hi", got.Cluster.Hi, want.ClusterHiT)
	checkClose(t, "cluster p", got.Cluster.P, want.ClusterPT)
	if got.ClusterDF != want.ClusterDF {
		t.Errorf("cluster df %d, want %d", got.ClusterDF, want.ClusterDF)
	}
	checkClose(t, "dispersion", got.Phi, want.Dispersion)
	checkClose(t, "pearson chi2", got.Fit.PearsonChi2, want.PearsonChi2)
	checkClose(t, "deviance", got.Fit.Deviance, want.Deviance)
	if got.Fit.DFResidual != want.DFResidual || got.TreatedAreas != want.TreatedAreas || got.ComparisonAreas != want.ComparisonAreas {
		t.Errorf("df %d, areas %d/%d, want %d, %d/%d", got.Fit.DFResidual, got.TreatedAreas, got.ComparisonAreas,
			want.DFResidual, want.TreatedAreas, want.ComparisonAreas)
	}
}

func TestDiDErrors(t *testing.T) {
	base := readDiDPanel(t)
	tests := []struct {
		name   string
		change func(in *DiDInput)
		want   error
	}{
		{"no treated", func(in *DiDInput) {
			for i := range in.Areas {
				in.Areas[i].Treated = false
			}
		}, ErrNoTreated},
		{"no comparison", func(in *DiDInput) {
			for i := range in.Areas {
				in.Areas[i].Treated, in.Areas[i].Start = true, 18
			}
		}, ErrNoComparison},
		{"no post period", func(in *DiDInput) {
			for i := range in.Areas {
				in.Areas[i].Start = 36
			}
		}, ErrNoPostPeriod},
		{"no pre period", func(in *DiDInput) { in.Areas[0].Start = 0 }, ErrNoPrePeriod},
		{"ragged panel", func(in *DiDInput) { in.Areas[4].Counts = in.Areas[4].Counts[:35] }, ErrDimension},
		{"zero person-time", func(in *DiDInput) { in.Areas[5].PersonTime[3] = 0 }, ErrZeroDenominator},
		{"empty", func(in *DiDInput) { in.Areas = nil }, ErrNoTreated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := cloneDiD(base)
			tt.change(&in)
			if _, err := DiD(in); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func cloneDiD(in DiDInput) DiDInput {
	out := DiDInput{FloorPhi: in.FloorPhi}
	for _, a := range in.Areas {
		a.Counts = append([]float64(nil), a.Counts...)
		a.PersonTime = append([]float64(nil), a.PersonTime...)
		out.Areas = append(out.Areas, a)
	}
	return out
}

// TestITSFloorPhi checks the floor on the under-dispersed short series
// (φ = 0.81 in statsmodels): floored, the quasi SEs equal the model SEs.
func TestITSFloorPhi(t *testing.T) {
	var want statsmodelsITS
	readJSON(t, "its_short_expected.json", &want)
	in := readITSCSV(t, filepath.Join("testdata", "its_short.csv"))
	in.T0, in.SlopeChange, in.FloorPhi = want.T0, true, true
	got, err := ITS(in)
	if err != nil {
		t.Fatal(err)
	}
	checkClose(t, "phi", got.Phi, 1)
	for _, c := range got.Coefficients {
		checkClose(t, c.Name+" se", c.SE, want.Coef[c.Name].ModelSE)
	}
}
