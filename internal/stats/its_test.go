package stats

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// referenceDir holds the public oracle data (R outputs) copied into this
// package's testdata; testdata/reference/README.md names each source.
const referenceDir = "testdata/reference"

// readCSV returns the header and rows of a CSV file, failing the test when
// the file is missing.
func readCSV(t testing.TB, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("reference data missing: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	if len(rows) < 2 {
		t.Fatalf("%s: no data rows", path)
	}
	return rows[0], rows[1:]
}

// column returns column name of rows as floats.
func column(t testing.TB, header []string, rows [][]string, name string) []float64 {
	t.Helper()
	idx := -1
	for i, h := range header {
		if h == name {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatalf("no column %q in %v", name, header)
	}
	out := make([]float64, len(rows))
	for i, r := range rows {
		v, err := strconv.ParseFloat(r[idx], 64)
		if err != nil {
			t.Fatalf("row %d column %s: %v", i+1, name, err)
		}
		out[i] = v
	}
	return out
}

type refCoef struct {
	Beta, SE, RR, Lo, Hi float64
}

func (c *refCoef) UnmarshalJSON(b []byte) error {
	var m map[string]float64
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*c = refCoef{m["beta"], m["se"], m["rr"], m["rr_lo95"], m["rr_hi95"]}
	return nil
}

type refModel struct {
	Dispersion  float64            `json:"dispersion"`
	PearsonChi2 float64            `json:"pearson_chi2"`
	Deviance    float64            `json:"deviance"`
	DFResidual  int                `json:"df_residual"`
	Coef        map[string]refCoef `json:"coef"`
}

// sicilyNames maps R's coefficient names to ITS's.
var sicilyNames = map[string]string{
	"(Intercept)":              NameIntercept,
	"time":                     NameTime,
	"smokban":                  NamePost,
	"I((time - 36) * smokban)": NamePostTime,
	"sin1":                     "sin1", "cos1": "cos1", "sin2": "sin2", "cos2": "cos2",
}

// sicilyInput reads sicily.csv: aces with offset log(stdpop), smoking ban
// from time 37, Fourier terms on the calendar month column.
func sicilyInput(t testing.TB) ITSInput {
	t.Helper()
	h, rows := readCSV(t, filepath.Join(referenceDir, "its", "sicily.csv"))
	months := column(t, h, rows, "month")
	in := ITSInput{Counts: column(t, h, rows, "aces"), PersonTime: column(t, h, rows, "stdpop"), T0: 37}
	for _, m := range months {
		in.Months = append(in.Months, int(m))
	}
	return in
}

func readSicilyExpected(t testing.TB) map[string]refModel {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(referenceDir, "its", "sicily_expected_results.json"))
	if err != nil {
		t.Fatalf("reference data missing: %v", err)
	}
	var m map[string]refModel
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("decode expected results: %v", err)
	}
	return m
}

// TestITSSicily reproduces the four models of Bernal, Cummins & Gasparrini
// (2017) as fitted by R 4.2.2 glm (reference-data/its) to 4 significant
// digits: coefficients, SEs, rate ratios and intervals, dispersion,
// Pearson χ², deviance and residual df.
func TestITSSicily(t *testing.T) {
	want := readSicilyExpected(t)
	tests := []struct {
		model           string
		seasonal, slope bool
		poisson         bool // compare model-based SEs (R family = poisson)
	}{
		{"model1_poisson", false, false, true},
		{"model2_quasipoisson", false, false, false},
		{"model3_quasipoisson_harmonic2", true, false, false},
		{"model4_quasipoisson_harmonic2_slopechange", true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.model, func(t *testing.T) {
			ref, ok := want[tt.model]
			if !ok {
				t.Fatalf("model %s missing from expected results", tt.model)
			}
			in := sicilyInput(t)
			in.Seasonal, in.SlopeChange = tt.seasonal, tt.slope
			got, err := ITS(in)
			if err != nil {
				t.Fatal(err)
			}
			compareSicily(t, got, ref, tt.poisson)
		})
	}
}

