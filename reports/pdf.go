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

// RenderPDF writes the monthly report as a PDF: page 1 sums the month up
// (findings, summary matrix, signals to watch), then the territory's
// pages, one page per outreach neighbourhood, half a page per comparison
// neighbourhood, data quality and revisions, and the methodology annex.
// The same Report gives the same bytes: dates are pinned to r.AsOf and
// the catalogue is sorted.
func RenderPDF(w io.Writer, r Report) error {
	v, err := Build(r)
	if err != nil {
		return err
	}
	return renderView(w, v, r)
}

func renderView(w io.Writer, v View, r Report) error {
	sum, err := buildSummary(r)
	if err != nil {
		return err
	}
	p, err := newPDF(v, r)
	if err != nil {
		return err
	}
	p.summaryPage(sum)
	raw := append([]Section{r.Overview}, r.Neighbourhoods...)
	for _, i := range sectionOrder(raw) {
		p.section(v.Sections[i], raw[i], i)
	}
	p.qualityPages()
	p.annexPages()
	if err := p.f.Output(w); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	return nil
}

// sectionOrder prints the territory, then the outreach neighbourhoods,
// then the comparison neighbourhoods (which take half a page each).
func sectionOrder(secs []Section) []int {
	var first, last []int
	for i, s := range secs {
		if isComparison(s) {
			last = append(last, i)
		} else {
			first = append(first, i)
		}
	}
	return append(first, last...)
}

// isComparison reports whether s is a neighbourhood without outreach.
func isComparison(s Section) bool { return s.Portrait != nil && s.Portrait.OutreachStart == nil }

// pdfDoc is one PDF being written.
type pdfDoc struct {
	f      *pdfWriter
	v      View
	r      Report
	header bool
	// onSectionPage is true while the current page holds a comparison
	// neighbourhood that leaves room for another.
	onSectionPage bool
}

// pdfString is the one place every string passes through before it is
// measured or written, so that a glyph fallback for characters outside
// DejaVu Sans applies everywhere.
func pdfString(s string) string { return s }

// text writes s at (x, y).
func (p *pdfDoc) text(x, y float64, s string) { p.f.Text(x, y, pdfString(s)) }

// cell writes s in a cell of width w and height h; ln as fpdf's CellFormat.
func (p *pdfDoc) cell(w, h float64, s string, ln int, align string, fill bool) {
	p.f.CellFormat(w, h, pdfString(s), "", ln, align, fill, 0, "")
}

// multi writes s wrapped to width w.
func (p *pdfDoc) multi(w, h float64, s, align string, fill bool) {
	p.f.MultiCell(w, h, pdfString(s), "", align, fill)
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
	p := &pdfDoc{f: f, v: v, r: r}
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
	p.text(marginX, 10, p.v.Title)
	p.font("", 8, colMuted)
	m := p.v.Month
	p.rightText(marginX, 10, contentW, m)
	p.colour('d', colGrid)
	f.SetLineWidth(0.2)
	f.Line(marginX, 12.5, pageW-marginX, 12.5)
	f.SetY(marginTop)
}

func (p *pdfDoc) pageFooter() {
	f := p.f
	p.font("", 7, colMuted)
	s := p.v.Labels.Page + " " + strconv.Itoa(f.PageNo()) + " / {nb}"
	p.text(pageW-marginX-22, pageH-9, s)
	p.text(marginX, pageH-9, p.v.Labels.AsOf+" "+p.v.AsOf)
}

// heading starts a titled block; a new page when newPage is set.
func (p *pdfDoc) heading(title string, newPage bool) {
	f := p.f
	if newPage {
		f.AddPage()
	}
	p.font("B", 16, colBand)
	p.cell(contentW, 9, title, 1, "L", false)
	p.colour('d', colImprovement)
	f.SetLineWidth(0.6)
	y := f.GetY()
	f.Line(marginX, y, marginX+24, y)
	f.Ln(3)
}

func (p *pdfDoc) subheading(title string) {
	p.ensure(14)
	p.font("B", 10.5, colInk)
	p.cell(contentW, 7, title, 1, "L", false)
}

// ensure starts a new page when less than h millimetres are left.
func (p *pdfDoc) ensure(h float64) {
	if p.f.GetY()+h > bottomY {
		p.f.AddPage()
	}
}

// section prints one area: an outreach area starts a page; a comparison
// neighbourhood takes half a page, after the others.
func (p *pdfDoc) section(s SectionView, raw Section, area int) {
	cmp := isComparison(raw)
	if cmp && p.onSectionPage && p.f.GetY()+halfPage < bottomY {
		p.f.Ln(4)
		p.heading(s.Title, false)
	} else {
		p.heading(s.Title, true)
	}
	if len(s.Portrait) > 0 {
		p.portrait(s.Portrait, cmp)
	}
	p.keyTable(s.Key, raw, cmp)
	for _, n := range s.Notes {
		p.font("", 7.5, colMuted)
		p.multi(contentW, 3.6, n, "L", false)
	}
	p.f.Ln(1.5)
	p.forest(s.Forest)
	p.charts(p.pdfCharts(s, raw, area))
	p.onSectionPage = true
}

