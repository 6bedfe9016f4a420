package reports

import (
	"math"

	"codeberg.org/go-pdf/fpdf"
)

// Chart sizes in the PDF (millimetres).
const (
	wideH  = 74.0
	halfH  = 60.0
	gutter = 6.0
)

// charts flows the charts down the page: wide charts take a row, the
// others go two by two; a chart that does not fit starts a new page.
func (p *pdfDoc) charts(cs []Chart) {
	for i := 0; i < len(cs); i++ {
		if cs[i].Wide {
			p.ensure(wideH)
			y := p.f.GetY()
			p.drawChart(cs[i], marginX, y, contentW, wideH)
			p.f.SetY(y + wideH + 4)
			continue
		}
		p.ensure(halfH)
		y := p.f.GetY()
		w := (contentW - gutter) / 2
		p.drawChart(cs[i], marginX, y, w, halfH)
		if i+1 < len(cs) && !cs[i+1].Wide {
			i++
			p.drawChart(cs[i], marginX+w+gutter, y, w, halfH)
		}
		p.f.SetY(y + halfH + 4)
	}
}

// frame is the plotting rectangle of one chart and its y scale.
type frame struct {
	x, y, w, h float64
	lo, hi     float64
	n          int
}

func (fr frame) px(i int) float64 { return fr.x + (float64(i)+0.5)*fr.w/float64(fr.n) }

func (fr frame) py(v float64) float64 { return fr.y + fr.h - (v-fr.lo)/(fr.hi-fr.lo)*fr.h }

func (p *pdfDoc) drawChart(c Chart, x, y, w, h float64) {
	f := p.f
	p.font("B", 8.5, colInk)
	f.Text(x, y+3.5, fit(f, c.Title, w))
	p.font("", 6.5, colMuted)
	f.Text(x, y+7, fit(f, c.Unit, w))
	legendH := 5.0
	notesH := 3.5 * float64(len(c.Notes))
	if c.Kind == KindBar {
		p.drawBars(c, x, y+10, w, h-10-notesH)
	} else {
		fr := frame{x: x + 13, y: y + 10, w: w - 15, h: h - 10 - 7 - legendH - notesH, n: len(c.Categories)}
		p.drawLines(c, fr)
		p.legend(c, x+13, y+h-legendH-notesH+1.5)
	}
	p.font("", 6.5, colMuted)
	for i, n := range c.Notes {
		f.Text(x, y+h-notesH+2.5+3.5*float64(i), fit(f, n, w))
	}
}

func (p *pdfDoc) drawLines(c Chart, fr frame) {
	if fr.n == 0 {
		return
	}
	fr.lo, fr.hi = valueRange(c)
	ticks := niceTicks(fr.lo, fr.hi, 5)
	fr.lo, fr.hi = ticks[0], ticks[len(ticks)-1]
	p.provisionalBand(c, fr)
	p.yAxis(fr, ticks, c.Unit == "%")
	p.xAxis(fr, c.Categories)
	p.ciBand(c, fr)
	for i, s := range c.Series {
		p.line(s, fr, seriesColour(s.Role, i))
	}
	p.markers(c, fr)
	if c.Kind == KindSPC {
		p.signalPoints(c.Series[0], fr)
	}
}

// valueRange spans every value and interval bound, from 0 when all are
// positive so that changes are not exaggerated.
func valueRange(c Chart) (float64, float64) {
	lo, hi := 0.0, 0.0
	for _, s := range c.Series {
		for _, pt := range s.Points {
			for _, v := range []*float64{pt.Value, pt.Lo, pt.Hi} {
				if v != nil {
					lo, hi = math.Min(lo, *v), math.Max(hi, *v)
				}
			}
		}
	}
	if hi <= lo {
		hi = lo + 1
	}
	return lo, hi
}

// niceTicks returns about n round tick values covering [lo, hi].
func niceTicks(lo, hi float64, n int) []float64 {
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		step = m * mag
		if step >= raw {
			break
		}
	}
	start := math.Floor(lo/step) * step
	var out []float64
	for v := start; v <= hi+step*0.999; v += step {
		out = append(out, math.Round(v/step)*step)
	}
	if len(out) < 2 {
		out = append(out, start+step)
	}
	return out
}

