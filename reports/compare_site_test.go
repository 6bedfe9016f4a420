package reports

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"proximite/internal/suppression"
)

// compareFixture is two centres of four neighbourhoods each, with the same
// raw codes (as two centres' own codes would collide). Crisis counts by
// hand: est JF 120, ME 3, SJB 80, ID 95 (total 298); ouest JF 60, ME 150,
// SJB 7, ID 0 (total 217). With threshold 5, ME (3) is primary and, as
// est's total is published in est's own report, the smallest other
// non-zero count of est, SJB (80), is complementary; ouest shows all (7 is
// not below 5, 0 is never hidden).
func compareFixture(lang string) CompareSite {
	cat := fixtureCatalogue()
	cat = append(cat, Indicator{ID: "reach_rate", Title: Text{"Taux de personnes rejointes", "Reach rate"}, Unit: "per_1000"})
	s := CompareSite{Lang: lang, Threshold: 5, Catalogue: cat, AsOf: "2025-05",
		Period: Text{"12 mois, 2024-04 à 2025-03", "12 months, 2024-04 to 2025-03"},
		Centres: []CompareCentre{{ID: "est", Name: "Centre Est", AsOf: "2025-05", ProgramVersion: "1.2.3", Snapshot: "proximite-est-2025-05.duckdb"},
			{ID: "ouest", Name: "Centre Ouest", AsOf: "2025-05", ProgramVersion: "1.2.3", Snapshot: "proximite-ouest-2025-05.duckdb"}},
	}
	for _, code := range []string{"JF", "ME", "SJB", "ID"} {
		for _, c := range s.Centres {
			s.Areas = append(s.Areas, CompareArea{Centre: c.ID, Area: Area{Code: c.ID + ":" + code, Name: "Quartier " + code}, Outreach: code != "ID"})
		}
	}
	// areas alternate est, ouest: JF, ME, SJB, ID of each
	s.Measures = []CompareMeasure{
		{Indicator: "crisis_rate", Exposure: Text{"personnes-années", "person-years"},
			Counts:    []int64{120, 60, 3, 150, 80, 7, 95, 0},
			Exposures: []float64{2000, 1500, 1800, 2500, 1700, 900, 2100, 1200}},
		{Indicator: "reach_rate", Exposure: Text{"résidents", "residents"},
			Counts:    []int64{40, 35, 22, 50, 31, 18, 0, 27},
			Exposures: []float64{2000, 1500, 1800, 2500, 1700, 900, 2100, 1200}},
	}
	s.Pooled = []CentreEffect{
		{Centre: "est", DF: 2, Effect: ModelEffect{Status: "fitted", Ratio: ptr(0.81), RobustLo: ptr(0.7), RobustHi: ptr(0.94), P: ptr(0.02), Outreach: 3}},
		{Centre: "ouest", Effect: ModelEffect{Status: "refused", Reason: "too few months", Outreach: 3}},
	}
	return s
}

// TestCompareSuppression checks the statuses worked out by hand above.
func TestCompareSuppression(t *testing.T) {
	st, err := CompareSuppression(compareFixture("fr"))
	if err != nil {
		t.Fatal(err)
	}
	want := []suppression.Status{suppression.Shown, suppression.Shown, suppression.Primary, suppression.Shown,
		suppression.Complementary, suppression.Shown, suppression.Shown, suppression.Shown}
	for i := range want {
		if st[0][i] != want[i] {
			t.Errorf("crisis count %d: %v, want %v", i, st[0][i], want[i])
		}
	}
	for i, s := range st[1] {
		if s.Suppressed() {
			t.Errorf("reach count %d suppressed (%v), none is below 5", i, s)
		}
	}
	bad := compareFixture("fr")
	bad.Measures[0].Counts = bad.Measures[0].Counts[:3]
	if _, err := CompareSuppression(bad); err == nil {
		t.Error("counts not matching the areas: no error")
	}
}

// TestCompareSiteContent renders both languages and reads the page and
// CSVs: both centres listed, every neighbourhood with its qualified code,
// the small cell and its complement printed as "<5" and "x" with no rate,
// neither placed in any chart's data, no key fingerprint.
func TestCompareSiteContent(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		dir := t.TempDir()
		s := compareFixture(lang)
		s.OtherLang = "../other/"
		if err := RenderCompareSite(dir, s); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		for _, want := range []string{"Centre Est", "Centre Ouest", "proximite-ouest-2025-05.duckdb", `href="../other/index.html"`,
			"<td>est:ME</td><td>Centre Est</td><td>Quartier ME</td>", "<td>&lt;5</td>", "<td>est:SJB</td>"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: page lacks %q", lang, want)
			}
		}
		for _, a := range s.Areas {
			if n := strings.Count(page, "<td>"+a.Area.Code+"</td>"); n != len(s.Measures) {
				t.Errorf("%s: %s in %d tables, want %d", lang, a.Area.Code, n, len(s.Measures))
			}
		}
		row := regexp.MustCompile(`<tr><td>est:(ME|SJB)</td>(?:<td>[^<]*</td>){3}<td>([^<]*)</td><td>[^<]*</td><td>([^<]*)</td></tr>`)
		got := map[string][2]string{}
		for _, m := range row.FindAllStringSubmatch(page, -1) {
			if _, seen := got[m[1]]; !seen { // the crisis table comes first
				got[m[1]] = [2]string{m[2], m[3]}
			}
		}
		if got["ME"] != [2]string{"&lt;5", "—"} || got["SJB"] != [2]string{"x", "—"} {
			t.Errorf("%s: crisis rows ME %q, SJB %q; want <5 and x, rates hidden", lang, got["ME"], got["SJB"])
		}
		spec := regexp.MustCompile(`(?s)<script type="application/json" id="cmp_crisis_rate_[a-z]+-spec">(.*?)</script>`)
		specs := spec.FindAllStringSubmatch(page, -1)
		if len(specs) != 2 {
			t.Fatalf("%s: %d crisis charts, want a funnel and a ranking", lang, len(specs))
		}
		for _, m := range specs {
			for _, hidden := range []string{`"est:ME `, `"est:SJB `} {
				if strings.Contains(m[1], hidden) {
					t.Errorf("%s: chart data places the suppressed %s", lang, hidden)
				}
			}
			if !strings.Contains(m[1], "ouest:SJB Quartier SJB") {
				t.Errorf("%s: chart data lacks ouest:SJB (7 events, shown)", lang)
			}
		}
		if strings.Contains(page, "fingerprint") || strings.Contains(page, "empreinte") {
			t.Errorf("%s: the page mentions the key fingerprint", lang)
		}
		checkCompareCSVs(t, dir)
	}
}

