package queries

import (
	"context"
	"database/sql"
	"fmt"

	"proximite/internal/catalogue"
)

// monthFacts is a file of facts (neighbourhood, day and num, den, cell or
// x) kept month by month in table under the indicator id, with the files
// that delete and rewrite the months of compute_dirty_months.
type monthFacts struct {
	id, facts                     string
	table, deleteFile, insertFile string
}

// monthRollups are the rollups whose facts are kept month by month.
var monthRollups = map[catalogue.Rollup]monthFacts{
	catalogue.RollupSum:      {table: "compute_month_sums", deleteFile: "_month_sums_delete", insertFile: "_month_sums"},
	catalogue.RollupDistinct: {table: "compute_month_distinct", deleteFile: "_month_distinct_delete", insertFile: "_month_distinct"},
	catalogue.RollupLatest:   {table: "compute_month_latest", deleteFile: "_month_latest_delete", insertFile: "_month_latest"},
}

// ownMonthFacts are facts kept month by month for indicators that compute
// their own rows from them, beside the rolled-up ones.
var ownMonthFacts = []monthFacts{
	{id: "clinical_support_hours_per_worker", facts: "_workers", table: "compute_month_distinct",
		deleteFile: "_month_distinct_delete", insertFile: "_month_distinct"},
}

// monthFactSets lists every fact set kept month by month: the catalogue's
// rolled-up indicators (their own file), then ownMonthFacts.
func monthFactSets() []monthFacts {
	var out []monthFacts
	for _, ind := range catalogue.All() {
		if m, ok := monthRollups[ind.Rollup]; ok {
			m.id, m.facts = ind.ID, ind.ID
			out = append(out, m)
		}
	}
	return append(out, ownMonthFacts...)
}

// RefreshMonthTables rewrites, in compute_month_sums,
// compute_month_distinct and compute_month_latest, every fact set's rows of the months of
// compute_dirty_months from the records, and deletes those of months the
// calendar no longer holds; the rows of the other months are kept. Run it
// after RebuildPersons, which fills compute_dirty_months, and before the
// indicators, which read these tables.
func (q *Queries) RefreshMonthTables(ctx context.Context, progress func(string)) error {
	lo, hi, some, err := q.dirtyRange(ctx)
	if err != nil {
		return err
	}
	filter, err := q.monthFactsFilter(ctx)
	if err != nil {
		return err
	}
	for _, m := range monthFactSets() {
		if progress != nil {
			progress("month facts " + m.id)
		}
		if err := q.refreshMonths(ctx, m, filter, lo, hi, some); err != nil {
			return err
		}
	}
	return nil
}

// monthFactsFilter names the file that keeps the facts of the dirty
// months: _month_facts_range.sql when every calendar month is dirty (the
// calendar's months follow one another, so the dirty range says it all),
// else _month_facts_dirty.sql.
func (q *Queries) monthFactsFilter(ctx context.Context) (string, error) {
	var all bool
	err := q.db.QueryRowContext(ctx, `SELECT count(*) = (SELECT count(*) FROM months) FROM compute_dirty_months`).Scan(&all)
	if err != nil {
		return "", fmt.Errorf("monthly facts: %w", err)
	}
	if all {
		return "_month_facts_range", nil
	}
	return "_month_facts_dirty", nil
}

// refreshMonths rewrites one fact set's months of compute_dirty_months
// (lo to hi; none when !some), keeping its facts by the file filter.
func (q *Queries) refreshMonths(ctx context.Context, m monthFacts, filter, lo, hi string, some bool) error {
	id := sql.Named("indicator", m.id)
	if _, err := q.db.ExecContext(ctx, mustIndicatorSQL(m.deleteFile), id); err != nil {
		return fmt.Errorf("monthly facts of %s: %w", m.id, err)
	}
	if !some {
		return nil
	}
	body, err := indicatorSQL(m.facts)
	if err != nil {
		return fmt.Errorf("monthly facts of %s: %w", m.id, err)
	}
	// The parts are embedded files of this package, never config or data.
	stmt := "INSERT INTO " + m.table + "\nWITH f_all AS (\n" + body + "\n),\n" + mustIndicatorSQL(filter) + "\n" + mustIndicatorSQL(m.insertFile)
	if _, err := q.db.ExecContext(ctx, stmt, id, sql.Named("lo", lo), sql.Named("hi", hi)); err != nil {
		return fmt.Errorf("monthly facts of %s: %w", m.id, err)
	}
	return nil
}
