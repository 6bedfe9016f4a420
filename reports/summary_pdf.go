package reports

import (
	"math"

	"codeberg.org/go-pdf/fpdf"
)

// Summary matrix column widths (millimetres); they add up to contentW.
var matrixWidths = []float64{62, 24, 38, 16, 21.9, 22}

// summaryPage draws page 1: a title band, which month it is about, the
// findings, the summary matrix and the signals to watch.
func (p *pdfDoc) summaryPage(s summaryView) {
	f := p.f
	f.AddPage()
	p.colour('f', colBand)
	f.Rect(0, 0, pageW, 30, "F")
	p.font("", 9, rgb(0xc9d6e3))
	p.text(marginX, 9, p.v.Labels.Cover)
	p.font("B", 18, rgb(0xffffff))
	p.text(marginX, 18.5, p.v.Territory)
	p.font("", 11, rgb(0xffffff))
	p.text(marginX, 25.5, s.Title+" — "+s.Headline+" · "+p.v.Labels.AsOf+" "+p.v.AsOf)
	f.SetY(34)
	p.font("", 8, colInk)
	p.colour('f', colRowAlt)
	p.multi(contentW, 4, s.Note, "L", true)
	f.Ln(2)
	p.summaryFindings(s)
	p.summaryMatrix(s)
	p.summaryWatch(s)
	p.font("", 6.8, colMuted)
	p.multi(contentW, 3.2, s.Labels.Method, "L", false)
	p.header = true
}

func (p *pdfDoc) summaryFindings(s summaryView) {
	f := p.f
	p.font("B", 10.5, colBand)
	p.cell(contentW, 6, s.Labels.Findings, 1, "L", false)
	for _, line := range s.Sentences {
		y := f.GetY()
		p.colour('f', colBand)
		f.Circle(marginX+1.5, y+2.1, 0.7, "F")
		p.font("", 8.6, colInk)
		f.SetX(marginX + 4)
		p.multi(contentW-4, 4.1, line, "L", false)
		f.Ln(0.8)
	}
	f.Ln(1.5)
}

func (p *pdfDoc) summaryMatrix(s summaryView) {
	f := p.f
	p.font("B", 10.5, colBand)
	p.cell(contentW, 6, s.Labels.Matrix, 1, "L", false)
	p.tableHeader(s.Header, matrixWidths, "LRCCRR")
	const rowH = 7.6
	for i, r := range s.Matrix {
		y := f.GetY()
		if i%2 == 1 {
			p.colour('f', colRowAlt)
			f.Rect(marginX, y, contentW, rowH, "F")
		}
		x := marginX
		p.font("B", 7.6, colInk)
		p.text(x+1, y+3.2, fit(f, r.Title, matrixWidths[0]-2))
		p.font("", 6.6, colMuted)
		p.text(x+1, y+6.3, fit(f, r.Unit, matrixWidths[0]-2))
		x += matrixWidths[0]
		p.font("B", 8.4, colInk)
		p.rightText(x, y+4.8, matrixWidths[1]-1.5, r.Value)
		x += matrixWidths[1]
		p.sparkline(r.Trend, x+3, y+1.2, matrixWidths[2]-6, rowH-2.4)
		x += matrixWidths[2]
		p.variationIcon(r, x+matrixWidths[3]/2, y+rowH/2)
		x += matrixWidths[3]
		p.font("", 7.8, colInk)
		p.rightText(x, y+4.8, matrixWidths[4]-1.5, r.Previous)
		x += matrixWidths[4]
		p.rightText(x, y+4.8, matrixWidths[5]-1.5, r.LastYear)
		f.SetY(y + rowH)
	}
	f.Ln(1)
	p.font("", 7, colMuted)
	p.multi(contentW, 3.4, s.Labels.Legend, "L", false)
	f.Ln(2)
}

// rightText writes s right-aligned in the cell [x, x+w].
func (p *pdfDoc) rightText(x, y, w float64, s string) {
	p.text(x+w-p.f.GetStringWidth(pdfString(s)), y, s)
}

