package reports

import (
	"math"
	"sort"
	"strconv"
	"time"
	"unicode"
)

// The summary's sentences come from the rules in this file: each takes
// stored results (already suppressed and judged by the builder) and
// returns one sentence, or false when it has nothing to say. No sentence
// is free text.

// areaEffect is one area's interrupted-time-series level change.
type areaEffect struct {
	Area string
	Effect
}

// yearChange is one indicator of one area in the headline month and the
// same month a year before. Cur and Last are the printed values; CurN and
// LastN the counts behind them (the value for a count, the numerator for
// a rate), which give the interval of the change.
type yearChange struct {
	Area      string
	Title     string
	Unit      string
	Direction string
	Month     time.Time
	Cur, Last float64
	// CurN and LastN are 0 when unknown (no interval then).
	CurN, LastN int64
	// Signal is the month's SPC signal, HasSPC whether there is a chart.
	Signal string
	HasSPC bool
	// UnitWords is the catalogue's unit (empty: a default by Unit).
	UnitWords string
}

// ratio is the relative change Cur/Last − 1 with its 95% interval from
// the Poisson counts behind it (log of the ratio of two Poisson counts:
// se = √(1/a + 1/b)); ok is false when a count is 0 or unknown.
func (c yearChange) ratio() (r, lo, hi float64, ok bool) {
	if c.Last == 0 {
		return 0, 0, 0, false
	}
	r = c.Cur/c.Last - 1
	if c.CurN <= 0 || c.LastN <= 0 {
		return r, 0, 0, false
	}
	se := math.Sqrt(1/float64(c.CurN) + 1/float64(c.LastN))
	lr := math.Log(c.Cur / c.Last)
	return r, math.Exp(lr-1.96*se) - 1, math.Exp(lr+1.96*se) - 1, true
}

// significant reports whether the change's interval excludes no change.
func (c yearChange) significant() bool {
	_, lo, hi, ok := c.ratio()
	return ok && (lo > 0 || hi < 0)
}

// unfavourable reports whether the change goes against the indicator's
// direction of improvement.
func (c yearChange) unfavourable() bool {
	return c.Direction == "up" && c.Cur < c.Last || c.Direction == "down" && c.Cur > c.Last
}

// relPct formats a relative change in percent, signed, without decimals.
func (l locale) relPct(r float64) string {
	s := l.signed(100*r, 0)
	if l.fr() {
		return s + nbsp + "%"
	}
	return s + "%"
}

// ciRange formats an interval "IC 95 % −33 % à −19 %" / "95% CI −33% to −19%".
func (l locale) ciRange(lo, hi string) string {
	return l.t("IC 95"+nbsp+"% ", "95% CI ") + lo + l.t(" à ", " to ") + hi
}

// inArea is " à Petite-Bourgogne" / " in Petite-Bourgogne", or "" for the
// territory (empty area).
func (l locale) inArea(area string) string {
	if area == "" {
		return ""
	}
	return l.t(" à ", " in ") + area
}

// changeSentence states an indicator's value against the same month a
// year before, with the interval of the change and what the control chart
// says: "Personnes rejointes : 951 en août 2026 contre 721 en août 2025
// (+32 %, IC 95 % +22 % à +42 %) ; la carte de contrôle signale une
// amélioration."
func changeSentence(l locale, c yearChange) (string, bool) {
	if c.Last == 0 && c.Cur == 0 {
		return "", false
	}
	s := c.Title + l.inArea(c.Area) + l.t(" : ", ": ") + l.value(c.Cur, c.Unit) + c.unitSuffix(l) +
		l.t(" en ", " in ") + l.month(c.Month) + l.t(" contre ", " against ") + l.value(c.Last, c.Unit) +
		l.t(" en ", " in ") + l.month(c.Month.AddDate(-1, 0, 0))
	if r, lo, hi, ok := c.ratio(); ok {
		s += " (" + l.relPct(r) + ", " + l.ciRange(l.relPct(lo), l.relPct(hi)) + ")"
	} else if c.Last != 0 {
		s += " (" + l.relPct(r) + ")"
	}
	if c.HasSPC {
		s += l.t(" ; ", "; ") + spcClause(l, c.Signal)
	}
	return s + ".", true
}

