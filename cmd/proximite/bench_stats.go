package main

import (
	"fmt"
	"sort"
	"strings"
)

// spread is the median and range of repeated measures.
type spread struct{ median, min, max float64 }

// String prints seconds as "12.34 s (11.90–13.02)".
func (s spread) String() string {
	return fmt.Sprintf("%.2f s (%.2f–%.2f)", s.median, s.min, s.max)
}

// summarize returns the median and range of xs; the median of an even
// count is the mean of the two middle values.
func summarize(xs []float64) spread {
	if len(xs) == 0 {
		return spread{}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return spread{median: m, min: s[0], max: s[len(s)-1]}
}

func walls(steps []benchStep) []float64 {
	xs := make([]float64, len(steps))
	for i, s := range steps {
		xs[i] = s.wall.Seconds()
	}
	return xs
}

func cpus(steps []benchStep) []float64 {
	xs := make([]float64, len(steps))
	for i, s := range steps {
		xs[i] = s.cpu.Seconds()
	}
	return xs
}

func medianRSS(steps []benchStep) int64 {
	xs := make([]float64, len(steps))
	for i, s := range steps {
		xs[i] = float64(s.maxRSS)
	}
	return int64(summarize(xs).median)
}

// pairRatios is, pair by pair, ingest's rows per second over read_csv's.
func pairRatios(rows, rawRows float64, ing, raw []benchStep) []float64 {
	n := min(len(ing), len(raw))
	rs := make([]float64, n)
	for i := range n {
		rs[i] = (rows / ing[i].wall.Seconds()) / (rawRows / raw[i].wall.Seconds())
	}
	return rs
}

func joinFloats(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.2f", x)
	}
	return strings.Join(parts, ", ")
}
