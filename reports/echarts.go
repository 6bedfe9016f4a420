package reports

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/render"
)

// assetsHost makes go-echarts reference echarts.min.js beside the page; it
// must not be empty, or go-echarts falls back to its CDN.
const assetsHost = "./"

// snippet is a chart's HTML element and script.
type snippet struct {
	Element, Script string
}

// echart converts a Chart into a go-echarts chart of the given CSS size.
func echart(c Chart, width, height string) snippet {
	var r interface{ RenderSnippet() render.ChartSnippet }
	switch c.Kind {
	case KindBar:
		r = barEChart(c, width, height)
	case KindFunnel, KindRanking:
		r = scatterEChart(c, width, height)
	default:
		r = lineEChart(c, width, height)
	}
	s := r.RenderSnippet()
	return snippet{Element: s.Element, Script: s.Script}
}

// globals are the options every chart shares; grid places the plot (left
// margin and label containment differ between kinds).
func globals(c Chart, width, height string, grid opts.Grid) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithGridOpts(grid),
		charts.WithInitializationOpts(opts.Initialization{ChartID: c.ID, AssetsHost: assetsHost, Width: width, Height: height, PageTitle: c.Title}),
		charts.WithTitleOpts(opts.Title{Title: c.Title, Subtitle: c.Unit, TitleStyle: &opts.TextStyle{FontSize: 14, Color: colInk.hex()}}),
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
			out[i] = map[string]interface{}{"value": *p.Value, "symbolSize": symbolSize(p.Signal),
				"itemStyle": map[string]string{"color": signalColour(p.Signal).hex()}}
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
	return 9
}

func lineEChart(c Chart, width, height string) *charts.Line {
	l := charts.NewLine()
	l.SetGlobalOptions(globals(c, width, height, opts.Grid{Top: "62", Bottom: "58", Left: "56", Right: "24"})...)
	l.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value"}))
	l.SetXAxis(c.Categories)
	if c.Kind == KindLine && len(c.Series) > 0 && hasCI(c.Series[0]) {
		addCI(l, c.Series[0])
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
func addCI(l *charts.Line, s ChartSeries) {
	lo := make([]interface{}, len(s.Points))
	width := make([]interface{}, len(s.Points))
	for i, p := range s.Points {
		lo[i], width[i] = "-", "-"
		if p.Value != nil && p.Lo != nil && p.Hi != nil {
			lo[i], width[i] = *p.Lo, *p.Hi-*p.Lo
		}
	}
	for k, data := range [][]interface{}{lo, width} {
		l.AddSeries("IC 95 % / 95% CI", nil)
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
		Label: &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Color: colMarker.hex()}}
	return ml
}

// barEChart draws horizontal bars; each series has values only on its own
// categories so both groups share one axis.
func barEChart(c Chart, width, height string) *charts.Bar {
	b := charts.NewBar()
	b.SetGlobalOptions(globals(c, width, height, opts.Grid{Top: "62", Bottom: "58", Left: "12", Right: "40", ContainLabel: opts.Bool(true)})...)
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
			data[idx] = map[string]interface{}{"value": v, "label": map[string]interface{}{"show": true, "position": "right", "formatter": p.Shown}}
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
// lines) or a ranking (a dot and an interval bar per area).
func scatterEChart(c Chart, width, height string) *charts.Scatter {
	s := charts.NewScatter()
	grid := opts.Grid{Top: "62", Bottom: "58", Left: "56", Right: "24"}
	if c.Kind == KindRanking {
		grid = opts.Grid{Top: "62", Bottom: "58", Left: "12", Right: "24", ContainLabel: opts.Bool(true)}
	}
	s.SetGlobalOptions(globals(c, width, height, grid)...)
	s.SetGlobalOptions(charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}))
	if c.Kind == KindRanking {
		s.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: c.Categories, AxisLabel: &opts.AxisLabel{Interval: "0"}}))
		return rankingSeries(s, c)
	}
	s.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "value"}), charts.WithYAxisOpts(opts.YAxis{Type: "value"}))
	for i, ser := range c.Series {
		data := make([]interface{}, 0, len(ser.Points))
		for _, p := range ser.Points {
			if p.X != nil && p.Value != nil {
				data = append(data, map[string]interface{}{"name": p.Label, "value": []float64{*p.X, *p.Value}})
			}
		}
		ss := charts.SingleSeries{Name: ser.Name, Type: "scatter", Data: data, Color: colObserved.hex(), SymbolSize: 9}
		if i > 0 {
			ss.Type = "line"
			styleLine(&ss, ser.Role, seriesColour(ser.Role, i))
			ss.ShowSymbol = opts.Bool(false)
		}
		s.MultiSeries = append(s.MultiSeries, ss)
	}
	return s
}

func rankingSeries(s *charts.Scatter, c Chart) *charts.Scatter {
	if len(c.Series) == 0 {
		return s
	}
	var dots, bars []interface{}
	for i, p := range c.Series[0].Points {
		if p.Value == nil {
			continue
		}
		dots = append(dots, map[string]interface{}{"name": p.Label, "value": []float64{*p.Value, float64(i)}})
		if p.Lo != nil && p.Hi != nil {
			bars = append(bars, []float64{*p.Lo, float64(i)}, []float64{*p.Hi, float64(i)}, "-")
		}
	}
	bar := charts.SingleSeries{Name: "IC 95 % / 95% CI", Type: "line", Data: bars}
	styleLine(&bar, RoleLimit, colCommon)
	bar.LineStyle.Type = "solid"
	bar.ShowSymbol = opts.Bool(false)
	s.MultiSeries = append(s.MultiSeries, bar,
		charts.SingleSeries{Name: c.Series[0].Name, Type: "scatter", Data: dots, Color: colObserved.hex(), SymbolSize: 9})
	return s
}
