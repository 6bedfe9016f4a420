package reports

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func renderFixtureSite(tb testing.TB, lang string) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := RenderSite(dir, fixtureSite(fixtureReport(2, lang, 1))); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// fullSite is fixtureSite with what the pipeline adds: outreach flags from
// the portraits and a difference in differences.
func fullSite(r Report) Site {
	s := fixtureSite(r)
	outreach := map[string]bool{}
	for _, nb := range r.Neighbourhoods {
		outreach[nb.Area.Code] = nb.Portrait != nil && nb.Portrait.OutreachStart != nil
	}
	for _, list := range [][]Exposure{s.Comparison.Crisis, s.Comparison.Isolated} {
		for i := range list {
			list[i].Outreach = outreach[list[i].Area.Code]
		}
	}
	s.Comparison.DiD = &ModelEffect{Status: "fitted", Ratio: ptr(0.7267), Lo: ptr(0.7041), Hi: ptr(0.7501), P: ptr(3.5e-57),
		RobustLo: ptr(0.7004), RobustHi: ptr(0.7541), Outreach: 6, Comparison: 2, Months: 46}
	return s
}

func htmlPages(tb testing.TB, dir string) []string {
	tb.Helper()
	pages, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(pages) == 0 {
		tb.Fatalf("no pages in %s: %v", dir, err)
	}
	return pages
}

// TestSiteOffline checks every page loads scripts and links only by
// relative paths and that every chart has its CSV.
func TestSiteOffline(t *testing.T) {
	dir := renderFixtureSite(t, "fr")
	remote := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//`)
	csvLink := regexp.MustCompile(`href="([^"]+\.csv)"`)
	for _, p := range htmlPages(t, dir) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		html := string(b)
		if m := remote.FindString(html); m != "" {
			t.Errorf("%s: got remote reference %q, want none", filepath.Base(p), m)
		}
		for _, js := range []string{`<script src="echarts.min.js"></script>`, `<script src="proximite.js"></script>`} {
			if strings.Contains(html, "go-echarts.github.io") || !strings.Contains(html, js) {
				t.Errorf("%s: %s not loaded by relative path", filepath.Base(p), js)
			}
		}
		charts, links := strings.Count(html, `class="echart"`), csvLink.FindAllStringSubmatch(html, -1)
		if charts == 0 || len(links) != charts {
			t.Errorf("%s: %d charts, %d CSV links", filepath.Base(p), charts, len(links))
		}
		for _, m := range links {
			if _, err := os.Stat(filepath.Join(dir, m[1])); err != nil {
				t.Errorf("%s: CSV %s missing: %v", filepath.Base(p), m[1], err)
			}
		}
	}
	for _, want := range []string{"index.html", "n_QN_01.html", "n_QN_02.html", "comparison.html", "echarts.min.js", "proximite.js",
		"comparaison-taux-d-interventions-de-crise-graphique-en-entonnoir.csv", "saint-sauveur-personnes-rejointes.csv"} {
		if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
			t.Errorf("missing %s", want)
		}
	}
}

// TestSiteCSVSuppressed checks a CSV of small counts: suppressed months
// say <5, no count from 1 to 4 appears, and the file is what French Excel
// opens (BOM, ';', French header).
func TestSiteCSVSuppressed(t *testing.T) {
	dir := t.TempDir()
	if err := RenderSite(dir, fixtureSite(fixtureReport(2, "fr", 0.1))); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "saint-sauveur-personnes-rejointes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.HasPrefix(s, "\ufeffMois;Personnes rejointes (nombre);Provisoire\r\n") {
		t.Errorf("header: got %.80q", s)
	}
	if !strings.Contains(s, "\r\n2021-04;<5;\r\n") {
		t.Errorf("CSV has no suppressed month:\n%s", b)
	}
	if regexp.MustCompile(`(?m);[1-4];`).MatchString(s) {
		t.Errorf("CSV shows a small count:\n%s", b)
	}
	if !strings.Contains(s, "\r\n2024-03;") || !strings.HasSuffix(s, ";oui\r\n") {
		t.Errorf("last month not marked provisional:\n%s", b)
	}
}

