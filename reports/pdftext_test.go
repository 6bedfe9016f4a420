package reports

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFontGlyphs checks the cmap reader against fontconfig: DejaVu Sans
// maps 5 370 BMP code points, the bold 5 366 (counted with
// `fc-query -f '%{charset}' DejaVuSans.ttf`, ranges expanded); when
// fc-query is installed the two sets are compared point by point.
func TestFontGlyphs(t *testing.T) {
	for _, tc := range []struct {
		font string
		want int
	}{{"DejaVuSans.ttf", 5370}, {"DejaVuSans-Bold.ttf", 5366}} {
		ttf, err := asset(tc.font)
		if err != nil {
			t.Fatal(err)
		}
		g, err := fontGlyphs(ttf)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for r := rune(0); r < 0x10000; r++ {
			if g.has(r) {
				n++
			}
		}
		if n != tc.want {
			t.Errorf("%s: %d code points, want %d", tc.font, n, tc.want)
		}
		for _, r := range "AéÎŒ’…«»\uFFFD" {
			if !g.has(r) {
				t.Errorf("%s lacks %U", tc.font, r)
			}
		}
		for _, r := range []rune{0x0378, 0x1F600, 0x10FFFF, -1, 0x0007} {
			if g.has(r) {
				t.Errorf("%s claims %U", tc.font, r)
			}
		}
		compareFontconfig(t, tc.font, g)
	}
}

// compareFontconfig compares g with fc-query's charset of the font.
func compareFontconfig(t *testing.T, font string, g glyphSet) {
	t.Helper()
	if _, err := exec.LookPath("fc-query"); err != nil {
		return
	}
	out, err := exec.Command("fc-query", "-f", "%{charset}", "assets/"+font).Output()
	if err != nil {
		t.Fatalf("fc-query: %v", err)
	}
	want := make(glyphSet, len(g))
	for _, tok := range strings.Fields(string(out)) {
		lo, hi, _ := strings.Cut(tok, "-")
		if hi == "" {
			hi = lo
		}
		var a, b int
		fmtSscan(t, lo, &a)
		fmtSscan(t, hi, &b)
		for c := a; c <= b && c < 0xFFFF; c++ {
			want.add(c)
		}
	}
	for r := rune(0); r < 0xFFFF; r++ {
		if g.has(r) != want.has(r) {
			t.Errorf("%s %U: cmap reader %v, fontconfig %v", font, r, g.has(r), want.has(r))
		}
	}
}

func TestTextFilter(t *testing.T) {
	reg, _ := asset("DejaVuSans.ttf")
	bold, _ := asset("DejaVuSans-Bold.ttf")
	f, err := newTextFilter(reg, bold)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, want string }{
		{"Montée-de-l'Église", "Montée-de-l'Église"},
		{"Parc 🌳 vert", "Parc \uFFFD vert"},
		{"𝔘nicode 𐍈", "\uFFFDnicode \uFFFD"},
		{"a\u0378b", "a\uFFFDb"},
		{"bad \xff\xfe utf8", "bad \uFFFD\uFFFD utf8"},
		{"bell\x07 and\nnewline", "bell\uFFFD and\nnewline"},
		{"\uF000", "\uFFFD"}, // in the regular font only
	} {
		got := f.clean(tc.in)
		if got != tc.want || !utf8.ValidString(got) {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestPDFHostileNames renders names no font draws whole: emoji and other
// runes outside the BMP (which made fpdf index past its width table),
// unassigned code points, invalid UTF-8, control bytes and a name of 2 000
// characters. The PDF must render, and show the replacement glyph.
func TestPDFHostileNames(t *testing.T) {
	r := fixtureReport(2, "fr", 1)
	r.Territory.Name = "Territoire 🏙️ " + strings.Repeat("très long ", 200)
	r.Overview.Area.Name = r.Territory.Name
	r.Neighbourhoods[0].Area.Name = "Jardins 🌳 Fleuris 𝔘 \xff\x07 \u0378"
	r.Neighbourhoods[1].Area.Name = "</script><script>alert(1)</script>"
	text := pdfText(t, renderFixturePDF(t, r))
	for _, want := range []string{"Jardins \uFFFD Fleuris \uFFFD \uFFFD\uFFFD \uFFFD", "</script><script>alert(1)</script>", "Territoire \uFFFD"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
}

func fmtSscan(t *testing.T, s string, v *int) {
	t.Helper()
	if _, err := fmt.Sscanf(s, "%x", v); err != nil {
		t.Fatalf("fc-query charset %q: %v", s, err)
	}
}
