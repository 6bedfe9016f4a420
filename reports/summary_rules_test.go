package reports

import (
	"strings"
	"testing"
	"time"
)

// Expected sentences are written by hand. Intervals of a change over a
// year were computed outside the code with the textbook formula for the
// ratio of two Poisson counts a and b: exp(ln(a/b) ± 1.96·√(1/a + 1/b)),
// e.g. in Python for a = 647, b = 446: ratio 1.4507, interval 1.2858 to
// 1.6367, printed +45 %, +29 % to +64 %. For a rate the ratio is that of
// the rates and the standard error that of its numerators (the
// populations are fixed): 14.6/11.5 = 1.2696, se √(1/120 + 1/100) = 0.1354,
// interval 0.9736 to 1.6554, printed −3 % to +66 %.

var aug2026 = time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)

// plain turns no-break spaces into spaces so the expected text reads
// naturally.
func plain(s string) string { return strings.ReplaceAll(s, nbsp, " ") }

func TestChangeSentence(t *testing.T) {
	tests := []struct {
		name, lang string
		c          yearChange
		want       string
		ok         bool
	}{
		{"count with chart, improvement", "fr",
			yearChange{Title: "Personnes rejointes", Unit: "count", Direction: "up", Month: aug2026, Cur: 647, Last: 446, CurN: 647, LastN: 446, Signal: "improvement", HasSPC: true},
			"Personnes rejointes : 647 en août 2026 contre 446 en août 2025 (+45 %, IC 95 % +29 % à +64 %) ; la carte de contrôle signale une amélioration.", true},
		{"count in a neighbourhood, no chart", "fr",
			yearChange{Area: "Petite-Bourgogne", Title: "Premiers contacts", Unit: "count", Month: aug2026, Cur: 29, Last: 59, CurN: 29, LastN: 59},
			"Premiers contacts à Petite-Bourgogne : 29 en août 2026 contre 59 en août 2025 (−51 %, IC 95 % −68 % à −23 %).", true},
		{"rate with its numerators, common cause", "en",
			yearChange{Title: "Reach into the isolated population", Unit: "per_1000_alone", Month: aug2026, Cur: 14.6, Last: 11.5, CurN: 120, LastN: 100, HasSPC: true},
			"Reach into the isolated population: 14.6 per 1,000 residents living alone in August 2026 against 11.5 in August 2025 (+27%, 95% CI −3% to +66%); common-cause variation on the control chart.", true},
		{"no counts: no interval", "fr",
			yearChange{Title: "Taux", Unit: "per_1000", Month: aug2026, Cur: 12, Last: 10},
			"Taux : 12,0 pour 1 000 résidents en août 2026 contre 10,0 en août 2025 (+20 %).", true},
		{"both zero: nothing to say", "fr", yearChange{Title: "X", Unit: "count", Month: aug2026}, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := changeSentence(newLocale(tc.lang), tc.c)
			if plain(got) != tc.want || ok != tc.ok {
				t.Errorf("got %q, %v\nwant %q, %v", plain(got), ok, tc.want, tc.ok)
			}
		})
	}
}

func TestCrisisSentence(t *testing.T) {
	effects := []areaEffect{
		{"Saint-Jean-Baptiste", Effect{RR: 0.75, Lo: 0.66, Hi: 0.85}},
		{"Pointe-aux-Lièvres", Effect{RR: 1.01, Lo: 0.90, Hi: 1.14, Placebo: true}},
		{"Petite-Bourgogne", Effect{RR: 0.68, Lo: 0.59, Hi: 0.79}},
		{"Îlot-Desranleau", Effect{RR: 0.95, Lo: 0.80, Hi: 1.12}},
	}
	tests := []struct {
		name, lang string
		in         []areaEffect
		want       string
		ok         bool
	}{
		{"two of three drop", "fr", effects,
			"Crises : après le début de l’approche, le taux de crise baisse dans 2 quartiers d’intervention sur 3 (−32 % à Petite-Bourgogne, IC 95 % −41 % à −21 % ; −5 % à Îlot-Desranleau, IC 95 % −20 % à +12 %, série chronologique interrompue).", true},
		{"english", "en", effects[:3],
			"Crises: after outreach started, the crisis rate drops in 2 outreach neighbourhoods of 2 (−32% in Petite-Bourgogne, 95% CI −41% to −21%; −25% in Saint-Jean-Baptiste, 95% CI −34% to −15%, interrupted time series).", true},
		{"none drops", "fr", effects[3:],
			"Crises : aucune baisse du taux de crise hors de l’incertitude après le début de l’approche (1 quartier d’intervention ; −5 % à Îlot-Desranleau, IC 95 % −20 % à +12 %, série chronologique interrompue).", true},
		{"placebo only", "fr", effects[1:2], "", false},
		{"no model", "fr", nil, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := crisisSentence(newLocale(tc.lang), tc.in)
			if plain(got) != tc.want || ok != tc.ok {
				t.Errorf("got %q, %v\nwant %q, %v", plain(got), ok, tc.want, tc.ok)
			}
		})
	}
}

