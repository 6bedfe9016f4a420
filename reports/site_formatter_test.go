package reports

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestSiteFormatters runs proximite.js's fixed formatters in Chromium
// against strings written by hand: French numbers 1 234,5 (no-break
// space), English 1,234.5, month axes "nov. 2022" / "Nov 2022", the
// HTML escaping of tooltip text, and ECharts' French locale registered.
func TestSiteFormatters(t *testing.T) {
	bin := chromium(t)
	dir := renderFixtureSite(t, "fr")
	page := filepath.Join(dir, "formatters.html")
	const src = `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="echarts.min.js"></script></head><body>
<div id="c" style="width:200px;height:100px"></div>
<script src="proximite.js"></script>
<script>
try {
var p = window.proximite, ch = echarts.init(document.getElementById('c'), null, { locale: 'FR' });
ch.setOption({});
document.title = 'FMT ' + JSON.stringify([p.num(1234.5, 1, 'fr'), p.num(1234.5, 1, 'en'), p.num(-0.04, 1, 'fr'), p.num(-12, 0, 'fr'),
  p.axisNum(2.5, 'fr'), p.axisNum(1000, 'fr'), p.axisNum(0.125, 'en'), p.month('2022-11', 'fr'), p.month('2023-02', 'en'), p.month('Nord', 'fr'),
  p.esc('<a href="x">&\''), ch.getModel().getLocaleModel().get('time').month[10]]);
} catch (e) { document.title = 'FMT ' + JSON.stringify([String(e)]); }
</script></body></html>`
	if err := os.WriteFile(page, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out := probePage(t, bin, page, "", "800,600")
	m := regexp.MustCompile(`<title>FMT (.*?)</title>`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("page did not run; DOM starts %.300s", out)
	}
	var got []string
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &got); err != nil {
		t.Fatal(err)
	}
	want := []string{"1\u00a0234,5", "1,234.5", "0,0", "−12", "2,5", "1\u00a0000", "0.125", "nov. 2022", "Feb 2023", "Nord",
		"&lt;a href=&quot;x&quot;&gt;&amp;&#39;", "novembre"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("formatter %d: got %q, want %q", i, got[i], want[i])
		}
	}
}
