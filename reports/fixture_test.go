package reports

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// fixtureNames are accented on purpose: every accent must survive the PDF.
var fixtureNames = []string{"Saint-Sauveur", "Côte-d’Abraham", "Île-Bizard", "Lac-Mégantic", "Pointe-aux-Trembles", "Sainte-Thérèse"}

func ptr[T any](v T) *T { return &v }

func fixtureCatalogue() []Indicator {
	ind := func(id, fr, en, def, unit, dir string, add bool) Indicator {
		// Partners count organisations, not persons: never suppressed.
		return Indicator{ID: id, Title: Text{fr, en}, Definition: Text{def, def}, Unit: unit, Direction: dir, Additive: add,
			Suppressible: id != "active_partners"}
	}
	cat := []Indicator{
		ind("reach_persons", "Personnes rejointes", "Persons reached", "Personnes distinctes rejointes.", "count", "up", false),
		ind("reach_living_alone_pct", "Part vivant seules", "Share living alone", "Personnes rejointes vivant seules ÷ personnes rejointes (attribut connu).", "pct", "up", false),
		ind("reach_isolated_rate", "Rejoint parmi la population isolée", "Reach into the isolated population", "Personnes rejointes vivant seules ÷ population vivant seule × 1 000.", "per_1000_alone", "up", false),
		ind("crisis_events", "Interventions de crise", "Crisis interventions", "Événements de crise des résidents.", "count", "down", true),
		ind("crisis_rate", "Taux d’interventions de crise", "Crisis intervention rate", "Événements ÷ personnes-années × 1 000, IC de Garwood.", "per_1000_py", "down", false),

		ind("group_sessions", "Séances de groupe", "Group sessions", "Activités de groupe.", "count", "up", true),
		ind("group_persons", "Participants aux groupes", "Group participants", "Participants inscrits distincts.", "count", "up", false),
		ind("referrals_to_services", "Références vers les services", "Referrals to services", "Activités avec une référence.", "count", "up", true),
		ind("active_partners", "Partenaires actifs", "Active partners", "Partenaires distincts.", "count", "up", false),
	}
	cat[4].Numerator = "crisis_events"
	return cat
}

// fixtureReport builds a deterministic report with n neighbourhoods over 36
// months (April 2021 – March 2024). scale multiplies every count: 1 gives
// ordinary values, a small value gives counts under the threshold.
func fixtureReport(n int, lang string, scale float64) Report {
	rng := rand.New(rand.NewPCG(7, uint64(n)))
	month := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	r := Report{
		Lang: lang, Threshold: 5,
		Territory:   Area{"QN", "Québec-Nord"},
		Month:       month,
		AsOf:        time.Date(2024, 4, 5, 14, 30, 0, 0, time.UTC),
		Provisional: []time.Time{month.AddDate(0, -1, 0), month},
		Catalogue:   fixtureCatalogue(),
	}
	r.Overview = fixtureSection(rng, Area{"QN", "Québec-Nord"}, month, scale*float64(n), ptr(time.Date(2022, 4, 1, 0, 0, 0, 0, time.UTC)))
	r.Overview.Portrait = nil
	for i := 0; i < n; i++ {
		name := fixtureNames[i%len(fixtureNames)]
		if i >= len(fixtureNames) {
			name = fmt.Sprintf("%s %d", name, i/len(fixtureNames)+1)
		}
		var start *time.Time
		if i%3 != 2 {
			start = ptr(time.Date(2022, 4+time.Month(i%4), 1, 0, 0, 0, 0, time.UTC))
		}
		r.Neighbourhoods = append(r.Neighbourhoods, fixtureSection(rng, Area{fmt.Sprintf("QN-%02d", i+1), name}, month, scale, start))
	}
	sumAdditive(&r)
	r.Quality = fixtureQuality(r)
	r.Revisions = []Revision{{Indicator: "crisis_rate", Area: r.Neighbourhoods[0].Area, Month: month.AddDate(0, -2, 0), Old: ptr(12.4), New: ptr(13.1)}}
	return r
}

