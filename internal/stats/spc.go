package stats

import (
	"fmt"
	"math"
)

// XmR constants of NHS England's "Making Data Count".
const (
	limitFactor  = 2.66                // limits at x̄ ± 2.66·mR̄
	nearFactor   = 2 * limitFactor / 3 // near-limit band beyond x̄ ± (2/3)·2.66·mR̄
	screenFactor = 3.267               // moving ranges ≥ 3.267·mR̄ are screened out
	runLength    = 7                   // points in a shift or a trend
	trialMinimum = 13                  // fewer baseline points give trial limits
)

// Direction is the direction of change that means improvement.
type Direction int

// Improvement directions.
const (
	DirectionNone Direction = 0
	DirectionUp   Direction = 1
	DirectionDown Direction = -1
)

// SPCOptions configures XmR.
type SPCOptions struct {
	Screen      bool      // drop moving ranges ≥ 3.267·mR̄ before averaging
	FixAfter    int       // compute each segment's limits from its first N points; 0 = all points
	RebaseAt    []int     // 0-based indices where a new segment with its own limits starts
	Improvement Direction // which way is better
}

// SpecialCause names the rule a point is flagged by, after precedence
// (outside > trend > two-of-three > shift).
type SpecialCause string

// Special causes.
const (
	CommonCause     SpecialCause = "common_cause"
	AboveUpper      SpecialCause = "above_upper_limit"
	BelowLower      SpecialCause = "below_lower_limit"
	TrendUp         SpecialCause = "trend_increasing"
	TrendDown       SpecialCause = "trend_decreasing"
	TwoInThreeAbove SpecialCause = "two_in_three_above"
	TwoInThreeBelow SpecialCause = "two_in_three_below"
	ShiftAbove      SpecialCause = "shift_above"
	ShiftBelow      SpecialCause = "shift_below"
)

// Label returns the special_cause_type label NHSRplotthedots uses.
func (s SpecialCause) Label() string {
	switch s {
	case AboveUpper:
		return "Above UCL"
	case BelowLower:
		return "Below LCL"
	case TrendUp:
		return "7 Point Trend (Increasing)"
	case TrendDown:
		return "7 Point Trend (Decreasing)"
	case TwoInThreeAbove:
		return "2 in 3 Above CL"
	case TwoInThreeBelow:
		return "2 in 3 Below CL"
	case ShiftAbove:
		return "7 Points Above CL"
	case ShiftBelow:
		return "7 Points Below CL"
	}
	return "Common Cause"
}

// sign returns +1 for causes above the mean or increasing, −1 for below
// or decreasing and 0 for common cause.
func (s SpecialCause) sign() int {
	switch s {
	case AboveUpper, TrendUp, TwoInThreeAbove, ShiftAbove:
		return 1
	case BelowLower, TrendDown, TwoInThreeBelow, ShiftBelow:
		return -1
	}
	return 0
}

// PointType is a point's classification for the chart colours.
type PointType string

// Point types.
const (
	CommonCausePoint PointType = "common_cause"
	Improvement      PointType = "special_cause_improvement"
	Concern          PointType = "special_cause_concern"
	Neither          PointType = "special_cause_neither"
)

// SPCPoint is one point of an XmR chart.
type SPCPoint struct {
	Value          float64
	Mean           float64 // centre line x̄
	LPL, UPL       float64 // process limits x̄ ∓ 2.66·mR̄
	NearLPL        float64 // inner edge of the lower near-limit band
	NearUPL        float64 // inner edge of the upper near-limit band
	RelativeToMean int     // −1 below, 0 on, 1 above the mean
	CloseToLimits  bool    // in a near-limit band, not outside the limits
	OutsideLimits  bool
	SpecialCause   SpecialCause
	PointType      PointType
	TrialLimits    bool // the segment's limits rest on fewer than 13 points
	Segment        int  // 0-based index of the rebase segment
}

