package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// MinClusters is the fewest clusters (neighbourhoods) from which Pooled
// uses cluster-robust standard errors; with fewer it falls back to the
// quasi-Poisson ones.
const MinClusters = 3

// Inference names how the intervals of a pooled model were computed.
type Inference string

// Inference methods of Pooled.
const (
	// InferenceClusterT is a cluster-robust (by area) standard error with a
	// t reference on clusters − 1 degrees of freedom.
	InferenceClusterT Inference = "cluster_t"
	// InferenceQuasi is the quasi-Poisson standard error (model SE·√φ) with
	// a normal-quantile interval and a t-test p on the residual df, as the
	// neighbourhood ITS.
	InferenceQuasi Inference = "quasi_poisson"
)

// PooledArea is one area of a pooled staggered model, aligned on the
// months of its PooledInput.
type PooledArea struct {
	ID         string
	Counts     []float64
	PersonTime []float64
	T0         int // 1-based month index of the area's first post month; beyond the series: not started yet
}

// PooledInput is a panel of outreach areas with their own starts.
type PooledInput struct {
	Areas       []PooledArea
	Months      []int // calendar month (1–12) of each month index, for the Fourier terms
	Seasonal    bool  // add sin/cos(2πk·month/12), k = 1, 2
	SlopeChange bool  // add (t − t0ᵢ + 1)·postᵢₜ
	FloorPhi    bool  // floor the dispersion at 1
}

// PooledResult is a fitted pooled staggered model.
type PooledResult struct {
	Level       Effect    // exp(β_post): the common level change
	SlopeChange Effect    // exp(12·β_post_time); zero without SlopeChange
	PreTrend    Effect    // exp(12·β_time), quasi-Poisson
	LevelSE     float64   // standard error of β_post used for Level
	Inference   Inference // how Level and SlopeChange were computed
	Clusters    int       // areas in the model
	DF          int       // degrees of freedom of the t reference
	Phi         float64   // Pearson χ²/df
	// Fitted and Counterfactual are each area's fitted monthly counts, and
	// the same with the post terms set to 0.
	Fitted, Counterfactual [][]float64
	Fit                    *GLMFit
}

// Pooled fits one quasi-Poisson model over the monthly series of several
// areas whose interventions start at different months:
//
//	log E[Yᵢₜ] = log PTᵢₜ + αᵢ + β1·t + β2·postᵢₜ + β3·(t − t0ᵢ + 1)·postᵢₜ (+ Fourier terms)
//
// with area fixed effects αᵢ (first area as reference), a common month
// trend and postᵢₜ switching on at each area's own t0ᵢ. With at least
// MinClusters areas the level and slope changes use the cluster-robust
// (by area) covariance with statsmodels' small-sample factor and a t
// reference on areas − 1 df; with fewer, the quasi-Poisson ones. It refuses
// an area without a month before its start (ErrNoPrePeriod), a panel where
// no area has 12 months on each side (ErrTooShort) or no event on a side
// (ErrZeroCount).
func Pooled(in PooledInput) (PooledResult, error) {
	if err := checkPooledInput(in); err != nil {
		return PooledResult{}, fmt.Errorf("pooled: %w", err)
	}
	X, y, offset, groups, names := pooledDesign(in)
	var opts []FitOption
	if in.FloorPhi {
		opts = append(opts, FloorPhi())
	}
	fit, err := FitPoisson(X, y, offset, names, opts...)
	if err != nil {
		return PooledResult{}, fmt.Errorf("pooled: %w", err)
	}
	res := PooledResult{Clusters: len(in.Areas), Phi: fit.Phi, Fit: fit, PreTrend: effect(fit, NameTime, 12)}
	res.Fitted, res.Counterfactual = pooledSeries(in, X, offset, fit)
	if len(in.Areas) >= MinClusters {
		cov := clusterCovariance(X, y, groups, fit)
		res.Inference, res.DF = InferenceClusterT, len(in.Areas)-1
		res.Level, res.LevelSE = clusterEffect(fit, cov, NamePost, 1, res.DF)
		if in.SlopeChange {
			res.SlopeChange, _ = clusterEffect(fit, cov, NamePostTime, 12, res.DF)
		}
		return res, nil
	}
	res.Inference, res.DF = InferenceQuasi, fit.DFResidual
	res.Level = effect(fit, NamePost, 1)
	j, _ := fit.Coef(NamePost)
	res.LevelSE = fit.QuasiSE[j]
	if in.SlopeChange {
		res.SlopeChange = effect(fit, NamePostTime, 12)
	}
	return res, nil
}

