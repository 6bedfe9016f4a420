package pipeline

import (
	"context"
	"slices"
	"strings"
	"testing"

	"proximite/internal/catalogue"
	"proximite/queries"
)

// TestOutputMatchesCatalogue computes the basic scenario and checks, for
// every indicator, that the area levels, period types and breakdown cells
// of its rows are exactly those its catalogue entry declares, and that a
// count or ratio indicator has every cell for every area and period of the
// grid (zeros included), as does every indicator the shared emit writes.
func TestOutputMatchesCatalogue(t *testing.T) {
	db, _ := runScenario(t, scenarioRoot+"/basic")
	q := queries.New(db)
	all, err := q.IndicatorValues(context.Background(), queries.ValueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string][]queries.IndicatorValue{}
	for _, v := range all {
		byID[v.Indicator] = append(byID[v.Indicator], v)
	}
	for _, ind := range catalogue.All() {
		t.Run(ind.ID, func(t *testing.T) {
			rows := byID[ind.ID]
			if len(rows) == 0 {
				t.Fatal("no rows")
			}
			checkDeclared(t, ind, rows)
			grid := gridSize(byID["reach_persons"], ind)
			if cells, _ := ind.Cells(); ind.Emitted() && len(rows) != grid*len(cells) {
				t.Errorf("%d rows, want %d areas × periods × %d cells", len(rows), grid, len(cells))
			}
		})
	}
}

// gridSize counts the area × period pairs, at the levels and period types
// ind declares, of rows of an indicator computed for all of them.
func gridSize(rows []queries.IndicatorValue, ind catalogue.Indicator) int {
	seen := map[string]bool{}
	for _, r := range rows {
		if slices.Contains(ind.AreaLevels(), r.AreaLevel) && ind.AppliesTo(r.PeriodType) {
			seen[r.AreaLevel+"|"+r.AreaCode+"|"+r.PeriodType+"|"+r.PeriodStart.String()] = true
		}
	}
	return len(seen)
}

func checkDeclared(t *testing.T, ind catalogue.Indicator, rows []queries.IndicatorValue) {
	t.Helper()
	var levels, periods, cells []string
	for _, r := range rows {
		levels = appendNew(levels, r.AreaLevel)
		periods = appendNew(periods, r.PeriodType)
		cells = appendNew(cells, r.Breakdown)
	}
	if want := ind.AreaLevels(); !sameSet(levels, want) {
		t.Errorf("area levels %v, catalogue declares %v", levels, want)
	}
	if !sameSet(periods, ind.Periods) {
		t.Errorf("period types %v, catalogue declares %v", periods, ind.Periods)
	}
	want, fixed := ind.Cells()
	if fixed && !sameSet(cells, want) {
		t.Errorf("breakdowns %v, catalogue declares %v", cells, want)
	}
	if !fixed {
		for _, c := range cells {
			if c != "" && !strings.HasPrefix(c, ind.Split.Dimension+"=") {
				t.Errorf("breakdown %q is not of the declared dimension %s", c, ind.Split.Dimension)
			}
		}
	}
}

func appendNew(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
