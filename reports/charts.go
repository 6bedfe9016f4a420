package reports

import (
	"time"

	"proximite/internal/suppression"
)

// charts lays out a section's charts in print order: crisis ITS, the XmR
// charts, reach, groups, referrals and partners.
func (b *builder) charts(a int, prefix string, s Section) ([]Chart, error) {
	var out []Chart
	c, err := b.itsChart(a, prefix, s.Crisis)
	if err != nil {
		return nil, err
	}
	out = append(out, c)
	for _, spc := range s.SPC {
		c, err := b.spcChart(a, prefix, spc)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	for _, ser := range s.Reach {
		c, err := b.lineChart(a, prefix+"_"+ser.Indicator, "", []Series{ser})
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if len(s.Groups) > 0 {
		c, err := b.lineChart(a, prefix+"_groups", b.l.t("Participation aux groupes", "Group participation"), s.Groups)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	for i := range out {
		b.noteSuppressed(&out[i])
	}
	if s.Referrals.Indicator != "" || s.Partners.Indicator != "" {
		c, err := b.barChart(prefix+"_partners_referrals", []Breakdown{s.Referrals, s.Partners})
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// noteSuppressed explains the axis marks of suppressed months.
func (b *builder) noteSuppressed(c *Chart) {
	for _, s := range c.Series {
		for _, p := range s.Points {
			if s.Role == RoleObserved && p.Value == nil && p.Shown != "" {
				c.Notes = append(c.Notes, b.l.t("Mois sans point (○) : valeur supprimée (petit nombre)", "Months without a point (○): value suppressed (small count)"))
				return
			}
		}
	}
}

// points turns a monthly series into chart points with suppression.
func (b *builder) points(a int, ind Indicator, months []Month) []Point {
	pts := make([]Point, len(months))
	for i, mv := range months {
		st, unstable := b.judge(ind, a, mv.Start, mv.Value)
		p := Point{Label: shortMonth(mv.Start), Provisional: mv.Provisional || b.prov[monthStart(mv.Start)]}
		if st.Suppressed() {
			p.Shown = suppression.Symbol(st, b.thr)
		} else if mv.Value.Value != nil {
			p.Value, p.Lo, p.Hi, p.Unstable = mv.Value.Value, mv.Lo, mv.Hi, unstable
			p.Shown = b.l.value(*mv.Value.Value, ind.Unit)
		}
		pts[i] = p
	}
	return pts
}

func categories(months []Month) []string {
	out := make([]string, len(months))
	for i, m := range months {
		out[i] = shortMonth(m.Start)
	}
	return out
}

func (b *builder) itsChart(a int, prefix string, its ITS) (Chart, error) {
	ind, err := b.indicator(its.Observed.Indicator)
	if err != nil {
		return Chart{}, err
	}
	l := b.l
	c := Chart{ID: prefix + "_crisis_its", Kind: KindLine, Wide: true, Unit: b.unitText(ind.Unit),
		Title:      l.text(ind.Title) + l.t(" — série chronologique interrompue", " — interrupted time series"),
		Categories: categories(its.Observed.Months),
	}
	c.Series = append(c.Series, ChartSeries{Name: l.t("Observé", "Observed"), Role: RoleObserved, Points: b.points(a, ind, its.Observed.Months)})
	if its.Fitted != nil {
		c.Series = append(c.Series, b.model(l.t("Ajusté (modèle)", "Fitted (model)"), RoleFitted, its.Fitted, c.Categories, ind.Unit))
	}
	if its.Counterfactual != nil {
		c.Series = append(c.Series, b.model(l.t("Contrefactuel (sans intervention)", "Counterfactual (no outreach)"), RoleCounterfactual, its.Counterfactual, c.Categories, ind.Unit))
	}
	if idx := monthIndex(its.Observed.Months, its.OutreachStart); idx >= 0 {
		c.Markers = []Marker{{Label: l.t("Début de l’approche", "Outreach start"), Index: idx}}
	}
	return c, nil
}

func monthIndex(months []Month, t *time.Time) int {
	if t == nil {
		return -1
	}
	for i, m := range months {
		if monthStart(m.Start).Equal(monthStart(*t)) {
			return i
		}
	}
	return -1
}

// model builds a fitted or counterfactual series; it carries no counts so
// it needs no suppression.
func (b *builder) model(name string, role Role, vals []*float64, cats []string, unit string) ChartSeries {
	s := ChartSeries{Name: name, Role: role}
	for i, v := range vals {
		p := Point{Value: v}
		if i < len(cats) {
			p.Label = cats[i]
		}
		if v != nil {
			p.Shown = b.l.value(*v, unit)
		}
		s.Points = append(s.Points, p)
	}
	return s
}

func (b *builder) spcChart(a int, prefix string, spc SPC) (Chart, error) {
	ind, err := b.indicator(spc.Indicator)
	if err != nil {
		return Chart{}, err
	}
	l := b.l
	months := make([]Month, len(spc.Points))
	for i, p := range spc.Points {
		months[i] = p.Month
	}
	c := Chart{ID: prefix + "_spc_" + ind.ID, Kind: KindSPC, Wide: true, Unit: b.unitText(ind.Unit),
		Title:      l.t("Carte de contrôle XmR — ", "XmR chart — ") + l.text(ind.Title),
		Categories: categories(months),
	}
	obs := b.points(a, ind, months)
	for i := range obs {
		if obs[i].Value != nil {
			obs[i].Signal = spc.Points[i].Signal
		}
	}
	c.Series = []ChartSeries{
		{Name: l.t("Valeur", "Value"), Role: RoleObserved, Points: obs},
		b.constant(l.t("Moyenne", "Mean"), RoleCentre, spc.Centre, c.Categories, ind.Unit),
		b.constant(l.t("Limite inférieure", "Lower limit"), RoleLimit, spc.Lower, c.Categories, ind.Unit),
		b.constant(l.t("Limite supérieure", "Upper limit"), RoleLimit, spc.Upper, c.Categories, ind.Unit),
	}
	b.phaseLimits(&c, spc, ind.Unit)
	if spc.Trial {
		c.Notes = append(c.Notes, l.t("Limites provisoires (moins de 13 points)", "Trial limits (fewer than 13 points)"))
	}
	return c, nil
}

func (b *builder) constant(name string, role Role, v float64, cats []string, unit string) ChartSeries {
	vals := make([]*float64, len(cats))
	for i := range vals {
		vals[i] = &v
	}
	return b.model(name, role, vals, cats, unit)
}

func (b *builder) lineChart(a int, id, title string, series []Series) (Chart, error) {
	c := Chart{ID: id, Kind: KindLine, Title: title}
	for _, ser := range series {
		ind, err := b.indicator(ser.Indicator)
		if err != nil {
			return Chart{}, err
		}
		if c.Title == "" {
			c.Title = b.l.text(ind.Title)
		}
		if c.Unit == "" {
			c.Unit = b.unitText(ind.Unit)
		}
		if len(ser.Months) > len(c.Categories) {
			c.Categories = categories(ser.Months)
		}
		c.Series = append(c.Series, ChartSeries{Name: b.l.text(ind.Title), Role: RoleObserved, Points: b.points(a, ind, ser.Months)})
	}
	return c, nil
}

// barChart draws each breakdown as a group of bars; categories are the
// labels of all groups in order, and each series has values only on its
// own categories.
func (b *builder) barChart(id string, bds []Breakdown) (Chart, error) {
	c := Chart{ID: id, Kind: KindBar, Title: b.l.t("Partenaires et références", "Partners and referrals") + " — " + b.l.month(b.headline()), Unit: b.unitText("count")}
	for _, bd := range bds {
		if bd.Indicator == "" {
			continue
		}
		ind, err := b.indicator(bd.Indicator)
		if err != nil {
			return Chart{}, err
		}
		st := make([]suppression.Status, len(bd.Items)+1)
		if ind.Suppressible {
			st = b.breakdownStatus(bd.Items, bd.Total)
		}
		s := ChartSeries{Name: b.l.text(ind.Title), Role: RoleBar}
		for i, it := range bd.Items {
			label := b.l.text(it.Label)
			c.Categories = append(c.Categories, label)
			p := Point{Label: label, Shown: b.countText(it.Count, st[i])}
			if !st[i].Suppressed() {
				v := float64(it.Count)
				p.Value = &v
			}
			s.Points = append(s.Points, p)
		}
		if bd.Total != nil {
			s.Name += " (" + b.l.t("total : ", "total: ") + b.countText(*bd.Total, st[len(st)-1]) + ")"
		}
		c.Series = append(c.Series, s)
	}
	return c, nil
}

// unitText is the axis caption of a unit.
func (b *builder) unitText(unit string) string {
	l := b.l
	switch unit {
	case "count":
		return l.t("nombre", "count")
	case "pct":
		return "%"
	case "per_1000":
		return l.t("pour 1 000 résidents", "per 1,000 residents")
	case "per_1000_alone":
		return l.t("pour 1 000 personnes vivant seules", "per 1,000 living alone")
	case "per_1000_py":
		return l.t("pour 1 000 personnes-années", "per 1,000 person-years")
	case "hours":
		return l.t("heures", "hours")
	case "ratio":
		return l.t("rapport", "ratio")
	case "days":
		return l.t("jours", "days")
	case "zscore":
		return l.t("score z modifié", "modified z-score")
	}
	return unit
}
