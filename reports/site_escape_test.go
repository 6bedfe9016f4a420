package reports

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestInert(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Saint-Sauveur", "Saint-Sauveur"},
		{"a_b", "a_b"},
		{"__f__function(){alert(1)}__f__", "_\u200b_f_\u200b_function(){\u200balert(1)}_\u200b_f_\u200b_"},
		{"___", "_\u200b_\u200b_"},
		{"{a|b}", "{\u200ba|b}"},
		{"{b} {@score}", "{\u200bb} {\u200b@score}"},
	} {
		got := inert(tc.in)
		if got != tc.want {
			t.Errorf("inert(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if strings.Contains(got, "__") || strings.Contains(strings.ReplaceAll(got, "{"+zwsp, ""), "{") {
			t.Errorf("inert(%q) = %q still holds __ or an active {", tc.in, got)
		}
	}
}

func TestScriptJSON(t *testing.T) {
	hostile := "</script><script>alert(1)</script><!-- & \u2028\u2029"
	got, err := scriptJSON(map[string]any{"name": hostile})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<", ">", "&", "\u2028", "\u2029"} {
		if strings.Contains(got, bad) {
			t.Errorf("scriptJSON output %q holds %q", got, bad)
		}
	}
	var back map[string]string
	if err := json.Unmarshal([]byte(got), &back); err != nil || back["name"] != hostile {
		t.Errorf("round trip: got %q (%v), want %q", back["name"], err, hostile)
	}
}

func TestCSVCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"Saint-Sauveur", "Saint-Sauveur"},
		{"<5", "<5"},
		{"", ""},
	} {
		if got := csvValue(tc.in); got != tc.want {
			t.Errorf("csvValue(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, n := range []string{"-2", "-2,5", "12,3", "1234.5"} { // signs of numbers stay numbers
		if got := csvValue(n); got != n {
			t.Errorf("csvValue(%q) = %q, want it unchanged", n, got)
		}
	}
}

func TestPlainNumber(t *testing.T) {
	fr, en := newLocale("fr"), newLocale("en")
	for _, tc := range []struct {
		l        locale
		in, want string
	}{
		{fr, "1\u00a0234,5", "1234,5"},
		{fr, "12,3\u00a0%", "12,3"},
		{fr, "−2,0", "-2,0"},
		{fr, "<5", "<5"},
		{fr, "x", "x"},
		{fr, "—", ""},
		{en, "1,234.5", "1234.5"},
		{en, "12.3%", "12.3"},
		{en, "1,185", "1185"},
	} {
		if got := plainNumber(tc.in, tc.l); got != tc.want {
			t.Errorf("plainNumber(%q, %s) = %q, want %q", tc.in, tc.l.lang, got, tc.want)
		}
	}
}

// TestCSVBytes checks the bytes French and English Excel open: written by
// hand from the rules (BOM, delimiter, CRLF, quoting, neutralized cells).
func TestCSVBytes(t *testing.T) {
	tab := dataTable{Header: []string{"Quartier", "Taux (pour 1 000)"}, Rows: [][]cell{
		{{Text: "=HYPERLINK(1)", CSV: "=HYPERLINK(1)"}, {Text: "1\u00a0234,5", CSV: "1234,5"}},
		{{Text: "Côte;Nord", CSV: "Côte;Nord"}, {Text: "<5", CSV: "<5"}},
		{{Text: "Sud", CSV: "Sud"}, {Text: "−2,5", CSV: "-2,5"}},
	}}
	got, err := csvBytes(tab, newLocale("fr"))
	if err != nil {
		t.Fatal(err)
	}
	want := "\ufeffQuartier;Taux (pour 1 000)\r\n'=HYPERLINK(1);1234,5\r\n\"Côte;Nord\";<5\r\nSud;-2,5\r\n"
	if string(got) != want {
		t.Errorf("fr CSV:\n got %q\nwant %q", got, want)
	}
	got, err = csvBytes(dataTable{Header: []string{"Area", "Rate"}, Rows: [][]cell{{{CSV: "North, East"}, {CSV: "1234.5"}}}}, newLocale("en"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "\ufeffArea,Rate\r\n\"North, East\",1234.5\r\n"; string(got) != want {
		t.Errorf("en CSV:\n got %q\nwant %q", got, want)
	}
	if !bytes.HasPrefix(got, []byte{0xef, 0xbb, 0xbf}) {
		t.Errorf("no UTF-8 BOM")
	}
}

func TestFileSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"comparaison Taux d’interventions de crise", "comparaison-taux-d-interventions-de-crise"},
		{"Îlot-Desranleau — Carte de contrôle XmR", "ilot-desranleau-carte-de-controle-xmr"},
		{"</script>", "script"},
		{"😀", "donnees"},
		{strings.Repeat("quartier ", 40), "quartier-quartier-quartier-quartier-quartier-quartier-quartier-quartier"},
	} {
		if got := fileSlug(tc.in); got != tc.want {
			t.Errorf("fileSlug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	n := csvNames{}
	if a, b := n.name("x", "Taux"), n.name("x", "Taux"); a != "x-taux.csv" || b != "x-taux-2.csv" {
		t.Errorf("names %q, %q; want x-taux.csv, x-taux-2.csv", a, b)
	}
}

// TestDispersion checks Spiegelhalter's φ̂ and τ̂² on four areas, against
// values computed by hand with a 12-line Python script (math module only):
// θ = 200/10 000, z = (0, −1.5811, 2.2361, −1.2910), Winsorized at the
// type-7 10th/90th percentiles (−1.4941, 1.5652), φ̂ = 6.3490/4,
// τ̂² = (4φ̂ − 3)/(500 000 − 7.5e10/500 000).
func TestDispersion(t *testing.T) {
	all := []Exposure{{Count: 20, Exposure: 1000}, {Count: 30, Exposure: 2000}, {Count: 100, Exposure: 4000}, {Count: 50, Exposure: 3000}, {Count: 3, Exposure: 0}}
	phi, tau2, n := dispersion(all, 0.02)
	if n != 4 || math.Abs(phi-1.5872470191601955) > 1e-12 || math.Abs(tau2-9.568537361830806e-06) > 1e-15 {
		t.Errorf("dispersion = φ %v, τ² %v, n %d; want 1.5872470191601955, 9.568537361830806e-06, 4", phi, tau2, n)
	}
	// identical rates: no dispersion at all
	phi, tau2, _ = dispersion([]Exposure{{Count: 10, Exposure: 1000}, {Count: 20, Exposure: 2000}, {Count: 30, Exposure: 3000}}, 0.01)
	if phi != 0 || tau2 != 0 {
		t.Errorf("equal rates: φ %v τ² %v, want 0, 0", phi, tau2)
	}
}

func TestNiceCeil(t *testing.T) {
	for _, tc := range []struct{ in, want float64 }{{0, 0}, {0.7, 1}, {74.8, 100}, {12, 20}, {21, 25}, {250, 250}, {3.2, 5}} {
		if got := niceCeil(tc.in); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("niceCeil(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestSiteContrast checks every colour that carries meaning on the site
// against the white page: at least 3:1 (WCAG 2.1, 1.4.11). The formula is
// first checked on the WCAG reference pairs (black/white 21:1, #777777
// 4.48:1).
func TestSiteContrast(t *testing.T) {
	if got := contrast(0x000000, 0xffffff); math.Abs(got-21) > 1e-9 {
		t.Fatalf("contrast(black, white) = %v, want 21", got)
	}
	if got := contrast(0x777777, 0xffffff); math.Abs(got-4.48) > 0.005 {
		t.Fatalf("contrast(#777, white) = %v, want 4.48", got)
	}
	for name, c := range map[string]rgb{"improvement": siteSignalColour("improvement"), "concern": siteSignalColour("concern"),
		"common": siteSignalColour(""), "comparison": colComparison, "observed": colObserved, "marker": colMarker} {
		if got := contrast(c, colPage); got < 3 {
			t.Errorf("%s %s on white: %.2f:1, want ≥ 3:1", name, c.hex(), got)
		}
	}
	if got := contrast(colConcern, colPage); got >= 3 {
		t.Errorf("MDC orange %.2f:1: the site could use the PDF's palette again", got)
	}
}

// TestAxisTips checks the tooltip lines of one month against text written
// by hand: the suppressed count shows "<5", never 0; the interval shows
// low – high, not its width.
func TestAxisTips(t *testing.T) {
	c := Chart{Kind: KindLine, Categories: []string{"2024-02", "2024-03"}, Series: []ChartSeries{
		{Name: "Observé", Role: RoleObserved, Points: []Point{
			{Label: "2024-02", Shown: "<5"},
			{Label: "2024-03", Value: ptr(12.34), Lo: ptr(10.06), Hi: ptr(14.26), Shown: "12,3", Provisional: true, Unstable: true, Signal: "concern"}}},
		{Name: "Ajusté", Role: RoleFitted, Points: []Point{{Label: "2024-02"}, {Label: "2024-03", Value: ptr(11.0), Shown: "11,0"}}},
	}}
	heads, tips := axisTips(c, newLocale("fr"))
	want := [][]string{{"Observé : <5"}, {"Observé : 12,3 † — signal : préoccupation", "IC 95 % : 10,1 – 14,3", "Ajusté : 11,0"}}
	if heads[0] != "février 2024" || heads[1] != "mars 2024 (p) — provisoire" {
		t.Errorf("heads %q", heads)
	}
	for i := range want {
		if strings.Join(tips[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("tips[%d] = %q, want %q", i, tips[i], want[i])
		}
	}
}
