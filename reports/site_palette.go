package reports

import "math"

// The site draws signals on white, where Making Data Count's orange
// (#fab428) falls far under the 3:1 contrast WCAG 2.1 asks of graphics
// (1.4.11) at 1.8:1 and its light blue (#289de0) only just reaches it
// (3.0:1). The site uses darker tones of the same hues; TestSiteContrast checks every colour that carries
// meaning against the page background.
const (
	colImprovementSite rgb = 0x1b6fa8
	colConcernSite     rgb = 0xb35900
	colCommonSite      rgb = 0x6b6d6d
	// colComparison marks comparison neighbourhoods (no outreach).
	colComparison rgb = 0x8e44ad
	// colPage is the background charts are drawn on.
	colPage rgb = 0xffffff
)

// siteSignalColour is signalColour for the site.
func siteSignalColour(s string) rgb {
	switch s {
	case "improvement":
		return colImprovementSite
	case "concern":
		return colConcernSite
	}
	return colCommonSite
}

// signalSymbol gives each signal its own shape, so colour is never the
// only cue: a triangle for improvement, a diamond for concern.
func signalSymbol(s string) string {
	switch s {
	case "improvement":
		return "triangle"
	case "concern":
		return "diamond"
	}
	return "circle"
}

// luminance is the WCAG 2.1 relative luminance of c.
func (c rgb) luminance() float64 {
	lin := func(v int) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	r, g, b := c.parts()
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG 2.1 contrast ratio of two colours (1 to 21).
func contrast(a, b rgb) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
