package reports

import (
	"context"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestSitePrint prints a neighbourhood page with Chromium and checks, in
// pdftotext's pages, that every chart's heading and its data table (whose
// caption repeats the heading) are on one page.
func TestSitePrint(t *testing.T) {
	bin := chromium(t)
	dir := renderFixtureSite(t, "fr")
	page := filepath.Join(dir, "n_QN_01.html")
	pdf := filepath.Join(t.TempDir(), "p.pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := append(chromiumArgs(t), "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+page)
	if err := exec.CommandContext(ctx, bin, args...).Run(); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(pdfText(t, b), "\f")
	src, _ := os.ReadFile(page)
	titles := regexp.MustCompile(`<h3 id="[^"]+-title">([^<]+)</h3>`).FindAllStringSubmatch(string(src), -1)
	if len(titles) == 0 {
		t.Fatal("no chart heading")
	}
	for _, m := range titles {
		title := strings.ReplaceAll(html.UnescapeString(m[1]), "\u00a0", " ")
		together := false
		for _, p := range pages {
			if strings.Count(p, title) >= 2 && strings.Contains(p, "Mois") || strings.Count(p, title) >= 2 && strings.Contains(p, "Catégorie") {
				together = true
			}
		}
		if !together {
			t.Errorf("chart %q and its table are not on one printed page", title)
		}
	}
}
