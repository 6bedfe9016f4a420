package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// MinITSMonths is the fewest months ITS accepts on each side of the
// interruption.
const MinITSMonths = 12

// MinSeasonalMonths is the series length from which the spec turns the
// seasonal terms on by default; ITS itself only follows ITSInput.Seasonal.
const MinSeasonalMonths = 24

// ITS coefficient names, in design-matrix order.
const (
	NameIntercept = "(Intercept)"
	NameTime      = "time"
	NamePost      = "post"
	NamePostTime  = "post_time"
)

// ITSInput is a monthly series and the options of a segmented regression.
type ITSInput struct {
	Counts      []float64 // events per month
	PersonTime  []float64 // person-time per month; log(PersonTime) is the offset
	Months      []int     // calendar month (1–12) of each point, for the Fourier terms
	T0          int       // 1-based index of the first post-intervention month
	Seasonal    bool      // add sin/cos(2πk·month/12), k = 1, 2
	SlopeChange bool      // add β3·(t − t0 + 1)·post
	FloorPhi    bool      // floor the dispersion at 1
}

// Effect is a rate ratio with its 95% interval and two-sided p-value.
type Effect struct {
	RatioCI
	P float64
}

// Coefficient is one fitted coefficient with quasi-Poisson inference.
type Coefficient struct {
	Name    string
	Beta    float64
	SE      float64 // quasi-Poisson standard error, ModelSE·√φ
	ModelSE float64 // Poisson (φ = 1) standard error
	RR      RatioCI // exp(Beta) with a normal-quantile 95% interval on SE
	P       float64 // two-sided, t distribution on the residual df
}

// ITSResult is a fitted interrupted time series.
type ITSResult struct {
	Level          Effect  // exp(β2): step change at t0
	SlopeChange    Effect  // exp(12·β3): change in trend per year; zero without SlopeChange
	PreTrend       Effect  // exp(12·β1): trend per year before t0
	Phi            float64 // dispersion Pearson χ²/df
	MonthsBefore   int
	MonthsAfter    int
	Fitted         []float64 // fitted monthly counts
	Counterfactual []float64 // fitted counts with the post terms set to 0
	Coefficients   []Coefficient
	Fit            *GLMFit
}

// ITS fits the segmented quasi-Poisson regression
//
//	log E[Yₜ] = log PTₜ + β0 + β1·t + β2·postₜ + β3·(t − t0 + 1)·postₜ (+ Fourier terms)
//
// of Bernal, Cummins & Gasparrini (2017) by IRLS. Standard errors are the
// Poisson ones times √φ, φ = Pearson χ²/df. Intervals use the normal
// quantile, as R's confint.default; p-values use the t distribution on the
// residual df, as R's summary.glm for a quasipoisson family. ITS returns
// ErrTooShort, wrapped with both counts, when fewer than 12 months exist
// before or after t0, and ErrZeroCount when either side has no event.
func ITS(in ITSInput) (ITSResult, error) {
	if err := checkITSInput(in); err != nil {
		return ITSResult{}, fmt.Errorf("its: %w", err)
	}
	X, names := itsDesign(in)
	offset, err := logOffset(in.PersonTime)
	if err != nil {
		return ITSResult{}, fmt.Errorf("its: %w", err)
	}
	var opts []FitOption
	if in.FloorPhi {
		opts = append(opts, FloorPhi())
	}
	fit, err := FitPoisson(X, in.Counts, offset, names, opts...)
	if err != nil {
		return ITSResult{}, fmt.Errorf("its: %w", err)
	}
	return itsResult(in, X, offset, fit), nil
}

// checkITSInput validates lengths, months and the length of both segments.
func checkITSInput(in ITSInput) error {
	n := len(in.Counts)
	if len(in.PersonTime) != n || (in.Seasonal && len(in.Months) != n) {
		return fmt.Errorf("%d counts, %d person-times, %d months: %w", n, len(in.PersonTime), len(in.Months), ErrDimension)
	}
	before, after := in.T0-1, n-in.T0+1
	if before < MinITSMonths || after < MinITSMonths {
		return fmt.Errorf("%d months before and %d after, need %d on each side: %w", before, after, MinITSMonths, ErrTooShort)
	}
	for i, m := range in.Months {
		if in.Seasonal && (m < 1 || m > 12) {
			return fmt.Errorf("point %d: month %d: %w", i+1, m, ErrInvalidInput)
		}
	}
	return checkEvents(in.Counts[:in.T0-1], in.Counts[in.T0-1:])
}

