package reports

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// summaryView is page 1 of the PDF: the month's findings in sentences,
// the summary matrix and the signals to watch.
type summaryView struct {
	Title     string
	Headline  string
	Note      string
	Sentences []string
	Header    []string
	Matrix    []matrixRow
	Watch     []string
	Labels    summaryLabels
}

type summaryLabels struct {
	Findings, Matrix, Watch, Legend, Method string
}

// matrixRow is one key indicator in the summary matrix.
type matrixRow struct {
	Title, Unit, Value, Previous, LastYear string
	Trend                                  []Point
	Signal                                 string
	HasSPC                                 bool
	Direction                              string
}

// summaryIndicators are the matrix rows, in print order.
func summaryIndicators() []string {
	return []string{"reach_persons", "reach_first_contacts", "reach_isolated_rate", "reach_living_alone_pct",
		"crisis_events", "crisis_rate", "group_attendance", "referrals_to_services", "active_partners",
		"outreach_hours", "clinical_support_hours_per_worker"}
}

// minNotable is the smallest count a year-on-year change is stated on.
const minNotable = 10

// headlineOf is the month a report headlines (Month when unset).
func headlineOf(r Report) time.Time {
	if r.Headline.IsZero() {
		return monthStart(r.Month)
	}
	return monthStart(r.Headline)
}

func (b *builder) headline() time.Time { return headlineOf(b.r) }

// unitWords is an indicator's unit in words, from the catalogue.
func (b *builder) unitWords(ind Indicator) string {
	if t := b.l.text(ind.UnitText); t != "" {
		return t
	}
	return b.unitText(ind.Unit)
}

// buildSummary makes page 1 from the report's stored results.
func buildSummary(r Report) (summaryView, error) {
	b, err := newBuilder(r)
	if err != nil {
		return summaryView{}, err
	}
	l, h := b.l, b.headline()
	sv := summaryView{
		Title:    l.t("Résumé du mois", "The month in brief"),
		Headline: l.month(h),
		Note:     headlineNote(l, h, monthStart(r.Month), r.Provisional),
		Header: []string{l.t("Indicateur", "Indicator"), l.month(h), l.t("Tendance (25 mois)", "Trend (25 months)"),
			l.t("Variation", "Variation"), l.t("Écart 1 mois", "vs last month"), l.t("Écart 12 mois", "vs last year")},
		Labels: summaryLabels{
			Findings: l.t("Constats", "Findings"),
			Matrix:   l.t("Tableau de bord", "Summary matrix"),
			Watch:    l.t("À surveiller", "To watch"),
			Legend: l.t("Variation selon la carte de contrôle (maîtrise statistique des procédés, MSP) : ● amélioration, ▲ préoccupation, ○ variation habituelle, — pas de carte. Tendance : mois provisoires en creux.",
				"Variation on the control chart (statistical process control, SPC): ● improvement, ▲ concern, ○ common-cause variation, — no chart. Trend: provisional months hollow."),
			Method: l.t("IC 95 % (intervalle de confiance à 95 %) d’une variation sur un an : rapport de deux comptes de Poisson (logarithme). Changement de niveau des crises : série chronologique interrompue ; RR = rapport de taux.",
				"95% CI (confidence interval) of a change over a year: ratio of two Poisson counts (log method). Crisis level change: interrupted time series; RR = rate ratio."),
		},
	}
	for _, id := range summaryIndicators() {
		if row, ok, err := b.matrixRow(id); err != nil {
			return summaryView{}, err
		} else if ok {
			sv.Matrix = append(sv.Matrix, row)
		}
	}
	sv.Sentences = b.sentences()
	sv.Watch = b.watch()
	return sv, nil
}

