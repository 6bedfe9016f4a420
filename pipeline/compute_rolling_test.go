package pipeline

import (
	"context"
	"strings"
	"testing"
	"time"

	"proximite/fixtures"
	"proximite/queries"
)

// bruteRolling counts reach in every period the obvious way (every month of
// every period or window, latest key wins), as an independent check of the
// step method of rolling windows and of the last-row method of the others.
const bruteRolling = `
WITH pp AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, c.person_id,
           arg_max(c.lives_alone, c.lives_alone_key) FILTER (WHERE c.lives_alone_key IS NOT NULL) AS la,
           arg_max(c.new_to_services, c.new_key) FILTER (WHERE c.new_key IS NOT NULL) AS nts
    FROM contacts c JOIN areas a USING (neighbourhood) JOIN periods p USING (month_start)
    GROUP BY ALL
)
SELECT area_level, area_code, period_type, period_start, count(*), count(la), count(*) FILTER (WHERE la),
       count(nts), count(*) FILTER (WHERE nts)
FROM pp GROUP BY ALL
EXCEPT
SELECT area_level, area_code, period_type, period_start, persons, lives_alone_known, lives_alone_yes, new_known, new_yes
FROM reach_counts`

// bruteGroups counts attendees and retained attendees of quarters, fiscal
// years and rolling windows from the raw records, by repeating every month
// in each of its periods.
const bruteGroups = `
WITH pp AS (
    SELECT ar.area_level, ar.area_code, p.period_type, p.period_start, t.person_key, count(DISTINCT t.activity_id) AS sessions
    FROM attendance t
    JOIN activities a ON a.activity_id = t.activity_id
    JOIN areas ar ON ar.neighbourhood = a.neighbourhood
    JOIN periods p ON p.month_start = date_trunc('month', a.activity_date) AND p.period_type <> 'month'
    WHERE t.status = 'active' AND a.status = 'active' AND a.kind = 'group'
    GROUP BY ALL
)
SELECT area_level, area_code, period_type, period_start, count(*)::DOUBLE, count(*) FILTER (WHERE sessions >= 3)::DOUBLE
FROM pp GROUP BY ALL
EXCEPT
SELECT p.area_level, p.area_code, p.period_type, p.period_start, p.numerator, r.numerator
FROM indicator_values p JOIN indicator_values r USING (area_level, area_code, period_type, period_start)
WHERE p.indicator = 'group_persons' AND r.indicator = 'group_retention_pct'
  AND p.numerator > 0 AND r.denominator = p.numerator`

// bruteMonthlyAttendees counts the attendees of each month from the raw
// records (group_retention_pct has no monthly value to pair them with).
const bruteMonthlyAttendees = `
WITH pp AS (
    SELECT DISTINCT ar.area_level, ar.area_code, date_trunc('month', a.activity_date)::DATE AS period_start, t.person_key
    FROM attendance t
    JOIN activities a ON a.activity_id = t.activity_id
    JOIN areas ar ON ar.neighbourhood = a.neighbourhood
    JOIN months m ON m.month_start = date_trunc('month', a.activity_date)
    WHERE t.status = 'active' AND a.status = 'active' AND a.kind = 'group'
)
SELECT area_level, area_code, period_start, count(*)::DOUBLE
FROM pp GROUP BY ALL
EXCEPT
SELECT area_level, area_code, period_start, numerator
FROM indicator_values
WHERE indicator = 'group_persons' AND period_type = 'month' AND numerator > 0`

func TestPersonCountsMatchBruteForce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	opt := fixtures.DefaultOptions()
	opt.Months, opt.Neighbourhoods, opt.Scale = 30, 4, 0.01
	if _, err := fixtures.Generate(ctx, dir, opt, nil); err != nil {
		t.Fatal(err)
	}
	db, err := queries.Open(ctx, ":memory:", queries.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := Ingest(ctx, db, []string{dir}, testOptions()); err != nil {
		t.Fatal(err)
	}
	co := DefaultComputeOptions()
	co.AsOf = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	if _, err := Compute(ctx, db, co); err != nil {
		t.Fatal(err)
	}
	var rows int
	db.QueryRowContext(ctx, `SELECT count(*) FROM reach_counts WHERE period_type = 'rolling_12m' AND lives_alone_known > 0`).Scan(&rows)
	if rows == 0 {
		t.Fatal("no rolling reach with a known attribute: the check would be empty")
	}
	for _, q := range []string{bruteRolling, swapExcept(bruteRolling), bruteGroups, swapExcept(bruteGroups),
		bruteMonthlyAttendees, swapExcept(bruteMonthlyAttendees)} {
		var diff int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM ("+q+")").Scan(&diff); err != nil {
			t.Fatal(err)
		}
		if diff != 0 {
			r, _ := db.QueryContext(ctx, q+" ORDER BY ALL LIMIT 4")
			for r.Next() {
				v := make([]any, 9)
				p := make([]any, 9)
				for i := range v {
					p[i] = &v[i]
				}
				r.Scan(p...)
				t.Log(v...)
			}
			r.Close()
			t.Errorf("%d rows differ from the brute-force count, want 0", diff)
		}
	}
}

// swapExcept returns the query with the two sides of EXCEPT exchanged.
func swapExcept(q string) string {
	a, b, _ := strings.Cut(q, "EXCEPT")
	head, first, _ := strings.Cut(a, ")\nSELECT")
	return head + ")\n" + strings.TrimSpace(b) + "\nEXCEPT\nSELECT" + first
}