// checkCompareCSVs finds the crisis table's CSV and checks its ME and SJB
// cells, and that no CSV holds a count from 1 to 4 of those two.
func checkCompareCSVs(t *testing.T, dir string) {
	t.Helper()
	csvs, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	found := false
	for _, p := range csvs {
		b, _ := os.ReadFile(p)
		text := string(b)
		if !strings.Contains(text, "est:ME") {
			continue
		}
		for _, line := range strings.Split(text, "\r\n") {
			if strings.HasPrefix(line, "est:ME") && strings.Contains(line, "<5") {
				found = true
			}
			if strings.HasPrefix(line, "est:ME") && regexp.MustCompile(`[;,]3[;,]`).MatchString(line) {
				t.Errorf("%s: %q shows the count 3", filepath.Base(p), line)
			}
		}
	}
	if !found {
		t.Errorf("no table CSV with est:ME")
	}
}

// TestCompareSiteHostileNames loads the site with hostile centre and
// neighbourhood names in headless Chromium: nothing may run, no element
// may be injected, the names are shown as text.
func TestCompareSiteHostileNames(t *testing.T) {
	bin := chromium(t)
	title := regexp.MustCompile(`<title>PROBE pwned=(\d+) imgs=(\d+) canvases=(\d+) tips=(\d+) literal=(\w+) errors=(.*?)</title>`)
	for _, lang := range []string{"fr", "en"} {
		dir := t.TempDir()
		s := compareFixture(lang)
		s.Centres[0].Name = `</script><img src=x onerror=alert(1)> 🏘️`
		s.Centres[1].Name = hostileNames[0]
		s.Centres[1].Snapshot = hostileNames[2]
		for i := range s.Areas {
			s.Areas[i].Area.Name = hostileNames[i%len(hostileNames)] + " " + strconv.Itoa(i)
		}
		s.Areas[0].Area.Code = `"><svg onload=alert(1)>`
		s.Pooled[1].Effect.Reason = hostileNames[1]
		if err := RenderCompareSite(dir, s); err != nil {
			t.Fatal(err)
		}
		out := probePage(t, bin, filepath.Join(dir, "index.html"), hostileProbe, "1280,2000")
		m := title.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("%s: probe did not run; DOM starts %.300s", lang, out)
		}
		// the one svg is the forest plot's own (est's fitted model)
		if m[1] != "0" || m[2] != "1" {
			t.Errorf("%s: hostile payload ran: xssHits=%s, img/svg=%s, want only the forest plot", lang, m[1], m[2])
		}
		if c, _ := strconv.Atoi(m[3]); c < 4 {
			t.Errorf("%s: %s charts drawn, want 4", lang, m[3])
		}
		if m[5] != "true" || !strings.Contains(out, "🏘️") {
			t.Errorf("%s: the hostile names are not shown as text", lang)
		}
		if m[6] != "[]" {
			t.Errorf("%s: errors %s, want none", lang, m[6])
		}
		checkCompareHostileFiles(t, dir)
	}
}

// checkCompareHostileFiles is checkHostileFiles for a page that holds one
// svg element of its own, the forest plot.
func checkCompareHostileFiles(t *testing.T, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	if n := strings.Count(page, "<svg"); n != 1 || !strings.Contains(page, `<svg viewBox="0 0 `) {
		t.Errorf("%d svg elements, want the forest plot only", n)
	}
	clean := t.TempDir()
	if err := os.WriteFile(filepath.Join(clean, "index.html"), []byte(strings.Replace(page, "<svg", "<forest", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	csvs, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	for _, p := range csvs {
		if err := os.Link(p, filepath.Join(clean, filepath.Base(p))); err != nil {
			t.Fatal(err)
		}
	}
	checkHostileFiles(t, clean)
}

// TestCompareSiteLayout loads the site at 1280 and 390 px in headless
// Chromium: no horizontal overflow, no clipped heading, no chart wider
// than the screen. Screenshots go to REPORTS_SCREENSHOTS when set.
func TestCompareSiteLayout(t *testing.T) {
	bin := chromium(t)
	shots := os.Getenv("REPORTS_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	title := regexp.MustCompile(`<title>LAYOUT width=(\d+) signals=(\d+) problems=(.*?)</title>`)
	dir := t.TempDir()
	s := compareFixture("fr")
	s.Areas[2].Area.Name = "Montée-de-l’Église-et-Côte-des-Neiges-Nord"
	if err := RenderCompareSite(dir, s); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{1280, 390} {
		t.Run(strconv.Itoa(width), func(t *testing.T) {
			out := framePage(t, bin, dir, "index.html", width, filepath.Join(shots, "compare_"+strconv.Itoa(width)+".png"))
			m := title.FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("probe did not run; DOM starts %.300s", out)
			}
			if m[3] != "[]" {
				t.Errorf("layout problems: %s", m[3])
			}
		})
	}
}