func fixtureSection(rng *rand.Rand, a Area, month time.Time, scale float64, start *time.Time) Section {
	const months = 36
	first := month.AddDate(0, -months+1, 0)
	pop := int64(math.Round(8000 * scale))
	s := Section{Area: a}
	crisis, rate := Series{Indicator: "crisis_rate"}, Series{Indicator: "crisis_events"}
	reach, iso := Series{Indicator: "reach_persons"}, Series{Indicator: "reach_isolated_rate"}
	gs, gp := Series{Indicator: "group_sessions"}, Series{Indicator: "group_persons"}
	var fitted, cf []*float64
	for m := 0; m < months; m++ {
		t := first.AddDate(0, m, 0)
		post := start != nil && !t.Before(*start)
		lambda := 30 * scale * (1 + 0.2*math.Sin(float64(m)/12*2*math.Pi))
		if post {
			lambda *= 0.8
		}
		ev := int64(math.Round(lambda + rng.NormFloat64()*math.Sqrt(lambda)))
		ev = max(ev, 0)
		py := float64(pop) * 30.4 / 365.25
		r := float64(ev) / py * 1000
		lo, hi := r*0.7, r*1.35
		prov := !t.Before(month.AddDate(0, -1, 0))
		crisis.Months = append(crisis.Months, Month{t, Value{Value: ptr(r), Lo: ptr(lo), Hi: ptr(hi), Numerator: ptr(ev), Provisional: prov}})
		rate.Months = append(rate.Months, Month{t, Value{Value: ptr(float64(ev)), Provisional: prov}})
		f := lambda / py * 1000
		fitted = append(fitted, ptr(f))
		if post {
			cf = append(cf, ptr(f/0.8))
		} else {
			cf = append(cf, nil)
		}
		rp := int64(math.Round(scale * (40 + float64(m) + 5*rng.NormFloat64())))
		rp = max(rp, 0)
		al := rp / 3
		reach.Months = append(reach.Months, Month{t, Value{Value: ptr(float64(rp)), Provisional: prov}})
		iso.Months = append(iso.Months, Month{t, Value{Value: ptr(float64(al) / (float64(pop) * 0.18) * 1000), Numerator: ptr(al), Provisional: prov}})
		g := int64(math.Round(scale * (8 + float64(m%5))))
		gs.Months = append(gs.Months, Month{t, Value{Value: ptr(float64(g)), Provisional: prov}})
		gp.Months = append(gp.Months, Month{t, Value{Value: ptr(float64(g * 3)), Provisional: prov}})
	}
	s.Crisis = ITS{Observed: crisis, OutreachStart: start}
	if start != nil {
		s.Crisis.Fitted, s.Crisis.Counterfactual = fitted, cf
		s.Crisis.Summary = Text{"Changement de niveau : RR 0,80 (0,71–0,90) ; changement de pente par an : RR 0,98 (0,90–1,07).", "Level change: RR 0.80 (0.71–0.90); slope change per year: RR 0.98 (0.90–1.07)."}
	} else {
		s.Crisis.Summary = Text{"Quartier de comparaison : pas de modèle de série interrompue.", "Comparison neighbourhood: no interrupted time series."}
	}
	s.SPC = []SPC{fixtureSPC(crisis)}
	s.Reach = []Series{reach, iso}
	s.Groups = []Series{gs, gp}
	s.Referrals = Breakdown{Indicator: "referrals_to_services", Items: []Item{
		{Text{"CLSC", "CLSC"}, int64(scale * 14)}, {Text{"Logement", "Housing"}, int64(scale * 7)},
		{Text{"Aide alimentaire", "Food aid"}, int64(scale * 3)}, {Text{"Santé mentale", "Mental health"}, int64(scale * 11)}}}
	s.Referrals.Total = ptr(sumItems(s.Referrals.Items))
	s.Partners = Breakdown{Indicator: "active_partners", Items: []Item{
		{Text{"Communautaire", "Community"}, int64(scale * 9)}, {Text{"Santé et services sociaux", "Health and social services"}, int64(scale * 6)},
		{Text{"Municipal", "Municipal"}, int64(scale * 5)}}}
	s.Portrait = &Portrait{Population: pop, LivingAlone: pop * 18 / 100, LowIncome: pop * 23 / 100, Aged65: pop * 21 / 100,
		MaterialQuintile: 1 + int(pop%5), SocialQuintile: 1 + int(pop/7%5), Partners: s.Partners.Items, OutreachStart: start}
	s.Key = fixtureKeys(s, months)
	return s
}

func sumItems(its []Item) int64 {
	var n int64
	for _, it := range its {
		n += it.Count
	}
	return n
}

