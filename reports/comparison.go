package reports

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/gonum/stat/distuv"

	"proximite/internal/suppression"
)

// comparisonView is the comparison page: its charts, the options of each
// (shared axes, series off at first), the method and the pooled effects.
type comparisonView struct {
	Charts  []Chart
	options map[string]specOptions
	// Method states how the funnel limits are drawn.
	Method []string
	// Effects lists the pooled estimates under EffectHeader.
	EffectHeader []string
	Effects      [][]string
	EffectNote   string
}

// comparisonPage builds the university centre's page: funnel plots and
// rankings of the crisis rate and of the reach into the isolated
// population, outreach and comparison neighbourhoods marked apart, then
// small multiples of every neighbourhood's crisis rate on one scale, and
// the difference in differences (and the pooled model, once the model
// carries it).
func (b *builder) comparisonPage(c Comparison, v View) (comparisonView, error) {
	l := b.l
	cv := comparisonView{options: map[string]specOptions{}}
	for _, m := range []struct {
		id, indicator, fallback, unit, xname string
		data                                 []Exposure
	}{
		{"cmp_crisis", "crisis_rate", l.t("Taux d’interventions de crise", "Crisis intervention rate"), "per_1000_py", l.t("personnes-années", "person-years"), c.Crisis},
		{"cmp_isolated", "reach_isolated_rate", l.t("Rejoint parmi la population isolée", "Reach into the isolated population"), "per_1000_alone", l.t("population vivant seule", "population living alone"), c.Isolated},
	} {
		shown, hidden, err := b.protectAreas(m.data)
		if err != nil {
			return cv, err
		}
		title, unit := m.fallback, m.unit
		if ind, ok := b.cat[m.indicator]; ok {
			title, unit = l.text(ind.Title), ind.Unit
		}
		period := l.text(c.Period)
		f, od := b.funnel(m.id+"_funnel", title, unit, m.xname, shown, hidden, m.data, period)
		cv.Charts = append(cv.Charts, f, b.ranking(m.id+"_ranking", title+" — "+l.t("classement", "ranking"), unit, shown, hidden, period))
		cv.options[f.ID] = specOptions{Hidden: od.names}
		cv.Method = append(cv.Method, od.method)
	}
	cv.Method = append([]string{funnelMethod(l)}, cv.Method...)
	small, yMax := b.smallMultiples(c, v)
	for _, sm := range small {
		cv.Charts = append(cv.Charts, sm)
		cv.options[sm.ID] = specOptions{YMax: yMax}
	}
	cv.EffectHeader, cv.Effects, cv.EffectNote = b.modelEffects(c)
	return cv, nil
}

// smallMultiples are each neighbourhood's observed crisis rate, on one
// y-axis from 0 to a round value above the highest point of any of them.
func (b *builder) smallMultiples(c Comparison, v View) ([]Chart, float64) {
	l := b.l
	comparison := map[string]bool{}
	for _, e := range c.Crisis {
		if !e.Outreach {
			comparison[e.Area.Name] = true
		}
	}
	var out []Chart
	top := 0.0
	for _, s := range v.Sections[1:] {
		if len(s.Charts) == 0 || len(s.Charts[0].Series) == 0 {
			continue
		}
		sm := s.Charts[0]
		sm.ID, sm.Title, sm.Wide, sm.Notes = "cmp_"+s.ID, s.Title, false, nil
		if comparison[s.Title] {
			sm.Title += l.t(" — quartier de comparaison", " — comparison neighbourhood")
		}
		sm.Series = sm.Series[:1]
		for _, p := range sm.Series[0].Points {
			if p.Value != nil {
				top = math.Max(top, *p.Value)
			}
		}
		out = append(out, sm)
	}
	return out, niceCeil(top)
}

// niceCeil rounds v up to 1, 2, 2.5 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= v*(1-1e-12) {
			return m * p
		}
	}
	return 10 * p
}

// protectAreas suppresses small counts among the areas, with complementary
// suppression against their total (the overall rate gives it away).
func (b *builder) protectAreas(data []Exposure) ([]Exposure, []string, error) {
	values := []int64{0}
	members := []int{}
	for i, d := range data {
		values[0] += d.Count
		values = append(values, d.Count)
		members = append(members, i+1)
	}
	st, err := suppression.Apply(values, []suppression.Line{{Total: 0, Members: members}}, b.thr)
	if err != nil {
		return nil, nil, fmt.Errorf("comparison: %w", err)
	}
	var shown []Exposure
	var hidden []string
	for i, d := range data {
		if st[i+1].Suppressed() || d.Exposure <= 0 {
			hidden = append(hidden, d.Area.Name)
			continue
		}
		shown = append(shown, d)
	}
	return shown, hidden, nil
}

