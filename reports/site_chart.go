package reports

import (
	"fmt"
	"strings"
)

// chartSpec is what a page ships for one chart, as JSON inside a
// <script type="application/json"> that proximite.js reads with
// JSON.parse: the ECharts option, which holds no function, and the
// strings our fixed formatters print.
type chartSpec struct {
	Option map[string]any `json:"option"`
	Meta   chartMeta      `json:"meta"`
}

// chartMeta is what the fixed formatters of proximite.js read. Item
// tooltips and bar labels travel in the data items themselves ("tip",
// "lbl"); an axis-triggered chart's tooltip is given per category here.
type chartMeta struct {
	Lang string    `json:"lang"`
	Kind ChartKind `json:"kind"`
	// MonthAxis says the category axis holds YYYY-MM months.
	MonthAxis bool `json:"month_axis"`
	// Heads and Tips are, per category, the tooltip heading and lines.
	Heads []string   `json:"heads,omitempty"`
	Tips  [][]string `json:"tips,omitempty"`
}

// specOptions are a page's adjustments of one chart.
type specOptions struct {
	// YMax fixes the value axis to [0, YMax] (small multiples share it).
	YMax float64
	// Hidden names series the legend starts with switched off.
	Hidden []string
}

// chartSpecJSON builds the chart's spec and encodes it for a script
// element; every string in it went through inert.
func chartSpecJSON(c Chart, l locale, so specOptions) (string, error) {
	g := echart(c, l)
	g.Validate()
	tree, err := jsonTree(g.JSON())
	if err != nil {
		return "", err
	}
	opt, ok := tree.(map[string]any)
	if !ok {
		return "", fmt.Errorf("chart %s: option is not an object", c.ID)
	}
	delete(opt, "title")
	delete(opt, "toolbox")
	meta := chartMeta{Lang: l.lang, Kind: c.Kind}
	if c.Kind == KindLine || c.Kind == KindSPC {
		meta.MonthAxis = true
		meta.Heads, meta.Tips = axisTips(c, l)
		amendLineSeries(opt, c, l)
	}
	if so.YMax > 0 {
		setAxis(opt, "yAxis", map[string]any{"min": 0, "max": so.YMax})
	}
	if len(so.Hidden) > 0 {
		sel := map[string]any{}
		for _, n := range so.Hidden {
			sel[n] = false
		}
		if lg, ok := opt["legend"].(map[string]any); ok {
			lg["selected"] = sel
		}
	}
	return scriptJSON(inertTree(map[string]any{"option": opt, "meta": toTree(meta)}))
}

// toTree turns a struct into the map form inertTree walks.
func toTree(v any) any {
	t, err := jsonTree(v)
	if err != nil {
		return nil
	}
	return t
}

// setAxis merges kv into the first axis of the given key.
func setAxis(opt map[string]any, key string, kv map[string]any) {
	axes, ok := opt[key].([]any)
	if !ok || len(axes) == 0 {
		return
	}
	if a, ok := axes[0].(map[string]any); ok {
		for k, v := range kv {
			a[k] = v
		}
	}
}

// amendLineSeries shows every symbol of the observed series (ECharts
// hides some when they crowd a narrow chart, which would hide signals on a
// phone) and shades the provisional months as the PDF does.
func amendLineSeries(opt map[string]any, c Chart, l locale) {
	series, _ := opt["series"].([]any)
	for _, s := range series {
		if m, ok := s.(map[string]any); ok && m["showSymbol"] == true {
			m["showAllSymbol"] = true
		}
	}
	first, last := provisionalSpan(c)
	if first < 0 || len(series) == 0 {
		return
	}
	m, ok := series[0].(map[string]any)
	if !ok {
		return
	}
	// Categories are points, not slots: start the band at the last complete
	// month so that a single provisional month is shaded too, as the PDF
	// shades its slot.
	if first > 0 {
		first--
	}
	m["markArea"] = map[string]any{
		"silent":    true,
		"itemStyle": map[string]any{"color": colProvisionalSite.hex()},
		"label":     map[string]any{"color": colMuted.hex(), "position": "insideTop", "fontSize": 10},
		"data": []any{[]any{
			map[string]any{"xAxis": c.Categories[first], "name": l.t("provisoire", "provisional")},
			map[string]any{"xAxis": c.Categories[last]},
		}},
	}
}

// colProvisionalSite shades provisional months; the PDF's grey is too
// light to see on a screen.
const colProvisionalSite rgb = 0xe6eaef

