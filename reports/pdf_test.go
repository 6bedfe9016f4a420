package reports

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func renderFixturePDF(tb testing.TB, r Report) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := RenderPDF(&buf, r); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// pdfText runs pdftotext (poppler-utils) on a PDF and returns its text.
func pdfText(tb testing.TB, pdf []byte) string {
	tb.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatal("pdftotext missing (apt-get install poppler-utils)")
		}
		tb.Skip("pdftotext missing (apt-get install poppler-utils)")
	}
	dir := tb.TempDir()
	in := filepath.Join(dir, "r.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		tb.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", in, "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext: %v", err)
	}
	return strings.ReplaceAll(string(out), "\u00a0", " ")
}

func pageCount(tb testing.TB, text string) int {
	tb.Helper()
	return strings.Count(text, "\f")
}

func TestPDFText(t *testing.T) {
	tests := []struct {
		lang string
		want []string
	}{
		{"fr", []string{"Rapport mensuel de l’approche de proximité", "Québec-Nord", "mars 2024", "5 avril 2024",
			"un mois provisoire (p)", "janvier 2024", "Côte-d’Abraham", "Saint-Sauveur", "Indicateurs clés", "Portrait du quartier",
			"Taux d’interventions de crise", "maîtrise statistique des procédés", "Qualité des données", "Valeurs révisées depuis le dernier rapport",
			"Annexe méthodologique", "Suppression des petits nombres", "4 210", "87,5 %", "Début de l’approche", "Santé et services sociaux"}},
		{"en", []string{"Monthly outreach report", "Québec-Nord", "March 2024", "April 5, 2024", "Côte-d’Abraham",
			"Key indicators", "Neighbourhood portrait", "Crisis intervention rate", "statistical process control", "Data quality",
			"Values revised since the last report", "Methodology annex", "Small-cell suppression", "4,210", "87.5%", "Outreach start"}},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			text := pdfText(t, renderFixturePDF(t, fixtureReport(2, tc.lang, 1)))
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q", w)
				}
			}
			// summary + territory (2 pages) + 2 neighbourhoods (a page each) +
			// quality + annex (two columns)
			if got, want := pageCount(t, text), 1+2+2+1+1; got != want {
				t.Errorf("got %d pages, want %d", got, want)
			}
		})
	}
}

func TestPDFReproducible(t *testing.T) {
	a := renderFixturePDF(t, fixtureReport(2, "fr", 1))
	b := renderFixturePDF(t, fixtureReport(2, "fr", 1))
	if !bytes.Equal(a, b) {
		t.Errorf("two renders differ (%d and %d bytes)", len(a), len(b))
	}
	if !bytes.Contains(a, []byte("D:20240405")) {
		t.Errorf("creation date not pinned to the as-of date")
	}
}

// TestPDFSmallCounts renders a model of small counts and checks that the
// key-table rows of counts show <5 and never a bare 1–4.
func TestPDFSmallCounts(t *testing.T) {
	r := fixtureReport(2, "fr", 0.1)
	text := pdfText(t, renderFixturePDF(t, r))
	if !strings.Contains(text, "<5") {
		t.Fatal("text lacks <5")
	}
	bare := regexp.MustCompile(`(^|\s)[1-4](\s|$)`)
	for _, line := range strings.Split(text, "\n") {
		for _, title := range []string{"Interventions de crise  ", "Personnes rejointes  ", "Séances de groupe  ", "Participants aux groupes  "} {
			if strings.HasPrefix(strings.TrimSpace(line), title) && bare.MatchString(strings.TrimPrefix(strings.TrimSpace(line), title)) {
				t.Errorf("count row shows a bare small value: %q", line)
			}
		}
	}
}

// pageOneText is the text of page 1, spaces collapsed.
func pageOneText(tb testing.TB, pdf []byte) string {
	tb.Helper()
	pdfText(tb, pdf) // skips when pdftotext is missing
	in := filepath.Join(tb.TempDir(), "r.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		tb.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-f", "1", "-l", "1", in, "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(string(out), nbsp, " ")), " ")
}

// TestPDFSummaryPage checks page 1: its blocks, the matrix rows with
// their units, and the sentences the rules make from the fixture.
func TestPDFSummaryPage(t *testing.T) {
	r := fixtureReport(2, "fr", 1)
	text := pageOneText(t, renderFixturePDF(t, r))
	b, err := newBuilder(r)
	if err != nil {
		t.Fatal(err)
	}
	sentences := b.sentences()
	if len(sentences) < 3 || len(sentences) > 5 {
		t.Errorf("got %d sentences, want 3 to 5: %q", len(sentences), sentences)
	}
	for _, want := range append([]string{"Constats", "Tableau de bord", "À surveiller", "Personnes rejointes nombre",
		"Taux d’interventions de crise pour 1 000 personnes-années", "Rejoint parmi la population isolée pour 1 000 personnes vivant seules"}, sentences...) {
		if !strings.Contains(text, strings.Join(strings.Fields(strings.ReplaceAll(want, nbsp, " ")), " ")) {
			t.Errorf("page 1 lacks %q", want)
		}
	}
}

// TestPDFSummarySmallCounts checks that page 1 of a model of small counts
// states no suppressed value: no bare 1–4 in a sentence or the watch list.
func TestPDFSummarySmallCounts(t *testing.T) {
	text := pageOneText(t, renderFixturePDF(t, fixtureReport(2, "fr", 0.1)))
	bare := regexp.MustCompile(`(^|[\s(])[1-4] (en|contre) `)
	if m := bare.FindString(text); m != "" {
		t.Errorf("page 1 states a small count %q:\n%s", m, text)
	}
}

func TestAxisMonth(t *testing.T) {
	for _, tc := range []struct{ lang, in, want string }{
		{"fr", "2022-11", "nov. 2022"}, {"fr", "2024-08", "août 2024"}, {"fr", "2024-06", "juin 2024"},
		{"en", "2022-11", "Nov 2022"}, {"en", "Santé", "Santé"},
	} {
		if got := newLocale(tc.lang).axisMonth(tc.in); got != tc.want {
			t.Errorf("axisMonth(%s, %q) = %q, want %q", tc.lang, tc.in, got, tc.want)
		}
	}
}

// TestPDFChartsOncePerIndicator checks that the PDF draws each indicator
// once per section (the crisis control chart goes onto the time series),
// drops empty charts and sorts bars from the largest.
func TestPDFChartsOncePerIndicator(t *testing.T) {
	r := fixtureReport(2, "fr", 1)
	v, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPDF(v, r)
	if err != nil {
		t.Fatal(err)
	}
	raw := append([]Section{r.Overview}, r.Neighbourhoods...)
	for i, s := range v.Sections {
		seen := map[string]bool{}
		for _, c := range p.pdfCharts(s, raw[i], i) {
			id := strings.TrimPrefix(c.ID, s.ID+"_")
			id = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(id, "spc_"), "crisis_its"), "partners_referrals_")
			if id == "" {
				id = "crisis_rate"
			}
			if seen[id] {
				t.Errorf("%s: %s drawn twice", s.Title, id)
			}
			seen[id] = true
			if emptyChart(c) {
				t.Errorf("%s: empty chart %s", s.Title, c.ID)
			}
			if c.Kind == KindBar {
				pts := c.Series[0].Points
				for k := 1; k < len(pts); k++ {
					if barValue(pts[k]) > barValue(pts[k-1]) {
						t.Errorf("%s: bars not sorted: %v then %v", c.ID, pts[k-1].Shown, pts[k].Shown)
					}
				}
			}
		}
	}
}
