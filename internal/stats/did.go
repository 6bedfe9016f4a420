package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// NameTreatedPost is the DiD coefficient whose exponential is the ratio of
// rate ratios.
const NameTreatedPost = "treated_post"

// DiDArea is one area's monthly series, aligned on the same months as every
// other area of a DiDInput.
type DiDArea struct {
	ID         string
	Counts     []float64
	PersonTime []float64
	Treated    bool
	Start      int // treated areas: 0-based index of the first post month
}

// DiDInput is a panel of areas for a difference-in-differences model.
type DiDInput struct {
	Areas    []DiDArea
	FloorPhi bool // floor the dispersion at 1
}

// DiDResult is a fitted difference-in-differences model.
type DiDResult struct {
	Beta            float64 // coefficient of treated×post
	RatioOfRates    float64 // exp(Beta)
	QuasiSE         float64 // model SE·√φ
	ClusterSE       float64 // cluster-robust (by area) SE
	Quasi           Effect  // exp(Beta), quasi-Poisson 95% CI, t-test p on residual df
	Cluster         Effect  // exp(Beta), cluster-robust 95% CI and p, t on ClusterDF df
	ClusterDF       int     // areas − 1: degrees of freedom of the cluster-robust t reference
	Phi             float64 // Pearson χ²/df
	TreatedAreas    int
	ComparisonAreas int
	Fit             *GLMFit
}

// DiD fits a Poisson regression of monthly counts with area and month fixed
// effects, offset log person-time and a treated×post indicator, and reports
// exp(coefficient), the ratio of rate ratios, with two 95% intervals:
// quasi-Poisson (SE·√φ, normal quantile) and cluster-robust by area, the
// sandwich (X'WX)⁻¹ (Σ_g s_g s_g') (X'WX)⁻¹ with s_g the area's score,
// scaled by G/(G−1)·(N−1)/(N−K) as statsmodels' cov_type="cluster" does by
// default, whose interval and p use Student's t on G − 1 degrees of freedom
// (with a handful of areas the normal reference is anti-conservative). It refuses a panel with no treated area, no comparison area or
// no post month (ErrNoTreated, ErrNoComparison, ErrNoPostPeriod).
func DiD(in DiDInput) (DiDResult, error) {
	nT, nC, err := checkDiDInput(in)
	if err != nil {
		return DiDResult{}, fmt.Errorf("did: %w", err)
	}
	X, y, offset, groups, names := didDesign(in)
	var opts []FitOption
	if in.FloorPhi {
		opts = append(opts, FloorPhi())
	}
	fit, err := FitPoisson(X, y, offset, names, opts...)
	if err != nil {
		return DiDResult{}, fmt.Errorf("did: %w", err)
	}
	clusterCov := clusterCovariance(X, y, groups, fit)
	j := len(names) - 1
	b, seC := fit.Beta[j], math.Sqrt(clusterCov.At(j, j))
	return DiDResult{
		Beta: b, RatioOfRates: math.Exp(b),
		QuasiSE: fit.QuasiSE[j], ClusterSE: seC,
		Quasi:        Effect{RatioCI: expCI(b, fit.QuasiSE[j]), P: tPValue(b/fit.QuasiSE[j], fit.DFResidual)},
		Cluster:      tEffect(b, seC, 1, nT+nC-1),
		ClusterDF:    nT + nC - 1,
		Phi:          fit.Phi,
		TreatedAreas: nT, ComparisonAreas: nC,
		Fit: fit,
	}, nil
}

// checkDiDInput validates the panel and counts the areas on each side.
func checkDiDInput(in DiDInput) (treated, comparison int, err error) {
	if len(in.Areas) == 0 {
		return 0, 0, ErrNoTreated
	}
	months := len(in.Areas[0].Counts)
	post := false
	for _, a := range in.Areas {
		if len(a.Counts) != months || len(a.PersonTime) != months {
			return 0, 0, fmt.Errorf("area %s: %d counts, %d person-times, want %d: %w", a.ID, len(a.Counts), len(a.PersonTime), months, ErrDimension)
		}
		if !a.Treated {
			comparison++
			continue
		}
		treated++
		if a.Start <= 0 {
			return 0, 0, fmt.Errorf("area %s starts at month %d: %w", a.ID, a.Start, ErrNoPrePeriod)
		}
		post = post || a.Start < months
	}
	switch {
	case treated == 0:
		return 0, 0, ErrNoTreated
	case comparison == 0:
		return 0, 0, ErrNoComparison
	case !post:
		return 0, 0, ErrNoPostPeriod
	}
	return treated, comparison, checkPersonTime(in)
}

// checkPersonTime refuses a non-positive person-time.
func checkPersonTime(in DiDInput) error {
	for _, a := range in.Areas {
		for m, pt := range a.PersonTime {
			if !(pt > 0) {
				return fmt.Errorf("area %s month %d: person-time %g: %w", a.ID, m, pt, ErrZeroDenominator)
			}
		}
	}
	return nil
}

// didDesign stacks the panel area by area: intercept, area dummies (first
// area as reference), month dummies (first month as reference), then
// treated×post. groups gives each row's area index.
func didDesign(in DiDInput) (X *mat.Dense, y, offset []float64, groups []int, names []string) {
	nA, nM := len(in.Areas), len(in.Areas[0].Counts)
	names = append(names, NameIntercept)
	for _, a := range in.Areas[1:] {
		names = append(names, "area_"+a.ID)
	}
	for m := 1; m < nM; m++ {
		names = append(names, fmt.Sprintf("month_%d", m))
	}
	names = append(names, NameTreatedPost)
	X = mat.NewDense(nA*nM, len(names), nil)
	for g, a := range in.Areas {
		for m := range nM {
			r := g*nM + m
			setDiDRow(X, r, g, m, nA, a)
			y = append(y, a.Counts[m])
			offset = append(offset, math.Log(a.PersonTime[m]))
			groups = append(groups, g)
		}
	}
	return X, y, offset, groups, names
}

// setDiDRow fills row r for area g in month m.
func setDiDRow(X *mat.Dense, r, g, m, nA int, a DiDArea) {
	_, p := X.Dims()
	X.Set(r, 0, 1)
	if g > 0 {
		X.Set(r, g, 1)
	}
	if m > 0 {
		X.Set(r, nA-1+m, 1)
	}
	if a.Treated && m >= a.Start {
		X.Set(r, p-1, 1)
	}
}

// clusterCovariance returns the cluster-robust covariance of a Poisson fit
// with statsmodels' default small-sample factor G/(G−1)·(N−1)/(N−K).
func clusterCovariance(X *mat.Dense, y []float64, groups []int, fit *GLMFit) *mat.Dense {
	n, p := X.Dims()
	nG := 0
	for _, g := range groups {
		nG = max(nG, g+1)
	}
	scores := mat.NewDense(nG, p, nil)
	for i := range n {
		r := y[i] - fit.Mu[i]
		for j := range p {
			scores.Set(groups[i], j, scores.At(groups[i], j)+X.At(i, j)*r)
		}
	}
	var meat, tmp, cov mat.Dense
	meat.Mul(scores.T(), scores)
	tmp.Mul(fit.Cov, &meat)
	cov.Mul(&tmp, fit.Cov)
	g, nn, k := float64(nG), float64(n), float64(p)
	cov.Scale(g/(g-1)*(nn-1)/(nn-k), &cov)
	return &cov
}
