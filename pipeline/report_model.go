package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"proximite/internal/catalogue"
	"proximite/queries"
	"proximite/reports"
)

// keyIndicators are the rows of the key-indicator table, in print order.
func keyIndicators() []string {
	return []string{
		"reach_persons", "reach_first_contacts", "reach_rate", "reach_isolated_rate",
		"reach_living_alone_pct", "reach_new_to_services_pct",
		"crisis_events", "crisis_rate", "crisis_rate_ratio_baseline",
		"group_sessions", "group_persons", "group_attendance", "collective_events",
		"active_partners", "joint_actions", "referrals_from_partners", "referrals_to_services",
		"proactive_pct", "unplanned_pct", "living_environment_pct",
		"outreach_hours", "clinical_support_hours_per_worker",
	}
}

// buildReport assembles a territory's report model from the store.
func buildReport(ctx context.Context, q *queries.Queries, territory string, opt ReportOptions) (reports.Report, error) {
	m := reports.Report{Lang: opt.Lang, Threshold: opt.Threshold, Month: opt.Month,
		Territory: reports.Area{Code: territory, Name: territory}, Catalogue: reportCatalogue()}
	var err error
	if m.AsOf, err = q.ReportAsOf(ctx); err != nil {
		return m, fmt.Errorf("as-of: %w", err)
	}
	if m.Provisional, err = q.ReportProvisional(ctx); err != nil {
		return m, err
	}
	m.Headline = headlineMonth(opt.Month, m.Provisional)
	if opt.HeadlineProvisional {
		m.Headline = opt.Month
	}
	if m.Overview, err = section(ctx, q, "territory", reports.Area{Code: territory, Name: territory}, nil, opt.Month, m.Headline); err != nil {
		return m, err
	}
	hoods, err := q.ReportNeighbourhoods(ctx, territory)
	if err != nil {
		return m, err
	}
	if f, ok, err := territoryForest(ctx, q, territory, hoods); err != nil {
		return m, err
	} else if ok {
		m.Overview.Crisis.Forest = &f
	}
	for _, h := range hoods {
		s, err := neighbourhoodSection(ctx, q, h, opt.Month, m.Headline)
		if err != nil {
			return m, err
		}
		m.Neighbourhoods = append(m.Neighbourhoods, s)
	}
	if m.Quality, err = quality(ctx, q, territory, m, opt.Month); err != nil {
		return m, err
	}
	m.Revisions, err = revisions(ctx, q, territory, hoods, reportID(territory, opt))
	return m, err
}

// headlineMonth is the latest month up to month that is not provisional;
// month itself when every month up to it is provisional (the report then
// says so on page 1).
func headlineMonth(month time.Time, provisional []time.Time) time.Time {
	prov := map[time.Time]bool{}
	for _, p := range provisional {
		prov[monthDate(p)] = true
	}
	for m, i := month, 0; i <= len(provisional); m, i = m.AddDate(0, -1, 0), i+1 {
		if !prov[m] {
			return m
		}
	}
	return month
}

func neighbourhoodSection(ctx context.Context, q *queries.Queries, h queries.Neighbourhood, month, headline time.Time) (reports.Section, error) {
	p, err := portrait(ctx, q, h, month)
	if err != nil {
		return reports.Section{}, err
	}
	return section(ctx, q, "neighbourhood", reports.Area{Code: h.Code, Name: h.Name}, p, month, headline)
}

// portrait describes the neighbourhood's population and partners.
func portrait(ctx context.Context, q *queries.Queries, h queries.Neighbourhood, month time.Time) (*reports.Portrait, error) {
	prof, err := q.ReportPortrait(ctx, h.Code, month.Year())
	if err != nil && !errors.Is(err, queries.ErrNotFound) {
		return nil, err
	}
	sectors, err := q.ReportPartnerSectors(ctx, "neighbourhood", h.Code, month.AddDate(0, -11, 0), month.AddDate(0, 1, 0))
	if err != nil {
		return nil, err
	}
	return &reports.Portrait{Population: prof.Population, LivingAlone: prof.LivingAlone, LowIncome: prof.LowIncome,
		Aged65: prof.Aged65, SocialQuintile: prof.SocialQuintile, MaterialQuintile: prof.MaterialQuintile,
		Partners: items(sectors, sectorLabel), OutreachStart: h.OutreachStart}, nil
}

