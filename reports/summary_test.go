package reports

import (
	"strings"
	"testing"
	"time"
)

// watchReport is a hand-made report: the territory's reach has an
// improvement signal, a neighbourhood's crisis rate a concern, first
// contacts fell from 59 to 29 in a year in that neighbourhood (−51 %,
// interval −68 % to −23 %: beyond no change), crisis events rose from 12
// to 14 (+17 %, interval includes no change), and another neighbourhood
// had a month without data.
func watchReport() Report {
	m := aug2026
	v := func(x float64) Value { return Value{Value: &x} }
	pv := func(x float64) *Value { y := v(x); return &y }
	cat := append(fixtureCatalogue(), Indicator{ID: "reach_first_contacts", Title: Text{"Premiers contacts", "First contacts"}, Unit: "count", Direction: "up"})
	return Report{
		Lang: "fr", Threshold: 5, Month: m, Headline: m, Catalogue: cat,
		Territory: Area{"T", "Territoire"},
		Overview: Section{Area: Area{"T", "Territoire"}, Key: []Key{
			{Indicator: "reach_persons", Current: v(647), LastYear: pv(446), Signal: "improvement", HasSPC: true},
		}},
		Neighbourhoods: []Section{
			{Area: Area{"PB", "Petite-Bourgogne"}, Portrait: &Portrait{OutreachStart: &m}, Key: []Key{
				{Indicator: "reach_persons", Current: v(198), LastYear: pv(53), Signal: "improvement", HasSPC: true},
				{Indicator: "crisis_rate", Current: v(48), LastYear: pv(30), Signal: "concern", HasSPC: true},
				{Indicator: "reach_first_contacts", Current: v(29), LastYear: pv(59)},
				{Indicator: "crisis_events", Current: v(14), LastYear: pv(12)},
			}},
			{Area: Area{"SJB", "Saint-Jean-Baptiste"}, Portrait: &Portrait{OutreachStart: &m}},
		},
		Quality: Quality{Freshness: []Freshness{{Area: Area{"SJB", "Saint-Jean-Baptiste"}, Gap: true}}},
	}
}

func TestWatch(t *testing.T) {
	b, err := newBuilder(watchReport())
	if err != nil {
		t.Fatal(err)
	}
	got := plain(strings.Join(b.watch(), "\n"))
	want := strings.Join([]string{
		"▲ Préoccupation (carte de contrôle) : Taux d’interventions de crise, Petite-Bourgogne",
		"▼ Premiers contacts, Petite-Bourgogne : −51 % en un an (29 contre 59)",
		"● Amélioration (carte de contrôle) : Personnes rejointes — territoire, Petite-Bourgogne",
		"⚠ Saint-Jean-Baptiste : un mois sans données après des mois qui en avaient",
	}, "\n")
	if got != want {
		t.Errorf("watch =\n%s\nwant\n%s", got, want)
	}
}

func TestWatchNothing(t *testing.T) {
	r := watchReport()
	r.Overview.Key, r.Neighbourhoods[0].Key, r.Quality.Freshness = nil, nil, nil
	b, err := newBuilder(r)
	if err != nil {
		t.Fatal(err)
	}
	if got := plain(strings.Join(b.watch(), "\n")); got != "Aucun signal en août 2026." {
		t.Errorf("watch = %q", got)
	}
}

// TestSummaryHeadline checks that the matrix shows the headline month's
// value (August) and the changes against July and August of last year.
func TestSummaryHeadline(t *testing.T) {
	r := watchReport()
	r.Month = aug2026.AddDate(0, 2, 0)
	r.Provisional = []time.Time{aug2026.AddDate(0, 1, 0), r.Month}
	r.Overview.Key[0].Previous = &Value{Value: ptr(600.0)}
	sv, err := buildSummary(r)
	if err != nil {
		t.Fatal(err)
	}
	if sv.Headline != "août 2026" || len(sv.Matrix) != 1 {
		t.Fatalf("headline %q, %d rows", sv.Headline, len(sv.Matrix))
	}
	row := sv.Matrix[0]
	if row.Value != "647" || plain(row.Previous) != "+47" || plain(row.LastYear) != "+201" || row.Unit != "nombre" {
		t.Errorf("row = %+v", row)
	}
	if !strings.Contains(plain(sv.Note), "Septembre 2026 et octobre 2026 : mois provisoires (p)") {
		t.Errorf("note = %q", sv.Note)
	}
}