func (b *builder) matrixRow(id string) (matrixRow, bool, error) {
	var k *Key
	for i := range b.r.Overview.Key {
		if b.r.Overview.Key[i].Indicator == id {
			k = &b.r.Overview.Key[i]
		}
	}
	if k == nil || isComparison(b.r.Overview) && keyEmpty(*k) {
		return matrixRow{}, false, nil
	}
	ind, err := b.indicator(id)
	if err != nil {
		return matrixRow{}, false, err
	}
	m := b.headline()
	val, _, _ := b.formatValue(ind, 0, m, k.Current)
	if k.Current.Provisional || b.prov[m] {
		val += " (p)"
	}
	return matrixRow{Title: b.l.text(ind.Title), Unit: b.unitWords(ind), Value: val,
		Previous: b.change(ind, 0, k.Current, k.Previous, m, m.AddDate(0, -1, 0)),
		LastYear: b.change(ind, 0, k.Current, k.LastYear, m, m.AddDate(-1, 0, 0)),
		Trend:    b.points(0, ind, k.Trend), Signal: k.Signal, HasSPC: k.HasSPC, Direction: ind.Direction}, true, nil
}

// sections are the territory's (area 0, no name in sentences) and each
// neighbourhood's, with their area index.
func (b *builder) sections() []Section {
	return append([]Section{b.r.Overview}, b.r.Neighbourhoods...)
}

func (b *builder) areaName(a int, s Section) string {
	if a == 0 {
		return ""
	}
	return s.Area.Name
}

// effects are the fitted crisis level changes of the neighbourhoods, or
// of the report's only area when it has no neighbourhoods.
func (b *builder) effects() []areaEffect {
	var out []areaEffect
	for _, s := range b.r.Neighbourhoods {
		if s.Crisis.Effect != nil {
			out = append(out, areaEffect{Area: s.Area.Name, Effect: *s.Crisis.Effect})
		}
	}
	if len(b.r.Neighbourhoods) == 0 && b.r.Overview.Crisis.Effect != nil {
		out = append(out, areaEffect{Area: b.r.Overview.Area.Name, Effect: *b.r.Overview.Crisis.Effect})
	}
	return out
}

// yearChanges are every shown count or rate of every area in the
// headline month against the same month a year before.
func (b *builder) yearChanges() []yearChange {
	var out []yearChange
	for a, s := range b.sections() {
		for _, k := range s.Key {
			if c, ok := b.yearChange(a, s, k); ok {
				out = append(out, c)
			}
		}
	}
	return out
}

func (b *builder) yearChange(a int, s Section, k Key) (yearChange, bool) {
	ind, ok := b.cat[k.Indicator]
	if !ok || k.LastYear == nil || k.Current.Value == nil || k.LastYear.Value == nil {
		return yearChange{}, false
	}
	switch ind.Unit {
	case "count", "per_1000", "per_1000_alone", "per_1000_py":
	default:
		return yearChange{}, false
	}
	m := b.headline()
	st1, _ := b.judge(ind, a, m, k.Current)
	st2, _ := b.judge(ind, a, m.AddDate(-1, 0, 0), *k.LastYear)
	if st1.Suppressed() || st2.Suppressed() {
		return yearChange{}, false
	}
	return yearChange{Area: b.areaName(a, s), Title: b.l.text(ind.Title), Unit: ind.Unit, Direction: ind.Direction, Month: m,
		Cur: *k.Current.Value, Last: *k.LastYear.Value, CurN: countBehind(ind, k.Current), LastN: countBehind(ind, *k.LastYear),
		Signal: k.Signal, HasSPC: k.HasSPC, UnitWords: b.unitWords(ind)}, true
}

// countBehind is the count a value rests on: itself for a count, the
// numerator for a rate; 0 when unknown.
func countBehind(ind Indicator, v Value) int64 {
	if ind.Unit == "count" && v.Value != nil {
		return int64(math.Round(*v.Value))
	}
	if v.Numerator != nil {
		return *v.Numerator
	}
	return 0
}

