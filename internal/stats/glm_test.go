package stats

import (
	"errors"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestFitPoissonErrors(t *testing.T) {
	y := []float64{3, 5, 4, 8, 6}
	tests := []struct {
		name  string
		X     *mat.Dense
		y     []float64
		names []string
		opts  []FitOption
		want  error
	}{
		{"collinear columns", mat.NewDense(5, 3, []float64{1, 1, 2, 1, 2, 4, 1, 3, 6, 1, 4, 8, 1, 5, 10}), y, []string{"a", "b", "c"}, nil, ErrSingular},
		{"zero column", mat.NewDense(5, 2, []float64{1, 0, 1, 0, 1, 0, 1, 0, 1, 0}), y, []string{"a", "b"}, nil, ErrSingular},
		{"no residual df", mat.NewDense(2, 2, []float64{1, 0, 1, 1}), y[:2], []string{"a", "b"}, nil, ErrNoResidualDF},
		{"names mismatch", mat.NewDense(5, 1, []float64{1, 1, 1, 1, 1}), y, []string{"a", "b"}, nil, ErrDimension},
		{"negative count", mat.NewDense(5, 1, []float64{1, 1, 1, 1, 1}), []float64{1, -1, 2, 3, 4}, []string{"a"}, nil, ErrInvalidInput},
		{"iteration limit", mat.NewDense(5, 2, []float64{1, 1, 1, 2, 1, 3, 1, 4, 1, 5}), y, []string{"a", "b"}, []FitOption{MaxIterations(1)}, ErrNoConvergence},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FitPoisson(tt.X, tt.y, nil, tt.names, tt.opts...)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestFitPoissonIntercept checks a hand computation: an intercept-only model
// fits the mean. y = [2 4 6 8], μ = 5, Pearson χ² = (9+1+1+9)/5 = 4, df = 3,
// φ = 4/3, SE(β0) = 1/√(Σμ) = 1/√20.
func TestFitPoissonIntercept(t *testing.T) {
	X := mat.NewDense(4, 1, []float64{1, 1, 1, 1})
	fit, err := FitPoisson(X, []float64{2, 4, 6, 8}, nil, []string{"(Intercept)"})
	if err != nil {
		t.Fatal(err)
	}
	checkClose(t, "beta", fit.Beta[0], 1.6094379124341003)
	checkClose(t, "chi2", fit.PearsonChi2, 4)
	checkClose(t, "phi", fit.Phi, 4.0/3)
	checkClose(t, "se", fit.SE[0], 0.22360679774997896)
	checkClose(t, "quasi se", fit.QuasiSE[0], 0.22360679774997896*1.1547005383792515)
}

// TestFitPoissonFloorPhi checks that the floor lifts an under-dispersed φ to
// 1 and leaves it alone otherwise. y = [5 5 5 6]: μ = 5.25, Pearson χ² =
// (3·0.0625 + 0.5625)/5.25 = 0.142857, df 3, φ = 0.047619.
func TestFitPoissonFloorPhi(t *testing.T) {
	X := mat.NewDense(4, 1, []float64{1, 1, 1, 1})
	y := []float64{5, 5, 5, 6}
	raw, err := FitPoisson(X, y, nil, []string{"c"})
	if err != nil {
		t.Fatal(err)
	}
	floored, err := FitPoisson(X, y, nil, []string{"c"}, FloorPhi())
	if err != nil {
		t.Fatal(err)
	}
	checkClose(t, "raw phi", raw.Phi, 0.75/5.25/3)
	checkClose(t, "floored phi", floored.Phi, 1)
	checkClose(t, "floored quasi se", floored.QuasiSE[0], floored.SE[0])
}