// halfPage is the height a comparison neighbourhood needs.
const halfPage = 118.0

// portrait prints the population fields four to a row and the partners
// by sector wrapped on their own line (never cut).
func (p *pdfDoc) portrait(fields []Field, compact bool) {
	f := p.f
	p.font("B", 9.5, colInk)
	p.cell(contentW, 5.5, p.v.Labels.Portrait, 1, "L", false)
	const rowH = 8.2
	y0 := f.GetY()
	short := fields
	var long []Field
	if len(fields) > 6 {
		short, long = fields[:6], fields[6:]
	}
	// The middle column holds the deprivation quintiles' long label.
	colW := []float64{50, 70, contentW - 120}
	cols := len(colW)
	rows := (len(short) + cols - 1) / cols
	p.colour('f', colRowAlt)
	f.Rect(marginX, y0, contentW, float64(rows)*rowH+1, "F")
	for i, fd := range short {
		x, y := marginX+2, y0+float64(i/cols)*rowH
		for c := 0; c < i%cols; c++ {
			x += colW[c]
		}
		w := colW[i%cols] - 3
		p.font("", 7, colMuted)
		p.text(x, y+3.2, fit(f, fd.Label, w))
		p.font("B", 8.2, colInk)
		p.text(x, y+7, fit(f, fd.Value, w))
	}
	f.SetY(y0 + float64(rows)*rowH + 1)
	for _, fd := range long {
		p.colour('f', colRowAlt)
		f.SetX(marginX)
		p.font("", 7, colMuted)
		p.cell(contentW, 4, "  "+fd.Label, 1, "L", true)
		p.font("", 7.8, colInk)
		f.SetX(marginX)
		p.multi(contentW, 3.8, "  "+fd.Value, "L", true)
	}
	f.Ln(2.5)
}