func (p *pdfDoc) yAxis(fr frame, ticks []float64, pct bool) {
	f := p.f
	l := newLocale(p.v.Lang)
	dec := 0
	if ticks[1]-ticks[0] < 1 {
		dec = 1
	}
	f.SetLineWidth(0.15)
	for _, t := range ticks {
		y := fr.py(t)
		p.colour('d', colGrid)
		f.Line(fr.x, y, fr.x+fr.w, y)
		p.font("", 6, colMuted)
		s := l.number(t, dec)
		f.Text(fr.x-1.5-f.GetStringWidth(s), y+1, s)
	}
}

func (p *pdfDoc) xAxis(fr frame, cats []string) {
	f := p.f
	p.colour('d', colMuted)
	f.SetLineWidth(0.2)
	f.Line(fr.x, fr.y+fr.h, fr.x+fr.w, fr.y+fr.h)
	p.font("", 5.8, colMuted)
	step := labelStep(len(cats), fr.w, f.GetStringWidth("2024-03")+2)
	for i := 0; i < len(cats); i += step {
		x := fr.px(i)
		f.Line(x, fr.y+fr.h, x, fr.y+fr.h+0.8)
		f.Text(x-f.GetStringWidth(cats[i])/2, fr.y+fr.h+3.6, cats[i])
	}
}

func labelStep(n int, w, lw float64) int {
	fitN := int(w / lw)
	if fitN < 1 {
		fitN = 1
	}
	step := (n + fitN - 1) / fitN
	for _, s := range []int{1, 2, 3, 4, 6, 12, 24} {
		if s >= step {
			return s
		}
	}
	return step
}

// provisionalBand greys the provisional months of the first series.
func (p *pdfDoc) provisionalBand(c Chart, fr frame) {
	if len(c.Series) == 0 {
		return
	}
	first := -1
	for i, pt := range c.Series[0].Points {
		if pt.Provisional && first < 0 {
			first = i
		}
	}
	if first < 0 {
		return
	}
	p.colour('f', colProvisional)
	x0 := fr.x + float64(first)*fr.w/float64(fr.n)
	p.f.Rect(x0, fr.y, fr.x+fr.w-x0, fr.h, "F")
	p.font("", 5.5, colMuted)
	p.f.Text(x0+0.8, fr.y+2.5, "(p)")
}

// ciBand shades the 95% interval of the observed series.
func (p *pdfDoc) ciBand(c Chart, fr frame) {
	if len(c.Series) == 0 || c.Kind != KindLine {
		return
	}
	p.colour('f', colCI)
	for _, run := range runs(c.Series[0].Points, func(pt Point) bool { return pt.Lo != nil && pt.Hi != nil && pt.Value != nil }) {
		var poly []fpdf.PointType
		for _, i := range run {
			poly = append(poly, fpdf.PointType{X: fr.px(i), Y: fr.py(*c.Series[0].Points[i].Hi)})
		}
		for k := len(run) - 1; k >= 0; k-- {
			poly = append(poly, fpdf.PointType{X: fr.px(run[k]), Y: fr.py(*c.Series[0].Points[run[k]].Lo)})
		}
		if len(run) > 1 {
			p.f.Polygon(poly, "F")
		}
	}
}