// sentences applies the rules in order and keeps at most five; when they
// make fewer than three (a comparison neighbourhood's own report), the
// area's crisis rate and events over a year complete them.
func (b *builder) sentences() []string {
	l := b.l
	var out []string
	add := func(s string, ok bool) {
		if ok && len(out) < 5 {
			out = append(out, s)
		}
	}
	eff := b.effects()
	add(crisisSentence(l, eff))
	add(placeboSentence(l, eff))
	changes := b.yearChanges()
	stated := map[string]bool{}
	for _, id := range []string{"reach_persons", "reach_isolated_rate"} {
		for _, c := range changes {
			if c.Area == "" && c.Title == b.title(id) {
				add(changeSentence(l, c))
				stated[c.Title+"|"] = true
			}
		}
	}
	for _, c := range notable(changes, minNotable) {
		if !stated[c.Title+"|"+c.Area] {
			s, ok := changeSentence(l, c)
			add(l.t("À noter — ", "Of note — ")+s, ok)
			break
		}
	}
	add(signalSentence(l, b.headline(), b.tally()))
	for _, id := range []string{"crisis_rate", "crisis_events"} {
		for _, c := range changes {
			if len(out) < 3 && c.Area == "" && c.Title == b.title(id) {
				add(changeSentence(l, c))
			}
		}
	}
	return out
}

// tally counts the headline month's SPC signals over every area.
func (b *builder) tally() signalTally {
	var t signalTally
	for _, s := range b.sections() {
		for _, k := range s.Key {
			if !k.HasSPC {
				continue
			}
			t.Charts++
			switch k.Signal {
			case "improvement":
				t.Improvement++
			case "concern":
				t.Concern++
			}
		}
	}
	return t
}

// watch lists the month's real signals: concerns on control charts,
// unfavourable changes over a year beyond their interval, improvements on
// control charts, and neighbourhoods with a month without data.
func (b *builder) watch() []string {
	l := b.l
	var concern []string
	better := map[string][]string{}
	var betterOrder []string
	for a, s := range b.sections() {
		place := s.Area.Name
		if a == 0 {
			place = l.t("territoire", "territory")
		}
		for _, k := range s.Key {
			switch k.Signal {
			case "concern":
				concern = append(concern, "▲ "+l.t("Préoccupation (carte de contrôle) : ", "Concern (control chart): ")+b.title(k.Indicator)+", "+place)
			case "improvement":
				if len(better[k.Indicator]) == 0 {
					betterOrder = append(betterOrder, k.Indicator)
				}
				better[k.Indicator] = append(better[k.Indicator], place)
			}
		}
	}
	out := concern
	n := 0
	for _, c := range notable(b.yearChanges(), minNotable) {
		if !c.unfavourable() || n == 4 {
			continue
		}
		n++
		place := c.Area
		if place == "" {
			place = l.t("territoire", "territory")
		}
		r, _, _, _ := c.ratio()
		out = append(out, "▼ "+c.Title+", "+place+l.t(" : ", ": ")+l.relPct(r)+l.t(" en un an (", " in a year (")+
			l.value(c.Cur, c.Unit)+l.t(" contre ", " against ")+l.value(c.Last, c.Unit)+")")
	}
	for _, id := range betterOrder {
		out = append(out, "● "+l.t("Amélioration (carte de contrôle) : ", "Improvement (control chart): ")+b.title(id)+l.t(" — ", " — ")+strings.Join(better[id], ", "))
	}
	for _, f := range b.r.Quality.Freshness {
		if f.Gap {
			out = append(out, "⚠ "+f.Area.Name+l.t(" : un mois sans données après des mois qui en avaient", ": a month without data after months that had some"))
		}
	}
	if len(out) > 9 {
		more := len(out) - 8
		out = append(out[:8], l.t("… et "+strconv.Itoa(more)+" autres (voir les pages des quartiers)", "… and "+strconv.Itoa(more)+" more (see the neighbourhood pages)"))
	}
	if len(out) == 0 {
		out = []string{l.t("Aucun signal en ", "No signal in ") + l.month(b.headline()) + "."}
	}
	return out
}
