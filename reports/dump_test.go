package reports

import (
	"os"
	"strconv"
	"testing"
)

func TestDumpPDF(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	sc, _ := strconv.ParseFloat(os.Getenv("SCALE"), 64)
	os.WriteFile("/tmp/pdfv/r.pdf", renderFixturePDF(t, fixtureReport(2, os.Getenv("DUMP"), sc)), 0o644)
}