// checkPooledInput validates the panel shape, each area's start and the
// events on both sides.
func checkPooledInput(in PooledInput) error {
	if len(in.Areas) == 0 {
		return ErrEmpty
	}
	n := len(in.Areas[0].Counts)
	if in.Seasonal && len(in.Months) != n {
		return fmt.Errorf("%d calendar months for %d months: %w", len(in.Months), n, ErrDimension)
	}
	long := false
	var before, after []float64
	for _, a := range in.Areas {
		if len(a.Counts) != n || len(a.PersonTime) != n {
			return fmt.Errorf("area %s: %d counts, %d person-times, want %d: %w", a.ID, len(a.Counts), len(a.PersonTime), n, ErrDimension)
		}
		if a.T0 < 2 {
			return fmt.Errorf("area %s starts at month %d: %w", a.ID, a.T0, ErrNoPrePeriod)
		}
		t0 := min(a.T0, n+1)
		long = long || (t0-1 >= MinITSMonths && n-t0+1 >= MinITSMonths)
		before, after = append(before, a.Counts[:t0-1]...), append(after, a.Counts[t0-1:]...)
		if _, err := logOffset(a.PersonTime); err != nil {
			return fmt.Errorf("area %s: %w", a.ID, err)
		}
	}
	if !long {
		return fmt.Errorf("no area has %d months before and after its start: %w", MinITSMonths, ErrTooShort)
	}
	for i, m := range in.Months {
		if in.Seasonal && (m < 1 || m > 12) {
			return fmt.Errorf("point %d: month %d: %w", i+1, m, ErrInvalidInput)
		}
	}
	return checkEvents(before, after)
}

// pooledNames lists the design columns: intercept, area dummies, time,
// post, post_time, Fourier terms.
func pooledNames(in PooledInput) []string {
	names := []string{NameIntercept}
	for _, a := range in.Areas[1:] {
		names = append(names, "area_"+a.ID)
	}
	names = append(names, NameTime, NamePost)
	if in.SlopeChange {
		names = append(names, NamePostTime)
	}
	if in.Seasonal {
		names = append(names, "sin1", "cos1", "sin2", "cos2")
	}
	return names
}

// pooledDesign stacks the panel area by area; groups gives each row's area.
func pooledDesign(in PooledInput) (X *mat.Dense, y, offset []float64, groups []int, names []string) {
	names = pooledNames(in)
	nA, n := len(in.Areas), len(in.Areas[0].Counts)
	X = mat.NewDense(nA*n, len(names), nil)
	for g, a := range in.Areas {
		series := ITSInput{Months: in.Months, T0: a.T0, Seasonal: in.Seasonal, SlopeChange: in.SlopeChange}
		for t := 1; t <= n; t++ {
			r := g*n + t - 1
			X.Set(r, 0, 1)
			if g > 0 {
				X.Set(r, g, 1)
			}
			// itsRow gives (1, t, post, [post_time], [Fourier]); skip its intercept.
			for j, v := range itsRow(series, t, len(names)-nA+1)[1:] {
				X.Set(r, nA+j, v)
			}
			y = append(y, a.Counts[t-1])
			offset = append(offset, math.Log(a.PersonTime[t-1]))
			groups = append(groups, g)
		}
	}
	return X, y, offset, groups, names
}

// pooledSeries splits the fitted and counterfactual counts by area.
func pooledSeries(in PooledInput, X *mat.Dense, offset []float64, fit *GLMFit) (fitted, cf [][]float64) {
	all := counterfactual(X, offset, fit)
	n := len(in.Areas[0].Counts)
	for g := range in.Areas {
		fitted = append(fitted, fit.Mu[g*n:(g+1)*n])
		cf = append(cf, all[g*n:(g+1)*n])
	}
	return fitted, cf
}

// clusterEffect returns exp(scale·β) of the named coefficient with a 95%
// interval and two-sided p from the t distribution on df degrees of
// freedom and the cluster-robust covariance cov.
func clusterEffect(fit *GLMFit, cov *mat.Dense, name string, scale float64, df int) (Effect, float64) {
	j, _ := fit.Coef(name)
	b, se := fit.Beta[j], math.Sqrt(cov.At(j, j))
	return tEffect(b, se, scale, df), se
}

// tEffect returns exp(scale·b) with the 95% interval exp(scale·(b ± q·se)),
// q the 0.975 quantile of Student's t on df degrees of freedom, and the
// two-sided t-test p-value.
func tEffect(b, se, scale float64, df int) Effect {
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(0.975)
	return Effect{
		RatioCI: RatioCI{Ratio: math.Exp(scale * b), Lo: math.Exp(scale * (b - q*se)), Hi: math.Exp(scale * (b + q*se))},
		P:       tPValue(b/se, df),
	}
}