func overallRate(all []Exposure) float64 {
	var n, e float64
	for _, d := range all {
		n += float64(d.Count)
		e += d.Exposure
	}
	if e == 0 {
		return 0
	}
	return n / e
}

// exposureRange is the span of exposures the funnel limits are drawn
// over.
type exposureRange struct{ lo, hi float64 }

// padded starts the limits at half the smallest exposure shown (near zero
// they shoot up and squash the points) and ends them 10% past the largest.
func (r exposureRange) padded() exposureRange {
	if math.IsInf(r.lo, 1) {
		return exposureRange{0, 0}
	}
	return exposureRange{r.lo / 2, r.hi * 1.1}
}

// at is the exposure a fraction f of the way along the range (f > 0).
func (r exposureRange) at(f float64) float64 { return r.lo + (r.hi-r.lo)*f }

// overdispersion is the funnel's adjusted limits: the legend names of
// their series and the sentence stating the estimate.
type overdispersion struct {
	names  []string
	method string
}

// funnel places each area at (exposure, rate per 1,000), outreach and
// comparison neighbourhoods as two series, with Poisson control limits
// (95% and 99.8%) around the overall rate of all areas, and the 99.8%
// limits adjusted for overdispersion (Spiegelhalter 2005), off at first.
func (b *builder) funnel(id, title, unit, xname string, shown []Exposure, hidden []string, all []Exposure, period string) (Chart, overdispersion) {
	l := b.l
	theta := overallRate(all)
	c := Chart{ID: id, Kind: KindFunnel, Title: title + " — " + l.t("graphique en entonnoir", "funnel plot"),
		Unit: b.unitText(unit) + " · x : " + xname, Wide: true}
	groups := []ChartSeries{
		{Name: l.t("Quartiers avec approche de proximité", "Outreach neighbourhoods"), Role: RoleObserved},
		{Name: l.t("Quartiers de comparaison", "Comparison neighbourhoods"), Role: RoleObserved},
	}
	ex := exposureRange{lo: math.Inf(1)}
	for _, d := range shown {
		x, y := d.Exposure, float64(d.Count)/d.Exposure*1000
		g := 1
		if d.Outreach {
			g = 0
		}
		groups[g].Points = append(groups[g].Points, Point{Label: d.Area.Name, X: &x, Value: &y, Shown: l.number(y, 1), Unstable: suppression.Unstable(d.Count)})
		ex.lo, ex.hi = math.Min(ex.lo, x), math.Max(ex.hi, x)
	}
	c.Series = append(c.Series, groups...)
	ex = ex.padded()
	if ex.hi <= 0 { // no area to place: no limits to draw
		c.Notes = b.comparisonNotes(period, hidden)
		return c, overdispersion{method: title + l.t(" : aucun quartier à placer.", ": no neighbourhood to place.")}
	}
	c.Series = append(c.Series, b.limitSeries(l.t("Taux global", "Overall rate"), RoleCentre, theta, ex, 0.5))
	for _, lim := range []struct {
		name string
		role Role
		p    float64
	}{{l.t("Limites 95 %", "95% limits"), RoleLimit95, 0.025}, {l.t("Limites 99,8 %", "99.8% limits"), RoleLimit998, 0.001}} {
		c.Series = append(c.Series, b.limitSeries(lim.name, lim.role, theta, ex, lim.p), b.limitSeries(lim.name, lim.role, theta, ex, 1-lim.p))
	}
	od := b.adjustedLimits(&c, title, theta, ex, all)
	c.Notes = b.comparisonNotes(period, hidden)
	return c, od
}