// TestSiteCSVEnglish checks the English site's CSV: English header, ','
// and '.' as in English Excel, no thousands separator.
func TestSiteCSVEnglish(t *testing.T) {
	dir := t.TempDir()
	if err := RenderSite(dir, fullSite(fixtureReport(3, "en", 1))); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "comparison-crisis-intervention-rate-ranking.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	if lines[0] != "\ufeffNeighbourhood,Group,\"Rate (per 1,000 person-years)\",95% CI low,95% CI high" {
		t.Errorf("header: got %q", lines[0])
	}
	row := regexp.MustCompile(`^[^,]+,(Outreach|Comparison) neighbourhoods,(\d+\.\d),\d+\.\d,\d+\.\d$`)
	prev := -1.0
	for _, line := range lines[1:] {
		m := row.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("row: got %q, want area, group and rates with one decimal", line)
			continue
		}
		v, _ := strconv.ParseFloat(m[2], 64)
		if v < prev {
			t.Errorf("row %q: rate %v after %v, want the ranking's ascending order", line, v, prev)
		}
		prev = v
	}
	if len(lines) != 4 {
		t.Errorf("got %d rows, want 3 neighbourhoods", len(lines)-1)
	}
}

// probe is injected at the top of <head>: it records errors and, once the
// page has rendered, writes the canvas count and the errors into the title.
const probe = `<script>
window.__errs = [];
window.addEventListener('error', function (e) { window.__errs.push(String(e.message)); });
(function () { var ce = console.error; console.error = function () { window.__errs.push(Array.prototype.join.call(arguments, ' ')); ce.apply(console, arguments); }; })();
window.addEventListener('load', function () { setTimeout(function () {
  document.title = 'PROBE canvases=' + document.querySelectorAll('canvas').length + ' charts=' + document.querySelectorAll('.chart').length + ' errors=' + JSON.stringify(window.__errs);
}, 200); });
</script>`

func chromium(tb testing.TB) string {
	tb.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatal("chromium missing (apt-get install chromium)")
		}
		tb.Skip("chromium missing (apt-get install chromium)")
	}
	return path
}

func chromiumArgs(tb testing.TB) []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + tb.TempDir(), "--virtual-time-budget=5000"}
}

// TestSiteRendersInChromium opens pages of small counts in headless
// Chromium and fails on any script error or on a chart without a canvas. Set
// REPORTS_SCREENSHOTS to a directory to keep screenshots.
func TestSiteRendersInChromium(t *testing.T) {
	bin := chromium(t)
	// TestSiteHostileNames and TestSiteLayout load the ordinary pages;
	// here: the pages of small counts, whose suppressed points are gaps.
	var pages []string
	title := regexp.MustCompile(`<title>PROBE canvases=(\d+) charts=(\d+) errors=(.*?)</title>`)
	small := t.TempDir() // small counts: suppressed points become gaps
	if err := RenderSite(small, fixtureSite(fixtureReport(2, "en", 0.1))); err != nil {
		t.Fatal(err)
	}
	pages = append(pages, filepath.Join(small, "index.html"), filepath.Join(small, "comparison.html"))
	for i, page := range pages {
		name, dir := filepath.Base(page), filepath.Dir(page)
		t.Run(strconv.Itoa(i)+"_"+name, func(t *testing.T) {
			b, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			probed := filepath.Join(dir, "probe_"+name)
			if err := os.WriteFile(probed, []byte(strings.Replace(string(b), "<head>", "<head>\n"+probe, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			out, err := exec.CommandContext(ctx, bin, append(chromiumArgs(t), "--dump-dom", "file://"+probed)...).Output()
			if err != nil {
				t.Fatalf("chromium: %v", err)
			}
			m := title.FindStringSubmatch(string(out))
			if m == nil {
				t.Fatalf("probe did not run; DOM starts %.300s", out)
			}
			canvases, _ := strconv.Atoi(m[1])
			charts, _ := strconv.Atoi(m[2])
			if charts == 0 || canvases < charts {
				t.Errorf("got %d canvases for %d charts, want one or more each", canvases, charts)
			}
			if m[3] != "[]" {
				t.Errorf("got errors %s, want none", m[3])
			}
			if shots := os.Getenv("REPORTS_SCREENSHOTS"); shots != "" {
				png := filepath.Join(shots, strconv.Itoa(i)+"_"+strings.TrimSuffix(name, ".html")+".png")
				args := append(chromiumArgs(t), "--hide-scrollbars", "--window-size=1280,3000", "--screenshot="+png, "file://"+page)
				if err := exec.CommandContext(ctx, bin, args...).Run(); err != nil {
					t.Errorf("screenshot: %v", err)
				}
			}
		})
	}
}