func TestPlaceboSentence(t *testing.T) {
	tests := []struct {
		name string
		in   []areaEffect
		want string
		ok   bool
	}{
		{"no change", []areaEffect{{"Pointe-aux-Lièvres", Effect{RR: 1.01, Lo: 0.9, Hi: 1.14, Placebo: true}}},
			"Dans le quartier de comparaison Pointe-aux-Lièvres, sans intervention, pas de changement au même moment (rapport de taux 1,01, IC 95 % 0,90 à 1,14).", true},
		{"a change there too", []areaEffect{{"Côte-des-Neiges-Nord", Effect{RR: 0.8, Lo: 0.7, Hi: 0.91, Placebo: true}}},
			"Le quartier de comparaison Côte-des-Neiges-Nord, sans intervention, change aussi (rapport de taux 0,80, IC 95 % 0,70 à 0,91) : lire la baisse avec prudence.", true},
		{"no placebo", []areaEffect{{"Petite-Bourgogne", Effect{RR: 0.68, Lo: 0.59, Hi: 0.79}}}, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := placeboSentence(newLocale("fr"), tc.in)
			if plain(got) != tc.want || ok != tc.ok {
				t.Errorf("got %q, %v\nwant %q, %v", plain(got), ok, tc.want, tc.ok)
			}
		})
	}
}

func TestNotable(t *testing.T) {
	up := func(area string, cur, last int64) yearChange {
		return yearChange{Area: area, Title: "Premiers contacts", Unit: "count", Direction: "up", Month: aug2026,
			Cur: float64(cur), Last: float64(last), CurN: cur, LastN: last}
	}
	in := []yearChange{
		up("A", 120, 100), // +20 %, interval −8 % to +56 %: not significant
		up("B", 29, 59),   // −51 %, unfavourable and significant
		up("C", 300, 100), // +200 %, favourable and significant
		up("D", 2, 9),     // −78 % but both counts under 10: left out
		up("F", 5, 19),    // −74 %, significant, but 5 is under 10: left out
		up("E", 50, 100),  // −50 %, unfavourable, smaller than B's? no: |−50 %| < |−51 %|
	}
	got := notable(in, 10)
	var areas []string
	for _, c := range got {
		areas = append(areas, c.Area)
	}
	if want := "B E C"; strings.Join(areas, " ") != want {
		t.Errorf("notable = %v, want %s (unfavourable first, then by size)", areas, want)
	}
}

func TestSignalSentence(t *testing.T) {
	tests := []struct {
		lang string
		in   signalTally
		want string
		ok   bool
	}{
		{"fr", signalTally{Improvement: 4, Concern: 0, Charts: 15},
			"Cartes de contrôle (maîtrise statistique des procédés, MSP) en août 2026 : 4 signaux d’amélioration et aucun signal de préoccupation sur 15 cartes.", true},
		{"en", signalTally{Improvement: 1, Concern: 2, Charts: 3},
			"Control charts (statistical process control, SPC) in August 2026: 1 improvement signal and 2 concern signals on 3 charts.", true},
		{"fr", signalTally{}, "", false},
	}
	for _, tc := range tests {
		got, ok := signalSentence(newLocale(tc.lang), aug2026, tc.in)
		got = plain(got)
		if got != tc.want || ok != tc.ok {
			t.Errorf("got %q, %v\nwant %q, %v", got, ok, tc.want, tc.ok)
		}
	}
}

func TestHeadlineNote(t *testing.T) {
	sep, oct := aug2026.AddDate(0, 1, 0), aug2026.AddDate(0, 2, 0)
	prov := []time.Time{sep, oct}
	tests := []struct {
		name, lang      string
		headline, month time.Time
		want            string
	}{
		{"complete month, later provisional", "fr", aug2026, oct,
			"Ce résumé porte sur août 2026, dernier mois complet. Septembre 2026 et octobre 2026 : mois provisoires (p), montrés dans les graphiques mais encore incomplets."},
		{"provisional month asked for", "en", oct, oct,
			"This report headlines October 2026, a provisional month (p), because it was asked for that month: its figures may still change. The latest complete month is August 2026."},
		{"complete month, nothing later", "fr", aug2026, aug2026, "Ce résumé porte sur août 2026, mois complet."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := plain(headlineNote(newLocale(tc.lang), tc.headline, tc.month, prov)); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