// adjustedLimits adds the overdispersed 99.8% limits, multiplicative and
// additive, when the areas vary more than Poisson counts would.
func (b *builder) adjustedLimits(c *Chart, title string, theta float64, ex exposureRange, all []Exposure) overdispersion {
	l := b.l
	phi, tau2, n := dispersion(all, theta)
	if n < 3 {
		return overdispersion{method: title + l.t(" : trop peu de quartiers pour estimer la surdispersion.", ": too few neighbourhoods to estimate overdispersion.")}
	}
	stat := fmt.Sprintf("φ̂ = %s, τ̂ = %s", l.number(phi, 2), l.number(math.Sqrt(tau2)*1000, 2))
	if phi <= 1 {
		return overdispersion{method: title + l.t(" : pas de surdispersion (", ": no overdispersion (") + stat + l.t(") ; les limites de Poisson s’appliquent.", "); the Poisson limits apply.")}
	}
	mult := l.t("Limites 99,8 % ajustées (φ multiplicatif)", "99.8% limits adjusted (multiplicative φ)")
	add := l.t("Limites 99,8 % ajustées (effets aléatoires additifs)", "99.8% limits adjusted (additive random effects)")
	z := distuv.UnitNormal.Quantile(0.999)
	for _, sign := range []float64{-1, 1} {
		c.Series = append(c.Series,
			b.normalLimit(mult, theta, ex, func(e float64) float64 { return theta + sign*z*math.Sqrt(phi*theta/e) }),
			b.normalLimit(add, theta, ex, func(e float64) float64 { return theta + sign*z*math.Sqrt(theta/e+tau2) }))
	}
	return overdispersion{names: []string{mult, add}, method: title + l.t(" : ", ": ") + stat + l.t(" (n = ", " (n = ") + strconv.Itoa(n) +
		l.t(") ; les limites ajustées sont dans la légende, désactivées au départ.", "); the adjusted limits are in the legend, off at first.")}
}

// dispersion estimates Spiegelhalter's (2005) overdispersion of rates
// around theta: z-scores z = (y − θ)/√(θ/E), Winsorized at their 10th and
// 90th percentiles, φ̂ = mean z²; and the additive between-area variance
// τ̂² = (nφ̂ − (n − 1)) / (Σw − Σw²/Σw) with w = E/θ, floored at 0. Areas
// without exposure are left out; n is how many were used.
func dispersion(all []Exposure, theta float64) (phi, tau2 float64, n int) {
	var zs, ws []float64
	for _, d := range all {
		if d.Exposure <= 0 || theta <= 0 {
			continue
		}
		se := math.Sqrt(theta / d.Exposure)
		zs = append(zs, (float64(d.Count)/d.Exposure-theta)/se)
		ws = append(ws, 1/(se*se))
	}
	n = len(zs)
	if n == 0 {
		return 0, 0, 0
	}
	sorted := append([]float64(nil), zs...)
	sort.Float64s(sorted)
	lo, hi := quantile7(sorted, 0.1), quantile7(sorted, 0.9)
	var sw, sw2 float64
	for i, z := range zs {
		z = math.Min(math.Max(z, lo), hi)
		phi += z * z
		sw += ws[i]
		sw2 += ws[i] * ws[i]
	}
	phi /= float64(n)
	tau2 = math.Max(0, (float64(n)*phi-float64(n-1))/(sw-sw2/sw))
	return phi, tau2, n
}

// quantile7 is the p-quantile of sorted values by linear interpolation
// (R's default, type 7).
func quantile7(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	i := int(math.Floor(h))
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}

// normalLimit draws a limit given as a rate (per person) of exposure.
func (b *builder) normalLimit(name string, theta float64, ex exposureRange, limit func(e float64) float64) ChartSeries {
	s := ChartSeries{Name: name, Role: RoleLimit998}
	const steps = 60
	for i := 1; i <= steps; i++ {
		e := ex.at(float64(i) / steps)
		y := math.Max(0, limit(e)) * 1000
		if math.IsNaN(y) || math.IsInf(y, 0) {
			continue
		}
		s.Points = append(s.Points, Point{X: ptrTo(e), Value: ptrTo(y), Shown: b.l.number(y, 1)})
	}
	return s
}

// funnelMethod states how the funnel limits are drawn.
func funnelMethod(l locale) string {
	return l.t("Graphiques en entonnoir : chaque quartier est placé selon son exposition (personnes-années ou population vivant seule) et son taux sur 12 mois. "+
		"Le taux global est celui de tous les quartiers; les limites 95 % et 99,8 % sont les quantiles exacts d’une loi de Poisson de moyenne taux global × exposition (interpolés entre entiers). "+
		"Les limites ajustées pour la surdispersion suivent Spiegelhalter (2005, Quality and Safety in Health Care 14:347–351) : scores z winsorisés à 10 % de chaque côté, "+
		"φ̂ = moyenne des z² ; limites multiplicatives taux ± z·√(φ̂·taux/exposition), ou additives taux ± z·√(taux/exposition + τ̂²) (τ̂ en taux pour 1 000). "+
		"Points ronds : quartiers avec approche de proximité; losanges : quartiers de comparaison.",
		"Funnel plots: each neighbourhood is placed by its exposure (person-years or population living alone) and its 12-month rate. "+
			"The overall rate is that of all neighbourhoods; the 95% and 99.8% limits are exact quantiles of a Poisson count with mean overall rate × exposure (interpolated between integers). "+
			"The overdispersion-adjusted limits follow Spiegelhalter (2005, Quality and Safety in Health Care 14:347–351): z-scores Winsorized at 10% on each side, "+
			"φ̂ = mean of z²; multiplicative limits rate ± z·√(φ̂·rate/exposure), or additive rate ± z·√(rate/exposure + τ̂²) (τ̂ as a rate per 1,000). "+
			"Dots: outreach neighbourhoods; diamonds: comparison neighbourhoods.")
}