func fixtureSPC(s Series) SPC {
	var sum, mr float64
	for i, m := range s.Months {
		sum += *m.Value.Value
		if i > 0 {
			mr += math.Abs(*m.Value.Value - *s.Months[i-1].Value.Value)
		}
	}
	mean := sum / float64(len(s.Months))
	mr /= float64(len(s.Months) - 1)
	out := SPC{Indicator: s.Indicator, Centre: mean, Lower: math.Max(0, mean-2.66*mr), Upper: mean + 2.66*mr}
	for i, m := range s.Months {
		sig := ""
		if *m.Value.Value > out.Upper {
			sig = "concern"
		} else if *m.Value.Value < out.Lower || i >= len(s.Months)-7 && *m.Value.Value < mean {
			sig = "improvement"
		}
		out.Points = append(out.Points, SPCPoint{Month: m, Signal: sig})
	}
	return out
}

func fixtureKeys(s Section, months int) []Key {
	at := func(ser Series, back int) *Value {
		i := months - 1 - back
		if i < 0 {
			return nil
		}
		return &ser.Months[i].Value
	}
	key := func(ser Series, sig string) Key {
		return Key{Indicator: ser.Indicator, Current: *at(ser, 0), Previous: at(ser, 1), LastYear: at(ser, 12), Signal: sig}
	}
	crisisEvents := Series{Indicator: "crisis_events"}
	for _, m := range s.Crisis.Observed.Months {
		crisisEvents.Months = append(crisisEvents.Months, Month{m.Start, Value{Value: ptr(float64(*m.Numerator)), Provisional: m.Provisional}})
	}
	return []Key{
		key(crisisEvents, ""), key(s.Crisis.Observed, s.SPC[0].Points[months-1].Signal),
		key(s.Reach[0], "improvement"), key(s.Reach[1], ""), key(s.Groups[0], ""), key(s.Groups[1], "concern"),
	}
}

// sumAdditive makes the territory's additive counts the sum of its
// neighbourhoods', as the pipeline's are.
func sumAdditive(r *Report) {
	for ki, k := range r.Overview.Key {
		if k.Indicator != "crisis_events" {
			continue
		}
		var cur float64
		for _, nb := range r.Neighbourhoods {
			cur += *nb.Key[ki].Current.Value
		}
		r.Overview.Key[ki].Current.Value = ptr(cur)
	}
	for gi := range r.Overview.Groups {
		if r.Overview.Groups[gi].Indicator != "group_sessions" {
			continue
		}
		for mi := range r.Overview.Groups[gi].Months {
			var v float64
			for _, nb := range r.Neighbourhoods {
				v += *nb.Groups[gi].Months[mi].Value.Value
			}
			r.Overview.Groups[gi].Months[mi].Value.Value = ptr(v)
		}
	}
}

func fixtureQuality(r Report) Quality {
	q := Quality{
		Loads:        []Load{{"2024-04-02 activites.csv", 4210, 12, 0}, {"2024-04-02 crises.csv", 1877, 3, 1}},
		Rejections:   []Item{{Text{"date invalide", "invalid date"}, 9}, {Text{"quartier inconnu", "unknown neighbourhood"}, 6}},
		Completeness: []Share{{Text{"Vit seul·e connu", "Lives alone known"}, 87.5}, {Text{"Nouveau aux services connu", "New to services known"}, 74.25}},
		Outliers:     []Outlier{{Area: r.Neighbourhoods[0].Area, Indicator: "crisis_events", Month: r.Month.AddDate(0, -5, 0), Count: 61, Z: 3.9}},
	}
	for i, nb := range r.Neighbourhoods {
		q.Freshness = append(q.Freshness, Freshness{Area: nb.Area, LastActivity: ptr(r.Month.AddDate(0, 0, 27-i%3)), LastEvent: ptr(r.Month.AddDate(0, 0, 25)), Gap: i == 1})
	}
	return q
}

// fixtureSite wraps a report with a comparison of its neighbourhoods.
func fixtureSite(r Report) Site {
	c := Comparison{Period: Text{"avril 2023 – mars 2024", "April 2023 – March 2024"}}
	for _, nb := range r.Neighbourhoods {
		var ev, al int64
		var py, pa float64
		for _, m := range nb.Crisis.Observed.Months[len(nb.Crisis.Observed.Months)-12:] {
			ev += *m.Numerator
			py += float64(nb.Portrait.Population) * 30.4 / 365.25
		}
		for _, m := range nb.Reach[1].Months[len(nb.Reach[1].Months)-12:] {
			al += *m.Numerator
		}
		pa = float64(nb.Portrait.LivingAlone)
		c.Crisis = append(c.Crisis, Exposure{Area: nb.Area, Count: ev, Exposure: py})
		c.Isolated = append(c.Isolated, Exposure{Area: nb.Area, Count: al, Exposure: pa})
	}
	return Site{Report: r, Comparison: c}
}