// unitSuffix is the unit printed after a rate in a sentence: the
// catalogue's words, else a default by unit code; none for counts.
func (c yearChange) unitSuffix(l locale) string {
	if c.Unit == "count" || c.Unit == "pct" {
		return ""
	}
	if c.UnitWords != "" {
		return " " + c.UnitWords
	}
	switch c.Unit {
	case "per_1000":
		return l.t(" pour 1 000 résidents", " per 1,000 residents")
	case "per_1000_alone":
		return l.t(" pour 1 000 résidents vivant seuls", " per 1,000 residents living alone")
	case "per_1000_py":
		return l.t(" pour 1 000 personnes-années", " per 1,000 person-years")
	case "hours":
		return l.t(" h", " h")
	}
	return ""
}

// spcClause says what the month's XmR chart shows.
func spcClause(l locale, signal string) string {
	switch signal {
	case "improvement":
		return l.t("la carte de contrôle signale une amélioration", "the control chart signals an improvement")
	case "concern":
		return l.t("la carte de contrôle signale une préoccupation", "the control chart signals a concern")
	}
	return l.t("variation habituelle selon la carte de contrôle", "common-cause variation on the control chart")
}

// crisisSentence states the crisis-rate level change after outreach
// started in the outreach neighbourhoods: how many show a drop whose
// interval excludes no change, and the smallest and largest drops with
// their intervals.
func crisisSentence(l locale, effects []areaEffect) (string, bool) {
	var out []areaEffect
	for _, e := range effects {
		if !e.Placebo {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return "", false
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].RR < out[j].RR })
	k := 0
	for _, e := range out {
		if e.Hi < 1 {
			k++
		}
	}
	n := strconv.Itoa(len(out))
	var s string
	switch {
	case k == 0:
		s = l.t("Crises : aucune baisse du taux de crise hors de l’incertitude après le début de l’approche ("+n+" quartier"+plural(len(out))+" d’intervention ; ",
			"Crises: no drop in the crisis rate beyond the uncertainty after outreach started ("+n+" outreach neighbourhood"+plural(len(out))+"; ")
	default:
		s = l.t("Crises : après le début de l’approche, le taux de crise baisse dans "+strconv.Itoa(k)+" quartier"+plural(k)+" d’intervention sur "+n+" (",
			"Crises: after outreach started, the crisis rate drops in "+strconv.Itoa(k)+" outreach neighbourhood"+plural(k)+" of "+n+" (")
	}
	s += effectText(l, out[0])
	if len(out) > 1 {
		s += l.t(" ; ", "; ") + effectText(l, out[len(out)-1])
	}
	return s + l.t(", série chronologique interrompue).", ", interrupted time series)."), true
}

func plural(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}

// effectText is "−28 % à Petite-Bourgogne, IC 95 % −34 % à −21 %".
func effectText(l locale, e areaEffect) string {
	return l.relPct(e.RR-1) + l.inArea(e.Area) + ", " + l.ciRange(l.relPct(e.Lo-1), l.relPct(e.Hi-1))
}

// placeboSentence states the placebo test of the comparison
// neighbourhoods: no change there supports reading the drop as the
// outreach's effect; a change there calls for caution.
func placeboSentence(l locale, effects []areaEffect) (string, bool) {
	var pl []areaEffect
	for _, e := range effects {
		if e.Placebo {
			pl = append(pl, e)
		}
	}
	if len(pl) == 0 {
		return "", false
	}
	var s string
	for i, e := range pl {
		if i > 0 {
			s += " "
		}
		rr := l.number(e.RR, 2) + ", " + l.ciRange(l.number(e.Lo, 2), l.number(e.Hi, 2))
		if e.Lo <= 1 && e.Hi >= 1 {
			s += l.t("Dans le quartier de comparaison "+e.Area+", sans intervention, pas de changement au même moment (rapport de taux "+rr+").",
				"In the comparison neighbourhood "+e.Area+", without outreach, no change at the same time (rate ratio "+rr+").")
		} else {
			s += l.t("Le quartier de comparaison "+e.Area+", sans intervention, change aussi (rapport de taux "+rr+") : lire la baisse avec prudence.",
				"The comparison neighbourhood "+e.Area+", without outreach, changes too (rate ratio "+rr+"): read the drop with caution.")
		}
	}
	return s, true
}

