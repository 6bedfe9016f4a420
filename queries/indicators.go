package queries

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"proximite/internal/catalogue"
)

//go:embed indicators/*.sql
var indicatorFS embed.FS

// calendarSteps are the files that rebuild the calendar, areas and
// denominators, in the order they run; personSteps (indicators_incremental.go)
// then rebuild the person tables.
var calendarSteps = [...]string{"_0_macros", "_1_months", "_2_areas", "_3_periods", "_4_neighbourhood_months",
	"_5_area_periods"}

// gridParamStep is the grid step that takes the as-of month and the
// number of provisional months.
const gridParamStep = "_1_months"

// scratchMacros are the temporary macros of the grid (_0_macros.sql) that
// the indicators use; DropScratch removes them too.
var scratchMacros = [...]string{"month_of"}

// scratchTables are the temporary tables the grid creates for the
// indicators that count persons; DropScratch removes them.
var scratchTables = [...]string{"contacts_merged", "apm_from", "apm_touched", "apm_redo", "period_index", "area_index", "compute_dirty_months"}

// scratchViews are the temporary views the grid creates over the tables
// compute keeps; DropScratch removes them first.
var scratchViews = [...]string{"area_person_months"}

// calendarTables are emptied before the calendar is rebuilt (dependents
// first); the person tables (contacts, reach_counts) are RebuildPersons'.
var calendarTables = [...]string{"area_periods", "neighbourhood_months", "periods", "areas", "months"}

// valueColumns are the columns every indicator file returns, in order.
const valueColumns = `indicator, breakdown, area_level, area_code, period_type, period_start, period_end,
	numerator, denominator, value, ci_low, ci_high, provisional, unstable, flagged`

// indicatorSQL returns the text of queries/indicators/<name>.sql.
func indicatorSQL(name string) (string, error) {
	b, err := indicatorFS.ReadFile("indicators/" + name + ".sql")
	if err != nil {
		return "", fmt.Errorf("indicator query %s: %w", name, ErrNotFound)
	}
	return string(b), nil
}

// mustIndicatorSQL is indicatorSQL for the fixed helper files.
func mustIndicatorSQL(name string) string {
	s, err := indicatorSQL(name)
	if err != nil {
		// The helper names are fixed at compile time; a missing one is a bug.
		panic(err)
	}
	return s
}

