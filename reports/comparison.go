package reports

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"

	"proximite/internal/suppression"
)

// comparisonCharts builds the university centre's page: funnel plots and
// rankings of the crisis rate and of the reach into the isolated
// population, then small multiples of every neighbourhood's crisis rate.
func (b *builder) comparisonCharts(c Comparison, v View) ([]Chart, error) {
	l := b.l
	var out []Chart
	for _, m := range []struct {
		id, title, unit, xname string
		data                   []Exposure
	}{
		{"cmp_crisis", l.t("Taux d’interventions de crise", "Crisis intervention rate"), "per_1000_py", l.t("personnes-années", "person-years"), c.Crisis},
		{"cmp_isolated", l.t("Rejoint parmi la population isolée", "Reach into the isolated population"), "per_1000_alone", l.t("population vivant seule", "population living alone"), c.Isolated},
	} {
		shown, hidden, err := b.protectAreas(m.data)
		if err != nil {
			return nil, err
		}
		period := l.text(c.Period)
		out = append(out, b.funnel(m.id+"_funnel", m.title+" — "+l.t("graphique en entonnoir", "funnel plot"), m.unit, m.xname, shown, hidden, m.data, period),
			b.ranking(m.id+"_ranking", m.title+" — "+l.t("classement", "ranking"), m.unit, shown, hidden, period))
	}
	for _, s := range v.Sections[1:] {
		if len(s.Charts) == 0 {
			continue
		}
		sm := s.Charts[0]
		sm.ID, sm.Title, sm.Wide, sm.Notes = "cmp_"+s.ID, s.Title, false, nil
		sm.Series = sm.Series[:1]
		out = append(out, sm)
	}
	return out, nil
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

// funnel places each area at (exposure, rate per 1,000) with Poisson
// control limits (95% and 99.8%) around the overall rate of all areas.
func (b *builder) funnel(id, title, unit, xname string, shown []Exposure, hidden []string, all []Exposure, period string) Chart {
	l := b.l
	theta := overallRate(all)
	c := Chart{ID: id, Kind: KindFunnel, Title: title, Unit: b.unitText(unit) + " · x : " + xname, Wide: true}
	pts := ChartSeries{Name: l.t("Quartiers", "Neighbourhoods"), Role: RoleObserved}
	maxE := 0.0
	for _, d := range shown {
		x, y := d.Exposure, float64(d.Count)/d.Exposure*1000
		pts.Points = append(pts.Points, Point{Label: d.Area.Name, X: &x, Value: &y, Shown: l.number(y, 1)})
		maxE = math.Max(maxE, x)
	}
	c.Series = append(c.Series, pts)
	c.Series = append(c.Series, b.limitSeries(l.t("Taux global", "Overall rate"), RoleCentre, theta, maxE, 0.5))
	for _, lim := range []struct {
		name string
		role Role
		p    float64
	}{{l.t("Limites 95 %", "95% limits"), RoleLimit95, 0.025}, {l.t("Limites 99,8 %", "99.8% limits"), RoleLimit998, 0.001}} {
		c.Series = append(c.Series, b.limitSeries(lim.name, lim.role, theta, maxE, lim.p), b.limitSeries(lim.name, lim.role, theta, maxE, 1-lim.p))
	}
	c.Notes = b.comparisonNotes(period, hidden)
	return c
}

// limitSeries draws the p-quantile of the rate of a Poisson count with mean
// theta·E against exposure E, with Spiegelhalter's interpolation between
// integer counts.
func (b *builder) limitSeries(name string, role Role, theta, maxE, p float64) ChartSeries {
	s := ChartSeries{Name: name, Role: role}
	const steps = 60
	for i := 1; i <= steps; i++ {
		e := maxE * 1.1 * float64(i) / steps
		var y float64
		if p == 0.5 {
			y = theta * 1000
		} else {
			y = poissonLimit(theta*e, p) / e * 1000
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

// ranking sorts areas by rate with their exact 95% interval.
func (b *builder) ranking(id, title, unit string, shown []Exposure, hidden []string, period string) Chart {
	l := b.l
	sorted := append([]Exposure(nil), shown...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return float64(sorted[i].Count)/sorted[i].Exposure < float64(sorted[j].Count)/sorted[j].Exposure
	})
	c := Chart{ID: id, Kind: KindRanking, Title: title, Unit: b.unitText(unit), Wide: true}
	s := ChartSeries{Name: l.t("Taux et IC 95 %", "Rate and 95% CI"), Role: RoleObserved}
	for _, d := range sorted {
		lo, hi := garwood(d.Count)
		y := float64(d.Count) / d.Exposure * 1000
		p := Point{Label: d.Area.Name, Value: &y, Lo: ptrTo(lo / d.Exposure * 1000), Hi: ptrTo(hi / d.Exposure * 1000), Shown: l.number(y, 1)}
		p.Unstable = suppression.Unstable(d.Count)
		c.Categories = append(c.Categories, d.Area.Name)
		s.Points = append(s.Points, p)
	}
	c.Series = []ChartSeries{s}
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