func compareSicily(t *testing.T, got ITSResult, ref refModel, poisson bool) {
	t.Helper()
	fit := got.Fit
	checkClose(t, "pearson_chi2", fit.PearsonChi2, ref.PearsonChi2)
	checkClose(t, "deviance", fit.Deviance, ref.Deviance)
	if fit.DFResidual != ref.DFResidual {
		t.Errorf("df = %d, want %d", fit.DFResidual, ref.DFResidual)
	}
	if !poisson {
		checkClose(t, "dispersion", got.Phi, ref.Dispersion)
	}
	if len(got.Coefficients) != len(ref.Coef) {
		t.Errorf("%d coefficients, want %d", len(got.Coefficients), len(ref.Coef))
	}
	for rname, rc := range ref.Coef {
		j, ok := fit.Coef(sicilyNames[rname])
		if !ok {
			t.Errorf("no coefficient for %s", rname)
			continue
		}
		c := got.Coefficients[j]
		se, rr := c.SE, c.RR
		if poisson {
			se, rr = c.ModelSE, expCI(c.Beta, c.ModelSE)
		}
		checkClose(t, rname+" beta", c.Beta, rc.Beta)
		checkClose(t, rname+" se", se, rc.SE)
		checkClose(t, rname+" rr", rr.Ratio, rc.RR)
		checkClose(t, rname+" rr_lo95", rr.Lo, rc.Lo)
		checkClose(t, rname+" rr_hi95", rr.Hi, rc.Hi)
	}
}

// checkClose fails when got and want differ beyond 4 significant digits.
func checkClose(t testing.TB, what string, got, want float64) {
	t.Helper()
	if !closeRel(got, want, sig4) {
		t.Errorf("%s = %.8g, want %.8g", what, got, want)
	}
}

// TestITSLevelMatchesTutorial pins the headline numbers quoted in the
// reference README: level change RR 0.88507 (0.83940–0.93322), φ 2.26219.
func TestITSLevelMatchesTutorial(t *testing.T) {
	in := sicilyInput(t)
	in.Seasonal = true
	got, err := ITS(in)
	if err != nil {
		t.Fatal(err)
	}
	checkClose(t, "level rr", got.Level.Ratio, 0.88507)
	checkClose(t, "level lo", got.Level.Lo, 0.83940)
	checkClose(t, "level hi", got.Level.Hi, 0.93322)
	checkClose(t, "phi", got.Phi, 2.26219)
	if got.MonthsBefore != 36 || got.MonthsAfter != 23 {
		t.Errorf("months = %d/%d, want 36/23", got.MonthsBefore, got.MonthsAfter)
	}
}

// TestITSCounterfactual checks that fitted and counterfactual series agree
// before t0 and differ by exp(β2 + β3·(t − t0 + 1)) after.
func TestITSCounterfactual(t *testing.T) {
	in := sicilyInput(t)
	in.Seasonal, in.SlopeChange = true, true
	got, err := ITS(in)
	if err != nil {
		t.Fatal(err)
	}
	b2, b3 := got.Fit.Beta[2], got.Fit.Beta[3]
	for i := range got.Fitted {
		want := 1.0
		if i+1 >= in.T0 {
			want = expCI(b2+b3*float64(i+1-in.T0+1), 0).Ratio
		}
		checkClose(t, "fitted/counterfactual", got.Fitted[i]/got.Counterfactual[i], want)
	}
	checkClose(t, "slope change", got.SlopeChange.Ratio, expCI(12*b3, 0).Ratio)
}

func TestITSTooShort(t *testing.T) {
	in := sicilyInput(t)
	tests := []struct {
		name string
		t0   int
		n    int
	}{
		{"11 before", 12, 59},
		{"11 after", 49, 59},
		{"t0 beyond series", 70, 59},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in2 := in
			in2.T0 = tt.t0
			_, err := ITS(in2)
			if !errors.Is(err, ErrTooShort) {
				t.Errorf("err = %v, want ErrTooShort", err)
			}
		})
	}
}

func TestITSNoEventsAfter(t *testing.T) {
	in := ITSInput{Counts: make([]float64, 30), PersonTime: make([]float64, 30), T0: 15}
	for i := range in.Counts {
		in.PersonTime[i] = 100
		if i < 14 {
			in.Counts[i] = float64(i % 3)
		}
	}
	if _, err := ITS(in); !errors.Is(err, ErrZeroCount) {
		t.Errorf("err = %v, want ErrZeroCount", err)
	}
}