// runs splits point indices into maximal runs where ok holds.
func runs(pts []Point, ok func(Point) bool) [][]int {
	var out [][]int
	var cur []int
	for i, pt := range pts {
		if ok(pt) {
			cur = append(cur, i)
			continue
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
		cur = nil
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func (p *pdfDoc) line(s ChartSeries, fr frame, c rgb) {
	f := p.f
	p.colour('d', c)
	p.colour('f', c)
	width, dash := 0.45, []float64{}
	switch s.Role {
	case RoleCounterfactual:
		dash = []float64{1.6, 1.0}
	case RoleLimit, RoleLimit95, RoleLimit998:
		width, dash = 0.3, []float64{1.2, 0.8}
	case RoleCentre:
		width = 0.3
	}
	f.SetLineWidth(width)
	f.SetDashPattern(dash, 0)
	for _, run := range runs(s.Points, func(pt Point) bool { return pt.Value != nil }) {
		for k := 1; k < len(run); k++ {
			a, b := run[k-1], run[k]
			f.Line(fr.px(a), fr.py(*s.Points[a].Value), fr.px(b), fr.py(*s.Points[b].Value))
		}
		if len(run) == 1 && s.Role == RoleObserved {
			f.Circle(fr.px(run[0]), fr.py(*s.Points[run[0]].Value), 0.5, "F")
		}
	}
	f.SetDashPattern([]float64{}, 0)
	if s.Role == RoleObserved {
		p.suppressedTicks(s, fr)
	}
}

// suppressedTicks marks suppressed months with a small open circle on
// the axis; the chart's note explains it.
func (p *pdfDoc) suppressedTicks(s ChartSeries, fr frame) {
	p.colour('d', colMuted)
	p.f.SetLineWidth(0.2)
	for i, pt := range s.Points {
		if pt.Value == nil && pt.Shown != "" {
			p.f.Circle(fr.px(i), fr.y+fr.h-0.9, 0.55, "D")
		}
	}
}

func (p *pdfDoc) signalPoints(s ChartSeries, fr frame) {
	for i, pt := range s.Points {
		if pt.Value == nil {
			continue
		}
		r := 0.6
		if pt.Signal != "" {
			r = 0.95
		}
		p.colour('f', signalColour(pt.Signal))
		p.f.Circle(fr.px(i), fr.py(*pt.Value), r, "F")
	}
}

func (p *pdfDoc) markers(c Chart, fr frame) {
	f := p.f
	for _, m := range c.Markers {
		x := fr.px(m.Index) - fr.w/float64(fr.n)/2
		p.colour('d', colMarker)
		f.SetLineWidth(0.35)
		f.SetDashPattern([]float64{0.8, 0.8}, 0)
		f.Line(x, fr.y, x, fr.y+fr.h)
		f.SetDashPattern([]float64{}, 0)
		p.font("", 6, colMarker)
		f.Text(x+1, fr.y+5, m.Label)
	}
}

func (p *pdfDoc) legend(c Chart, x, y float64) {
	f := p.f
	p.font("", 6.3, colInk)
	seen := map[string]bool{}
	for i, s := range c.Series {
		if seen[s.Name] || s.Role == RoleLimit && seen["limit"] {
			continue
		}
		seen[s.Name] = true
		name := s.Name
		if s.Role == RoleLimit {
			seen["limit"] = true
			name = newLocale(p.v.Lang).t("Limites de contrôle", "Control limits")
		}
		p.colour('d', seriesColour(s.Role, i))
		f.SetLineWidth(0.6)
		if s.Role == RoleCounterfactual || s.Role == RoleLimit {
			f.SetDashPattern([]float64{1.2, 0.8}, 0)
		}
		f.Line(x, y, x+5, y)
		f.SetDashPattern([]float64{}, 0)
		f.Text(x+6, y+1.1, name)
		x += 9 + f.GetStringWidth(name)
	}
	if c.Kind == KindSPC {
		l := newLocale(p.v.Lang)
		for _, sig := range []string{"improvement", "concern"} {
			p.colour('f', signalColour(sig))
			f.Circle(x+1, y, 1, "F")
			name := l.t("Amélioration", "Improvement")
			if sig == "concern" {
				name = l.t("Préoccupation", "Concern")
			}
			f.Text(x+3, y+1.1, name)
			x += 7 + f.GetStringWidth(name)
		}
	}
}

// drawBars draws horizontal bars, one group per series with its name as a
// heading, the category on the left and the value (or its suppression
// symbol) at the end of the bar. All groups share one scale.
func (p *pdfDoc) drawBars(c Chart, x, y, w, h float64) {
	f := p.f
	rows, maxV := 0, 0.0
	for _, s := range c.Series {
		rows += len(s.Points) + 1
		for _, pt := range s.Points {
			if pt.Value != nil {
				maxV = math.Max(maxV, *pt.Value)
			}
		}
	}
	if rows == 0 {
		return
	}
	if maxV == 0 {
		maxV = 1
	}
	rowH := math.Min(6, h/float64(rows))
	labelW := w * 0.4
	barW := w - labelW - 10
	ry := y
	for _, s := range c.Series {
		p.font("B", 6.8, colBand)
		f.Text(x, ry+rowH/2+1, fit(f, s.Name, w))
		ry += rowH
		for _, pt := range s.Points {
			p.font("", 6.8, colInk)
			f.Text(x+2, ry+rowH/2+1, fit(f, pt.Label, labelW-3))
			bw := 0.0
			if pt.Value != nil {
				bw = *pt.Value / maxV * barW
				p.colour('f', colBar)
				f.Rect(x+labelW, ry+rowH*0.18, bw, rowH*0.64, "F")
			}
			p.font("B", 6.8, colInk)
			f.Text(x+labelW+bw+1.2, ry+rowH/2+1, pt.Shown)
			ry += rowH
		}
	}
}