// limitSeries draws the p-quantile of the rate of a Poisson count with mean
// theta·E against exposure E, with Spiegelhalter's interpolation between
// integer counts.
func (b *builder) limitSeries(name string, role Role, theta float64, ex exposureRange, p float64) ChartSeries {
	s := ChartSeries{Name: name, Role: role}
	const steps = 60
	for i := 1; i <= steps; i++ {
		e := ex.at(float64(i) / steps)
		var y float64
		if p == 0.5 {
			y = theta * 1000
		} else {
			y = poissonLimit(theta*e, p) / e * 1000
		}
		if math.IsNaN(y) || math.IsInf(y, 0) {
			continue
		}
		x := e
		s.Points = append(s.Points, Point{X: &x, Value: ptrTo(y), Shown: b.l.number(y, 1)})
	}
	return s
}

func ptrTo(v float64) *float64 { return &v }

// poissonLimit returns the interpolated p-quantile of Poisson(mu).
func poissonLimit(mu, p float64) float64 {
	if mu <= 0 {
		return 0
	}
	d := distuv.Poisson{Lambda: mu}
	r := 0.0
	for d.CDF(r) < p {
		r++
	}
	prev := 0.0
	if r > 0 {
		prev = d.CDF(r - 1)
	}
	alpha := (d.CDF(r) - p) / (d.CDF(r) - prev)
	return math.Max(0, r-alpha)
}

// garwood returns the exact Poisson 95% interval of a count.
func garwood(n int64) (float64, float64) {
	lo := 0.0
	if n > 0 {
		lo = distuv.ChiSquared{K: float64(2 * n)}.Quantile(0.025) / 2
	}
	hi := distuv.ChiSquared{K: float64(2*n + 2)}.Quantile(0.975) / 2
	return lo, hi
}

// ranking sorts areas by rate with their exact 95% interval; outreach
// and comparison neighbourhoods are two series on the same rows.
func (b *builder) ranking(id, title, unit string, shown []Exposure, hidden []string, period string) Chart {
	l := b.l
	sorted := append([]Exposure(nil), shown...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return float64(sorted[i].Count)/sorted[i].Exposure < float64(sorted[j].Count)/sorted[j].Exposure
	})
	c := Chart{ID: id, Kind: KindRanking, Title: title, Unit: b.unitText(unit), Wide: true}
	groups := []ChartSeries{
		{Name: l.t("Quartiers avec approche de proximité", "Outreach neighbourhoods"), Role: RoleObserved},
		{Name: l.t("Quartiers de comparaison", "Comparison neighbourhoods"), Role: RoleObserved},
	}
	for _, d := range sorted {
		lo, hi := garwood(d.Count)
		y := float64(d.Count) / d.Exposure * 1000
		p := Point{Label: d.Area.Name, Value: &y, Lo: ptrTo(lo / d.Exposure * 1000), Hi: ptrTo(hi / d.Exposure * 1000), Shown: l.number(y, 1)}
		p.Unstable = suppression.Unstable(d.Count)
		c.Categories = append(c.Categories, d.Area.Name)
		g := 1
		if d.Outreach {
			g = 0
		}
		groups[g].Points = append(groups[g].Points, p)
	}
	c.Series = groups
	c.Notes = b.comparisonNotes(period, hidden)
	return c
}

func (b *builder) comparisonNotes(period string, hidden []string) []string {
	l := b.l
	notes := []string{l.t("Période : ", "Period: ") + period}
	if len(hidden) > 0 {
		n := l.t("Non affichés (petits nombres supprimés) : ", "Not shown (small counts suppressed): ")
		for i, h := range hidden {
			if i > 0 {
				n += ", "
			}
			n += h
		}
		notes = append(notes, n)
	}
	return notes
}
