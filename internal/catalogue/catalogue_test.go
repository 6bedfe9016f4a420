package catalogue

import (
	"regexp"
	"slices"
	"testing"
)

func TestCatalogueWellFormed(t *testing.T) {
	id := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	seen := map[string]bool{}
	for _, ind := range All() {
		t.Run(ind.ID, func(t *testing.T) {
			if !id.MatchString(ind.ID) {
				t.Errorf("id %q is not snake_case", ind.ID)
			}
			if seen[ind.ID] {
				t.Errorf("id %q appears twice", ind.ID)
			}
			seen[ind.ID] = true
			for name, s := range map[string]string{"title fr": ind.Title.FR, "title en": ind.Title.EN,
				"definition fr": ind.Definition.FR, "definition en": ind.Definition.EN,
				"numerator fr": ind.Numerator.FR, "numerator en": ind.Numerator.EN,
				"unit fr": ind.Unit.FR, "unit en": ind.Unit.EN} {
				if s == "" {
					t.Errorf("%s is empty", name)
				}
			}
			if (ind.Denominator.FR == "") != (ind.Denominator.EN == "") {
				t.Errorf("denominator given in one language only")
			}
			if ind.Direction != Up && ind.Direction != Down && ind.Direction != None {
				t.Errorf("direction %q", ind.Direction)
			}
			if len(ind.Periods) == 0 {
				t.Errorf("no period type")
			}
			for _, p := range ind.Periods {
				if !map[string]bool{Month: true, Quarter: true, FiscalYear: true, Rolling12m: true}[p] {
					t.Errorf("unknown period type %q", p)
				}
			}
		})
	}
}

func TestCatalogueCoversSpec(t *testing.T) {
	spec := []string{"reach_persons", "reach_new_to_services_pct", "reach_living_alone_pct", "reach_rate",
		"reach_isolated_rate", "reach_cumulative", "reach_first_contacts", "activities_by_kind", "outreach_hours",
		"proactive_pct", "unplanned_pct", "living_environment_pct", "group_sessions", "group_attendance",
		"group_persons", "group_retention_pct", "collective_events", "active_partners", "partner_sectors",
		"joint_actions", "referrals_from_partners", "referrals_to_services", "clinical_support_hours_per_worker",
		"crisis_events", "crisis_rate", "crisis_rate_ratio_baseline"}
	for _, id := range spec {
		if _, ok := Lookup(id); !ok {
			t.Errorf("spec indicator %s missing from the catalogue", id)
		}
	}
}

func TestAllReturnsACopy(t *testing.T) {
	a := All()
	a[0].ID = "changed"
	if got := All()[0].ID; got == "changed" {
		t.Errorf("All()[0].ID = %q after a caller changed its copy", got)
	}
}

func TestCatalogueDeclarations(t *testing.T) {
	units := []string{UnitCount, UnitPct, UnitPer1000, UnitPer1000Alone, UnitPer1000PY, UnitRatio, UnitHours, UnitDays, UnitZScore}
	for _, ind := range All() {
		if !slices.Contains([]Shape{Count, Ratio, PersonCount, Custom}, ind.Shape) {
			t.Errorf("%s: shape %q", ind.ID, ind.Shape)
		}
		if !slices.Contains(units, ind.UnitCode) {
			t.Errorf("%s: unit code %q", ind.ID, ind.UnitCode)
		}
		if ind.Shape == Ratio && (ind.UnitCode != UnitPct || ind.Denominator.EN == "") {
			t.Errorf("%s: a ratio is a percentage with a denominator", ind.ID)
		}
		if ind.Shape == Count && ind.Denominator.EN != "" {
			t.Errorf("%s: a count has no denominator", ind.ID)
		}
		if _, fixed := ind.Cells(); ind.Emitted() && !fixed {
			t.Errorf("%s: the shared emit needs a declared vocabulary for its cells", ind.ID)
		}
		if ind.Shape.Rolled() != (ind.Rollup == RollupSum) {
			t.Errorf("%s: counts and ratios, and only they, are summed by the shared roll-up", ind.ID)
		}
		if ind.AreaRatio && (!ind.Emitted() || ind.UnitCode != UnitPct) {
			t.Errorf("%s: AreaRatio is a percentage put on the grid by the shared emit", ind.ID)
		}
		if ind.Split != nil && ind.Split.Vocabulary != "" {
			if _, ok := LookupVocabulary(ind.Split.Vocabulary); !ok {
				t.Errorf("%s: unknown vocabulary %q", ind.ID, ind.Split.Vocabulary)
			}
		}
		if ind.NumeratorOf != "" {
			if num, ok := Lookup(ind.NumeratorOf); !ok || !num.Additive || num.Suppressible != ind.Suppressible {
				t.Errorf("%s: numerator %q must be an additive count with the same suppressibility", ind.ID, ind.NumeratorOf)
			}
		}
	}
}

// TestSuppressPeopleNotOrganisations pins issue 11 item 6: counts of
// partners, sectors, joint actions, hours and days are never suppressed;
// counts of persons and of events about persons, and rates from them, are.
func TestSuppressPeopleNotOrganisations(t *testing.T) {
	never := []string{"active_partners", "partner_sectors", "joint_actions", "outreach_hours",
		"clinical_support_hours_per_worker", "dq_days_since_activity", "dq_days_since_crisis_event"}
	always := []string{"reach_persons", "reach_rate", "reach_living_alone_pct", "group_persons", "group_attendance",
		"crisis_events", "crisis_rate", "referrals_to_services", "activities_by_kind", "proactive_pct"}
	for _, id := range never {
		if ind, _ := Lookup(id); ind.Suppressible {
			t.Errorf("%s is suppressible, but it counts no person", id)
		}
	}
	for _, id := range always {
		if ind, ok := Lookup(id); !ok || !ind.Suppressible {
			t.Errorf("%s is not suppressible, but it counts persons or events about persons", id)
		}
	}
}

func TestVocabulariesWellFormed(t *testing.T) {
	code := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	names := map[string]bool{}
	for _, v := range Vocabularies() {
		if names[v.Name] {
			t.Errorf("vocabulary %s declared twice", v.Name)
		}
		names[v.Name] = true
		seen := map[string]bool{}
		for _, term := range v.Terms {
			if !code.MatchString(term.Code) || seen[term.Code] {
				t.Errorf("%s: code %q is not snake_case or repeats", v.Name, term.Code)
			}
			seen[term.Code] = true
			if term.Label.FR == "" || term.Label.EN == "" {
				t.Errorf("%s %s: label missing", v.Name, term.Code)
			}
		}
	}
}
