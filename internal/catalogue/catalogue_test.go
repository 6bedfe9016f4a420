package catalogue

import (
	"regexp"
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