// XmR computes an XmR chart as NHSRplotthedots does: per segment (split at
// RebaseAt), limits from the segment's first FixAfter points (all if 0),
// then the four rules judged within the segment. It returns ErrEmpty for no
// values and ErrInvalidInput for bad options or a segment whose baseline
// has fewer than 2 points.
func XmR(values []float64, opt SPCOptions) ([]SPCPoint, error) {
	bounds, err := segments(len(values), opt)
	if err != nil {
		return nil, fmt.Errorf("xmr: %w", err)
	}
	out := make([]SPCPoint, 0, len(values))
	for s := range len(bounds) - 1 {
		seg := values[bounds[s]:bounds[s+1]]
		pts, err := xmrSegment(seg, opt)
		if err != nil {
			return nil, fmt.Errorf("xmr: segment starting at %d: %w", bounds[s], err)
		}
		for i := range pts {
			pts[i].Segment = s
		}
		out = append(out, pts...)
	}
	return out, nil
}

// segments returns the segment boundaries 0 = b0 < b1 < … < n.
func segments(n int, opt SPCOptions) ([]int, error) {
	if n == 0 {
		return nil, ErrEmpty
	}
	if opt.FixAfter < 0 {
		return nil, fmt.Errorf("fix after %d points: %w", opt.FixAfter, ErrInvalidInput)
	}
	bounds := []int{0}
	for _, r := range opt.RebaseAt {
		if r <= bounds[len(bounds)-1] || r >= n {
			return nil, fmt.Errorf("rebase at %d of %d points: %w", r, n, ErrInvalidInput)
		}
		bounds = append(bounds, r)
	}
	return append(bounds, n), nil
}

// xmrSegment computes limits and signals for one segment.
func xmrSegment(y []float64, opt SPCOptions) ([]SPCPoint, error) {
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("point %d is %g: %w", i, v, ErrInvalidInput)
		}
	}
	base := y
	if opt.FixAfter > 0 && opt.FixAfter < len(y) {
		base = y[:opt.FixAfter]
	}
	if len(base) < 2 {
		return nil, fmt.Errorf("%d baseline points, need 2: %w", len(base), ErrInvalidInput)
	}
	centre, amr := average(base), meanMovingRange(base, opt.Screen)
	pts := make([]SPCPoint, len(y))
	for i, v := range y {
		pts[i] = classify(v, centre, amr)
		pts[i].TrialLimits = len(base) < trialMinimum
	}
	causes := specialCauses(y, pts)
	for i := range pts {
		pts[i].SpecialCause = causes[i]
		pts[i].PointType = pointType(causes[i], opt.Improvement)
	}
	return pts, nil
}

// average returns the arithmetic mean of a non-empty slice.
func average(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// meanMovingRange returns mR̄ of the baseline, optionally after dropping
// moving ranges ≥ 3.267·mR̄.
func meanMovingRange(base []float64, screen bool) float64 {
	mr := make([]float64, len(base)-1)
	for i := 1; i < len(base); i++ {
		mr[i-1] = math.Abs(base[i] - base[i-1])
	}
	amr := average(mr)
	if !screen || amr == 0 {
		return amr
	}
	kept := mr[:0:0]
	for _, m := range mr {
		if m < screenFactor*amr {
			kept = append(kept, m)
		}
	}
	return average(kept)
}

// classify places a value against the centre line and limits.
func classify(v, mean, amr float64) SPCPoint {
	p := SPCPoint{
		Value: v, Mean: mean,
		LPL: mean - limitFactor*amr, UPL: mean + limitFactor*amr,
		NearLPL: mean - nearFactor*amr, NearUPL: mean + nearFactor*amr,
	}
	p.OutsideLimits = v > p.UPL || v < p.LPL
	p.CloseToLimits = !p.OutsideLimits && (v < p.NearLPL || v > p.NearUPL)
	switch {
	case v > mean:
		p.RelativeToMean = 1
	case v < mean:
		p.RelativeToMean = -1
	}
	return p
}

// pointType orients a special cause by the improvement direction.
func pointType(c SpecialCause, dir Direction) PointType {
	s := c.sign()
	switch {
	case s == 0:
		return CommonCausePoint
	case dir == DirectionNone:
		return Neither
	case s == int(dir):
		return Improvement
	}
	return Concern
}
