package reports

import (
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// assetsHost makes go-echarts reference echarts.min.js beside the page; it
// must not be empty, or go-echarts falls back to its CDN.
const assetsHost = "./"

// goechart is what every go-echarts chart offers: Validate fills the axes
// and JSON returns the option. Its RenderSnippet is never used: it writes
// the option unescaped into a script and turns "__f__" markers into code.
type goechart interface {
	Validate()
	JSON() map[string]interface{}
}

// echart converts a Chart into the ECharts option, without functions (the
// page's proximite.js adds fixed formatters) and without a title (the page
// prints it as a heading, which wraps on a phone instead of clipping).
func echart(c Chart, l locale) goechart {
	switch c.Kind {
	case KindBar:
		return barEChart(c, l)
	case KindFunnel, KindRanking:
		return scatterEChart(c, l)
	default:
		return lineEChart(c, l)
	}
}

// globals are the options every chart shares; grid places the plot (left
// margin and label containment differ between kinds).
func globals(c Chart, grid opts.Grid) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithGridOpts(grid),
		charts.WithInitializationOpts(opts.Initialization{ChartID: c.ID, AssetsHost: assetsHost}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", Type: "scroll"}),
		charts.WithAnimation(false),
	}
}

// lineData converts points to ECharts data: a number, "-" for a gap, or an
// object carrying a signal colour.
func lineData(pts []Point, spc bool) []interface{} {
	out := make([]interface{}, len(pts))
	for i, p := range pts {
		switch {
		case p.Value == nil:
			out[i] = "-"
		case spc:
			out[i] = map[string]interface{}{"value": *p.Value, "symbolSize": symbolSize(p.Signal), "symbol": signalSymbol(p.Signal),
				"itemStyle": map[string]string{"color": siteSignalColour(p.Signal).hex()}}
		default:
			out[i] = *p.Value
		}
	}
	return out
}

func symbolSize(sig string) int {
	if sig == "" {
		return 5
	}
	return 11
}

func lineEChart(c Chart, lc locale) *charts.Line {
	l := charts.NewLine()
	l.SetGlobalOptions(globals(c, opts.Grid{Top: "16", Bottom: "58", Left: "8", Right: "16", ContainLabel: opts.Bool(true)})...)
	l.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value"}))
	l.SetXAxis(c.Categories)
	if c.Kind == KindLine && len(c.Series) > 0 && hasCI(c.Series[0]) {
		addCI(l, c.Series[0], lc)
	}
	for i, s := range c.Series {
		l.AddSeries(s.Name, nil)
		ss := &l.MultiSeries[len(l.MultiSeries)-1]
		ss.Data = lineData(s.Points, c.Kind == KindSPC && i == 0)
		styleLine(ss, s.Role, seriesColour(s.Role, i))
		if i == 0 && len(c.Markers) > 0 {
			ss.MarkLines = markers(c)
		}
	}
	return l
}

func hasCI(s ChartSeries) bool {
	for _, p := range s.Points {
		if p.Lo != nil && p.Hi != nil {
			return true
		}
	}
	return false
}

// addCI draws the 95% interval as a band: an invisible lower series and
// the interval width stacked on it.
func addCI(l *charts.Line, s ChartSeries, lc locale) {
	lo := make([]interface{}, len(s.Points))
	width := make([]interface{}, len(s.Points))
	for i, p := range s.Points {
		lo[i], width[i] = "-", "-"
		if p.Value != nil && p.Lo != nil && p.Hi != nil {
			lo[i], width[i] = *p.Lo, *p.Hi-*p.Lo
		}
	}
	for k, data := range [][]interface{}{lo, width} {
		l.AddSeries(ciName(lc), nil)
		ss := &l.MultiSeries[len(l.MultiSeries)-1]
		ss.Data, ss.Stack, ss.Symbol, ss.ShowSymbol = data, "ci", "none", opts.Bool(false)
		ss.LineStyle = &opts.LineStyle{Opacity: opts.Float(0)}
		ss.Color = colCI.hex()
		if k == 1 {
			ss.AreaStyle = &opts.AreaStyle{Color: colCI.hex(), Opacity: opts.Float(0.8)}
		}
	}
}

