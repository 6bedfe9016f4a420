package reports

import (
	"sort"
	"strings"
	"time"
	"unicode"
)

// The PDF does not print every chart of the view: each indicator is drawn
// once (the crisis rate as its interrupted time series, with the control
// chart's signals on its points; reach as control charts), group sessions
// and attendance get their own axes, the partner and referral bars are
// two sorted charts, empty charts are left out, and every title states
// the month's finding with the method in the subtitle.

// pdfCharts picks and titles the charts of one section.
func (p *pdfDoc) pdfCharts(s SectionView, raw Section, area int) []Chart {
	by := map[string]Chart{}
	for _, c := range s.Charts {
		by[strings.TrimPrefix(c.ID, s.ID+"_")] = c
	}
	its, ok := by["crisis_its"]
	var out []Chart
	if ok {
		its = p.itsFinding(withSignals(its, by["spc_crisis_rate"]), raw)
		if area == 0 && p.staggered() {
			its.Unit += newLocale(p.v.Lang).t(" · débuts échelonnés : modèle au premier début, effet dilué (voir les quartiers)",
				" · staggered starts: model at the first start, effect diluted (see the neighbourhoods)")
		}
		out = append(out, its)
	}
	cmp := isComparison(raw)
	for _, id := range []string{"reach_isolated_rate", "reach_persons"} {
		c, ok := by["spc_"+id]
		if !ok || cmp || area > 0 && id == "reach_persons" {
			continue
		}
		out = append(out, p.spcFinding(c, id))
	}
	if area == 0 {
		if g, ok := by["groups"]; ok {
			out = append(out, p.groupCharts(g, raw)...)
		}
		if bars, ok := by["partners_referrals"]; ok {
			out = append(out, p.barCharts(bars, raw)...)
		}
	}
	var kept []Chart
	for _, c := range out {
		if !emptyChart(c) {
			kept = append(kept, c)
		}
	}
	for i := range kept {
		kept[i].Wide = area == 0 && i == 0 || cmp || len(kept) == 1
	}
	return kept
}

// staggered reports whether the report's outreach neighbourhoods started
// in different months, so that the territory's time series, interrupted
// at the first start, dilutes the effect.
func (p *pdfDoc) staggered() bool {
	var first *time.Time
	for _, s := range p.r.Neighbourhoods {
		if s.Portrait == nil || s.Portrait.OutreachStart == nil {
			continue
		}
		if first != nil && !first.Equal(*s.Portrait.OutreachStart) {
			return true
		}
		first = s.Portrait.OutreachStart
	}
	return false
}

// emptyChart reports whether a chart has no non-zero observed value.
func emptyChart(c Chart) bool {
	for _, s := range c.Series {
		if s.Role != RoleObserved && s.Role != RoleBar {
			continue
		}
		for _, pt := range s.Points {
			if pt.Value != nil && *pt.Value != 0 || pt.Shown != "" && pt.Value == nil && s.Role == RoleBar {
				return false
			}
		}
	}
	return true
}

// withSignals copies the control chart's signals onto the time series'
// observed points, month by month.
func withSignals(its, spc Chart) Chart {
	if len(its.Series) == 0 || len(spc.Series) == 0 {
		return its
	}
	sig := map[string]string{}
	for _, pt := range spc.Series[0].Points {
		sig[pt.Label] = pt.Signal
	}
	obs := its.Series[0]
	obs.Points = append([]Point(nil), obs.Points...)
	for i := range obs.Points {
		if obs.Points[i].Value != nil {
			obs.Points[i].Signal = sig[obs.Points[i].Label]
		}
	}
	series := append([]ChartSeries{obs}, its.Series[1:]...)
	its.Series = series
	return its
}

// indicator returns the catalogue entry of id (zero when unknown).
func (p *pdfDoc) indicator(id string) Indicator {
	for _, ind := range p.r.Catalogue {
		if ind.ID == id {
			return ind
		}
	}
	return Indicator{ID: id, Title: Text{FR: id}}
}