// fit shortens s with an ellipsis until it fits width w; it is a last
// resort, as the layout sizes labels to fit.
func fit(f *pdfWriter, s string, w float64) string {
	s = pdfString(s)
	if f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

var keyWidths = []float64{66, 22, 24, 23.5, 23.5, 24.9}

// keyEmpty reports whether a key row has nothing to say: no value or zero
// in the month, the month before and a year before.
func keyEmpty(k Key) bool {
	zero := func(v *Value) bool { return v == nil || v.Value == nil || *v.Value == 0 }
	return zero(&k.Current) && zero(k.Previous) && zero(k.LastYear)
}

// keyTable prints the key indicators, each title with its unit; a
// comparison neighbourhood drops the rows that are empty there.
func (p *pdfDoc) keyTable(t KeyTable, raw Section, dropEmpty bool) {
	f := p.f
	p.font("B", 9.5, colInk)
	p.cell(contentW, 5.5, p.v.Labels.Key, 1, "L", false)
	p.tableHeader(t.Header, keyWidths, "LRRRRL")
	unstable := false
	n := 0
	for i, r := range t.Rows {
		if dropEmpty && i < len(raw.Key) && raw.Key[i].Indicator == r.Indicator && keyEmpty(raw.Key[i]) {
			continue
		}
		h := p.keyRowHeight(r)
		if n%2 == 1 {
			p.colour('f', colRowAlt)
			f.Rect(marginX, f.GetY(), contentW, h, "F")
		}
		n++
		charted := i >= len(raw.Key) || raw.Key[i].HasSPC || raw.Key[i].Signal != ""
		p.keyRow(r, h, charted)
		unstable = unstable || r.Unstable
	}
	f.Ln(1)
	if unstable {
		p.font("", 7, colMuted)
		p.cell(contentW, 4, p.v.Labels.Caution, 1, "L", false)
	}
}

const keyRowH = 4.75

// keyTitle is the title with its unit when the unit is not a plain count.
func keyUnit(r KeyRow) string {
	switch r.Unit {
	case "", "nombre", "count":
		return ""
	}
	return r.Unit
}

// keyRowHeight is one line, or two when the unit does not fit beside
// the title.
func (p *pdfDoc) keyRowHeight(r KeyRow) float64 {
	u := keyUnit(r)
	if u == "" {
		return keyRowH
	}
	p.font("", 7.6, colInk)
	w := p.f.GetStringWidth(pdfString(r.Title))
	p.font("", 6.8, colMuted)
	if w+p.f.GetStringWidth(pdfString(" · "+u))+2 <= keyWidths[0] {
		return keyRowH
	}
	return keyRowH + 2.7
}

// keyRow prints one row; charted is false when the indicator has no
// control chart, so that no signal column claims "none".
func (p *pdfDoc) keyRow(r KeyRow, h float64, charted bool) {
	f := p.f
	x, y := f.GetX(), f.GetY()
	p.font("", 7.6, colInk)
	p.text(x+1, y+3.4, r.Title)
	if u := keyUnit(r); u != "" {
		tw := f.GetStringWidth(pdfString(r.Title))
		p.font("", 7, colMuted)
		if h > keyRowH {
			p.text(x+1, y+6.2, u)
		} else {
			p.text(x+1+tw, y+3.4, " · "+u)
		}
	}
	x += keyWidths[0]
	p.font("B", 8, colInk)
	p.rightText(x, y+3.4, keyWidths[1]-1.5, r.Value)
	x += keyWidths[1]
	p.font("", 7, colMuted)
	p.rightText(x, y+3.4, keyWidths[2]-1.5, r.CI)
	x += keyWidths[2]
	p.font("", 7.6, colInk)
	p.rightText(x, y+3.4, keyWidths[3]-1.5, r.Previous)
	x += keyWidths[3]
	p.rightText(x, y+3.4, keyWidths[4]-1.5, r.LastYear)
	x += keyWidths[4]
	if charted {
		p.signalShape(r.Signal, x+3.5, y+2.3, 1.2)
		p.font("", 7, colInk)
		p.text(x+6.5, y+3.4, fit(f, r.SignalText, keyWidths[5]-7))
	} else {
		p.font("", 7, colMuted)
		p.text(x+2.5, y+3.4, "—")
	}
	f.SetXY(marginX, y+h)
}

// tableHeader prints a header row; aligns holds one of L, C, R per
// column (empty: the first left, the others right).
func (p *pdfDoc) tableHeader(h []string, widths []float64, aligns string) {
	f := p.f
	p.colour('f', colBand)
	p.font("B", 7.5, rgb(0xffffff))
	for i, s := range h {
		align := "R"
		if i < len(aligns) {
			align = aligns[i : i+1]
		} else if i == 0 {
			align = "L"
		}
		p.cell(widths[i], 7, fit(f, s, widths[i]-1.5), 0, align, true)
	}
	f.Ln(-1)
}

func (p *pdfDoc) table(t TableView) {
	f := p.f
	p.subheading(t.Title)
	widths := p.tableWidths(t)
	p.tableHeader(t.Header, widths, "")
	if len(t.Rows) == 0 {
		p.font("", 8, colMuted)
		p.cell(contentW, 6, t.Empty, 1, "L", false)
	}
	for i, r := range t.Rows {
		if f.GetY()+6 > bottomY {
			f.AddPage()
			p.tableHeader(t.Header, widths, "")
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
			p.cell(widths[j], 6, fit(f, c, widths[j]-1.5), 0, align, false)
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
		need[j] = f.GetStringWidth(pdfString(h)) + 4
	}
	p.font("", 8, colInk)
	for _, r := range t.Rows {
		for j, c := range r {
			need[j] = math.Max(need[j], f.GetStringWidth(pdfString(c))+4)
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

// qualityPages start on the current page when it has room for most of
// them.
func (p *pdfDoc) qualityPages() {
	if p.f.GetY()+90 < bottomY {
		p.f.Ln(4)
		p.heading(p.v.Labels.Quality, false)
	} else {
		p.heading(p.v.Labels.Quality, true)
	}
	for _, t := range p.v.Quality {
		p.table(t)
	}
	p.ensure(30)
	p.table(p.v.Revisions)
}

// annexPages print the method paragraphs across the page, then the
// catalogue in two columns; the annex starts on the current page when it
// has room.
func (p *pdfDoc) annexPages() {
	f := p.f
	if f.GetY()+70 < bottomY {
		f.Ln(4)
		p.heading(p.v.Labels.Annex, false)
	} else {
		p.heading(p.v.Labels.Annex, true)
	}
	for _, m := range p.v.Method {
		p.font("", 8, colInk)
		p.multi(contentW, 4, m, "L", false)
		f.Ln(1.2)
	}
	f.Ln(2)
	colW := (contentW - gutter) / 2
	col, top := 0, f.GetY()
	for _, e := range p.v.Annex {
		if f.GetY()+p.annexHeight(e, colW) > bottomY {
			if col == 0 {
				col = 1
				f.SetY(top)
			} else {
				col = 0
				f.SetLeftMargin(marginX)
				f.AddPage()
				top = f.GetY()
			}
		}
		x := marginX + float64(col)*(colW+gutter)
		f.SetLeftMargin(x)
		f.SetX(x)
		p.annexEntry(e, colW)
	}
	f.SetLeftMargin(marginX)
}

func (p *pdfDoc) annexMeta(e AnnexEntry) string {
	return e.ID + " · " + e.Other + " · " + e.Unit + " · " + e.Direction
}

// annexHeight is the height of one catalogue entry in a column of width w.
func (p *pdfDoc) annexHeight(e AnnexEntry, w float64) float64 {
	p.font("", 7, colMuted)
	meta := len(p.f.SplitText(pdfString(p.annexMeta(e)), w))
	p.font("", 7.8, colInk)
	def := len(p.f.SplitText(pdfString(e.Definition), w))
	return 4.6 + 3.3*float64(meta) + 3.6*float64(def) + 2
}

func (p *pdfDoc) annexEntry(e AnnexEntry, w float64) {
	p.font("B", 8.4, colBand)
	p.multi(w, 4.6, e.Title, "L", false)
	p.font("", 7, colMuted)
	p.multi(w, 3.3, p.annexMeta(e), "L", false)
	p.font("", 7.8, colInk)
	p.multi(w, 3.6, e.Definition, "L", false)
	p.f.Ln(2)
}
