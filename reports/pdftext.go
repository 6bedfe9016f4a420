package reports

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
)

// errNoCmap means a font has no Unicode BMP character map (format 4).
var errNoCmap = errors.New("font has no Unicode format-4 cmap")

// glyphSet is the set of Basic Multilingual Plane code points a font maps
// to a glyph, one bit each.
type glyphSet []uint64

func (g glyphSet) has(r rune) bool {
	return r >= 0 && r < 0x10000 && g[r>>6]&(1<<(r&63)) != 0
}

func (g glyphSet) add(r int) { g[r>>6] |= 1 << (r & 63) }

// fontGlyphs reads the format-4 Unicode cmap of a TrueType font: the one
// table fpdf draws UTF-8 text with, so exactly what it can draw. (fpdf
// ignores format 12: a rune outside the BMP has no width there and made it
// index past its 65 536-entry width table.)
func fontGlyphs(ttf []byte) (glyphSet, error) {
	sub, err := cmap4(ttf)
	if err != nil {
		return nil, err
	}
	g := make(glyphSet, 0x10000/64)
	segs := int(u16(sub, 6)) / 2
	if len(sub) < 16+8*segs {
		return nil, errNoCmap
	}
	ends, starts, deltas, offsets := 14, 16+2*segs, 16+4*segs, 16+6*segs
	for i := 0; i < segs; i++ {
		end, start := int(u16(sub, ends+2*i)), int(u16(sub, starts+2*i))
		delta, ro := int(u16(sub, deltas+2*i)), int(u16(sub, offsets+2*i))
		for c := start; c <= end && c < 0xFFFF; c++ {
			if glyphOf(sub, c, start, delta, ro, offsets+2*i) != 0 {
				g.add(c)
			}
		}
	}
	return g, nil
}

// glyphOf is the glyph index of c in a format-4 segment (0: none).
func glyphOf(sub []byte, c, start, delta, ro, roAt int) int {
	if ro == 0 {
		return (c + delta) & 0xFFFF
	}
	at := roAt + ro + 2*(c-start)
	if at+2 > len(sub) {
		return 0
	}
	if gl := int(u16(sub, at)); gl != 0 {
		return (gl + delta) & 0xFFFF
	}
	return 0
}

// cmap4 returns the first Unicode format-4 subtable of the font's cmap, in
// the order fpdf looks for it: platform 0, or Windows (3) Unicode BMP (1).
func cmap4(ttf []byte) ([]byte, error) {
	if len(ttf) < 12 {
		return nil, errNoCmap
	}
	for i, n := 0, int(u16(ttf, 4)); i < n && 12+16*i+16 <= len(ttf); i++ {
		rec := ttf[12+16*i:]
		if string(rec[:4]) != "cmap" {
			continue
		}
		off := int(binary.BigEndian.Uint32(rec[8:]))
		if off+4 > len(ttf) {
			return nil, errNoCmap
		}
		cm := ttf[off:]
		for j, m := 0, int(u16(cm, 2)); j < m && 4+8*j+8 <= len(cm); j++ {
			platform, encoding := u16(cm, 4+8*j), u16(cm, 6+8*j)
			so := int(binary.BigEndian.Uint32(cm[8+8*j:]))
			if (platform == 0 || platform == 3 && encoding == 1) && so+14 <= len(cm) && u16(cm, so) == 4 {
				return cm[so:min(len(cm), so+int(u16(cm, so+2)))], nil
			}
		}
	}
	return nil, errNoCmap
}

func u16(b []byte, at int) uint16 {
	if at+2 > len(b) {
		return 0
	}
	return binary.BigEndian.Uint16(b[at:])
}

// textFilter replaces what the report's fonts cannot draw by a
// replacement glyph: any rune outside the BMP (emoji), unassigned or
// control code points, and invalid UTF-8.
type textFilter struct {
	glyphs   glyphSet
	fallback rune
}