// IndicatorQueryIDs lists the indicator ids that have an SQL file, sorted.
func IndicatorQueryIDs() ([]string, error) {
	names, err := fs.Glob(indicatorFS, "indicators/*.sql")
	if err != nil {
		return nil, wrap("indicator query ids", err)
	}
	var ids []string
	for _, n := range names {
		id := strings.TrimSuffix(path.Base(n), ".sql")
		if !strings.HasPrefix(id, "_") {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// GridParams says which calendar to compute on.
type GridParams struct {
	AsOf              time.Time // first day of the as-of month
	ProvisionalMonths int
	// FirstMonthHint, when set, is where the calendar is likely to start
	// (the last computation's first month): the first activity is looked
	// for before its end first.
	FirstMonthHint time.Time
	// Progress, when set, is told each step as it starts.
	Progress func(step string)
}

// RebuildGrid empties and refills the calendar (months, periods), the areas,
// the neighbourhood populations, the area × period grid and the shared
// contact tables the indicators read, and creates the scratch tables of the
// person counts (temporary: run it, the indicators and DropScratch on one
// connection). It is RebuildCalendar, a full RebuildPersons, then
// RefreshMonthTables.
func (q *Queries) RebuildGrid(ctx context.Context, p GridParams) error {
	if err := q.RebuildCalendar(ctx, p); err != nil {
		return err
	}
	if err := q.RebuildPersons(ctx, PersonParams{Full: true, Progress: p.Progress}); err != nil {
		return err
	}
	return q.RefreshMonthTables(ctx, p.Progress)
}

// RebuildCalendar empties and refills the calendar (months, periods), the
// areas, the neighbourhood populations and the area × period grid.
func (q *Queries) RebuildCalendar(ctx context.Context, p GridParams) error {
	for _, t := range calendarTables {
		if _, err := q.db.ExecContext(ctx, "DELETE FROM "+t); err != nil {
			return fmt.Errorf("rebuild grid: empty %s: %w", t, err)
		}
	}
	first, err := q.firstActivity(ctx, p)
	if err != nil {
		return err
	}
	args := []any{sql.Named("as_of", p.AsOf.Format(time.DateOnly)), sql.Named("provisional_months", p.ProvisionalMonths),
		sql.Named("first_activity", first)}
	for _, step := range calendarSteps {
		a := []any(nil)
		if step == gridParamStep {
			a = args
		}
		if err := q.gridStep(ctx, p.Progress, step, a...); err != nil {
			return err
		}
	}
	return nil
}

// firstActivity returns the day of the earliest active activity not after
// the as-of month (NULL when none), looked for before the end of
// p.FirstMonthHint first: the answer when there is one there.
func (q *Queries) firstActivity(ctx context.Context, p GridParams) (sql.NullTime, error) {
	var first sql.NullTime
	asOf := sql.Named("as_of", p.AsOf.Format(time.DateOnly))
	if !p.FirstMonthHint.IsZero() {
		below := p.FirstMonthHint.AddDate(0, 1, 0).Format(time.DateOnly)
		err := q.db.QueryRowContext(ctx, mustIndicatorSQL("_first_activity"), asOf, sql.Named("below", below)).Scan(&first)
		if err != nil || first.Valid {
			return first, wrap("first activity", err)
		}
	}
	err := q.db.QueryRowContext(ctx, mustIndicatorSQL("_first_activity"), asOf, sql.Named("below", "9999-12-31")).Scan(&first)
	return first, wrap("first activity", err)
}

// gridStep runs one file of the grid.
func (q *Queries) gridStep(ctx context.Context, progress func(string), step string, args ...any) error {
	if progress != nil {
		progress(step)
	}
	if _, err := q.db.ExecContext(ctx, mustIndicatorSQL(step), args...); err != nil {
		return fmt.Errorf("rebuild grid %s: %w", step, err)
	}
	return nil
}

// DropScratch drops the temporary tables and macros RebuildGrid created.
// They live on the connection that created them, so the grid, the
// indicators and this call must share one (a transaction or a *sql.Conn).
func (q *Queries) DropScratch(ctx context.Context) error {
	if err := q.WidenGrid(ctx); err != nil {
		return err
	}
	for _, v := range scratchViews {
		if _, err := q.db.ExecContext(ctx, "DROP VIEW IF EXISTS "+v); err != nil {
			return fmt.Errorf("drop scratch %s: %w", v, err)
		}
	}
	for _, t := range scratchTables {
		if _, err := q.db.ExecContext(ctx, "DROP TABLE IF EXISTS "+t); err != nil {
			return fmt.Errorf("drop scratch %s: %w", t, err)
		}
	}
	for _, m := range scratchMacros {
		if _, err := q.db.ExecContext(ctx, "DROP MACRO IF EXISTS "+m); err != nil {
			return fmt.Errorf("drop scratch macro %s: %w", m, err)
		}
	}
	return nil
}

// DeleteIndicatorValues empties indicator_values before a recomputation.
func (q *Queries) DeleteIndicatorValues(ctx context.Context) error {
	if _, err := q.db.ExecContext(ctx, `DELETE FROM indicator_values`); err != nil {
		return fmt.Errorf("delete indicator values: %w", err)
	}
	return nil
}

// InsertIndicatorValues computes the indicator over the grid built by
// RebuildGrid (or RebuildCalendar and RebuildPersons) and stores its rows
// with computedAt; it returns the row count. The catalogue's Rollup says
// which shared file completes the indicator's own: facts summed
// (_rollup.sql) or counted distinct (_distinct.sql) into agg, from the
// monthly tables RefreshMonthTables wrote, or agg computed by the file
// itself, then put on the grid by _emit.sql; facts reduced to days since
// the latest (_latest.sql, from the latest day per month
// RefreshMonthTables kept); or nothing, when the file computes every row.
func (q *Queries) InsertIndicatorValues(ctx context.Context, ind catalogue.Indicator, computedAt time.Time) (int64, error) {
	body, err := indicatorSQL(ind.ID)
	if err != nil {
		return 0, wrap("insert indicator values", err)
	}
	args := []any{sql.Named("computed_at", computedAt)}
	// Every part is an embedded file of this package, never config or data.
	switch ind.Rollup {
	case catalogue.RollupSum:
		body = "WITH " + mustIndicatorSQL("_rollup")
	case catalogue.RollupDistinct:
		body = "WITH " + mustIndicatorSQL("_distinct")
	case catalogue.RollupLatest:
		body = "WITH " + mustIndicatorSQL("_latest")
		args = append(args, gridArgs(ind)...)
	case catalogue.RollupRate:
		body += ",\n" + mustIndicatorSQL("_rate")
		args = append(args, append(gridArgs(ind), sql.Named("base", ind.RateBase))...)
	}
	if ind.Emitted() {
		body += ",\n" + mustIndicatorSQL("_emit")
		args = append(args, emitArgs(ind)...)
	}
	// The body is an embedded file of this package, never config or data.
	stmt := "INSERT INTO indicator_values (" + valueColumns + ", computed_at)\nSELECT " + valueColumns +
		", $computed_at::TIMESTAMPTZ FROM (\n" + body + "\n) AS v"
	res, err := q.db.ExecContext(ctx, stmt, args...)
	if err != nil {
		return 0, fmt.Errorf("indicator %s: %w", ind.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("indicator %s: %w", ind.ID, err)
	}
	return n, nil
}

// gridArgs name the indicator and the levels and period types it declares.
func gridArgs(ind catalogue.Indicator) []any {
	return []any{sql.Named("indicator", ind.ID), sql.Named("levels", strings.Join(ind.AreaLevels(), ",")),
		sql.Named("periods", strings.Join(ind.Periods, ","))}
}

// emitArgs are the parameters of _emit.sql for ind.
func emitArgs(ind catalogue.Indicator) []any {
	divisor := ind.Divisor
	if divisor == 0 {
		divisor = 1
	}
	dim, voc, ownTotal := "", "", false
	if ind.Split != nil {
		dim, voc, ownTotal = ind.Split.Dimension, ind.Split.Vocabulary, ind.Split.OwnTotal
	}
	return append(gridArgs(ind), sql.Named("dimension", dim), sql.Named("vocabulary", voc),
		sql.Named("divisor", divisor), sql.Named("ratio", ind.IsRatio()), sql.Named("own_total", ownTotal))
}

// IndicatorValue is one row of indicator_values.
type IndicatorValue struct {
	Indicator   string
	Breakdown   string
	AreaLevel   string
	AreaCode    string
	PeriodType  string
	PeriodStart time.Time
	PeriodEnd   time.Time
	Numerator   sql.NullFloat64
	Denominator sql.NullFloat64
	Value       sql.NullFloat64
	CILow       sql.NullFloat64
	CIHigh      sql.NullFloat64
	Provisional bool
	ComputedAt  time.Time
	Unstable    bool
	Flagged     bool
}

// ValueFilter selects indicator values; empty fields match everything.
type ValueFilter struct {
	Indicator   string
	AreaCode    string
	PeriodType  string
	PeriodStart time.Time // zero = any
}

// IndicatorValues returns the stored values matching f in a total order.
func (q *Queries) IndicatorValues(ctx context.Context, f ValueFilter) ([]IndicatorValue, error) {
	var start any
	if !f.PeriodStart.IsZero() {
		start = f.PeriodStart.Format(time.DateOnly)
	}
	rows, err := q.db.QueryContext(ctx, mustIndicatorSQL("_read_values"),
		sql.Named("indicator", nullString(f.Indicator)), sql.Named("area_code", nullString(f.AreaCode)),
		sql.Named("period_type", nullString(f.PeriodType)), sql.Named("period_start", start))
	if err != nil {
		return nil, fmt.Errorf("indicator values: %w", err)
	}
	defer rows.Close()
	var out []IndicatorValue
	for rows.Next() {
		var v IndicatorValue
		if err := rows.Scan(&v.Indicator, &v.Breakdown, &v.AreaLevel, &v.AreaCode, &v.PeriodType,
			&v.PeriodStart, &v.PeriodEnd, &v.Numerator, &v.Denominator, &v.Value, &v.CILow, &v.CIHigh,
			&v.Provisional, &v.ComputedAt, &v.Unstable, &v.Flagged); err != nil {
			return nil, fmt.Errorf("indicator values: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("indicator values: %w", err)
	}
	return out, nil
}