// section assembles the part of the report about one area.
// Key values are those of the headline month; the series run to month.
func section(ctx context.Context, q *queries.Queries, level string, area reports.Area, p *reports.Portrait, month, headline time.Time) (reports.Section, error) {
	s := reports.Section{Area: area, Portrait: p}
	vals, err := q.ReportMonthlyValues(ctx, level, area.Code, month)
	if err != nil {
		return s, err
	}
	series := bySeries(vals)
	spc, err := q.ReportSPC(ctx, level, area.Code, month)
	if err != nil {
		return s, err
	}
	s.SPC = spcCharts(spc)
	s.Key = keys(series, s.SPC, headline)
	if s.Crisis, err = crisisITS(ctx, q, level, area.Code, series.of("crisis_rate"), month); err != nil {
		return s, err
	}
	s.Reach = []reports.Series{series.of("reach_persons"), series.of("reach_isolated_rate")}
	s.Groups = []reports.Series{series.of("group_sessions"), series.of("group_persons"), series.of("group_attendance")}
	if s.Referrals, err = referrals(ctx, q, level, area.Code, headline, series.of("referrals_to_services")); err != nil {
		return s, err
	}
	sectors, err := q.ReportPartnerSectors(ctx, level, area.Code, headline, headline.AddDate(0, 1, 0))
	s.Partners = reports.Breakdown{Indicator: "active_partners", Items: items(sectors, sectorLabel)}
	return s, err
}

// seriesByID holds an area's monthly series by indicator.
type seriesByID map[string]reports.Series

// of is the indicator's series. One with no value yet (a neighbourhood
// without records so far) is empty but keeps its indicator, so it is drawn
// as an empty chart, not refused as an unknown indicator.
func (m seriesByID) of(id string) reports.Series {
	if s, ok := m[id]; ok {
		return s
	}
	return reports.Series{Indicator: id}
}

// bySeries turns stored monthly values into the model's series, by indicator.
func bySeries(vals []queries.MonthlyValue) seriesByID {
	out := seriesByID{}
	for _, v := range vals {
		s := out[v.Indicator]
		s.Indicator = v.Indicator
		s.Months = append(s.Months, reports.Month{Start: v.Month, Value: modelValue(v)})
		out[v.Indicator] = s
	}
	return out
}

// modelValue keeps the counts behind a value where suppression needs them:
// numerator and denominator of percentages, numerator of rates.
func modelValue(v queries.MonthlyValue) reports.Value {
	mv := reports.Value{Value: v.Value, Lo: v.CILow, Hi: v.CIHigh, Provisional: v.Provisional}
	ind, _ := catalogue.Lookup(v.Indicator)
	switch ind.UnitCode {
	case catalogue.UnitPct:
		mv.Numerator, mv.Denominator = toInt(v.Numerator), toInt(v.Denominator)
	case catalogue.UnitPer1000, catalogue.UnitPer1000Alone, catalogue.UnitPer1000PY:
		mv.Numerator = toInt(v.Numerator)
	}
	return mv
}

func toInt(f *float64) *int64 {
	if f == nil {
		return nil
	}
	n := int64(*f + 0.5)
	return &n
}

