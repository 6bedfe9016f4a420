package stats

import (
	"math"
	"slices"
)

// ModifiedZ returns the modified z-score 0.6745·(x − median)/MAD of x
// against history (Iglewicz & Hoaglin), MAD being the median absolute
// deviation of history from its median. ok is false when history is empty
// or its MAD is 0, where the score is undefined.
func ModifiedZ(history []float64, x float64) (z float64, ok bool) {
	if len(history) == 0 {
		return 0, false
	}
	med := median(history)
	dev := make([]float64, len(history))
	for i, h := range history {
		dev[i] = math.Abs(h - med)
	}
	mad := median(dev)
	if mad == 0 {
		return 0, false
	}
	return 0.6745 * (x - med) / mad, true
}

// median returns the median of a non-empty slice without modifying it.
func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
