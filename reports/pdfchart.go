package reports

import (
	"math"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Chart sizes in the PDF (millimetres).
const (
	wideH  = 66.0
	halfH  = 59.0
	gutter = 6.0
	// axisPt is the axis text size: never below 7 pt.
	axisPt = 7.0
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

// lines splits s to lines of width w at the current font, at most max
// (the last one shortened when it must be).
func (p *pdfDoc) lines(s string, w float64, max int) []string {
	var out []string
	for _, b := range p.f.SplitText(pdfString(s), w) {
		out = append(out, b)
	}
	if len(out) > max {
		out[max-1] = fit(p.f, strings.Join(out[max-1:], " "), w)
		out = out[:max]
	}
	return out
}

// drawChart draws the title (the finding, wrapped on up to two lines),
// the subtitle (method and unit), the plot, its legend and notes.
func (p *pdfDoc) drawChart(c Chart, x, y, w, h float64) {
	p.font("B", 8.3, colInk)
	ty := y + 3.3
	for _, line := range p.lines(c.Title, w, 2) {
		p.text(x, ty, line)
		ty += 3.7
	}
	p.font("", 7, colMuted)
	for _, line := range p.lines(c.Unit, w, 2) {
		p.text(x, ty-0.2, line)
		ty += 3.2
	}
	// The gap above the plot holds the provisional and outreach-start
	// labels, clear of the data.
	top := ty - y + 2.4
	notesH := 3.4 * float64(len(c.Notes))
	if c.Kind == KindBar {
		p.drawBars(c, x, y+top, w, h-top-notesH)
	} else {
		legendH := p.legendHeight(c, w-13)
		fr := frame{x: x + 13, y: y + top, w: w - 15, h: h - top - 7 - legendH - notesH, n: len(c.Categories)}
		p.drawLines(c, fr)
		p.legend(c, x+13, y+h-legendH-notesH+1.5, w-13)
	}
	p.font("", 7, colMuted)
	for i, n := range c.Notes {
		p.text(x, y+h-notesH+2.5+3.4*float64(i), fit(p.f, n, w))
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
	if len(c.Series) > 0 {
		p.signalPoints(c.Series[0], fr, c.Kind == KindSPC)
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
		p.font("", axisPt, colMuted)
		s := l.number(t, dec)
		p.rightText(fr.x-1.5-40, y+1.1, 40, s)
	}
}

func (p *pdfDoc) xAxis(fr frame, cats []string) {
	f := p.f
	p.colour('d', colMuted)
	f.SetLineWidth(0.2)
	f.Line(fr.x, fr.y+fr.h, fr.x+fr.w, fr.y+fr.h)
	p.font("", axisPt, colMuted)
	l := newLocale(p.v.Lang)
	step := labelStep(len(cats), fr.w, f.GetStringWidth(pdfString(l.axisMonth("2024-09")))+2.5)
	for i := 0; i < len(cats); i += step {
		x := fr.px(i)
		f.Line(x, fr.y+fr.h, x, fr.y+fr.h+0.8)
		s := l.axisMonth(cats[i])
		p.text(x-f.GetStringWidth(pdfString(s))/2, fr.y+fr.h+3.8, s)
	}
}

var axisMonthsFR = [...]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}

// axisMonth turns a 2022-11 category into "nov. 2022" or "Nov 2022";
// other labels are returned as they are.
func (l locale) axisMonth(cat string) string {
	t, err := time.Parse("2006-01", cat)
	if err != nil {
		return cat
	}
	if l.fr() {
		return axisMonthsFR[t.Month()-1] + " " + t.Format("2006")
	}
	return t.Format("Jan 2006")
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
	p.font("", axisPt, colMuted)
	p.rightText(fr.x, fr.y-0.7, fr.w, "(p)")
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

// signalPoints marks the observed points; a signal gets a shape as well
// as a colour (circle: improvement, triangle: concern), so that the chart
// reads in grayscale.
func (p *pdfDoc) signalPoints(s ChartSeries, fr frame, all bool) {
	for i, pt := range s.Points {
		if pt.Value == nil || !all && pt.Signal == "" {
			continue
		}
		r := 0.6
		if pt.Signal != "" {
			r = 1.15
		}
		p.signalShape(pt.Signal, fr.px(i), fr.py(*pt.Value), r)
	}
}

// signalShape draws a signal's mark centred at (cx, cy): a filled circle
// for improvement, a filled triangle with a dark edge for concern, a grey
// dot otherwise.
func (p *pdfDoc) signalShape(signal string, cx, cy, r float64) {
	f := p.f
	p.colour('f', signalColour(signal))
	if signal != "concern" {
		f.Circle(cx, cy, r, "F")
		return
	}
	p.colour('d', colInk)
	f.SetLineWidth(0.2)
	h := r * 1.25
	f.Polygon([]fpdf.PointType{{X: cx - h, Y: cy + h*0.8}, {X: cx, Y: cy - h}, {X: cx + h, Y: cy + h*0.8}}, "FD")
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
		p.font("", axisPt, colMarker)
		lx := x + 1
		// Keep clear of the "(p)" label at the right end.
		if w := f.GetStringWidth(pdfString(m.Label)); lx+w > fr.x+fr.w-7 {
			lx = x - 1 - w
		}
		p.text(lx, fr.y-0.7, m.Label)
	}
}

// legendEntry is one item of a chart's legend.
type legendEntry struct {
	name   string
	colour rgb
	dashed bool
	// signal is set for a signal mark instead of a line.
	signal string
}

// legendEntries lists the series once each (control limits as one entry)
// and the signal marks when the chart shows any.
func (p *pdfDoc) legendEntries(c Chart) []legendEntry {
	l := newLocale(p.v.Lang)
	var out []legendEntry
	seen := map[string]bool{}
	for i, s := range c.Series {
		name := s.Name
		if s.Role == RoleLimit {
			name = l.t("Limites de contrôle", "Control limits")
		}
		if seen[name] || name == "" {
			continue
		}
		seen[name] = true
		out = append(out, legendEntry{name: name, colour: seriesColour(s.Role, i),
			dashed: s.Role == RoleCounterfactual || s.Role == RoleLimit})
	}
	signals := c.Kind == KindSPC
	if len(c.Series) > 0 {
		for _, pt := range c.Series[0].Points {
			signals = signals || pt.Signal != ""
		}
	}
	if signals {
		out = append(out, legendEntry{name: l.t("Amélioration", "Improvement"), signal: "improvement"},
			legendEntry{name: l.t("Préoccupation", "Concern"), signal: "concern"})
	}
	return out
}

const legendRowH = 3.6

// legendHeight is the height the legend takes wrapped to width w.
func (p *pdfDoc) legendHeight(c Chart, w float64) float64 {
	return float64(len(p.legendRows(c, w))) * legendRowH
}

// legendRows wraps the legend entries to width w.
func (p *pdfDoc) legendRows(c Chart, w float64) [][]legendEntry {
	p.font("", axisPt, colInk)
	var rows [][]legendEntry
	var cur []legendEntry
	x := 0.0
	for _, e := range p.legendEntries(c) {
		ew := 9 + p.f.GetStringWidth(pdfString(e.name))
		if x+ew > w && len(cur) > 0 {
			rows, cur, x = append(rows, cur), nil, 0
		}
		cur = append(cur, e)
		x += ew
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	return rows
}

func (p *pdfDoc) legend(c Chart, x0, y, w float64) {
	f := p.f
	for _, row := range p.legendRows(c, w) {
		x := x0
		for _, e := range row {
			if e.signal != "" {
				p.signalShape(e.signal, x+2.5, y, 1.1)
			} else {
				p.colour('d', e.colour)
				f.SetLineWidth(0.6)
				if e.dashed {
					f.SetDashPattern([]float64{1.2, 0.8}, 0)
				}
				f.Line(x, y, x+5, y)
				f.SetDashPattern([]float64{}, 0)
			}
			p.font("", axisPt, colInk)
			p.text(x+6, y+1.2, e.name)
			x += 9 + f.GetStringWidth(pdfString(e.name))
		}
		y += legendRowH
	}
}

// drawBars draws horizontal bars, the category on the left (sized to the
// longest label, never cut) and the value (or its suppression symbol) at
// the end of the bar. Series names, when set, head their group.
func (p *pdfDoc) drawBars(c Chart, x, y, w, h float64) {
	f := p.f
	rows, maxV, labelW := 0, 0.0, 0.0
	p.font("", axisPt, colInk)
	for _, s := range c.Series {
		if s.Name != "" {
			rows++
		}
		rows += len(s.Points)
		for _, pt := range s.Points {
			if pt.Value != nil {
				maxV = math.Max(maxV, *pt.Value)
			}
			labelW = math.Max(labelW, f.GetStringWidth(pdfString(pt.Label))+3)
		}
	}
	if rows == 0 {
		return
	}
	if maxV == 0 {
		maxV = 1
	}
	labelW = math.Min(labelW, w*0.55)
	rowH := math.Min(5, h/float64(rows))
	barW := w - labelW - 10
	ry := y
	for _, s := range c.Series {
		if s.Name != "" {
			p.font("B", axisPt, colBand)
			p.text(x, ry+rowH/2+1.2, fit(f, s.Name, w))
			ry += rowH
		}
		for _, pt := range s.Points {
			p.font("", axisPt, colInk)
			p.text(x, ry+rowH/2+1.2, fit(f, pt.Label, labelW-1))
			bw := 0.0
			if pt.Value != nil {
				bw = *pt.Value / maxV * barW
				p.colour('f', colBar)
				f.Rect(x+labelW, ry+rowH*0.15, bw, rowH*0.7, "F")
			}
			p.font("B", axisPt, colInk)
			p.text(x+labelW+bw+1.2, ry+rowH/2+1.2, pt.Shown)
			ry += rowH
		}
	}
}
