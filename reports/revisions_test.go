package reports

import (
	"strings"
	"testing"
	"time"
)

// TestRevisionsSuppressedAsTheMainTables reproduces the three leaks issue
// 11 found in the revision list and checks that each is closed:
//  1. a crisis rate of 26.8 shown in clear while its numerator (1 event)
//     is suppressed on the line above;
//  2. a percentage 1/56 shown "1.8% → 1.8%" while the main table
//     suppresses it;
//  3. territory and neighbourhood revisions of an additive count whose old
//     values let a suppressed old count be recovered by subtraction (the
//     territory's old total minus the other neighbourhood, which the main
//     tables show unchanged).
func TestRevisionsSuppressedAsTheMainTables(t *testing.T) {
	r := fixtureReport(2, "en", 1)
	n1, n2 := &r.Neighbourhoods[0], &r.Neighbourhoods[1]
	month := r.Month
	prev, earlier := month.AddDate(0, -1, 0), month.AddDate(0, -2, 0)

	// 1: crisis events 2 → 1 and the rate 53.6 → 26.8 in the previous month.
	setCrisis(n1, month, prev, 1, 26.8)
	setCrisis(&r.Overview, month, prev, 1+crisisAt(n2, prev), 0)

	// 2: share living alone 1/56 in the report month, unchanged.
	n1.Key = append(n1.Key, Key{Indicator: "reach_living_alone_pct",
		Current: Value{Value: ptr(100.0 / 56), Numerator: ptr(int64(1)), Denominator: ptr(int64(56))}})

	// 3: two months back, the first neighbourhood 3 → 6 events, the
	// territory T − 3 → T; the second neighbourhood is unchanged (shown).
	setCrisis(n1, month, earlier, 6, 0)
	total := 6 + crisisAt(n2, earlier)
	setCrisis(&r.Overview, month, earlier, total, 0)

	r.Revisions = []Revision{
		{Indicator: "crisis_events", Area: n1.Area, Month: prev, Old: ptr(2.0), New: ptr(1.0)},
		{Indicator: "crisis_rate", Area: n1.Area, Month: prev, Old: ptr(53.6), New: ptr(26.8)},
		{Indicator: "reach_living_alone_pct", Area: n1.Area, Month: month, Old: ptr(100.0 / 56), New: ptr(100.0 / 56)},
		{Indicator: "crisis_events", Area: r.Overview.Area, Month: earlier, Old: ptr(float64(total - 3)), New: ptr(float64(total))},
		{Indicator: "crisis_events", Area: n1.Area, Month: earlier, Old: ptr(3.0), New: ptr(6.0)},
	}
	v, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	rows := v.Revisions.Rows
	if len(rows) != 5 {
		t.Fatalf("%d revision rows, want 5", len(rows))
	}
	want := [][2]string{
		{"<5", "<5"}, // 1: the counts themselves
		{"x", "x"},   // 1: rates of a suppressed numerator
		{"x", "x"},   // 2: 1/56, as the main table
		{"x", ""},    // 3: the territory's old total would give 3 by subtraction
		{"<5", ""},   // 3: the neighbourhood's old count
	}
	for i, w := range want {
		old, cur := rows[i][3], rows[i][4]
		if old != w[0] || (w[1] != "" && cur != w[1]) {
			t.Errorf("row %d %v: old %q new %q, want old %q new %q", i, rows[i], old, cur, w[0], w[1])
		}
	}
	if strings.Contains(strings.Join(rows[1], " "), "26.8") || strings.Contains(strings.Join(rows[2], " "), "1.8") {
		t.Errorf("a suppressed value is printed: %v / %v", rows[1], rows[2])
	}
	if rows[3][4] == "x" || rows[4][4] == "<5" {
		t.Errorf("new values %q and %q (6 events) are suppressed, want them shown", rows[3][4], rows[4][4])
	}
}

// setCrisis sets the crisis events (the rate's numerator) of section s in
// month m, in the series and, for the month before the report month, in
// the key table; and the rate when rate > 0.
func setCrisis(s *Section, reportMonth, m time.Time, events int64, rate float64) {
	for i, mv := range s.Crisis.Observed.Months {
		if mv.Start.Equal(m) {
			s.Crisis.Observed.Months[i].Numerator = ptr(events)
			if rate > 0 {
				s.Crisis.Observed.Months[i].Value.Value = ptr(rate)
			}
		}
	}
	for _, k := range s.Key {
		if k.Indicator == "crisis_events" && k.Previous != nil && m.Equal(reportMonth.AddDate(0, -1, 0)) {
			k.Previous.Value = ptr(float64(events))
		}
	}
}

// crisisAt is the crisis events of section s in month m.
func crisisAt(s *Section, m time.Time) int64 {
	for _, mv := range s.Crisis.Observed.Months {
		if mv.Start.Equal(m) {
			return *mv.Numerator
		}
	}
	return 0
}
