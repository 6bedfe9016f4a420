package reports

import (
	"strconv"

	"codeberg.org/go-pdf/fpdf"
)

// forest draws the forest plot under the model headline of a section: one
// line per estimate, the label on the left, the interval on a log axis in
// the middle and "RR (lo–hi)" on the right, then its notes.
func (p *pdfDoc) forest(v *ForestView) {
	if v == nil {
		return
	}
	const labelW, textW, rowH = 52.0, 34.0, 4.6
	plotW := contentW - labelW - textW
	p.ensure(rowH*float64(len(v.Rows)) + 14)
	f := p.f
	p.font("B", 9, colInk)
	f.MultiCell(contentW, 4.5, v.Title, "", "L", false)
	top := f.GetY() + 1
	x0 := marginX + labelW
	lo, hi := forestAxis(v.Rows)
	bottom := top + rowH*float64(len(v.Rows))
	p.forestAxis(x0, plotW, top, bottom, lo, hi)
	for i, r := range v.Rows {
		y := top + rowH*(float64(i)+0.5)
		style := "B"
		if r.Kind == ForestNeighbourhood {
			style = ""
		}
		p.font(style, 8, colInk)
		f.SetXY(marginX, y-rowH/2)
		f.CellFormat(labelW-2, rowH, r.Label, "", 0, "L", false, 0, "")
		c := forestColour(r.Kind)
		p.colour('d', c)
		p.colour('f', c)
		f.SetLineWidth(0.5)
		f.Line(x0+forestX(r.Lo, lo, hi, plotW), y, x0+forestX(r.Hi, lo, hi, plotW), y)
		p.forestMarker(r.Kind, x0+forestX(r.RR, lo, hi, plotW), y)
		p.font("", 8, colInk)
		f.SetXY(x0+plotW+2, y-rowH/2)
		f.CellFormat(textW-2, rowH, r.Text, "", 0, "L", false, 0, "")
	}
	f.SetLineWidth(0.2)
	f.SetY(bottom + 5)
	for _, n := range v.Notes {
		p.font("", 7.5, colMuted)
		f.MultiCell(contentW, 3.6, n, "", "L", false)
	}
	f.Ln(2)
}

// forestAxis draws the grid lines and tick labels, the line at 1 dashed.
func (p *pdfDoc) forestAxis(x0, w, top, bottom, lo, hi float64) {
	f := p.f
	f.SetLineWidth(0.2)
	for _, t := range forestTicks(lo, hi) {
		x := x0 + forestX(t, lo, hi, w)
		p.colour('d', colGrid)
		if t == 1 {
			p.colour('d', colMuted)
			f.SetDashPattern([]float64{1, 0.8}, 0)
		}
		f.Line(x, top, x, bottom)
		f.SetDashPattern(nil, 0)
		p.font("", 7, colMuted)
		label := strconv.FormatFloat(t, 'g', -1, 64)
		f.SetXY(x-6, bottom+0.5)
		f.CellFormat(12, 4, label, "", 0, "C", false, 0, "")
	}
}

// forestMarker draws a square (neighbourhood), diamond (pooled) or circle
// (DiD) at x, y in the current fill colour.
func (p *pdfDoc) forestMarker(kind string, x, y float64) {
	switch kind {
	case ForestPooled:
		p.f.Polygon([]fpdf.PointType{{X: x - 2.4, Y: y}, {X: x, Y: y - 1.9}, {X: x + 2.4, Y: y}, {X: x, Y: y + 1.9}}, "F")
	case ForestDiD:
		p.f.Circle(x, y, 1.3, "F")
	default:
		p.f.Rect(x-1.2, y-1.2, 2.4, 2.4, "F")
	}
}
