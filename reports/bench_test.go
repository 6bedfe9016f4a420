package reports

import (
	"io"
	"testing"
)

// BenchmarkRenderPack renders the full pack (French PDF and HTML site) of
// a 50-neighbourhood synthetic territory, and each half on its own.
func BenchmarkRenderPack(b *testing.B) {
	r := fixtureReport(50, "fr", 1)
	site := fixtureSite(r)
	pdf := func(b *testing.B) {
		if err := RenderPDF(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
	html := func(b *testing.B) {
		if err := RenderSite(b.TempDir(), site); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("pack", func(b *testing.B) {
		for b.Loop() {
			pdf(b)
			html(b)
		}
	})
	b.Run("pdf", func(b *testing.B) {
		for b.Loop() {
			pdf(b)
		}
	})
	b.Run("site", func(b *testing.B) {
		for b.Loop() {
			html(b)
		}
	})
}
