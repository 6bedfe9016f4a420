package reports

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Forest is the forest plot of a territory's crisis models: the level
// change of each outreach neighbourhood (its own interrupted time series),
// the territory's pooled effect (one model over those neighbourhoods, each
// from its own start) and, beside it, the difference in differences
// against the comparison neighbourhoods.
type Forest struct {
	Lines []ForestLine `json:"lines"`
}

// Forest line kinds.
const (
	ForestNeighbourhood = "neighbourhood"
	ForestPooled        = "pooled"
	ForestDiD           = "did"
)

// ForestLine is one rate ratio with its 95% interval.
type ForestLine struct {
	Label Text `json:"label"`
	// Kind is ForestNeighbourhood, ForestPooled or ForestDiD.
	Kind   string  `json:"kind"`
	RR     float64 `json:"rr"`
	Lo     float64 `json:"lo"`
	Hi     float64 `json:"hi"`
	P      float64 `json:"p"`
	Method Text    `json:"method"` // how the interval was computed
}

// ForestView is a Forest as printed.
type ForestView struct {
	Title string          `json:"title"`
	Rows  []ForestRowView `json:"rows"`
	Notes []string        `json:"notes"`
}

// ForestRowView is one printed line of the forest plot.
type ForestRowView struct {
	Label string  `json:"label"`
	Kind  string  `json:"kind"`
	RR    float64 `json:"rr"`
	Lo    float64 `json:"lo"`
	Hi    float64 `json:"hi"`
	// Text is "RR (lo–hi)" in the view's language.
	Text string `json:"text"`
}

// forest formats the forest plot; nil when there is nothing to plot.
func (b *builder) forest(f *Forest) *ForestView {
	if f == nil || len(f.Lines) == 0 {
		return nil
	}
	l := b.l
	v := &ForestView{Title: l.t("Effet sur les événements de crise : quartiers et effet groupé (RR, IC 95 %, échelle log)",
		"Effect on crisis events: neighbourhoods and pooled effect (RR, 95% CI, log scale)")}
	for _, ln := range f.Lines {
		text := fmt.Sprintf("%s (%s–%s)", l.number(ln.RR, 2), l.number(ln.Lo, 2), l.number(ln.Hi, 2))
		v.Rows = append(v.Rows, ForestRowView{Label: l.text(ln.Label), Kind: ln.Kind, RR: ln.RR, Lo: ln.Lo, Hi: ln.Hi, Text: text})
		if ln.Kind != ForestNeighbourhood {
			v.Notes = append(v.Notes, fmt.Sprintf("%s : %s, p %s — %s", l.text(ln.Label), text, l.formatP(ln.P), l.text(ln.Method)))
		}
	}
	v.Notes = append(v.Notes, l.t(
		"RR < 1 : moins d’événements de crise qu’attendu sans l’approche de proximité. Carré : un quartier (sa propre série) ; losange : l’effet groupé du territoire ; rond : la différence des différences contre les quartiers de comparaison.",
		"RR < 1: fewer crisis events than expected without outreach. Square: one neighbourhood (its own series); diamond: the territory’s pooled effect; circle: the difference in differences against the comparison neighbourhoods."))
	return v
}

