package stats

import "errors"

var (
	// ErrZeroCount is returned by RateRatio when one of the two counts is 0:
	// the log-method interval is then undefined.
	ErrZeroCount = errors.New("stats: zero count")

	// ErrZeroDenominator is returned when a person-time or another
	// denominator is zero or negative.
	ErrZeroDenominator = errors.New("stats: zero or negative denominator")

	// ErrDimension is returned when input slices or matrices disagree in
	// length.
	ErrDimension = errors.New("stats: dimension mismatch")

	// ErrSingular is returned when a design matrix is rank deficient, so the
	// coefficients are not identifiable.
	ErrSingular = errors.New("stats: singular design matrix")

	// ErrNoConvergence is returned when IRLS does not converge within its
	// iteration limit.
	ErrNoConvergence = errors.New("stats: IRLS did not converge")

	// ErrNoResidualDF is returned when a model has as many parameters as
	// observations (or more), so no dispersion can be estimated.
	ErrNoResidualDF = errors.New("stats: no residual degrees of freedom")

	// ErrInvalidInput is returned for values a method cannot accept, such as
	// negative counts, months outside 1–12 or an index out of range.
	ErrInvalidInput = errors.New("stats: invalid input")

	// ErrTooShort is returned by ITS when fewer than 12 months exist before
	// or after the interruption; it is wrapped with the two counts.
	ErrTooShort = errors.New("stats: too few months on one side of the interruption")

	// ErrNoTreated is returned by DiD when no area is treated.
	ErrNoTreated = errors.New("stats: no treated area")

	// ErrNoComparison is returned by DiD when no area is a comparison area.
	ErrNoComparison = errors.New("stats: no comparison area")

	// ErrNoPostPeriod is returned by DiD when no treated area has a month
	// at or after its start.
	ErrNoPostPeriod = errors.New("stats: no post-intervention period")

	// ErrNoPrePeriod is returned by DiD when a treated area has no month
	// before its start, so its effect cannot be told from its fixed effect.
	ErrNoPrePeriod = errors.New("stats: no pre-intervention period")

	// ErrEmpty is returned when a series has no values.
	ErrEmpty = errors.New("stats: empty series")
)