func styleLine(ss *charts.SingleSeries, role Role, col rgb) {
	ss.Color = col.hex()
	ss.LineStyle = &opts.LineStyle{Color: col.hex(), Width: 2}
	ss.ShowSymbol = opts.Bool(role == RoleObserved)
	ss.Symbol = "circle"
	switch role {
	case RoleCounterfactual:
		ss.LineStyle.Type = "dashed"
	case RoleLimit, RoleLimit95, RoleLimit998:
		ss.LineStyle.Type, ss.LineStyle.Width = "dashed", 1.2
	case RoleCentre:
		ss.LineStyle.Width = 1.2
	}
}

func markers(c Chart) *opts.MarkLines {
	ml := &opts.MarkLines{}
	for _, m := range c.Markers {
		if m.Index >= 0 && m.Index < len(c.Categories) {
			ml.Data = append(ml.Data, opts.MarkLineNameXAxisItem{Name: m.Label, XAxis: c.Categories[m.Index]})
		}
	}
	ml.MarkLineStyle = opts.MarkLineStyle{Symbol: []string{"none", "none"}, LineStyle: &opts.LineStyle{Color: colMarker.hex(), Type: "dashed"},
		Label: &opts.Label{Show: opts.Bool(true), Color: colMarker.hex()}}
	return ml
}

// barEChart draws horizontal bars; each series has values only on its own
// categories so both groups share one axis.
func barEChart(c Chart, l locale) *charts.Bar {
	b := charts.NewBar()
	b.SetGlobalOptions(globals(c, opts.Grid{Top: "16", Bottom: "58", Left: "8", Right: "40", ContainLabel: opts.Bool(true)})...)
	b.SetGlobalOptions(charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0"}}))
	cats := make([]string, len(c.Categories))
	for i := range cats { // top to bottom in the model's order
		cats[i] = c.Categories[len(c.Categories)-1-i]
	}
	b.SetXAxis(cats)
	offset := 0
	for i, s := range c.Series {
		data := make([]interface{}, len(cats))
		for k := range data {
			data[k] = "-"
		}
		for k, p := range s.Points {
			idx := len(cats) - 1 - (offset + k)
			var v interface{} = 0 // a suppressed bar is drawn empty with its symbol
			if p.Value != nil {
				v = *p.Value
			}
			// the label's text is set by proximite.js from the chart's meta:
			// a formatter string here would be parsed as an ECharts template
			data[idx] = map[string]interface{}{"value": v, "label": map[string]interface{}{"show": true, "position": "right"},
				"lbl": p.Shown, "tip": itemTip(p.Label, s, p, l)}
		}
		offset += len(s.Points)
		b.AddSeries(s.Name, nil)
		ss := &b.MultiSeries[len(b.MultiSeries)-1]
		ss.Data, ss.Stack, ss.Color = data, "all", [...]string{colBar.hex(), colFitted.hex()}[i%2]
	}
	b.XYReversal()
	return b
}

// scatterEChart draws a funnel plot (points against exposure, limits as
// lines) or a ranking (a dot and an interval bar per area). Observed
// series are points (one per group of areas: outreach, comparison), the
// others lines.
func scatterEChart(c Chart, l locale) *charts.Scatter {
	s := charts.NewScatter()
	grid := opts.Grid{Top: "16", Bottom: "58", Left: "8", Right: "24", ContainLabel: opts.Bool(true)}
	s.SetGlobalOptions(globals(c, grid)...)
	s.SetGlobalOptions(charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}))
	if c.Kind == KindRanking {
		s.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: c.Categories, AxisLabel: &opts.AxisLabel{Interval: "0"}}))
		return rankingSeries(s, c, l)
	}
	// scale: the axes fit the points and limits, so close areas stand apart
	s.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "value", Scale: opts.Bool(true)}), charts.WithYAxisOpts(opts.YAxis{Type: "value", Scale: opts.Bool(true)}))
	groups, maxX := 0, 0.0
	for _, ser := range c.Series {
		for _, p := range ser.Points {
			if p.X != nil && ser.Role == RoleObserved {
				maxX = max(maxX, *p.X)
			}
		}
	}
	for i, ser := range c.Series {
		data := make([]interface{}, 0, len(ser.Points))
		for _, p := range ser.Points {
			if p.X != nil && p.Value != nil {
				d := map[string]interface{}{"name": p.Label, "value": []float64{*p.X, *p.Value}, "tip": funnelTip(c, ser, p, l)}
				if *p.X > 0.6*maxX { // label inside the plot, not off its right edge
					d["label"] = map[string]interface{}{"position": "left"}
				}
				data = append(data, d)
			}
		}
		ss := charts.SingleSeries{Name: ser.Name, Type: "scatter", Data: data}
		if ser.Role == RoleObserved {
			styleGroup(&ss, groups)
			ss.Label = &opts.Label{Show: opts.Bool(true), Position: "right", FontSize: 10, Color: colInk.hex()}
			groups++
		} else {
			ss.Type = "line"
			styleLine(&ss, ser.Role, seriesColour(ser.Role, i))
			ss.ShowSymbol = opts.Bool(false)
		}
		s.MultiSeries = append(s.MultiSeries, ss)
	}
	return s
}

