package reports

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func forestFixture() *Forest {
	return &Forest{Lines: []ForestLine{
		{Label: Text{FR: "Jardins", EN: "Jardins"}, Kind: ForestNeighbourhood, RR: 0.74, Lo: 0.642, Hi: 0.853, P: 0.00017},
		{Label: Text{FR: "Effet groupé", EN: "Pooled effect"}, Kind: ForestPooled, RR: 0.7166, Lo: 0.6171, Hi: 0.8322, P: 0.011,
			Method: Text{FR: "t à 2 ddl", EN: "t on 2 df"}},
		{Label: Text{FR: "DiD", EN: "DiD"}, Kind: ForestDiD, RR: 0.7267, Lo: 0.6951, Hi: 0.7598, P: 0},
	}}
}

// TestForestView checks the printed lines, the p-value that underflowed to
// 0 (printed "< 1e-16", never 0) and the log axis: on [0.1, 10] the ratio 1
// sits in the middle and 0.1 at the left edge.
func TestForestView(t *testing.T) {
	r := fixtureReport(2, "fr", 1)
	r.Overview.Crisis.Forest = forestFixture()
	v, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	f := v.Sections[0].Forest
	if f == nil || len(f.Rows) != 3 {
		t.Fatalf("forest = %+v, want 3 rows", f)
	}
	if f.Rows[1].Text != "0,72 (0,62–0,83)" || f.Rows[1].Kind != ForestPooled {
		t.Errorf("pooled row %+v, want 0,72 (0,62–0,83)", f.Rows[1])
	}
	notes := strings.Join(f.Notes, "\n")
	if !strings.Contains(notes, "p 0,011 — t à 2 ddl") || !strings.Contains(notes, "p < 1e-16") || strings.Contains(notes, "p 0 ") {
		t.Errorf("notes %q, want p 0,011 for the pooled effect and p < 1e-16 for the DiD", notes)
	}
	if v.Sections[1].Forest != nil {
		t.Errorf("a neighbourhood section has a forest plot")
	}
	if x := forestX(1, 0.1, 10, 300); math.Abs(x-150) > 1e-9 {
		t.Errorf("x(1) on [0.1, 10] = %g, want 150", x)
	}
	if x := forestX(0.05, 0.1, 10, 300); x != 0 {
		t.Errorf("x(0.05) on [0.1, 10] = %g, want 0 (clamped)", x)
	}
	svg := string(f.SVG())
	for _, want := range []string{"<polygon", "<circle", "<rect", "Effet groupé", "stroke-dasharray"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG has no %q", want)
		}
	}
	var pdf bytes.Buffer
	if err := renderView(&pdf, v, r); err != nil || pdf.Len() == 0 {
		t.Errorf("render PDF with a forest plot: %v (%d bytes)", err, pdf.Len())
	}
}

// TestSPCPhaseLimits: points that carry their phase's limits replace the
// constant lines, and the chart says the limits were recalculated.
func TestSPCPhaseLimits(t *testing.T) {
	r := fixtureReport(2, "en", 1)
	spc := &r.Overview.SPC[0]
	for i := range spc.Points {
		c, lo, hi := 10.0, 6.0, 14.0
		if i >= len(spc.Points)/2 {
			c, lo, hi = spc.Centre, spc.Lower, spc.Upper
		}
		spc.Points[i].Centre, spc.Points[i].Lower, spc.Points[i].Upper = &c, &lo, &hi
	}
	v, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	var chart *Chart
	for i, c := range v.Sections[0].Charts {
		if c.Kind == KindSPC {
			chart = &v.Sections[0].Charts[i]
			break
		}
	}
	if chart == nil {
		t.Fatal("no SPC chart")
	}
	centre := chart.Series[1].Points
	if *centre[0].Value != 10 || *centre[len(centre)-1].Value != spc.Centre {
		t.Errorf("centre line %g … %g, want 10 … %g", *centre[0].Value, *centre[len(centre)-1].Value, spc.Centre)
	}
	if notes := strings.Join(chart.Notes, " "); !strings.Contains(notes, "recalculated at the outreach start") || !strings.Contains(notes, "shift = 7 months") {
		t.Errorf("notes %q, want the re-basing and the signals explained", notes)
	}
}
