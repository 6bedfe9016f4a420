package reports

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
)

// Page geometry (US Letter, millimetres).
const (
	pageW     = 215.9
	pageH     = 279.4
	marginX   = 16.0
	marginTop = 20.0
	bottomY   = pageH - 16
	contentW  = pageW - 2*marginX
	font      = "dejavu"
)

// RenderPDF writes the monthly report as a PDF: cover, the territory's
// pages, one set of pages per neighbourhood, data quality and revisions,
// and the methodology annex. The same Report gives the same bytes: dates
// are pinned to r.AsOf and the catalogue is sorted.
func RenderPDF(w io.Writer, r Report) error {
	v, err := Build(r)
	if err != nil {
		return err
	}
	return renderView(w, v, r)
}

func renderView(w io.Writer, v View, r Report) error {
	p, err := newPDF(v, r)
	if err != nil {
		return err
	}
	p.cover()
	for _, s := range v.Sections {
		p.section(s)
	}
	p.qualityPages()
	p.annexPages()
	if err := p.f.Output(w); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	return nil
}

// pdfDoc is one PDF being written.
type pdfDoc struct {
	f      *pdfWriter
	v      View
	header bool
}

func newPDF(v View, r Report) (*pdfDoc, error) {
	reg, err := asset("DejaVuSans.ttf")
	if err != nil {
		return nil, err
	}
	bold, err := asset("DejaVuSans-Bold.ttf")
	if err != nil {
		return nil, err
	}
	text, err := newTextFilter(reg, bold)
	if err != nil {
		return nil, err
	}
	f := &pdfWriter{Fpdf: fpdf.New("P", "mm", "Letter", ""), text: text}
	f.SetCreationDate(r.AsOf)
	f.SetModificationDate(r.AsOf)
	f.SetCatalogSort(true)
	f.SetTitle(v.Title, true)
	f.SetLang(v.Lang + "-CA")
	f.AddUTF8FontFromBytes(font, "", reg)
	f.AddUTF8FontFromBytes(font, "B", bold)
	f.SetMargins(marginX, marginTop, marginX)
	f.SetAutoPageBreak(true, pageH-bottomY)
	f.AliasNbPages("{nb}")
	p := &pdfDoc{f: f, v: v}
	f.SetHeaderFuncMode(p.pageHeader, true)
	f.SetFooterFunc(p.pageFooter)
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("render pdf: %w", err)
	}
	return p, nil
}

func (p *pdfDoc) colour(kind byte, c rgb) {
	r, g, b := c.parts()
	switch kind {
	case 'd':
		p.f.SetDrawColor(r, g, b)
	case 'f':
		p.f.SetFillColor(r, g, b)
	default:
		p.f.SetTextColor(r, g, b)
	}
}

func (p *pdfDoc) font(style string, size float64, c rgb) {
	p.f.SetFont(font, style, size)
	p.colour('t', c)
}

func (p *pdfDoc) pageHeader() {
	if !p.header {
		return
	}
	f := p.f
	p.colour('f', colBand)
	f.Rect(0, 0, pageW, 3, "F")
	p.font("B", 8, colBand)
	f.Text(marginX, 10, p.v.Title)
	p.font("", 8, colMuted)
	m := p.v.Month
	f.Text(pageW-marginX-f.GetStringWidth(m), 10, m)
	p.colour('d', colGrid)
	f.SetLineWidth(0.2)
	f.Line(marginX, 12.5, pageW-marginX, 12.5)
	f.SetY(marginTop)
}

func (p *pdfDoc) pageFooter() {
	f := p.f
	p.font("", 7, colMuted)
	s := p.v.Labels.Page + " " + strconv.Itoa(f.PageNo()) + " / {nb}"
	f.Text(pageW-marginX-22, pageH-9, s)
	f.Text(marginX, pageH-9, p.v.Labels.AsOf+" "+p.v.AsOf)
}