// formatP prints a p-value to 2 significant digits, never as 0: below
// 1e-16 (where a double has no meaningful digits left) it is "< 1e-16".
func (l locale) formatP(p float64) string {
	if p < 1e-16 {
		return "< 1e-16"
	}
	s := fmt.Sprintf("%.2g", p)
	if l.fr() {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// forestAxis returns the log-scale range of a forest plot: the intervals
// and 1, padded, within [0.1, 10].
func forestAxis(rows []ForestRowView) (lo, hi float64) {
	lo, hi = 1, 1
	for _, r := range rows {
		lo, hi = math.Min(lo, r.Lo), math.Max(hi, r.Hi)
	}
	lo, hi = math.Max(lo/1.1, 0.1), math.Min(hi*1.1, 10)
	return lo, hi
}

// forestX maps a ratio to [0, width] on the log axis lo–hi, clamped.
func forestX(v, lo, hi, width float64) float64 {
	v = math.Min(math.Max(v, lo), hi)
	return width * (math.Log(v) - math.Log(lo)) / (math.Log(hi) - math.Log(lo))
}

// forestTicks are the ratios marked on the axis.
func forestTicks(lo, hi float64) []float64 {
	var out []float64
	for _, t := range []float64{0.1, 0.2, 0.25, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 2, 4, 5, 10} {
		if t >= lo && t <= hi {
			out = append(out, t)
		}
	}
	return out
}

// SVG draws the forest plot for the HTML site.
func (v ForestView) SVG() template.HTML {
	const labelW, plotW, textW, rowH, top = 210.0, 300.0, 130.0, 24.0, 10.0
	width, height := labelW+plotW+textW, top+rowH*float64(len(v.Rows))+30
	lo, hi := forestAxis(v.Rows)
	var s strings.Builder
	fmt.Fprintf(&s, `<figure class="forest"><figcaption>%s</figcaption><svg viewBox="0 0 %.0f %.0f" width="100%%" role="img" aria-label="%s" style="max-width:%.0fpx;font:12px sans-serif">`,
		template.HTMLEscapeString(v.Title), width, height, template.HTMLEscapeString(v.Title), width)
	for _, t := range forestTicks(lo, hi) {
		x := labelW + forestX(t, lo, hi, plotW)
		dash := ""
		if t == 1 {
			dash = ` stroke-dasharray="4 3"`
		}
		fmt.Fprintf(&s, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"%s/>`, x, top, x, height-24, colGrid.hex(), dash)
		fmt.Fprintf(&s, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="%s">%g</text>`, x, height-8, colMuted.hex(), t)
	}
	for i, r := range v.Rows {
		y := top + rowH*(float64(i)+0.5)
		x0, x1, xm := labelW+forestX(r.Lo, lo, hi, plotW), labelW+forestX(r.Hi, lo, hi, plotW), labelW+forestX(r.RR, lo, hi, plotW)
		c := forestColour(r.Kind)
		weight := ""
		if r.Kind != ForestNeighbourhood {
			weight = ` font-weight="bold"`
		}
		fmt.Fprintf(&s, `<text x="0" y="%.1f" dominant-baseline="middle" fill="%s"%s>%s</text>`, y, colInk.hex(), weight, template.HTMLEscapeString(r.Label))
		fmt.Fprintf(&s, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="2"/>`, x0, y, x1, y, c.hex())
		s.WriteString(forestMarkerSVG(r.Kind, xm, y, c))
		fmt.Fprintf(&s, `<text x="%.1f" y="%.1f" dominant-baseline="middle" fill="%s">%s</text>`, labelW+plotW+8, y, colInk.hex(), template.HTMLEscapeString(r.Text))
	}
	s.WriteString(`</svg>`)
	for _, n := range v.Notes {
		fmt.Fprintf(&s, `<p class="note">%s</p>`, template.HTMLEscapeString(n))
	}
	s.WriteString(`</figure>`)
	// Every string above is escaped; the rest is numbers and fixed markup.
	return template.HTML(s.String())
}

// forestMarkerSVG is a square (neighbourhood), diamond (pooled) or circle
// (DiD) at x, y.
func forestMarkerSVG(kind string, x, y float64, c rgb) string {
	switch kind {
	case ForestPooled:
		return fmt.Sprintf(`<polygon points="%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="%s"/>`, x-8, y, x, y-7, x+8, y, x, y+7, c.hex())
	case ForestDiD:
		return fmt.Sprintf(`<circle cx="%.1f" cy="%.1f" r="5" fill="%s"/>`, x, y, c.hex())
	}
	return fmt.Sprintf(`<rect x="%.1f" y="%.1f" width="9" height="9" fill="%s"/>`, x-4.5, y-4.5, c.hex())
}

func forestColour(kind string) rgb {
	switch kind {
	case ForestPooled:
		return colBand
	case ForestDiD:
		return colFitted
	}
	return colObserved
}
