package queries

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

// TestMonthSumsRefuseNonIntegerFacts checks the type check of
// _month_sums.sql: the monthly sums are added up again into periods, and a
// sum of sums of doubles would depend on their order, so a fact set whose
// num or den is not an integer must stop the computation, naming the
// indicator, while integer facts are written.
func TestMonthSumsRefuseNonIntegerFacts(t *testing.T) {
	_, q := openSmall(t)
	ctx := context.Background()
	if _, err := q.db.ExecContext(ctx, mustIndicatorSQL("_0_macros")); err != nil {
		t.Fatal(err)
	}
	// Composed as refreshMonths composes an indicator's file with the filter
	// and _month_sums.sql.
	write := func(num, den string) error {
		body := `SELECT 'A' AS neighbourhood, DATE '2024-03-02' AS day, NULL::VARCHAR AS cell, ` + num + ` AS num, ` + den + ` AS den`
		stmt := "INSERT INTO compute_month_sums\nWITH f_all AS (\n" + body + "\n),\n" +
			mustIndicatorSQL("_month_facts_range") + "\n" + mustIndicatorSQL("_month_sums")
		_, err := q.db.ExecContext(ctx, stmt, sql.Named("indicator", "some_ratio"),
			sql.Named("lo", "2024-03-01"), sql.Named("hi", "2024-03-31"))
		return err
	}
	for _, c := range []struct{ num, den string }{{"1", "NULL::INTEGER"}, {"3::BIGINT", "2"}} {
		if err := write(c.num, c.den); err != nil {
			t.Errorf("integer facts %s / %s: %v", c.num, c.den, err)
		}
	}
	var n int
	if err := q.db.QueryRowContext(ctx, `SELECT count(*) FROM compute_month_sums WHERE indicator = 'some_ratio'`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("integer facts wrote %d rows (%v), want 2", n, err)
	}
	for _, c := range []struct{ num, den string }{{"1.5::DOUBLE", "1"}, {"1", "2.0::DOUBLE"}, {"1::DECIMAL(9,2)", "NULL::INTEGER"}} {
		err := write(c.num, c.den)
		if err == nil || !strings.Contains(err.Error(), "indicator some_ratio: facts must be integers") {
			t.Errorf("facts %s / %s: error %v, want the integer check naming the indicator", c.num, c.den, err)
		}
	}
}