func (p *pdfDoc) cover() {
	f := p.f
	f.AddPage()
	p.colour('f', colBand)
	f.Rect(0, 0, pageW, 105, "F")
	p.font("", 12, rgb(0xc9d6e3))
	f.Text(marginX, 40, p.v.Labels.Cover)
	p.font("B", 30, rgb(0xffffff))
	f.Text(marginX, 62, p.v.Territory)
	p.font("", 20, rgb(0xffffff))
	f.Text(marginX, 80, p.v.Month)
	f.SetY(125)
	p.coverLine(p.v.Labels.AsOf, p.v.AsOf)
	if p.v.Provisional != "" {
		p.coverLine(p.v.Labels.Provisional, p.v.Provisional+" (p)")
	}
	f.Ln(6)
	p.font("", 9, colMuted)
	f.MultiCell(contentW, 4.6, p.v.Method[0], "", "L", false)
	f.Ln(2)
	f.MultiCell(contentW, 4.6, p.v.Labels.Caution, "", "L", false)
	p.header = true
}

func (p *pdfDoc) coverLine(label, value string) {
	f := p.f
	p.font("", 11, colMuted)
	f.CellFormat(55, 8, label, "", 0, "L", false, 0, "")
	p.font("B", 11, colInk)
	f.CellFormat(contentW-55, 8, value, "", 1, "L", false, 0, "")
}

// heading starts a titled block; a new page when newPage is set.
func (p *pdfDoc) heading(title string, newPage bool) {
	f := p.f
	if newPage {
		f.AddPage()
	}
	p.font("B", 16, colBand)
	f.CellFormat(contentW, 9, title, "", 1, "L", false, 0, "")
	p.colour('d', colImprovement)
	f.SetLineWidth(0.6)
	y := f.GetY()
	f.Line(marginX, y, marginX+24, y)
	f.Ln(3)
}

func (p *pdfDoc) subheading(title string) {
	p.ensure(14)
	p.font("B", 10.5, colInk)
	p.f.CellFormat(contentW, 7, title, "", 1, "L", false, 0, "")
}

// ensure starts a new page when less than h millimetres are left.
func (p *pdfDoc) ensure(h float64) {
	if p.f.GetY()+h > bottomY {
		p.f.AddPage()
	}
}

func (p *pdfDoc) section(s SectionView) {
	p.heading(s.Title, true)
	if len(s.Portrait) > 0 {
		p.portrait(s.Portrait)
	}
	p.subheading(p.v.Labels.Key)
	p.keyTable(s.Key)
	for _, n := range s.Notes {
		p.font("", 8, colMuted)
		p.f.MultiCell(contentW, 4, n, "", "L", false)
	}
	p.f.Ln(3)
	p.charts(s.Charts)
}

func (p *pdfDoc) portrait(fields []Field) {
	f := p.f
	p.subheading(p.v.Labels.Portrait)
	p.colour('f', colRowAlt)
	const rowH = 7.5
	y0 := f.GetY()
	rows := (len(fields) + 1) / 2
	f.Rect(marginX, y0, contentW, float64(rows)*rowH+2, "F")
	colW := contentW / 2
	for i, fd := range fields {
		x, w := marginX+3+float64(i%2)*colW, colW-6
		if i == len(fields)-1 && i%2 == 0 {
			w = contentW - 6
		}
		y := y0 + 1 + float64(i/2)*rowH
		p.font("", 6.8, colMuted)
		f.Text(x, y+3, fd.Label)
		p.font("B", 8.2, colInk)
		f.Text(x, y+6.6, fit(f, fd.Value, w))
	}
	f.SetY(y0 + float64(rows)*rowH + 5)
}