// checkEvents refuses a segment without any event: its level would run off
// to −∞ and the intervals to [0, +Inf].
func checkEvents(before, after []float64) error {
	var b, a float64
	for _, v := range before {
		b += v
	}
	for _, v := range after {
		a += v
	}
	if b == 0 || a == 0 {
		return fmt.Errorf("%g events before and %g after: %w", b, a, ErrZeroCount)
	}
	return nil
}

// logOffset returns log(pt), refusing a non-positive person-time.
func logOffset(pt []float64) ([]float64, error) {
	off := make([]float64, len(pt))
	for i, v := range pt {
		if !(v > 0) {
			return nil, fmt.Errorf("point %d: person-time %g: %w", i+1, v, ErrZeroDenominator)
		}
		off[i] = math.Log(v)
	}
	return off, nil
}

// itsDesign builds the design matrix and its column names.
func itsDesign(in ITSInput) (*mat.Dense, []string) {
	names := []string{NameIntercept, NameTime, NamePost}
	if in.SlopeChange {
		names = append(names, NamePostTime)
	}
	if in.Seasonal {
		names = append(names, "sin1", "cos1", "sin2", "cos2")
	}
	n := len(in.Counts)
	X := mat.NewDense(n, len(names), nil)
	for i := range n {
		X.SetRow(i, itsRow(in, i+1, len(names)))
	}
	return X, names
}

// itsRow returns the design row of month t (1-based).
func itsRow(in ITSInput, t, width int) []float64 {
	post := 0.0
	if t >= in.T0 {
		post = 1
	}
	row := make([]float64, 0, width)
	row = append(row, 1, float64(t), post)
	if in.SlopeChange {
		row = append(row, float64(t-in.T0+1)*post)
	}
	if in.Seasonal {
		a := 2 * math.Pi * float64(in.Months[t-1]) / 12
		row = append(row, math.Sin(a), math.Cos(a), math.Sin(2*a), math.Cos(2*a))
	}
	return row
}

// itsResult assembles the effects, coefficients and series of a fit.
func itsResult(in ITSInput, X *mat.Dense, offset []float64, fit *GLMFit) ITSResult {
	res := ITSResult{
		Phi:            fit.Phi,
		MonthsBefore:   in.T0 - 1,
		MonthsAfter:    len(in.Counts) - in.T0 + 1,
		Fitted:         fit.Mu,
		Counterfactual: counterfactual(X, offset, fit),
		Coefficients:   coefficients(fit),
		Fit:            fit,
	}
	res.Level = effect(fit, NamePost, 1)
	res.PreTrend = effect(fit, NameTime, 12)
	if in.SlopeChange {
		res.SlopeChange = effect(fit, NamePostTime, 12)
	}
	return res
}

// counterfactual returns the fitted counts with the post and post_time
// columns set to 0: the series had the pre-intervention regime continued.
func counterfactual(X *mat.Dense, offset []float64, fit *GLMFit) []float64 {
	n, _ := X.Dims()
	out := make([]float64, n)
	for i := range n {
		eta := offset[i]
		for j, name := range fit.Names {
			if name != NamePost && name != NamePostTime {
				eta += X.At(i, j) * fit.Beta[j]
			}
		}
		out[i] = math.Exp(eta)
	}
	return out
}

// coefficients lists every coefficient with quasi-Poisson inference.
func coefficients(fit *GLMFit) []Coefficient {
	out := make([]Coefficient, len(fit.Names))
	for j, name := range fit.Names {
		out[j] = Coefficient{
			Name:    name,
			Beta:    fit.Beta[j],
			SE:      fit.QuasiSE[j],
			ModelSE: fit.SE[j],
			RR:      expCI(fit.Beta[j], fit.QuasiSE[j]),
			P:       tPValue(fit.Beta[j]/fit.QuasiSE[j], fit.DFResidual),
		}
	}
	return out
}

// effect returns exp(scale·β) of the named coefficient with its quasi
// interval and t-test p-value.
func effect(fit *GLMFit, name string, scale float64) Effect {
	j, _ := fit.Coef(name)
	b, se := fit.Beta[j], fit.QuasiSE[j]
	return Effect{RatioCI: expCI(scale*b, scale*se), P: tPValue(b/se, fit.DFResidual)}
}

// tPValue returns the two-sided p-value of a t statistic on df degrees of
// freedom.
func tPValue(t float64, df int) float64 {
	d := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}
	return 2 * d.Survival(math.Abs(t))
}
