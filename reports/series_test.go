package reports

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestSectionSeriesNamesEverySeriesField fills every Series and []Series
// field of Section (at any depth) with a distinct indicator and checks that
// Section.Series, the list suppression and outlier detection walk, returns
// each of them: a series added to Section without adding it to Series fails
// here instead of escaping suppression.
func TestSectionSeriesNamesEverySeriesField(t *testing.T) {
	var s Section
	var want []string
	fillSeries(reflect.ValueOf(&s).Elem(), "Section", &want)
	if len(want) < 3 {
		t.Fatalf("found %d series fields, want at least Crisis.Observed, Reach and Groups", len(want))
	}
	var got []string
	for _, ser := range s.Series() {
		got = append(got, ser.Indicator)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("Section.Series() = %v, want every series field %v", got, want)
	}
}

var seriesType = reflect.TypeOf(Series{})

// fillSeries sets each Series reachable from v to one named after its path.
func fillSeries(v reflect.Value, path string, names *[]string) {
	switch {
	case v.Type() == seriesType:
		v.Set(reflect.ValueOf(Series{Indicator: path}))
		*names = append(*names, path)
	case v.Kind() == reflect.Slice && v.Type().Elem() == seriesType:
		v.Set(reflect.ValueOf([]Series{{Indicator: path + "[0]"}, {Indicator: path + "[1]"}}))
		*names = append(*names, path+"[0]", path+"[1]")
	case v.Kind() == reflect.Struct && v.Type().PkgPath() == seriesType.PkgPath():
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fillSeries(v.Field(i), path+"."+v.Type().Field(i).Name, names)
			}
		}
	case v.Kind() == reflect.Pointer && v.Type().Elem().Kind() == reflect.Struct && v.Type().Elem().PkgPath() == seriesType.PkgPath():
		v.Set(reflect.New(v.Type().Elem()))
		fillSeries(v.Elem(), path, names)
	}
}

// TestBuildShowsOrganisationCounts: partners count organisations, not
// persons, so small counts of them are printed as they are (issue 11,
// item 6), while the persons on the same page stay suppressed.
func TestBuildShowsOrganisationCounts(t *testing.T) {
	r := fixtureReport(2, "fr", 0.1)
	r.Neighbourhoods[0].Portrait.Partners = []Item{{Label: Text{"Scolaire", "School"}, Count: 2}, {Label: Text{"Police", "Police"}, Count: 9}}
	r.Neighbourhoods[0].Partners = Breakdown{Indicator: "active_partners", Items: []Item{{Label: Text{"Scolaire", "School"}, Count: 3}}}
	v, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	sv := v.Sections[1]
	var portrait string
	for _, f := range sv.Portrait {
		if strings.HasPrefix(f.Label, "Partenaires par secteur") {
			portrait = f.Value
		}
	}
	if portrait != "Scolaire 2, Police 9" {
		t.Errorf("portrait partners = %q, want %q (organisations are never suppressed)", portrait, "Scolaire 2, Police 9")
	}
	sawBar := false
	for _, c := range sv.Charts {
		for _, ser := range c.Series {
			if ser.Role != RoleBar || !strings.HasPrefix(ser.Name, "Partenaires actifs") {
				continue
			}
			for _, p := range ser.Points {
				sawBar = true
				if p.Shown != "3" || p.Value == nil || *p.Value != 3 {
					t.Errorf("partners bar %s = %q, want 3 shown", p.Label, p.Shown)
				}
			}
		}
	}
	if !sawBar {
		t.Fatal("no active_partners bar in the neighbourhood's charts")
	}
	small := regexp.MustCompile(`^[1-4]( \(p\))?$`)
	for _, row := range sv.Key.Rows {
		if row.Indicator == "reach_persons" && small.MatchString(row.Value) {
			t.Errorf("reach_persons = %q: persons must stay suppressed", row.Value)
		}
	}
}