// fit shortens s with an ellipsis until it fits width w.
func fit(f *pdfWriter, s string, w float64) string {
	if f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

var keyWidths = []float64{54, 25, 30, 23, 23, 28.9}

func (p *pdfDoc) keyTable(t KeyTable) {
	f := p.f
	p.tableHeader(t.Header, keyWidths)
	unstable := false
	for i, r := range t.Rows {
		if i%2 == 1 {
			p.colour('f', colRowAlt)
			f.Rect(marginX, f.GetY(), contentW, 7, "F")
		}
		p.font("", 8, colInk)
		f.CellFormat(keyWidths[0], 7, fit(f, r.Title, keyWidths[0]-1), "", 0, "L", false, 0, "")
		p.font("B", 8.5, colInk)
		f.CellFormat(keyWidths[1], 7, r.Value, "", 0, "R", false, 0, "")
		p.font("", 7.5, colMuted)
		f.CellFormat(keyWidths[2], 7, r.CI, "", 0, "R", false, 0, "")
		p.font("", 8, colInk)
		f.CellFormat(keyWidths[3], 7, r.Previous, "", 0, "R", false, 0, "")
		f.CellFormat(keyWidths[4], 7, r.LastYear, "", 0, "R", false, 0, "")
		p.signalCell(r, keyWidths[5])
		unstable = unstable || r.Unstable
	}
	f.Ln(1)
	if unstable {
		p.font("", 7, colMuted)
		f.CellFormat(contentW, 4, p.v.Labels.Caution, "", 1, "L", false, 0, "")
	}
}

func (p *pdfDoc) signalCell(r KeyRow, w float64) {
	f := p.f
	x, y := f.GetX(), f.GetY()
	p.colour('f', signalColour(r.Signal))
	f.Circle(x+4, y+3.5, 1.3, "F")
	p.font("", 7.5, colInk)
	f.SetX(x + 6.5)
	f.CellFormat(w-6.5, 7, r.SignalText, "", 1, "L", false, 0, "")
}

func (p *pdfDoc) tableHeader(h []string, widths []float64) {
	f := p.f
	p.colour('f', colBand)
	p.font("B", 7.5, rgb(0xffffff))
	for i, s := range h {
		align := "R"
		if i == 0 || (len(widths) == 6 && i == 5) {
			align = "L"
		}
		f.CellFormat(widths[i], 7, fit(f, s, widths[i]-1.5), "", 0, align, true, 0, "")
	}
	f.Ln(-1)
}

func (p *pdfDoc) table(t TableView) {
	f := p.f
	p.subheading(t.Title)
	widths := p.tableWidths(t)
	p.tableHeader(t.Header, widths)
	if len(t.Rows) == 0 {
		p.font("", 8, colMuted)
		f.CellFormat(contentW, 6, t.Empty, "", 1, "L", false, 0, "")
	}
	for i, r := range t.Rows {
		if f.GetY()+6 > bottomY {
			f.AddPage()
			p.tableHeader(t.Header, widths)
		}
		if i%2 == 1 {
			p.colour('f', colRowAlt)
			f.Rect(marginX, f.GetY(), contentW, 6, "F")
		}
		p.font("", 8, colInk)
		for j, c := range r {
			align := "R"
			if j == 0 {
				align = "L"
			}
			f.CellFormat(widths[j], 6, fit(f, c, widths[j]-1.5), "", 0, align, false, 0, "")
		}
		f.Ln(-1)
	}
	f.Ln(4)
}

// tableWidths shares the page width among columns in proportion to their
// widest text (header in bold, cells in regular), with a floor.
func (p *pdfDoc) tableWidths(t TableView) []float64 {
	f := p.f
	need := make([]float64, len(t.Header))
	for j, h := range t.Header {
		p.font("B", 7.5, colInk)
		need[j] = f.GetStringWidth(h) + 4
	}
	p.font("", 8, colInk)
	for _, r := range t.Rows {
		for j, c := range r {
			need[j] = math.Max(need[j], f.GetStringWidth(c)+4)
		}
	}
	total := 0.0
	for j := range need {
		need[j] = math.Max(need[j], 18)
		total += need[j]
	}
	for j := range need {
		need[j] *= contentW / total
	}
	return need
}

func (p *pdfDoc) qualityPages() {
	p.heading(p.v.Labels.Quality, true)
	for _, t := range p.v.Quality {
		p.table(t)
	}
	p.ensure(30)
	p.table(p.v.Revisions)
}

func (p *pdfDoc) annexPages() {
	f := p.f
	p.heading(p.v.Labels.Annex, true)
	for _, m := range p.v.Method {
		p.font("", 8.5, colInk)
		f.MultiCell(contentW, 4.4, m, "", "L", false)
		f.Ln(1.5)
	}
	f.Ln(3)
	for _, e := range p.v.Annex {
		p.ensure(18)
		p.font("B", 9, colBand)
		f.CellFormat(contentW, 5, e.Title, "", 1, "L", false, 0, "")
		p.font("", 7.5, colMuted)
		f.CellFormat(contentW, 4, e.ID+" · "+e.Other+" · "+e.Unit+" · "+e.Direction, "", 1, "L", false, 0, "")
		p.font("", 8.5, colInk)
		f.MultiCell(contentW, 4.2, e.Definition, "", "L", false)
		f.Ln(2.5)
	}
}
