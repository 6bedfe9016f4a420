package stats

// specialCauses applies the four rules to one segment and returns each
// point's cause by precedence: outside > trend > two-of-three > shift.
func specialCauses(y []float64, pts []SPCPoint) []SpecialCause {
	trend, trendDir := trendPoints(y)
	twoThree := twoInThreePoints(pts)
	shift := shiftPoints(pts)
	out := make([]SpecialCause, len(pts))
	for i, p := range pts {
		above := p.RelativeToMean > 0
		switch {
		case p.OutsideLimits:
			out[i] = pick(above, AboveUpper, BelowLower)
		case trend[i]:
			out[i] = pick(trendDir[i] > 0, TrendUp, TrendDown)
		case twoThree[i]:
			out[i] = pick(above, TwoInThreeAbove, TwoInThreeBelow)
		case shift[i]:
			out[i] = pick(above, ShiftAbove, ShiftBelow)
		default:
			out[i] = CommonCause
		}
	}
	return out
}

// pick returns a when cond holds, b otherwise.
func pick(cond bool, a, b SpecialCause) SpecialCause {
	if cond {
		return a
	}
	return b
}

// shiftPoints flags points in a run of 7 or more on the same side of the
// mean; a point on the mean breaks the run.
func shiftPoints(pts []SPCPoint) []bool {
	side := make([]int, len(pts))
	for i, p := range pts {
		side[i] = p.RelativeToMean
	}
	return flagRuns(side)
}

// flagRuns flags the elements of every run of at least runLength equal
// non-zero values.
func flagRuns(v []int) []bool {
	out := make([]bool, len(v))
	start := 0
	for i := 1; i <= len(v); i++ {
		if i < len(v) && v[i] == v[start] {
			continue
		}
		if v[start] != 0 && i-start >= runLength {
			for j := start; j < i; j++ {
				out[j] = true
			}
		}
		start = i
	}
	return out
}

// trendPoints flags points in 7 or more consecutive strictly increasing or
// strictly decreasing values (a tie breaks the trend), and gives each
// flagged point's direction: the step to the next point when that point is
// flagged too, else the step from the previous one, as NHSRplotthedots.
func trendPoints(y []float64) (flag []bool, dir []int) {
	flag = make([]bool, len(y))
	dir = make([]int, len(y))
	for i := runLength - 1; i < len(y); i++ {
		if d := monotone(y[i-runLength+1 : i+1]); d != 0 {
			for j := i - runLength + 1; j <= i; j++ {
				flag[j] = true
			}
		}
	}
	for i := range y {
		switch {
		case !flag[i]:
		case i+1 < len(y) && flag[i+1]:
			dir[i] = signOf(y[i+1] - y[i])
		case i > 0:
			dir[i] = signOf(y[i] - y[i-1])
		}
	}
	return flag, dir
}

// monotone returns 1 when w strictly increases, −1 when it strictly
// decreases, 0 otherwise.
func monotone(w []float64) int {
	d := signOf(w[1] - w[0])
	for i := 2; i < len(w); i++ {
		if signOf(w[i]-w[i-1]) != d {
			return 0
		}
	}
	return d
}

// signOf returns the sign of x as −1, 0 or 1.
func signOf(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// twoInThreePoints flags near-limit points that belong to a window of three
// consecutive points with at least two in the near-limit band and all three
// on the same side of the mean.
func twoInThreePoints(pts []SPCPoint) []bool {
	out := make([]bool, len(pts))
	for s := 0; s+3 <= len(pts); s++ {
		w := pts[s : s+3]
		near, side := 0, 0
		for _, p := range w {
			if p.CloseToLimits {
				near++
			}
			side += p.RelativeToMean
		}
		if near < 2 || (side != 3 && side != -3) {
			continue
		}
		for j := s; j < s+3; j++ {
			out[j] = out[j] || pts[j].CloseToLimits
		}
	}
	return out
}