// keys builds the key-indicator rows: the month, the previous month and
// the same month a year before, with the latest SPC signal.
// Trend is the series drawn as the key's sparkline: the last 25 months.
func keys(series map[string]reports.Series, spc []reports.SPC, month time.Time) []reports.Key {
	signals, charted := map[string]string{}, map[string]bool{}
	for _, c := range spc {
		charted[c.Indicator] = true
		for _, p := range c.Points {
			if p.Start.Equal(month) {
				signals[c.Indicator] = p.Signal
			}
		}
	}
	var out []reports.Key
	for _, id := range keyIndicators() {
		s, ok := series[id]
		cur := at(s, month)
		if !ok || cur == nil {
			continue
		}
		out = append(out, reports.Key{Indicator: id, Current: *cur, Previous: at(s, month.AddDate(0, -1, 0)),
			LastYear: at(s, month.AddDate(-1, 0, 0)), Signal: signals[id], HasSPC: charted[id], Trend: trend(s, 25)})
	}
	return out
}

// trend is the last n months of s.
func trend(s reports.Series, n int) []reports.Month {
	ms := s.Months
	if len(ms) > n {
		ms = ms[len(ms)-n:]
	}
	return append([]reports.Month(nil), ms...)
}

func at(s reports.Series, month time.Time) *reports.Value {
	for i := range s.Months {
		if s.Months[i].Start.Equal(month) {
			v := s.Months[i].Value
			return &v
		}
	}
	return nil
}

// spcCharts groups the SPC points by indicator, in the spec's order.
func spcCharts(rows []queries.ReportSPCRow) []reports.SPC {
	by := map[string]*reports.SPC{}
	for _, r := range rows {
		c, ok := by[r.Indicator]
		if !ok {
			c = &reports.SPC{Indicator: r.Indicator}
			by[r.Indicator] = c
		}
		c.Points = append(c.Points, reports.SPCPoint{Month: reports.Month{Start: r.Month, Value: reports.Value{Value: r.Value}}, Signal: r.Assessment,
			Centre: r.Centre, Lower: r.Lower, Upper: r.Upper})
		c.Centre, c.Lower, c.Upper, c.Trial = deref(r.Centre), deref(r.Lower), deref(r.Upper), r.Trial
	}
	var out []reports.SPC
	for _, id := range []string{"crisis_rate", "reach_persons", "reach_isolated_rate"} {
		if c, ok := by[id]; ok {
			out = append(out, *c)
		}
	}
	return out
}

func deref(f *float64) float64 {
	if f == nil {
		return 0
	}
	return *f
}

// crisisITS joins the observed crisis rate with the model's lines.
func crisisITS(ctx context.Context, q *queries.Queries, level, code string, observed reports.Series, month time.Time) (reports.ITS, error) {
	its := reports.ITS{Observed: observed}
	row, err := q.ReportITS(ctx, level, code)
	if errors.Is(err, queries.ErrNotFound) {
		its.Summary = reports.Text{FR: "Aucun modèle : pas de début d'intervention de proximité.", EN: "No model: no outreach start."}
		return its, nil
	}
	if err != nil {
		return its, err
	}
	its.Summary = itsSummary(row)
	its.Effect = itsEffect(row)
	if row.Placebo {
		// A comparison neighbourhood has no outreach start to mark nor an
		// outreach counterfactual to draw: the summary states the test.
		return its, nil
	}
	its.OutreachStart = row.OutreachStart
	pts, err := q.ReportITSSeries(ctx, level, code, month)
	if err != nil || row.Status != "fitted" {
		return its, err
	}
	byMonth := map[time.Time]queries.ReportITSPoint{}
	for _, p := range pts {
		byMonth[p.Month] = p
	}
	for _, m := range observed.Months {
		p := byMonth[m.Start]
		its.Fitted = append(its.Fitted, p.Fitted)
		its.Counterfactual = append(its.Counterfactual, p.Counterfactual)
	}
	return its, nil
}

