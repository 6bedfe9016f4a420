package stats

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/gonum/stat/distuv"
)

// z975 is the standard normal 97.5% quantile (R's qnorm(0.975)) used by
// every 95% interval, so that intervals match R's confint.default.
const z975 = 1.959963984540054

// RatioCI is a ratio estimate with its confidence interval.
type RatioCI struct {
	Ratio float64
	Lo    float64
	Hi    float64
}

// PoissonCI returns the exact (Garwood) confidence interval at the given
// level (0.95 for 95%) for the mean of a Poisson count; divide by
// person-time to get a rate interval.
func PoissonCI(count int, level float64) (lo, hi float64) {
	alpha := 1 - level
	k := float64(count)
	if count > 0 {
		lo = distuv.ChiSquared{K: 2 * k}.Quantile(alpha/2) / 2
	}
	hi = distuv.ChiSquared{K: 2*k + 2}.Quantile(1-alpha/2) / 2
	return lo, hi
}

// RateRatio returns the ratio of the rates a/ptA and b/ptB with a 95%
// interval by the log method, exp(ln RR ± z·√(1/a + 1/b)) with z = 1.959964. It returns
// ErrZeroCount when a or b is 0 and ErrZeroDenominator when a person-time
// is not positive, rather than an infinite or NaN ratio.
func RateRatio(a, ptA, b, ptB float64) (RatioCI, error) {
	if ptA <= 0 || ptB <= 0 {
		return RatioCI{}, fmt.Errorf("rate ratio: person-time %g and %g: %w", ptA, ptB, ErrZeroDenominator)
	}
	if a <= 0 || b <= 0 {
		return RatioCI{}, fmt.Errorf("rate ratio: counts %g and %g: %w", a, b, ErrZeroCount)
	}
	rr := (a / ptA) / (b / ptB)
	half := z975 * math.Sqrt(1/a+1/b)
	return RatioCI{Ratio: rr, Lo: rr * math.Exp(-half), Hi: rr * math.Exp(half)}, nil
}

// expCI returns exp(beta) with the normal-quantile 95% interval
// exp(beta ± z·se), as R's confint.default.
func expCI(beta, se float64) RatioCI {
	return RatioCI{Ratio: math.Exp(beta), Lo: math.Exp(beta - z975*se), Hi: math.Exp(beta + z975*se)}
}

// PFloor is the smallest p-value FormatP prints as a number: below it a
// double carries no meaningful digits (and may have underflowed to 0).
const PFloor = 1e-16

// FormatP formats a p-value to 2 significant digits, and as "< 1e-16"
// below PFloor, so that a p-value is never printed as 0.
func FormatP(p float64) string {
	if p < PFloor {
		return "< 1e-16"
	}
	return strconv.FormatFloat(p, 'g', 2, 64)
}
