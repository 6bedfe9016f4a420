package reports

import (
	"embed"
	"fmt"
	"html/template"

	"proximite/internal/suppression"
)

// CompareSite is what the comparison site across centres shows: the
// centres compared, the rates of every neighbourhood of every centre over
// one period, and each centre's pooled crisis model.
type CompareSite struct {
	// Lang is "fr" or "en".
	Lang string
	// Threshold hides counts from 1 to Threshold−1 (default
	// suppression.DefaultThreshold).
	Threshold int
	// Catalogue gives the indicators' titles and units.
	Catalogue []Indicator
	Centres   []CompareCentre
	// AsOf is the as-of month all snapshots share, as printed (YYYY-MM).
	AsOf string
	// Period names the period of the rates (e.g. "12 mois, 2024-04 à 2025-03").
	Period Text
	// Areas are every centre's neighbourhoods, codes and names qualified by
	// the centre.
	Areas []CompareArea
	// Measures are the rates compared, each with one value per area.
	Measures []CompareMeasure
	// Pooled has one entry per centre with a pooled crisis model.
	Pooled []CentreEffect
	// OtherLang is the folder of the same site in the other language,
	// relative to this one ("" for none).
	OtherLang string
}

// CompareCentre is one centre compared: what its snapshot says of itself.
// The pseudonymization key's fingerprint is deliberately not here.
type CompareCentre struct {
	ID, Name, AsOf, ProgramVersion, Snapshot string
}

// CompareArea is one neighbourhood of one centre.
type CompareArea struct {
	// Centre is the centre id.
	Centre string
	// Area has the code qualified by the centre ("est:JF") and the
	// neighbourhood's own name ("Jardins-Fleuris"); the site prints the
	// centre's name beside it and labels charts "est:JF Jardins-Fleuris".
	Area Area
	// Outreach is true for an outreach neighbourhood.
	Outreach bool
}

// CompareMeasure is one rate per 1,000 compared across the areas.
type CompareMeasure struct {
	// Indicator is the catalogue id (crisis_rate, reach_rate, ...).
	Indicator string
	// Exposure names the denominator (person-years, residents, ...).
	Exposure Text
	// Counts and Exposures are the numerator and denominator of each area,
	// in the order of CompareSite.Areas.
	Counts    []int64
	Exposures []float64
	// OutreachOnly draws the charts over the outreach neighbourhoods only
	// (reach: comparison neighbourhoods get no outreach, their zeros say
	// nothing); the table lists every area.
	OutreachOnly bool
}

// CentreEffect is a centre's pooled crisis model.
type CentreEffect struct {
	// Centre is the centre id.
	Centre string
	Effect ModelEffect
	// DF is the degrees of freedom of a cluster-robust t interval (0 for
	// a quasi-Poisson one).
	DF int
}

//go:embed templates/compare.html.tmpl templates/page.html.tmpl
var compareFS embed.FS

// compareTemplate reuses the report site's style, chart and table blocks;
// it is parsed once and only read afterwards.
var compareTemplate = template.Must(template.ParseFS(compareFS, "templates/compare.html.tmpl", "templates/page.html.tmpl"))

// CompareSuppression returns the status of every count of every measure
// (in the order of s.Measures, then s.Areas): counts from 1 to
// threshold−1 are hidden, then complementary cells so that none can be
// recovered from its centre's total (each centre's own report shows it)
// or from the total of all centres.
func CompareSuppression(s CompareSite) ([][]suppression.Status, error) {
	thr := s.Threshold
	if thr <= 0 {
		thr = suppression.DefaultThreshold
	}
	out := make([][]suppression.Status, len(s.Measures))
	for i, m := range s.Measures {
		if len(m.Counts) != len(s.Areas) || len(m.Exposures) != len(s.Areas) {
			return nil, fmt.Errorf("comparison %s: %d counts for %d areas: %w", m.Indicator, len(m.Counts), len(s.Areas), suppression.ErrShape)
		}
		st, err := protectCentres(s, m.Counts, thr)
		if err != nil {
			return nil, fmt.Errorf("comparison %s: %w", m.Indicator, err)
		}
		out[i] = st
	}
	return out, nil
}

// protectCentres lays the counts out as values [all, centre totals...,
// areas...] with one line per centre and one for all centres.
func protectCentres(s CompareSite, counts []int64, thr int) ([]suppression.Status, error) {
	index := map[string]int{}
	for _, c := range s.Centres {
		index[c.ID] = len(index) + 1
	}
	for _, a := range s.Areas {
		if _, ok := index[a.Centre]; !ok {
			index[a.Centre] = len(index) + 1
		}
	}
	first := len(index) + 1
	values := make([]int64, first, first+len(counts))
	lines := make([]suppression.Line, len(index)+1)
	for i := range lines[1:] {
		lines[i+1].Total = i + 1
	}
	for i, n := range counts {
		c := index[s.Areas[i].Centre]
		values[0] += n
		values[c] += n
		values = append(values, n)
		lines[c].Members = append(lines[c].Members, first+i)
	}
	for c := 1; c < first; c++ {
		lines[0].Members = append(lines[0].Members, c)
	}
	st, err := suppression.Apply(values, lines, thr)
	if err != nil {
		return nil, err
	}
	return st[first:], nil
}
