package reports

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// layoutFrame loads a page in an iframe of the given width (headless
// Chromium will not make its window narrower than 500 px) and, once the
// page has drawn, measures it: horizontal overflow of the page and of the
// key table, headings wider than their box (clipped), charts wider than
// the screen, and SPC signal points that ECharts did not draw (it hides
// crowded symbols unless told otherwise).
const layoutFrame = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>wait</title>
<style>body{margin:0} iframe{border:0;display:block}</style></head><body>
<iframe id="f" src="%s" style="width:%dpx;height:2400px"></iframe>
<script>
document.getElementById('f').addEventListener('load', function () { setTimeout(function () {
  var w = document.getElementById('f').contentWindow, doc = w.document, r = [], signals = 0, W = w.innerWidth;
  if (doc.documentElement.scrollWidth > W + 1) { r.push('page ' + doc.documentElement.scrollWidth + '>' + W); }
  doc.querySelectorAll('table.key').forEach(function (t) {
    var box = t.parentElement;
    if (t.scrollWidth > box.clientWidth + 1 || t.getBoundingClientRect().right > W + 1) { r.push('key table ' + t.scrollWidth + '>' + box.clientWidth); }
  });
  doc.querySelectorAll('h1, h2, h3').forEach(function (h) {
    if (h.scrollWidth > h.clientWidth + 1 || h.getBoundingClientRect().right > W + 1) { r.push('clipped ' + h.textContent); }
  });
  doc.querySelectorAll('div.echart').forEach(function (el) {
    var c = w.echarts.getInstanceByDom(el), cv = el.querySelector('canvas');
    if (!c || !cv) { r.push('not drawn ' + el.id); return; }
    if (cv.getBoundingClientRect().right > W + 1) { r.push('chart wider than the screen ' + el.id); }
    c.getOption().series.forEach(function (s, si) {
      (s.data || []).forEach(function (d, di) {
        if (!d || typeof d !== 'object' || (d.symbol !== 'triangle' && d.symbol !== 'diamond')) { return; }
        signals++;
        var g = c.getModel().getSeriesByIndex(si).getData().getItemGraphicEl(di);
        if (!g || g.invisible || g.ignore) { r.push('signal hidden ' + el.id + '#' + di); }
      });
    });
  });
  document.title = 'LAYOUT width=' + W + ' signals=' + signals + ' problems=' + JSON.stringify(r);
}, 500); });
</script></body></html>`

// TestSiteLayout loads pages at 1280 and 390 px wide in headless Chromium
// and fails on horizontal overflow of the page or the key table, a clipped
// heading, a chart wider than the screen or a hidden signal point. It also
// takes the screenshots (kept in REPORTS_SCREENSHOTS when set).
func TestSiteLayout(t *testing.T) {
	bin := chromium(t)
	shots := os.Getenv("REPORTS_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	title := regexp.MustCompile(`<title>LAYOUT width=(\d+) signals=(\d+) problems=(.*?)</title>`)
	for _, lang := range []string{"fr", "en"} {
		dir := t.TempDir()
		s := fullSite(fixtureReport(4, lang, 1))
		// the longest name of the demo territory, and longer
		s.Report.Neighbourhoods[1].Area.Name = "Montée-de-l’Église-et-Côte-des-Neiges-Nord"
		if err := RenderSite(dir, s); err != nil {
			t.Fatal(err)
		}
		// the phone is what breaks; the desktop is checked on the index
		runs := map[string][]int{"index.html": {1280, 390}, "comparison.html": {390}, "n_QN_02.html": {390}}
		if lang == "en" {
			runs = map[string][]int{"index.html": {390}}
		}
		for _, file := range []string{"index.html", "comparison.html", "n_QN_02.html"} {
			for _, width := range runs[file] {
				name := lang + "_" + strings.TrimSuffix(file, ".html") + "_" + strconv.Itoa(width)
				t.Run(name, func(t *testing.T) {
					out := framePage(t, bin, dir, file, width, filepath.Join(shots, name+".png"))
					m := title.FindStringSubmatch(out)
					if m == nil {
						t.Fatalf("probe did not run; DOM starts %.300s", out)
					}
					if m[1] != strconv.Itoa(width) {
						t.Fatalf("window %s px wide, want %d", m[1], width)
					}
					if m[3] != "[]" {
						t.Errorf("layout problems: %s", m[3])
					}
					if file != "comparison.html" && m[2] == "0" {
						t.Errorf("no signal point found: the check checked nothing")
					}
				})
			}
		}
	}
}

// framePage loads file in an iframe width px wide, takes a screenshot of
// it into png and returns the DOM after the measurements.
func framePage(t *testing.T, bin, dir, file string, width int, shot string) string {
	t.Helper()
	frame := filepath.Join(dir, "frame_"+strconv.Itoa(width)+"_"+file)
	if err := os.WriteFile(frame, []byte(fmt.Sprintf(layoutFrame, file, width)), 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(frame)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := append(chromiumArgs(t), "--allow-file-access-from-files", "--hide-scrollbars",
		"--window-size="+strconv.Itoa(max(width, 500))+",2400", "--screenshot="+shot, "--dump-dom", "file://"+frame)
	out, err := exec.CommandContext(ctx, bin, args...).Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.DecodeConfig(f); err != nil {
		t.Errorf("screenshot %s: %v", shot, err)
	}
	return string(out)
}