// provisionalSpan returns the first and last category index of the
// provisional months of the first series (-1 when none).
func provisionalSpan(c Chart) (int, int) {
	first, last := -1, -1
	if len(c.Series) == 0 {
		return first, last
	}
	for i, p := range c.Series[0].Points {
		if p.Provisional && i < len(c.Categories) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}

// axisTips gives, per category, the tooltip heading and one line per
// series, printed as the tables print them: "<5" for a suppressed value,
// the interval as low – high, the signal in words.
func axisTips(c Chart, l locale) ([]string, [][]string) {
	heads := make([]string, len(c.Categories))
	tips := make([][]string, len(c.Categories))
	for i, cat := range c.Categories {
		heads[i] = monthLabel(cat, l)
		for si, s := range c.Series {
			if i >= len(s.Points) {
				continue
			}
			p := s.Points[i]
			if si == 0 && p.Provisional {
				heads[i] += " (p) — " + l.t("provisoire", "provisional")
			}
			tips[i] = append(tips[i], pointLines(s, p, l)...)
		}
	}
	return heads, tips
}

// pointLines is a point's tooltip lines within its series.
func pointLines(s ChartSeries, p Point, l locale) []string {
	if p.Shown == "" && s.Role != RoleObserved {
		return nil
	}
	v := p.Shown
	if v == "" {
		v = "—"
	}
	if p.Unstable {
		v += " †"
	}
	out := []string{s.Name + l.t(" : ", ": ") + v}
	if w := signalWord(p.Signal, l); w != "" {
		out[0] += " — " + l.t("signal : ", "signal: ") + strings.ToLower(w)
	}
	if p.Value != nil && p.Lo != nil && p.Hi != nil {
		out = append(out, ciName(l)+l.t(" : ", ": ")+bound(p, p.Lo, l).Text+" – "+bound(p, p.Hi, l).Text)
	}
	return out
}

// itemTip is the tooltip of one area or bar: its name, then its lines.
func itemTip(title string, s ChartSeries, p Point, l locale) []string {
	return append([]string{title}, pointLines(s, p, l)...)
}

// chartSummary is the chart's aria-label: what it shows and its latest
// or extreme values, in one or two sentences.
func chartSummary(c Chart, l locale) string {
	var b strings.Builder
	b.WriteString(c.Title)
	if c.Unit != "" {
		b.WriteString(" (" + c.Unit + ")")
	}
	b.WriteString(". ")
	switch c.Kind {
	case KindLine, KindSPC:
		b.WriteString(lineSummary(c, l))
	default:
		b.WriteString(areaSummary(c, l))
	}
	b.WriteString(l.t(" Le tableau des données suit le graphique.", " The data table follows the chart."))
	return b.String()
}

func lineSummary(c Chart, l locale) string {
	if len(c.Categories) == 0 || len(c.Series) == 0 {
		return ""
	}
	s := c.Series[0]
	out := fmt.Sprintf(l.t("%d mois, de %s à %s.", "%d months, %s to %s."), len(c.Categories),
		monthLabel(c.Categories[0], l), monthLabel(c.Categories[len(c.Categories)-1], l))
	if n := len(s.Points); n > 0 && s.Points[n-1].Shown != "" {
		out += " " + l.t("Dernière valeur : ", "Latest value: ") + s.Points[n-1].Shown + "."
	}
	imp, con := 0, 0
	for _, p := range s.Points {
		switch p.Signal {
		case "improvement":
			imp++
		case "concern":
			con++
		}
	}
	if c.Kind == KindSPC {
		out += " " + fmt.Sprintf(l.t("Signaux : %d d’amélioration (triangles), %d de préoccupation (losanges).",
			"Signals: %d of improvement (triangles), %d of concern (diamonds)."), imp, con)
	}
	return out
}

func areaSummary(c Chart, l locale) string {
	var lo, hi *Point
	n := 0
	for _, s := range c.Series {
		if !labelled(s) {
			continue
		}
		for i := range s.Points {
			p := &s.Points[i]
			if p.Value == nil {
				continue
			}
			n++
			if lo == nil || *p.Value < *lo.Value {
				lo = p
			}
			if hi == nil || *p.Value > *hi.Value {
				hi = p
			}
		}
	}
	if lo == nil {
		return l.t("Aucune valeur affichable.", "No value can be shown.")
	}
	return fmt.Sprintf(l.t("%d valeurs ; la plus basse : %s (%s) ; la plus haute : %s (%s).",
		"%d values; lowest: %s (%s); highest: %s (%s)."), n, lo.Label, lo.Shown, hi.Label, hi.Shown)
}
