package reports

import (
	"io"
	"testing"
)

// BenchmarkRenderPack renders the full pack (French PDF and HTML site) of
// a 50-neighbourhood synthetic territory.
func BenchmarkRenderPack(b *testing.B) {
	r := fixtureReport(50, "fr", 1)
	site := fixtureSite(r)
	for b.Loop() {
		if err := RenderPDF(io.Discard, r); err != nil {
			b.Fatal(err)
		}
		if err := RenderSite(b.TempDir(), site); err != nil {
			b.Fatal(err)
		}
	}
}