// styleGroup marks the k-th group of areas by colour and shape: outreach
// neighbourhoods are filled dots, comparison neighbourhoods diamonds.
func styleGroup(ss *charts.SingleSeries, k int) {
	ss.Color, ss.Symbol, ss.SymbolSize = colObserved.hex(), "circle", 10
	if k > 0 {
		ss.Color, ss.Symbol, ss.SymbolSize = colComparison.hex(), "diamond", 12
	}
}

// rankingSeries draws each observed series' areas as dots at their
// category and every interval as a horizontal bar.
func rankingSeries(s *charts.Scatter, c Chart, l locale) *charts.Scatter {
	row := map[string]int{}
	for i, cat := range c.Categories {
		row[cat] = i
	}
	var bars []interface{}
	var dots []charts.SingleSeries
	for k, ser := range c.Series {
		var data []interface{}
		for _, p := range ser.Points {
			i, ok := row[p.Label]
			if p.Value == nil || !ok {
				continue
			}
			data = append(data, map[string]interface{}{"name": p.Label, "value": []float64{*p.Value, float64(i)}, "tip": itemTip(p.Label, ser, p, l)})
			if p.Lo != nil && p.Hi != nil {
				bars = append(bars, []float64{*p.Lo, float64(i)}, []float64{*p.Hi, float64(i)}, "-")
			}
		}
		ss := charts.SingleSeries{Name: ser.Name, Type: "scatter", Data: data}
		styleGroup(&ss, k)
		dots = append(dots, ss)
	}
	bar := charts.SingleSeries{Name: ciName(l), Type: "line", Data: bars}
	styleLine(&bar, RoleLimit, colCommon)
	bar.LineStyle.Type = "solid"
	bar.ShowSymbol = opts.Bool(false)
	s.MultiSeries = append(append(s.MultiSeries, bar), dots...)
	return s
}

// funnelTip is a funnel point's tooltip: area, group, rate and exposure.
func funnelTip(c Chart, s ChartSeries, p Point, l locale) []string {
	unit, xname, _ := strings.Cut(c.Unit, " · x : ")
	v := p.Shown
	if p.Unstable {
		v += " †"
	}
	tip := []string{p.Label, s.Name, l.t("Taux : ", "Rate: ") + v + " " + unit}
	if p.X != nil {
		tip = append(tip, l.t("Exposition : ", "Exposure: ")+l.number(*p.X, 0)+" "+xname)
	}
	return tip
}

// ciName is the legend name of a 95% interval.
func ciName(l locale) string { return l.t("IC 95 %", "95% CI") }