// newTextFilter keeps the runes every font draws; the fallback is U+FFFD
// when they all have it, else '?'.
func newTextFilter(fonts ...[]byte) (textFilter, error) {
	var all glyphSet
	for _, ttf := range fonts {
		g, err := fontGlyphs(ttf)
		if err != nil {
			return textFilter{}, fmt.Errorf("render pdf: %w", err)
		}
		if all == nil {
			all = g
			continue
		}
		for i := range all {
			all[i] &= g[i]
		}
	}
	t := textFilter{glyphs: all, fallback: '?'}
	if all.has(utf8.RuneError) {
		t.fallback = utf8.RuneError
	}
	return t, nil
}

// clean returns s with every rune the fonts lack replaced by the fallback;
// line feeds stay (MultiCell breaks lines on them).
func (t textFilter) clean(s string) string {
	if t.drawable(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r != '\n' && !t.glyphs.has(r) {
			r = t.fallback
		}
		b.WriteRune(r)
	}
	return b.String()
}

// drawable reports whether s is valid UTF-8 the fonts draw whole.
func (t textFilter) drawable(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return false
		}
		if r != '\n' && !t.glyphs.has(r) {
			return false
		}
	}
	return true
}

// pdfWriter is the fpdf document with every string it draws, measures or
// stores passed through a textFilter first: the one place text reaches
// fpdf, so no name can make it panic or draw a missing glyph.
type pdfWriter struct {
	*fpdf.Fpdf
	text textFilter
}

// Text draws s at (x, y).
func (w *pdfWriter) Text(x, y float64, s string) { w.Fpdf.Text(x, y, w.text.clean(s)) }

// Cell draws a cell holding s.
func (w *pdfWriter) Cell(wd, h float64, s string) { w.Fpdf.Cell(wd, h, w.text.clean(s)) }

// CellFormat draws a cell holding s, with borders, alignment and fill.
func (w *pdfWriter) CellFormat(wd, h float64, s, border string, ln int, align string, fill bool, link int, linkStr string) {
	w.Fpdf.CellFormat(wd, h, w.text.clean(s), border, ln, align, fill, link, linkStr)
}

// MultiCell draws s wrapped in a column of width wd.
func (w *pdfWriter) MultiCell(wd, h float64, s, border, align string, fill bool) {
	w.Fpdf.MultiCell(wd, h, w.text.clean(s), border, align, fill)
}

// Write draws s as flowing text.
func (w *pdfWriter) Write(h float64, s string) { w.Fpdf.Write(h, w.text.clean(s)) }

// Writef draws formatted flowing text.
func (w *pdfWriter) Writef(h float64, format string, args ...any) {
	w.Write(h, fmt.Sprintf(format, args...))
}

// WriteAligned draws s aligned in a line of the given width.
func (w *pdfWriter) WriteAligned(wd, h float64, s, align string) {
	w.Fpdf.WriteAligned(wd, h, w.text.clean(s), align)
}

// GetStringWidth measures s as it will be drawn.
func (w *pdfWriter) GetStringWidth(s string) float64 { return w.Fpdf.GetStringWidth(w.text.clean(s)) }

// SplitText splits s into lines that fit width wd.
func (w *pdfWriter) SplitText(s string, wd float64) []string {
	return w.Fpdf.SplitText(w.text.clean(s), wd)
}

// SetTitle sets the document title.
func (w *pdfWriter) SetTitle(s string, isUTF8 bool) { w.Fpdf.SetTitle(w.text.clean(s), isUTF8) }

// Bookmark adds an outline entry.
func (w *pdfWriter) Bookmark(s string, level int, y float64) {
	w.Fpdf.Bookmark(w.text.clean(s), level, y)
}

// SplitLines splits txt into lines that fit width wd.
func (w *pdfWriter) SplitLines(txt []byte, wd float64) [][]byte {
	return w.Fpdf.SplitLines([]byte(w.text.clean(string(txt))), wd)
}
