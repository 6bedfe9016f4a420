package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// GLMFit is a Poisson log-link regression fitted by IRLS.
type GLMFit struct {
	Names       []string      // coefficient names, in column order
	Beta        []float64     // coefficients
	SE          []float64     // model-based standard errors (φ = 1)
	QuasiSE     []float64     // quasi-Poisson standard errors, SE·√Phi
	Cov         *mat.SymDense // model-based covariance (X'WX)⁻¹
	Mu          []float64     // fitted means, offset included
	PearsonChi2 float64       // Σ (y − μ)²/μ
	Deviance    float64       // 2 Σ [y·ln(y/μ) − (y − μ)]
	DFResidual  int           // observations − coefficients
	Phi         float64       // dispersion Pearson χ²/df, floored at 1 if asked
	Iterations  int           // IRLS iterations used
}

// FitOption changes how FitPoisson fits a model.
type FitOption func(*fitConfig)

type fitConfig struct {
	floorPhi bool
	maxIter  int
	tol      float64
}

// FloorPhi makes FitPoisson report max(φ, 1), so that under-dispersed data
// never narrow the quasi-Poisson intervals below the Poisson ones. Off by
// default, so that results match R and statsmodels.
func FloorPhi() FitOption { return func(c *fitConfig) { c.floorPhi = true } }

// MaxIterations sets the IRLS iteration limit (default 100).
func MaxIterations(n int) FitOption { return func(c *fitConfig) { c.maxIter = n } }

// condLimit is the largest condition number of the column-scaled design
// accepted as full rank.
const condLimit = 1e10

// FitPoisson fits log E[y] = offset + X·β by iteratively reweighted least
// squares, starting from μ = y + 0.1 and stopping when the relative change
// in deviance falls under 1e-10 (R's glm uses 1e-8). offset may be nil. It
// returns ErrSingular for a rank-deficient design, ErrNoConvergence when the
// iteration limit is reached and ErrNoResidualDF when there are no more
// observations than coefficients.
func FitPoisson(X *mat.Dense, y, offset []float64, names []string, opts ...FitOption) (*GLMFit, error) {
	cfg := fitConfig{maxIter: 100, tol: 1e-10}
	for _, o := range opts {
		o(&cfg)
	}
	if offset == nil {
		offset = make([]float64, len(y))
	}
	if err := checkGLMInput(X, y, offset, names); err != nil {
		return nil, fmt.Errorf("fit poisson: %w", err)
	}
	fit, err := irls(X, y, offset, cfg)
	if err != nil {
		return nil, fmt.Errorf("fit poisson: %w", err)
	}
	fit.Names = names
	if err := fit.finish(X, y, cfg.floorPhi); err != nil {
		return nil, fmt.Errorf("fit poisson: %w", err)
	}
	return fit, nil
}

// checkGLMInput validates dimensions, counts and the rank of X.
func checkGLMInput(X *mat.Dense, y, offset []float64, names []string) error {
	n, p := X.Dims()
	if len(y) != n || len(offset) != n || len(names) != p {
		return fmt.Errorf("%d rows, %d columns, %d counts, %d offsets, %d names: %w",
			n, p, len(y), len(offset), len(names), ErrDimension)
	}
	if n-p <= 0 {
		return fmt.Errorf("%d observations, %d coefficients: %w", n, p, ErrNoResidualDF)
	}
	for i, v := range y {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) || math.IsNaN(offset[i]) || math.IsInf(offset[i], 0) {
			return fmt.Errorf("row %d: count %g, offset %g: %w", i, v, offset[i], ErrInvalidInput)
		}
	}
	return checkRank(X)
}

// checkRank returns ErrSingular when X, with its columns scaled to unit
// length, is numerically rank deficient.
func checkRank(X *mat.Dense) error {
	n, p := X.Dims()
	s := mat.NewDense(n, p, nil)
	for j := range p {
		norm := mat.Norm(X.ColView(j), 2)
		if norm == 0 {
			return fmt.Errorf("column %d is all zero: %w", j, ErrSingular)
		}
		for i := range n {
			s.Set(i, j, X.At(i, j)/norm)
		}
	}
	var qr mat.QR
	qr.Factorize(s)
	if c := qr.Cond(); c > condLimit || math.IsInf(c, 0) || math.IsNaN(c) {
		return fmt.Errorf("condition number %.3g: %w", c, ErrSingular)
	}
	return nil
}

