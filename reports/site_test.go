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
	chartID := regexp.MustCompile(`id="((?:t|n|cmp)_[A-Za-z0-9_]+)"`)
	for _, p := range htmlPages(t, dir) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		html := string(b)
		if m := remote.FindString(html); m != "" {
			t.Errorf("%s: got remote reference %q, want none", filepath.Base(p), m)
		}
		if strings.Contains(html, "go-echarts.github.io") || !strings.Contains(html, `<script src="echarts.min.js"></script>`) {
			t.Errorf("%s: echarts.min.js not loaded by relative path", filepath.Base(p))
		}
		for _, m := range chartID.FindAllStringSubmatch(html, -1) {
			if _, err := os.Stat(filepath.Join(dir, m[1]+".csv")); err != nil {
				t.Errorf("%s: chart %s has no CSV: %v", filepath.Base(p), m[1], err)
			}
		}
	}
	for _, want := range []string{"index.html", "n_QN_01.html", "n_QN_02.html", "comparison.html", "echarts.min.js", "cmp_crisis_funnel.csv"} {
		if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
			t.Errorf("missing %s", want)
		}
	}
}

func TestSiteCSVSuppressed(t *testing.T) {
	dir := t.TempDir()
	if err := RenderSite(dir, fixtureSite(fixtureReport(2, "fr", 0.1))); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "n_QN_01_reach_persons.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), ",,,,<5,") {
		t.Errorf("CSV has no suppressed row with an empty value:\n%s", b)
	}
	if regexp.MustCompile(`(?m),[1-4],,,[1-4],`).Match(b) {
		t.Errorf("CSV shows a small count")
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

// TestSiteRendersInChromium opens every page in headless Chromium and fails
// on any script error or on a chart without a canvas. Set
// REPORTS_SCREENSHOTS to a directory to keep screenshots.
func TestSiteRendersInChromium(t *testing.T) {
	bin := chromium(t)
	dir := renderFixtureSite(t, "fr")
	pages := htmlPages(t, dir)
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
