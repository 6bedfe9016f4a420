package reports

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPreview writes the fixture PDFs (fr, en, and a small-count one) into
// $REPORTS_PREVIEW when set, for a look with pdftoppm; it asserts nothing
// else and is skipped otherwise.
func TestPreview(t *testing.T) {
	dir := os.Getenv("REPORTS_PREVIEW")
	if dir == "" {
		t.Skip("set REPORTS_PREVIEW to a directory to write preview PDFs")
	}
	for name, r := range map[string]Report{
		"report_fr.pdf":       fixtureReport(2, "fr", 1),
		"report_en.pdf":       fixtureReport(2, "en", 1),
		"report_small_fr.pdf": fixtureReport(2, "fr", 0.1),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), renderFixturePDF(t, r), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
