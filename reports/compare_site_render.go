package reports

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"proximite/internal/suppression"
)

// comparePage is what compare.html.tmpl needs. View, T, Style and Blocks
// feed the blocks shared with the report site's pages.
type comparePage struct {
	Title, Kicker, Heading, Meta string
	Other, OtherLang, OtherName  string
	View                         View
	T                            siteText
	C                            compareText
	Style                        template.CSS
	Centres                      TableView
	Method                       []string
	Forest                       *ForestView
	Models                       TableView
	ModelNote                    string
	Values                       []valueTable
	Blocks                       []chartBlock
}

// valueTable is one measure's table of every area, suppressed, and the
// CSV beside it.
type valueTable struct {
	TableView
	CSV string
}

// compareText are the comparison site's own fixed strings.
type compareText struct {
	Centres, Effects, Values, Suppression string
}

// RenderCompareSite writes the comparison site across centres into dir
// (created if needed): index.html with the centres compared, the method,
// each centre's pooled crisis model as a forest plot and a table, a
// funnel plot and a ranking per rate across all neighbourhoods of all
// centres, and each rate's table with small cells suppressed; a CSV beside
// every chart and table; echarts.min.js and proximite.js, loaded by
// relative paths. Names from the data are escaped exactly as on the
// report site (html/template, and JSON read by JSON.parse).
func RenderCompareSite(dir string, s CompareSite) error {
	b := compareBuilder(s)
	statuses, err := CompareSuppression(s)
	if err != nil {
		return err
	}
	p := b.comparePage(s)
	cv := comparisonView{options: map[string]specOptions{}}
	names := csvNames{}
	for i, m := range s.Measures {
		charts, method := b.measureCharts(s, m, statuses[i], cv.options)
		cv.Charts = append(cv.Charts, charts...)
		p.Method = append(p.Method, method)
		vt := b.valueTable(s, m, statuses[i])
		vt.CSV = names.name(b.l.t("tableau", "table"), vt.Title)
		p.Values = append(p.Values, vt)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("render comparison site: %w", err)
	}
	if err := writeScripts(dir); err != nil {
		return err
	}
	for _, vt := range p.Values {
		if err := writeCSVFile(filepath.Join(dir, vt.CSV), b.csvTable(vt.TableView), b.l); err != nil {
			return err
		}
	}
	hp := htmlPage{File: "index.html", Compare: &cv}
	for _, c := range cv.Charts {
		blk, err := chartBlockOf(c, b.l, hp, names)
		if err != nil {
			return fmt.Errorf("render comparison site: %w", err)
		}
		if err := writeCSVFile(filepath.Join(dir, blk.CSV), blk.Table, b.l); err != nil {
			return err
		}
		p.Blocks = append(p.Blocks, blk)
	}
	var buf bytes.Buffer
	if err := compareTemplate.Execute(&buf, p); err != nil {
		return fmt.Errorf("render comparison site: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("render comparison site: %w", err)
	}
	return nil
}

func compareBuilder(s CompareSite) *builder {
	b := &builder{l: newLocale(s.Lang), thr: s.Threshold, cat: map[string]Indicator{}}
	if b.thr <= 0 {
		b.thr = suppression.DefaultThreshold
	}
	for _, ind := range s.Catalogue {
		b.cat[ind.ID] = ind
	}
	return b
}

// comparePage fills the page but its charts and value tables.
func (b *builder) comparePage(s CompareSite) comparePage {
	l := b.l
	names := make([]string, len(s.Centres))
	for i, c := range s.Centres {
		names[i] = c.Name
	}
	p := comparePage{
		Title:   l.t("Comparaison entre centres", "Comparison across centres") + " — " + strings.Join(names, ", "),
		Kicker:  l.t("Approche de proximité · comparaison entre centres", "Outreach · comparison across centres"),
		Heading: l.t("Comparaison de ", "Comparison of ") + strconv.Itoa(len(s.Centres)) + l.t(" centres", " centres"),
		Meta:    l.t("Données au ", "Data as of ") + s.AsOf + " · " + l.t("Période", "Period") + l.t(" : ", ": ") + l.text(s.Period),
		View:    View{Lang: l.lang, Labels: b.labels()},
		T:       newSiteText(l),
		C: compareText{
			Centres: l.t("Centres comparés", "Centres compared"),
			Effects: l.t("Effet groupé de chaque centre sur les interventions de crise", "Each centre’s pooled effect on crisis interventions"),
			Values:  l.t("Tableaux des quartiers", "Neighbourhood tables"),
			Suppression: l.t("Petits nombres supprimés : « <", "Small counts suppressed: “<") + strconv.Itoa(b.thr) +
				l.t(" » pour un compte de 1 à ", "” for a count from 1 to ") + strconv.Itoa(b.thr-1) +
				l.t(", « x » pour un compte caché pour qu’on ne puisse pas le retrouver par le total de son centre ou de l’ensemble ; le taux d’un compte caché n’est pas affiché.",
					", “x” for a count hidden so that none can be recovered from the total of its centre or of all centres; the rate of a hidden count is not shown."),
		},
		Style:   siteColours(),
		Centres: b.centresTable(s),
		Method:  []string{overPeriod(funnelMethod(l)), b.periodMethod(s)},
	}
	p.Forest, p.Models, p.ModelNote = b.centreEffects(s)
	if s.OtherLang != "" {
		p.OtherLang, p.OtherName = "en", "English"
		if l.lang == "en" {
			p.OtherLang, p.OtherName = "fr", "Français"
		}
		p.Other = strings.TrimSuffix(s.OtherLang, "/") + "/index.html"
	}
	return p
}

// overPeriod rewords the report site's funnel method, written for its
// 12-month comparison, for a period that may be a quarter or a month.
func overPeriod(method string) string {
	return strings.NewReplacer("son taux sur 12 mois", "son taux sur la période comparée",
		"its 12-month rate", "its rate over the period compared").Replace(method)
}

// periodMethod says which period is compared and how codes are qualified.
func (b *builder) periodMethod(s CompareSite) string {
	l := b.l
	return l.t("Période comparée : ", "Period compared: ") + l.text(s.Period) +
		l.t(", la plus récente où aucune valeur de quartier n’est provisoire ou incomplète dans aucun centre (12 mois glissants de préférence, sinon un trimestre, sinon un mois). "+
			"Chaque code de quartier est précédé de l’identifiant de son centre (centre:code) et chaque nom du nom de son centre : deux centres peuvent employer les mêmes codes. "+
			"Chaque centre a calculé ses indicateurs et ses modèles sur ses propres données ; seule leur mise côte à côte est faite ici.",
			", the latest in which no neighbourhood value of any centre is provisional or incomplete (rolling 12 months if any, else a quarter, else a month). "+
				"Every neighbourhood code is prefixed with its centre's id (centre:code) and every name with its centre's name: two centres may use the same codes. "+
				"Each centre computed its indicators and models on its own data; they are only set side by side here.")
}

// centresTable lists the centres and their snapshots.
func (b *builder) centresTable(s CompareSite) TableView {
	l := b.l
	count := map[string]int{}
	for _, a := range s.Areas {
		count[a.Centre]++
	}
	t := TableView{Title: l.t("Instantanés de recherche", "Research snapshots"),
		Header: []string{l.t("Centre", "Centre"), l.t("Nom", "Name"), l.t("Données au", "Data as of"), l.t("Quartiers", "Neighbourhoods"),
			l.t("Version du programme", "Program version"), l.t("Fichier", "File")}}
	for _, c := range s.Centres {
		t.Rows = append(t.Rows, []string{c.ID, c.Name, c.AsOf, strconv.Itoa(count[c.ID]), c.ProgramVersion, c.Snapshot})
	}
	return t
}

// measureCharts are a measure's funnel plot and ranking, and the method
// sentence of its overdispersion.
func (b *builder) measureCharts(s CompareSite, m CompareMeasure, st []suppression.Status, options map[string]specOptions) ([]Chart, string) {
	l := b.l
	var data, shown []Exposure
	var hidden []string
	for i, a := range s.Areas {
		if m.OutreachOnly && !a.Outreach {
			continue
		}
		label := Area{Code: a.Area.Code, Name: a.Area.Code + " " + a.Area.Name}
		d := Exposure{Area: label, Count: m.Counts[i], Exposure: m.Exposures[i], Outreach: a.Outreach}
		data = append(data, d)
		if st[i].Suppressed() || d.Exposure <= 0 {
			hidden = append(hidden, label.Name)
			continue
		}
		shown = append(shown, d)
	}
	title, unit := m.Indicator, ""
	if ind, ok := b.cat[m.Indicator]; ok {
		title, unit = l.text(ind.Title), ind.Unit
	}
	period := l.text(s.Period)
	id := "cmp_" + unsafeID.ReplaceAllString(m.Indicator, "_")
	f, od := b.funnel(id+"_funnel", title, unit, l.text(m.Exposure), shown, hidden, data, period)
	options[f.ID] = specOptions{Hidden: od.names}
	r := b.ranking(id+"_ranking", title+" — "+l.t("classement", "ranking"), unit, shown, hidden, period)
	if m.OutreachOnly {
		only := l.t("Quartiers avec approche seulement : ceux de comparaison n’en reçoivent pas.", "Outreach neighbourhoods only: comparison neighbourhoods get none.")
		f.Notes, r.Notes = append(f.Notes, only), append(r.Notes, only)
	}
	return []Chart{f, r}, od.method
}

// valueTable is a measure's table of every area: code, centre, name, group,
// numerator, denominator and rate per 1,000, suppressed cells printed as
// "<T" or "x" with their rate left out.
func (b *builder) valueTable(s CompareSite, m CompareMeasure, st []suppression.Status) valueTable {
	l := b.l
	title := m.Indicator
	if ind, ok := b.cat[m.Indicator]; ok {
		title = l.text(ind.Title)
	}
	centre := map[string]string{}
	for _, c := range s.Centres {
		centre[c.ID] = c.Name
	}
	t := TableView{Title: title + " — " + l.text(s.Period),
		Header: []string{l.t("Code", "Code"), l.t("Centre", "Centre"), l.t("Quartier", "Neighbourhood"), l.t("Groupe", "Group"),
			l.t("Numérateur", "Numerator"), l.t("Dénominateur (", "Denominator (") + l.text(m.Exposure) + ")", l.t("Taux pour 1\u00a0000", "Rate per 1,000")}}
	for i, a := range s.Areas {
		group := l.t("Comparaison", "Comparison")
		if a.Outreach {
			group = l.t("Approche de proximité", "Outreach")
		}
		n, e := m.Counts[i], m.Exposures[i]
		count, rate := l.number(float64(n), 0), "—"
		switch {
		case st[i].Suppressed():
			count = suppression.Symbol(st[i], b.thr)
		case e > 0:
			rate = l.number(1000*float64(n)/e, 1)
			if suppression.Unstable(n) {
				rate += " †"
			}
		}
		t.Rows = append(t.Rows, []string{a.Area.Code, centre[a.Centre], a.Area.Name, group, count, l.number(e, 0), rate})
	}
	return valueTable{TableView: t}
}

// csvTable is a printed table as a CSV: numbers without thousands
// separators or caution mark, symbols kept.
func (b *builder) csvTable(t TableView) dataTable {
	d := dataTable{Header: t.Header}
	for _, row := range t.Rows {
		cells := make([]cell, len(row))
		for i, v := range row {
			cells[i] = cell{Text: v, CSV: v}
			if i >= 4 {
				cells[i].CSV = plainNumber(v, b.l)
			}
		}
		d.Rows = append(d.Rows, cells)
	}
	return d
}

// centreEffects are the centres' pooled crisis models: a forest plot of
// the fitted ones, a table of all, and the note under them.
func (b *builder) centreEffects(s CompareSite) (*ForestView, TableView, string) {
	l := b.l
	name := map[string]string{}
	for _, c := range s.Centres {
		name[c.ID] = c.Name
	}
	t := TableView{Title: l.t("Modèle regroupé à adoption échelonnée, par centre", "Pooled staggered-adoption model, by centre"),
		Header: []string{l.t("Centre", "Centre"), l.t("Rapport des taux", "Rate ratio"), l.t("IC 95 %", "95% CI"), "p",
			l.t("Quartiers avec approche", "Outreach neighbourhoods"), l.t("Intervalle ou raison", "Interval or reason")},
		Empty: l.t("Aucun centre n’a de modèle regroupé.", "No centre has a pooled model.")}
	fv := &ForestView{Title: l.t("Effet groupé de chaque centre sur les événements de crise (RR, IC 95 %, échelle log)",
		"Each centre’s pooled effect on crisis events (RR, 95% CI, log scale)")}
	for _, ce := range s.Pooled {
		e := ce.Effect
		label := name[ce.Centre]
		if label == "" {
			label = ce.Centre
		}
		lo, hi, method := e.Lo, e.Hi, l.t("quasi-Poisson", "quasi-Poisson")
		if e.RobustLo != nil {
			lo, hi = e.RobustLo, e.RobustHi
			method = l.t("robuste par quartier, t à ", "cluster-robust by neighbourhood, t on ") + strconv.Itoa(ce.DF) + l.t(" ddl", " df")
		}
		if e.Status != "fitted" || e.Ratio == nil || lo == nil || hi == nil {
			why := e.Reason
			if why == "" {
				why = e.Status
			}
			t.Rows = append(t.Rows, []string{label, l.t("non estimé", "not estimated"), "—", "—", strconv.Itoa(e.Outreach), why})
			continue
		}
		text := fmt.Sprintf("%s (%s–%s)", l.number(*e.Ratio, 2), l.number(*lo, 2), l.number(*hi, 2))
		fv.Rows = append(fv.Rows, ForestRowView{Label: label, Kind: ForestPooled, RR: *e.Ratio, Lo: *lo, Hi: *hi, Text: text})
		t.Rows = append(t.Rows, []string{label, l.number(*e.Ratio, 2), interval(l, lo, hi), pValue(l, e.P), strconv.Itoa(e.Outreach), method})
	}
	note := l.t("Chaque centre : un modèle de Poisson (séries interrompues) sur tous ses quartiers avec approche, chacun à partir de son propre début, ajusté sur ses seules données (crisis_its, modèle « pooled »). "+
		"Un rapport inférieur à 1 indique moins d’interventions de crise après le début de l’approche que ne le prédit la tendance antérieure.",
		"Each centre: one Poisson interrupted time-series model over all its outreach neighbourhoods, each from its own start, fitted on its own data only (crisis_its, model “pooled”). "+
			"A ratio below 1 means fewer crisis interventions after outreach began than the earlier trend predicts.")
	if len(fv.Rows) == 0 {
		return nil, t, note
	}
	return fv, t, note
}