// itsSummary states the model's result in one line, or why there is none;
// a placebo test says it is one.
func itsSummary(r queries.ReportITSRow) reports.Text {
	if r.Status != "fitted" || r.LevelRR == nil {
		if r.Placebo {
			return reports.Text{FR: "Test placebo non ajusté : " + r.Reason, EN: "Placebo test not fitted: " + r.Reason}
		}
		return reports.Text{FR: "Modèle non ajusté : " + r.Reason, EN: "Model not fitted: " + r.Reason}
	}
	frHead, enHead := "Changement de niveau", "Level change"
	if r.Placebo {
		frHead, enHead = "Test placebo (aucune intervention) :", "Placebo test (no outreach):"
	}
	if r.Model == "pooled" {
		frHead, enHead = pooledHead(r)
	}
	fr := fmt.Sprintf("%s RR %s (IC 95 %% %s–%s)", frHead, frNum(*r.LevelRR), frNum(deref(r.LevelLo)), frNum(deref(r.LevelHi)))
	en := fmt.Sprintf("%s RR %.2f (95%% CI %.2f–%.2f)", enHead, *r.LevelRR, deref(r.LevelLo), deref(r.LevelHi))
	if r.SlopeRR != nil {
		fr += fmt.Sprintf(" ; pente RR/an %s (%s–%s)", frNum(*r.SlopeRR), frNum(deref(r.SlopeLo)), frNum(deref(r.SlopeHi)))
		en += fmt.Sprintf("; slope RR/year %.2f (%.2f–%.2f)", *r.SlopeRR, deref(r.SlopeLo), deref(r.SlopeHi))
	}
	if r.Model == "pooled" {
		fr += fmt.Sprintf(" ; %d mois-quartiers avant, %d après.", r.MonthsBefore, r.MonthsAfter)
		en += fmt.Sprintf("; %d neighbourhood-months before, %d after.", r.MonthsBefore, r.MonthsAfter)
		return reports.Text{FR: fr, EN: en}
	}
	fr += fmt.Sprintf(" ; %d mois avant, %d après.", r.MonthsBefore, r.MonthsAfter)
	en += fmt.Sprintf("; %d months before, %d after.", r.MonthsBefore, r.MonthsAfter)
	return reports.Text{FR: fr, EN: en}
}

// itsEffect is the fitted level change, nil when the model was not fitted.
func itsEffect(r queries.ReportITSRow) *reports.Effect {
	if r.Status != "fitted" || r.LevelRR == nil || r.LevelLo == nil || r.LevelHi == nil {
		return nil
	}
	return &reports.Effect{RR: *r.LevelRR, Lo: *r.LevelLo, Hi: *r.LevelHi, Placebo: r.Placebo, MonthsAfter: r.MonthsAfter}
}

func frNum(f float64) string { return strings.Replace(fmt.Sprintf("%.2f", f), ".", ",", 1) }

// referrals is referrals_to_services per service for the month.
func referrals(ctx context.Context, q *queries.Queries, level, code string, month time.Time, total reports.Series) (reports.Breakdown, error) {
	cells, err := q.ReportBreakdown(ctx, "referrals_to_services", level, code, month)
	b := reports.Breakdown{Indicator: "referrals_to_services", Items: items(cells, serviceLabel)}
	if v := at(total, month); v != nil && v.Value != nil {
		n := int64(*v.Value + 0.5)
		b.Total = &n
	}
	return b, err
}

func items(cs []queries.Count, label func(string) reports.Text) []reports.Item {
	var out []reports.Item
	for _, c := range cs {
		out = append(out, reports.Item{Label: label(c.Label), Count: c.N})
	}
	return out
}

// reportCatalogue converts the catalogue for the reports' annex.
func reportCatalogue() []reports.Indicator {
	var out []reports.Indicator
	for _, ind := range catalogue.All() {
		dir := string(ind.Direction)
		if ind.Direction == catalogue.None {
			dir = ""
		}
		out = append(out, reports.Indicator{ID: ind.ID, Title: reports.Text(ind.Title), Definition: reports.Text(ind.Definition),
			Unit: ind.UnitCode, UnitText: reports.Text(ind.Unit), Direction: dir, Additive: ind.Additive, Numerator: ind.NumeratorOf,
			Suppressible: ind.Suppressible})
	}
	return out
}