// sparkline draws a small line of the trend, without axes: complete
// months as a line ending in a dot, provisional months as hollow circles.
func (p *pdfDoc) sparkline(pts []Point, x, y, w, h float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, pt := range pts {
		if pt.Value != nil {
			lo, hi = math.Min(lo, *pt.Value), math.Max(hi, *pt.Value)
		}
	}
	if len(pts) < 2 || math.IsInf(lo, 0) {
		p.font("", 7, colMuted)
		p.text(x, y+h/2+1, "—")
		return
	}
	if hi-lo < 1e-9 {
		lo, hi = lo-1, hi+1
	}
	px := func(i int) float64 { return x + float64(i)*w/float64(len(pts)-1) }
	py := func(v float64) float64 { return y + h - (v-lo)/(hi-lo)*h }
	f := p.f
	p.colour('d', colObserved)
	p.colour('f', colObserved)
	f.SetLineWidth(0.3)
	last := -1
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if a.Value != nil && b.Value != nil && !b.Provisional {
			f.Line(px(i-1), py(*a.Value), px(i), py(*b.Value))
		}
	}
	for i, pt := range pts {
		if pt.Value != nil && !pt.Provisional {
			last = i
		}
	}
	if last >= 0 {
		f.Circle(px(last), py(*pts[last].Value), 0.6, "F")
	}
	f.SetLineWidth(0.2)
	for i, pt := range pts {
		if pt.Value != nil && pt.Provisional {
			f.Circle(px(i), py(*pt.Value), 0.55, "D")
		}
	}
}

// variationIcon draws the Making Data Count variation icon in a shape
// readable in grayscale: a filled circle with an arrow for improvement, a
// filled triangle for concern, a hollow circle for common cause, a dash
// when the indicator has no control chart.
func (p *pdfDoc) variationIcon(r matrixRow, cx, cy float64) {
	f := p.f
	switch {
	case !r.HasSPC:
		p.font("", 8, colMuted)
		p.text(cx-f.GetStringWidth("—")/2, cy+1.2, "—")
	case r.Signal == "improvement":
		p.colour('f', colImprovement)
		f.Circle(cx, cy, 2.3, "F")
		p.arrow(cx, cy, r.Direction != "down")
	case r.Signal == "concern":
		p.signalShape("concern", cx, cy, 2.6)
	default:
		p.colour('d', colCommon)
		f.SetLineWidth(0.45)
		f.Circle(cx, cy, 2.1, "D")
	}
}

// arrow draws a small white arrow up or down centred at (cx, cy).
func (p *pdfDoc) arrow(cx, cy float64, up bool) {
	s := 1.0
	if !up {
		s = -1
	}
	p.colour('f', rgb(0xffffff))
	p.f.Polygon([]fpdf.PointType{{X: cx - 1.2, Y: cy + 0.1*s}, {X: cx, Y: cy - 1.4*s}, {X: cx + 1.2, Y: cy + 0.1*s}}, "F")
	p.colour('d', rgb(0xffffff))
	p.f.SetLineWidth(0.6)
	p.f.Line(cx, cy-0.2*s, cx, cy+1.3*s)
}

func (p *pdfDoc) summaryWatch(s summaryView) {
	f := p.f
	y0 := f.GetY()
	p.font("B", 10.5, colBand)
	f.SetX(marginX + 3)
	p.cell(contentW-3, 6.5, s.Labels.Watch, 1, "L", false)
	p.font("", 8.2, colInk)
	for _, w := range s.Watch {
		f.SetX(marginX + 3)
		p.multi(contentW-6, 4, w, "L", false)
	}
	y1 := f.GetY() + 1.5
	p.colour('d', colConcern)
	f.SetLineWidth(0.3)
	f.Rect(marginX, y0, contentW, y1-y0, "D")
	p.colour('f', colConcern)
	f.Rect(marginX, y0, 1.2, y1-y0, "F")
	f.SetY(y1 + 2.5)
}
