package reports

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestSiteAccessibility checks every page of both sites as axe would for
// what the issue asks: lang set, headings in order with one h1, each chart
// a figure with a heading, an img role with an aria-label summary and a
// data table with one row per category, a shape beside every signal
// colour, and the switch to the same page in the other language.
func TestSiteAccessibility(t *testing.T) {
	heading := regexp.MustCompile(`<h([1-6])[^>]*>(.*?)</h[1-6]>`)
	figure := regexp.MustCompile(`(?s)<figure class="chart[^"]*" aria-labelledby="([^"]+)-title">(.*?)</figure>`)
	for _, lang := range []string{"fr", "en"} {
		s := fullSite(fixtureReport(3, lang, 1))
		s.OtherLang = "../qn-" + map[string]string{"fr": "en", "en": "fr"}[lang] + "/"
		dir := t.TempDir()
		if err := RenderSite(dir, s); err != nil {
			t.Fatal(err)
		}
		for _, p := range htmlPages(t, dir) {
			b, _ := os.ReadFile(p)
			html, name := string(b), lang+"/"+filepath.Base(p)
			if !strings.Contains(html, `<html lang="`+lang+`">`) {
				t.Errorf("%s: lang not set to %s", name, lang)
			}
			if want := `href="` + s.OtherLang + filepath.Base(p) + `" hreflang="`; !strings.Contains(html, want) {
				t.Errorf("%s: no switch to the other language (%s)", name, want)
			}
			prev, h1 := 0, 0
			for _, h := range heading.FindAllStringSubmatch(html, -1) {
				lvl, _ := strconv.Atoi(h[1])
				if lvl == 1 {
					h1++
				}
				if lvl > prev+1 || strings.TrimSpace(h[2]) == "" {
					t.Errorf("%s: heading h%d %q after h%d", name, lvl, h[2], prev)
				}
				prev = lvl
			}
			if h1 != 1 {
				t.Errorf("%s: %d h1, want 1", name, h1)
			}
			figs := figure.FindAllStringSubmatch(html, -1)
			if len(figs) == 0 || len(figs) != strings.Count(html, `class="echart"`) {
				t.Errorf("%s: %d figures for %d charts", name, len(figs), strings.Count(html, `class="echart"`))
			}
			for _, f := range figs {
				checkFigure(t, name, f[1], f[2])
			}
			if strings.Count(html, `<span class="sig `) != strings.Count(html, `class="sigtext"`) {
				t.Errorf("%s: a signal without its shape or its word", name)
			}
		}
	}
}

func checkFigure(t *testing.T, page, id, body string) {
	t.Helper()
	if !regexp.MustCompile(`<h3 id="` + regexp.QuoteMeta(id) + `-title">[^<]+</h3>`).MatchString(body) {
		t.Errorf("%s %s: no heading", page, id)
	}
	label := regexp.MustCompile(`role="img" aria-label="([^"]{20,})"`).FindStringSubmatch(body)
	if label == nil {
		t.Errorf("%s %s: no aria-label summary", page, id)
	}
	rows := strings.Count(body, "<tr>") - 1 // minus the header
	if !strings.Contains(body, `<details class="data">`) || rows < 1 {
		t.Errorf("%s %s: no data table", page, id)
	}
}

// TestComparisonPage checks the research centre's page: indicator names
// as in the catalogue (so as in the PDF), outreach and comparison
// neighbourhoods apart, the overdispersion method stated, the small
// multiples on one y-axis, and the difference in differences with its
// numbers as given.
func TestComparisonPage(t *testing.T) {
	s := fullSite(fixtureReport(3, "fr", 1))
	dir := t.TempDir()
	if err := RenderSite(dir, s); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "comparison.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{
		">Taux d’interventions de crise — graphique en entonnoir</h3>",      // catalogue title of crisis_rate
		">Rejoint parmi la population isolée — graphique en entonnoir</h3>", // of reach_isolated_rate
		"Quartiers avec approche de proximité", "Quartiers de comparaison",
		"Spiegelhalter (2005", "φ̂ = ",
		"<td>Différence de différences (quasi-Poisson)</td><td>0,73</td><td>0,70 – 0,75</td><td>0,70 – 0,75</td><td>&lt; 0,001</td><td>6 / 2</td><td>46</td>",
		"Le modèle regroupé à adoption échelonnée n’est pas encore calculé.",
		"Île-Bizard — quartier de comparaison", // the fixture's third neighbourhood has no outreach
	} {
		if !strings.Contains(html, want) {
			t.Errorf("comparison page lacks %q", want)
		}
	}
	specs := regexp.MustCompile(`(?s)<script type="application/json" id="(cmp_n_[^"]+)-spec">(.*?)</script>`).FindAllStringSubmatch(html, -1)
	if len(specs) != 3 {
		t.Fatalf("got %d small multiples, want 3", len(specs))
	}
	var max string
	for _, sp := range specs {
		m := regexp.MustCompile(`"yAxis":\[\{[^\]]*"max":([0-9.]+)`).FindStringSubmatch(sp[2])
		if m == nil {
			t.Fatalf("%s: y-axis has no fixed max", sp[1])
		}
		if max != "" && m[1] != max {
			t.Errorf("%s: y max %s, others %s", sp[1], m[1], max)
		}
		max = m[1]
	}
	s.Comparison.Pooled = &ModelEffect{Status: "fitted", Ratio: ptr(0.8), Lo: ptr(0.7), Hi: ptr(0.9), P: ptr(0.0123), Outreach: 2, Comparison: 1, Months: 36}
	if err := RenderSite(dir, s); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(filepath.Join(dir, "comparison.html"))
	if want := "<td>Modèle regroupé à adoption échelonnée</td><td>0,80</td><td>0,70 – 0,90</td><td>—</td><td>0,012</td><td>2 / 1</td><td>36</td>"; !strings.Contains(string(b), want) {
		t.Errorf("pooled model row missing: %q", want)
	}
}

// TestComparisonWithoutExposure renders a comparison where no
// neighbourhood has person-time yet and only one has a population (a new
// store, as under serve's first run): the page is written, without limits.
func TestComparisonWithoutExposure(t *testing.T) {
	s := fullSite(fixtureReport(2, "fr", 1))
	for i := range s.Comparison.Crisis {
		s.Comparison.Crisis[i].Count, s.Comparison.Crisis[i].Exposure = 0, 0
	}
	s.Comparison.Isolated = s.Comparison.Isolated[:1]
	s.Comparison.Isolated[0].Count = 2
	dir := t.TempDir()
	if err := RenderSite(dir, s); err != nil {
		t.Fatalf("got %v, want the page written", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "comparison.html"))
	if err != nil || !strings.Contains(string(b), "aucun quartier à placer") {
		t.Errorf("comparison page does not say there is nothing to place (%v)", err)
	}
}
