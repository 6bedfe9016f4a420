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
			"février 2024, mars 2024", "Côte-d’Abraham", "Saint-Sauveur", "Indicateurs clés", "Portrait du quartier",
			"Taux d’interventions de crise", "Carte de contrôle XmR", "Qualité des données", "Valeurs révisées depuis le dernier rapport",
			"Annexe méthodologique", "Suppression des petits nombres", "4 210", "87,5 %", "Début de l’approche", "Santé et services sociaux"}},
		{"en", []string{"Monthly outreach report", "Québec-Nord", "March 2024", "April 5, 2024", "Côte-d’Abraham",
			"Key indicators", "Neighbourhood portrait", "Crisis intervention rate", "XmR chart", "Data quality",
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
			// cover + (territory + 2 neighbourhoods) × 2 pages + quality + annex
			// (2 pages since it explains the three crisis models)
			if got, want := pageCount(t, text), 1+3*2+1+2; got != want {
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
