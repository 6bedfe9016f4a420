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

// hostileNames try every way a name could become code in the site: closing
// the script element, go-echarts' __f__ function markers (self-calling, so
// they would run as soon as the option is built), breaking out of an
// attribute into an element with an event handler, ECharts formatter and
// rich-text syntax, a JavaScript string breakout and U+2028. Each payload
// that ran would increment window.xssHits.
var hostileNames = []string{
	`</script><script>window.xssHits=(window.xssHits||0)+1;document.title='PWNED'</script>`,
	`__f__(function(){window.xssHits=(window.xssHits||0)+1})()__f__`,
	`"><img src=x onerror="window.xssHits=(window.xssHits||0)+1">`,
	`{a|b}{b}{c}'-(window.xssHits=(window.xssHits||0)+1)-'` + "\u2028" + `<!--`,
	`=HYPERLINK("http://x","y")`,
	`Sainte-Thérèse`,
}

// hostileReport is the fixture with hostile territory, neighbourhood and
// category names (and codes).
func hostileReport(lang string) Site {
	r := fixtureReport(len(hostileNames), lang, 1)
	r.Territory.Name = hostileNames[0]
	r.Overview.Area.Name = hostileNames[1]
	for i := range r.Neighbourhoods {
		r.Neighbourhoods[i].Area.Name = hostileNames[i]
	}
	r.Neighbourhoods[0].Area.Code = `"><svg onload=alert(1)>`
	// every page's bar chart carries every payload
	for _, s := range append([]*Section{&r.Overview}, sectionPtrs(r.Neighbourhoods)...) {
		for k := range s.Referrals.Items {
			s.Referrals.Items[k].Label = Text{hostileNames[k], hostileNames[k]}
		}
		for k := range s.Partners.Items {
			s.Partners.Items[k].Label = Text{hostileNames[(k+3)%len(hostileNames)], hostileNames[(k+3)%len(hostileNames)]}
		}
	}
	s := fullSite(r)
	s.Comparison.DiD.Reason = hostileNames[2]
	return s
}

func sectionPtrs(ss []Section) []*Section {
	out := make([]*Section, len(ss))
	for i := range ss {
		out[i] = &ss[i]
	}
	return out
}

// hostileProbe records errors and, once the page has drawn, opens the
// tooltip of every data item of every chart (tooltips are HTML), then
// writes what ran into the title.
const hostileProbe = `<script>
window.__errs = [];
window.addEventListener('error', function (e) { window.__errs.push(String(e.message)); });
window.addEventListener('load', function () { setTimeout(function () {
  var tips = 0, injected = 0;
  document.querySelectorAll('div.echart').forEach(function (el) {
    var c = echarts.getInstanceByDom(el); if (!c) { return; }
    var o = c.getOption();
    (o.series || []).forEach(function (s, si) {
      for (var di = 0; di < (s.data || []).length; di++) {
        c.dispatchAction({ type: 'showTip', seriesIndex: si, dataIndex: di }); tips++;
        injected += el.querySelectorAll('img,svg,script').length;
      }
    });
  });
  setTimeout(function () {
    var text = document.body.textContent;
    document.title = 'PROBE pwned=' + (window.xssHits || 0) + ' imgs=' + (injected + document.querySelectorAll('img,svg').length) +
      ' canvases=' + document.querySelectorAll('canvas').length + ' tips=' + tips +
      ' literal=' + (text.indexOf('<img src=x onerror=') >= 0) + ' errors=' + JSON.stringify(window.__errs);
  }, 300);
}, 200); });
</script>`

// TestSiteHostileNames renders the site with hostile names and loads every
// page in headless Chromium: nothing may run, no element may be injected,
// and the names must still be shown as text.
func TestSiteHostileNames(t *testing.T) {
	bin := chromium(t)
	title := regexp.MustCompile(`<title>PROBE pwned=(\d+) imgs=(\d+) canvases=(\d+) tips=(\d+) literal=(\w+) errors=(.*?)</title>`)
	for _, lang := range []string{"fr", "en"} {
		dir := t.TempDir()
		if err := RenderSite(dir, hostileReport(lang)); err != nil {
			t.Fatal(err)
		}
		// the index (every name in the navigation, hostile bar labels), the
		// comparison (every name in the charts' JSON) and the page whose
		// code is hostile
		for _, file := range []string{"index.html", "comparison.html", "n____svg_onload_alert_1__.html"} {
			page := filepath.Join(dir, file)
			name := lang + "_" + file
			t.Run(name, func(t *testing.T) {
				out := probePage(t, bin, page, hostileProbe, "1280,2000")
				m := title.FindStringSubmatch(out)
				if m == nil {
					t.Fatalf("probe did not run; DOM starts %.300s", out)
				}
				if m[1] != "0" || m[2] != "0" {
					t.Errorf("hostile payload ran: xssHits=%s, injected img/svg=%s", m[1], m[2])
				}
				if c, _ := strconv.Atoi(m[3]); c == 0 {
					t.Errorf("no chart drawn")
				}
				if m[5] != "true" {
					t.Errorf("the hostile name is not shown as text")
				}
				if m[6] != "[]" {
					t.Errorf("errors %s, want none", m[6])
				}
			})
		}
		checkHostileFiles(t, dir)
	}
}

// checkHostileFiles reads the files themselves: no raw payload in a page
// outside what html/template escaped, and every CSV cell neutralized.
func checkHostileFiles(t *testing.T, dir string) {
	t.Helper()
	spec := regexp.MustCompile(`(?s)<script type="application/json" id="[^"]*">(.*?)</script>`)
	for _, p := range htmlPages(t, dir) {
		b, _ := os.ReadFile(p)
		for _, bad := range []string{"<script>window.xssHits", `"><img`, "<svg"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s holds %q", filepath.Base(p), bad)
			}
		}
		for _, m := range spec.FindAllStringSubmatch(string(b), -1) {
			for _, bad := range []string{"__", "<", ">", "\u2028", "{a|"} {
				if strings.Contains(m[1], bad) {
					t.Errorf("%s: chart JSON holds %q", filepath.Base(p), bad)
				}
			}
		}
	}
	csvs, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	formula := regexp.MustCompile(`(?m)(^|[;,])[=+@\t]`)
	for _, p := range csvs {
		b, _ := os.ReadFile(p)
		if m := formula.Find(b); m != nil {
			t.Errorf("%s: cell starting a formula at %q", filepath.Base(p), m)
		}
	}
}

// probePage loads page with probe injected at the top of <head> and
// returns the DOM once Chromium's virtual time ran out.
func probePage(tb testing.TB, bin, page, probe, size string) string {
	tb.Helper()
	b, err := os.ReadFile(page)
	if err != nil {
		tb.Fatal(err)
	}
	probed := filepath.Join(filepath.Dir(page), "probe_"+filepath.Base(page))
	if err := os.WriteFile(probed, []byte(strings.Replace(string(b), "<head>", "<head>\n"+probe, 1)), 0o644); err != nil {
		tb.Fatal(err)
	}
	defer os.Remove(probed)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, append(chromiumArgs(tb), "--window-size="+size, "--dump-dom", "file://"+probed)...).Output()
	if err != nil {
		tb.Fatalf("chromium: %v", err)
	}
	return string(out)
}