// irls runs the IRLS iterations and returns the coefficients, fitted means
// and deviance.
func irls(X *mat.Dense, y, offset []float64, cfg fitConfig) (*GLMFit, error) {
	mu := make([]float64, len(y))
	eta := make([]float64, len(y))
	for i, v := range y {
		mu[i] = v + 0.1
		eta[i] = math.Log(mu[i])
	}
	dev := poissonDeviance(y, mu)
	for iter := 1; iter <= cfg.maxIter; iter++ {
		beta, err := irlsStep(X, y, offset, mu, eta)
		if err != nil {
			return nil, err
		}
		updateMeans(X, beta, offset, eta, mu)
		newDev := poissonDeviance(y, mu)
		if math.IsNaN(newDev) || math.IsInf(newDev, 0) {
			return nil, fmt.Errorf("deviance %g at iteration %d: %w", newDev, iter, ErrNoConvergence)
		}
		if math.Abs(newDev-dev)/(math.Abs(newDev)+0.1) < cfg.tol {
			return &GLMFit{Beta: beta, Mu: mu, Deviance: newDev, Iterations: iter}, nil
		}
		dev = newDev
	}
	return nil, fmt.Errorf("%d iterations: %w", cfg.maxIter, ErrNoConvergence)
}

// irlsStep solves the weighted least-squares problem of one IRLS iteration
// with working response z = η − offset + (y − μ)/μ and weights μ.
func irlsStep(X *mat.Dense, y, offset, mu, eta []float64) ([]float64, error) {
	n, p := X.Dims()
	xw := weightedDesign(X, mu)
	zw := mat.NewVecDense(n, nil)
	for i := range n {
		zw.SetVec(i, math.Sqrt(mu[i])*(eta[i]-offset[i]+(y[i]-mu[i])/mu[i]))
	}
	var qr mat.QR
	qr.Factorize(xw)
	beta := mat.NewVecDense(p, nil)
	if err := qr.SolveVecTo(beta, false, zw); err != nil {
		var c mat.Condition
		if errors.As(err, &c) {
			return nil, fmt.Errorf("weighted design: %w", ErrSingular)
		}
		return nil, err
	}
	return beta.RawVector().Data, nil
}

// weightedDesign returns diag(√μ)·X.
func weightedDesign(X *mat.Dense, mu []float64) *mat.Dense {
	n, p := X.Dims()
	xw := mat.NewDense(n, p, nil)
	for i := range n {
		sw := math.Sqrt(mu[i])
		for j := range p {
			xw.Set(i, j, X.At(i, j)*sw)
		}
	}
	return xw
}

// updateMeans sets η = X·β + offset and μ = exp(η) in place.
func updateMeans(X *mat.Dense, beta, offset, eta, mu []float64) {
	var xb mat.VecDense
	xb.MulVec(X, mat.NewVecDense(len(beta), beta))
	for i := range eta {
		eta[i] = xb.AtVec(i) + offset[i]
		mu[i] = math.Exp(eta[i])
	}
}

// poissonDeviance returns 2 Σ [y·ln(y/μ) − (y − μ)], with y·ln(y/μ) = 0 at
// y = 0.
func poissonDeviance(y, mu []float64) float64 {
	var d float64
	for i, v := range y {
		if v > 0 {
			d += v * math.Log(v/mu[i])
		}
		d -= v - mu[i]
	}
	return 2 * d
}

// finish computes the covariance, standard errors and dispersion of a
// converged fit.
func (f *GLMFit) finish(X *mat.Dense, y []float64, floorPhi bool) error {
	n, p := X.Dims()
	cov, err := poissonCov(X, f.Mu)
	if err != nil {
		return err
	}
	f.Cov = cov
	f.DFResidual = n - p
	for i, v := range y {
		r := v - f.Mu[i]
		f.PearsonChi2 += r * r / f.Mu[i]
	}
	f.Phi = f.PearsonChi2 / float64(f.DFResidual)
	if floorPhi {
		f.Phi = math.Max(f.Phi, 1)
	}
	f.SE = make([]float64, p)
	f.QuasiSE = make([]float64, p)
	for j := range p {
		f.SE[j] = math.Sqrt(cov.At(j, j))
		f.QuasiSE[j] = f.SE[j] * math.Sqrt(f.Phi)
	}
	return nil
}

// poissonCov returns (X'WX)⁻¹ with W = diag(μ), the inverse Fisher
// information of a Poisson log-link model.
func poissonCov(X *mat.Dense, mu []float64) (*mat.SymDense, error) {
	_, p := X.Dims()
	xw := weightedDesign(X, mu)
	info := mat.NewSymDense(p, nil)
	info.SymOuterK(1, xw.T())
	var chol mat.Cholesky
	if !chol.Factorize(info) {
		return nil, fmt.Errorf("information matrix not positive definite: %w", ErrSingular)
	}
	cov := mat.NewSymDense(p, nil)
	if err := chol.InverseTo(cov); err != nil {
		return nil, fmt.Errorf("invert information: %w", ErrSingular)
	}
	return cov, nil
}

// Coef returns the index of the named coefficient, or false when the model
// has none by that name.
func (f *GLMFit) Coef(name string) (int, bool) {
	for i, n := range f.Names {
		if n == name {
			return i, true
		}
	}
	return 0, false
}