// notable picks the year-on-year changes worth a manager's attention:
// intervals that exclude no change on counts of at least minCount in both
// months (below, the report marks values as unstable), the unfavourable
// first, then by size of the change.
func notable(cs []yearChange, minCount int64) []yearChange {
	var out []yearChange
	for _, c := range cs {
		if c.CurN < minCount || c.LastN < minCount {
			continue
		}
		if c.significant() {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].unfavourable() != out[j].unfavourable() {
			return out[i].unfavourable()
		}
		ri, _, _, _ := out[i].ratio()
		rj, _, _, _ := out[j].ratio()
		return math.Abs(ri) > math.Abs(rj)
	})
	return out
}

// signalTally counts the month's SPC signals.
type signalTally struct {
	Improvement, Concern, Charts int
}

// signalSentence sums up the month's control charts.
func signalSentence(l locale, month time.Time, t signalTally) (string, bool) {
	if t.Charts == 0 {
		return "", false
	}
	count := func(n int, fr, en string) string {
		if n == 0 {
			return l.t("aucun signal "+fr, "no "+en+" signal")
		}
		frSignal := " signal "
		if n > 1 {
			frSignal = " signaux "
		}
		return strconv.Itoa(n) + l.t(frSignal+fr, " "+en+" signal"+plural(n))
	}
	return l.t("Cartes de contrôle (maîtrise statistique des procédés, MSP) en ", "Control charts (statistical process control, SPC) in ") +
		l.month(month) + l.t(" : ", ": ") + count(t.Improvement, "d’amélioration", "improvement") + l.t(" et ", " and ") +
		count(t.Concern, "de préoccupation", "concern") + l.t(" sur ", " on ") + strconv.Itoa(t.Charts) + l.t(" cartes.", " charts."), true
}

// headlineNote says which month page 1 headlines and why: the latest
// complete month while later months are provisional, or a provisional
// month because the report was asked for it (naming the latest complete
// month then).
func headlineNote(l locale, headline, month time.Time, provisional []time.Time) string {
	prov := map[time.Time]bool{}
	for _, p := range provisional {
		prov[monthStart(p)] = true
	}
	h := monthStart(headline)
	if prov[h] {
		complete := h
		for i := 0; i <= len(provisional) && prov[complete]; i++ {
			complete = complete.AddDate(0, -1, 0)
		}
		return l.t("Ce rapport met en avant "+l.month(h)+", un mois provisoire (p), parce qu’il a été demandé pour ce mois : ses chiffres peuvent encore changer. Le dernier mois complet est "+l.month(complete)+".",
			"This report headlines "+l.month(h)+", a provisional month (p), because it was asked for that month: its figures may still change. The latest complete month is "+l.month(complete)+".")
	}
	var later []string
	for m := h.AddDate(0, 1, 0); !m.After(monthStart(month)); m = m.AddDate(0, 1, 0) {
		if prov[m] {
			later = append(later, l.month(m))
		}
	}
	if len(later) == 0 {
		return l.t("Ce résumé porte sur "+l.month(h)+", mois complet.", "This summary is about "+l.month(h)+", a complete month.")
	}
	return l.t("Ce résumé porte sur "+l.month(h)+", dernier mois complet. "+joinFR(later)+" : mois provisoires (p), montrés dans les graphiques mais encore incomplets.",
		"This summary is about "+l.month(h)+", the latest complete month. "+joinEN(later)+": provisional months (p), shown in the charts but still incomplete.")
}

func joinFR(s []string) string { return joinWith(s, " et ") }

func joinEN(s []string) string { return joinWith(s, " and ") }

func joinWith(s []string, last string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return upperFirst(s[0])
	}
	out := upperFirst(s[0])
	for _, x := range s[1 : len(s)-1] {
		out += ", " + x
	}
	return out + last + s[len(s)-1]
}

func upperFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