// unitWords is an indicator's unit in words.
func (p *pdfDoc) unitWords(id string) string {
	ind := p.indicator(id)
	l := newLocale(p.v.Lang)
	if t := l.text(ind.UnitText); t != "" {
		return t
	}
	return (&builder{l: l}).unitText(ind.Unit)
}

// headlinePoint is the point of the headline month in series s.
func (p *pdfDoc) headlinePoint(s ChartSeries) (Point, bool) {
	lbl := shortMonth(headlineOf(p.r))
	for _, pt := range s.Points {
		if pt.Label == lbl {
			return pt, true
		}
	}
	return Point{}, false
}

// lastYearPoint is the point a year before the headline month.
func (p *pdfDoc) lastYearPoint(s ChartSeries) (Point, bool) {
	lbl := shortMonth(headlineOf(p.r).AddDate(-1, 0, 0))
	for _, pt := range s.Points {
		if pt.Label == lbl {
			return pt, true
		}
	}
	return Point{}, false
}

func (p *pdfDoc) itsFinding(c Chart, raw Section) Chart {
	l := newLocale(p.v.Lang)
	id := raw.Crisis.Observed.Indicator
	title := l.text(p.indicator(id).Title)
	e := raw.Crisis.Effect
	method := l.t("Série chronologique interrompue : observé (IC 95 %), modèle ajusté, contrefactuel sans intervention", "Interrupted time series: observed (95% CI), fitted model, counterfactual without outreach")
	switch {
	case e == nil:
		c.Title = title + p.valueClause(c.Series[0], l)
		method = l.t("Série mensuelle, IC 95 %", "Monthly series, 95% CI")
	case e.Placebo && e.Lo <= 1 && e.Hi >= 1:
		c.Title = title + l.t(" : pas de changement sans intervention (test placebo, RR ", ": no change without outreach (placebo test, RR ") + l.number(e.RR, 2) + ")"
		method = l.t("Test placebo : série chronologique interrompue à la date d’un quartier voisin", "Placebo test: interrupted time series at a neighbour's start date")
	case e.Placebo:
		c.Title = title + l.t(" : change aussi sans intervention (test placebo, ", ": changes without outreach too (placebo test, ") + l.relPct(e.RR-1) + ")"
	case e.Hi < 1 || e.Lo > 1:
		c.Title = title + l.t(" : ", ": ") + l.relPct(e.RR-1) + l.t(" après le début de l’approche (", " after outreach started (") + l.ciRange(l.relPct(e.Lo-1), l.relPct(e.Hi-1)) + ")"
	default:
		c.Title = title + l.t(" : pas de changement net après le début de l’approche (", ": no clear change after outreach started (") + l.ciRange(l.relPct(e.Lo-1), l.relPct(e.Hi-1)) + ")"
	}
	c.Unit = method + " · " + p.unitWords(id)
	return c
}

// valueClause is " : 48,3 en août 2026 (+4,4 en un an)" for the headline
// month of series s, or "" when it is not shown.
func (p *pdfDoc) valueClause(s ChartSeries, l locale) string {
	pt, ok := p.headlinePoint(s)
	if !ok || pt.Value == nil {
		return ""
	}
	out := l.t(" : ", ": ") + pt.Shown + l.t(" en ", " in ") + l.month(headlineOf(p.r))
	if ly, ok := p.lastYearPoint(s); ok && ly.Value != nil {
		d := *pt.Value - *ly.Value
		dec := 0
		if strings.ContainsAny(pt.Shown, ",.") {
			dec = 1
		}
		out += " (" + l.signed(d, dec) + l.t(" en un an)", " in a year)")
	}
	return out
}

