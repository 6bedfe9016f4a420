package reports

import "strconv"

// modelEffects lays out the pooled estimates of the crisis effect: the
// difference in differences and, once the model carries it, the pooled
// staggered-adoption model (Comparison.Pooled).
func (b *builder) modelEffects(c Comparison) ([]string, [][]string, string) {
	l := b.l
	header := []string{l.t("Modèle", "Model"), l.t("Rapport des taux", "Rate ratio"), l.t("IC 95 %", "95% CI"),
		l.t("IC 95 % robuste (grappes)", "95% CI cluster-robust"), "p", l.t("Quartiers (approche / comparaison)", "Neighbourhoods (outreach / comparison)"), l.t("Mois", "Months")}
	var rows [][]string
	for _, e := range []struct {
		name string
		eff  *ModelEffect
	}{
		{l.t("Différence de différences (quasi-Poisson)", "Difference in differences (quasi-Poisson)"), c.DiD},
		{l.t("Modèle regroupé à adoption échelonnée", "Pooled staggered-adoption model"), c.Pooled},
	} {
		if e.eff != nil {
			rows = append(rows, b.effectRow(e.name, *e.eff))
		}
	}
	note := l.t("Un rapport inférieur à 1 indique moins d’interventions de crise après le début de l’approche que ne le prédit l’évolution des quartiers de comparaison.",
		"A ratio below 1 means fewer crisis interventions after outreach began than the comparison neighbourhoods' trend predicts.")
	if c.Pooled == nil {
		note += " " + l.t("Le modèle regroupé à adoption échelonnée n’est pas encore calculé.", "The pooled staggered-adoption model is not computed yet.")
	}
	return header, rows, note
}

func (b *builder) effectRow(name string, e ModelEffect) []string {
	l := b.l
	if e.Status != "fitted" || e.Ratio == nil {
		why := e.Reason
		if why == "" {
			why = e.Status
		}
		return []string{name, l.t("non estimé : ", "not estimated: ") + why, "—", "—", "—", arms(e), months(e)}
	}
	return []string{name, l.number(*e.Ratio, 2), interval(l, e.Lo, e.Hi), interval(l, e.RobustLo, e.RobustHi), pValue(l, e.P), arms(e), months(e)}
}

// months is the model's month count, or a dash when the model does not
// have one number of months (the pooled model's neighbourhoods differ).
func months(e ModelEffect) string {
	if e.Months == 0 {
		return "—"
	}
	return strconv.Itoa(e.Months)
}

func arms(e ModelEffect) string { return strconv.Itoa(e.Outreach) + " / " + strconv.Itoa(e.Comparison) }

func interval(l locale, lo, hi *float64) string {
	if lo == nil || hi == nil {
		return "—"
	}
	return l.number(*lo, 2) + " – " + l.number(*hi, 2)
}

// pValue prints p with three decimals, and a smaller p as "< 0,001".
func pValue(l locale, p *float64) string {
	if p == nil {
		return "—"
	}
	if *p < 0.001 {
		return "< " + l.number(0.001, 3)
	}
	return l.number(*p, 3)
}
