package pipeline

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOtherLangSite checks the language switch: linked when asked or when
// the other site exists, never to a folder that will not be there.
func TestOtherLangSite(t *testing.T) {
	root := t.TempDir()
	fr := filepath.Join(root, "site", "est-fr")
	if got := otherLangSite(fr, "Est", ReportOptions{Lang: "fr"}); got != "" {
		t.Errorf("no English site, not asked: got %q, want none", got)
	}
	if got := otherLangSite(fr, "Est", ReportOptions{Lang: "fr", LinkOtherLang: true}); got != "../est-en/" {
		t.Errorf("asked: got %q, want ../est-en/", got)
	}
	if err := os.MkdirAll(fr, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := otherLangSite(filepath.Join(root, "site", "est-en"), "Est", ReportOptions{Lang: "en"}); got != "../est-fr/" {
		t.Errorf("French site exists: got %q, want ../est-fr/", got)
	}
}