func (p *pdfDoc) spcFinding(c Chart, id string) Chart {
	l := newLocale(p.v.Lang)
	title := l.text(p.indicator(id).Title)
	pt, ok := p.headlinePoint(c.Series[0])
	switch {
	case !ok || pt.Value == nil:
		c.Title = title
	case pt.Signal == "improvement":
		c.Title = title + l.t(" : amélioration signalée en ", ": improvement signalled in ") + l.month(headlineOf(p.r)) + " (" + pt.Shown + ")"
	case pt.Signal == "concern":
		c.Title = title + l.t(" : préoccupation signalée en ", ": concern signalled in ") + l.month(headlineOf(p.r)) + " (" + pt.Shown + ")"
	default:
		c.Title = title + l.t(" : variation habituelle en ", ": common-cause variation in ") + l.month(headlineOf(p.r)) + " (" + pt.Shown + ")"
	}
	c.Unit = l.t("Carte de contrôle XmR (MSP) : moyenne et limites de contrôle", "XmR control chart (SPC): mean and control limits") + " · " + p.unitWords(id)
	return c
}

// groupCharts splits the group chart: sessions on their own axis, persons
// registered and attendance on another.
func (p *pdfDoc) groupCharts(g Chart, raw Section) []Chart {
	l := newLocale(p.v.Lang)
	if len(g.Series) == 0 || len(raw.Groups) != len(g.Series) {
		return nil
	}
	var out []Chart
	for _, part := range [][]int{{0}, rangeFrom(1, len(g.Series))} {
		if len(part) == 0 {
			continue
		}
		c := g
		c.ID = g.ID + "_" + raw.Groups[part[0]].Indicator
		c.Series = nil
		for _, i := range part {
			s := g.Series[i]
			s.Role = RoleObserved
			c.Series = append(c.Series, s)
		}
		lead := part[len(part)-1]
		c.Title = l.text(p.indicator(raw.Groups[lead].Indicator).Title) + p.valueClause(g.Series[lead], l)
		c.Unit = l.t("Par mois · ", "Per month · ") + p.unitWords(raw.Groups[lead].Indicator)
		out = append(out, c)
	}
	return out
}

func rangeFrom(a, b int) []int {
	var out []int
	for i := a; i < b; i++ {
		out = append(out, i)
	}
	return out
}

// barCharts splits the partner and referral bars into one chart each,
// bars sorted from the largest, suppressed ones last.
func (p *pdfDoc) barCharts(bars Chart, raw Section) []Chart {
	l := newLocale(p.v.Lang)
	ids := []string{}
	if raw.Referrals.Indicator != "" {
		ids = append(ids, raw.Referrals.Indicator)
	}
	if raw.Partners.Indicator != "" {
		ids = append(ids, raw.Partners.Indicator)
	}
	var out []Chart
	for i, s := range bars.Series {
		if i >= len(ids) {
			break
		}
		pts := append([]Point(nil), s.Points...)
		sort.SliceStable(pts, func(a, b int) bool { return barValue(pts[a]) > barValue(pts[b]) })
		s.Points = pts
		c := Chart{ID: bars.ID + "_" + ids[i], Kind: KindBar, Series: []ChartSeries{s}}
		c.Title = l.text(p.indicator(ids[i]).Title)
		if len(pts) > 0 && pts[0].Value != nil && *pts[0].Value > 0 {
			c.Title += l.t(" : en tête, ", ": most often ") + lowerFirst(pts[0].Label) + " (" + pts[0].Shown + ")"
		}
		c.Unit = l.month(headlineOf(p.r)) + " · " + p.unitWords(ids[i]) + l.t(", du plus grand au plus petit", ", largest first")
		if tot := strings.Index(s.Name, "("); tot >= 0 {
			c.Unit += " · " + strings.TrimSuffix(s.Name[tot+1:], ")")
		}
		c.Series[0].Name = ""
		out = append(out, c)
	}
	return out
}

// barValue sorts suppressed bars (no value) after every shown one.
func barValue(pt Point) float64 {
	if pt.Value == nil {
		return -1
	}
	return *pt.Value
}

func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
