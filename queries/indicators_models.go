package queries

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"time"
)

// insertBatch inserts rows (each of width values, in the table's column
// order) into table in one statement that binds each column as one list
// and unnests them side by side: DuckDB binds a list of 1 500 values in a
// fraction of the time it takes to bind 1 500 parameters (a VALUES list of
// 500 rows of 14 parameters took 85 ms). A column's list takes the type of
// its values (VARCHAR, DOUBLE, BIGINT, BOOLEAN or TIMESTAMPTZ; a date goes
// as its text) and the insert casts it to the column's. The driver cannot
// bind a NULL in a list, so a column with NULLs goes with a list of flags,
// its NULLs as zero values. Only placeholders are generated; every value
// travels as a parameter.
func insertBatch(ctx context.Context, db DBTX, table string, width int, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	cols := make([]listColumn, width)
	for _, r := range rows {
		if len(r) != width {
			return fmt.Errorf("insert %s: %d values, want %d: %w", table, len(r), width, ErrRowWidth)
		}
		for i, v := range r {
			if err := cols[i].add(v); err != nil {
				return fmt.Errorf("insert %s: column %d: %w", table, i+1, err)
			}
		}
	}
	var outer, inner []string
	var args []any
	for i := range cols {
		c := &cols[i]
		args = append(args, c.values())
		inner = append(inner, fmt.Sprintf("unnest($%d::%s[]) AS c%d", len(args), c.sqlType(), i))
		if !c.nulls {
			outer = append(outer, fmt.Sprintf("c%d", i))
			continue
		}
		args = append(args, c.valid)
		inner = append(inner, fmt.Sprintf("unnest($%d::BOOLEAN[]) AS v%d", len(args), i))
		outer = append(outer, fmt.Sprintf("CASE WHEN v%d THEN c%d END", i, i))
	}
	// table is a constant of this package, never config or data.
	stmt := "INSERT INTO " + table + " SELECT " + strings.Join(outer, ", ") + " FROM (SELECT " + strings.Join(inner, ", ") + ")"
	if _, err := db.ExecContext(ctx, stmt, args...); err != nil {
		return fmt.Errorf("insert %s: %w", table, err)
	}
	return nil
}

// listColumn is one column of insertBatch: its values (NULLs left nil
// until values), their list type and which are not NULL.
type listColumn struct {
	vals  []any
	valid []bool
	typ   string
	nulls bool
}

func (c *listColumn) add(v any) error {
	v, typ, err := listValue(v)
	if err != nil {
		return err
	}
	if typ != "" && c.typ != "" && typ != c.typ {
		return fmt.Errorf("values of types %s and %s", c.typ, typ)
	}
	if typ != "" {
		c.typ = typ
	}
	c.nulls = c.nulls || v == nil
	c.vals, c.valid = append(c.vals, v), append(c.valid, v != nil)
	return nil
}

func (c *listColumn) sqlType() string {
	if c.typ == "" {
		return "VARCHAR" // every value NULL
	}
	return c.typ
}

// values returns the column's list, its NULLs as the zero value of its type.
func (c *listColumn) values() []any {
	zero := map[string]any{"": "", "VARCHAR": "", "DOUBLE": float64(0), "BOOLEAN": false, "BIGINT": int64(0),
		"TIMESTAMPTZ": time.Unix(0, 0).UTC()}[c.typ]
	for i, v := range c.vals {
		if v == nil {
			c.vals[i] = zero
		}
	}
	return c.vals
}

// listValue returns v as an element of a bound list (driver.Valuer
// resolved, integers as int64) and the list type it needs ("" for NULL).
func listValue(v any) (any, string, error) {
	if vr, ok := v.(driver.Valuer); ok {
		var err error
		if v, err = vr.Value(); err != nil {
			return nil, "", err
		}
	}
	switch x := v.(type) {
	case nil:
		return nil, "", nil
	case string:
		return x, "VARCHAR", nil
	case float64:
		return x, "DOUBLE", nil
	case bool:
		return x, "BOOLEAN", nil
	case int:
		return int64(x), "BIGINT", nil
	case int32:
		return int64(x), "BIGINT", nil
	case int64:
		return x, "BIGINT", nil
	case time.Time:
		return x, "TIMESTAMPTZ", nil
	}
	return nil, "", fmt.Errorf("value of type %T: no list type", v)
}

// CountBounds is an interval for a count, to be divided by person-time.
type CountBounds struct {
	Count  float64
	Lo, Hi float64
}

// CrisisRateCounts returns the distinct crisis counts of crisis_rate rows
// with person-time, in increasing order.
func (q *Queries) CrisisRateCounts(ctx context.Context) ([]float64, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT DISTINCT numerator FROM indicator_values
		WHERE indicator = 'crisis_rate' AND denominator > 0 ORDER BY numerator`)
	if err != nil {
		return nil, fmt.Errorf("crisis rate counts: %w", err)
	}
	defer rows.Close()
	var out []float64
	for rows.Next() {
		var n float64
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("crisis rate counts: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// SetCrisisRateCI sets ci_low and ci_high of crisis_rate rows from the
// count intervals: bound ÷ person-years × 1,000.
func (q *Queries) SetCrisisRateCI(ctx context.Context, bounds []CountBounds) error {
	if _, err := q.db.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE count_bounds (count DOUBLE, lo DOUBLE, hi DOUBLE)`); err != nil {
		return fmt.Errorf("crisis rate ci: %w", err)
	}
	rows := make([][]any, len(bounds))
	for i, b := range bounds {
		rows[i] = []any{b.Count, b.Lo, b.Hi}
	}
	if err := insertBatch(ctx, q.db, "count_bounds", 3, rows); err != nil {
		return fmt.Errorf("crisis rate ci: %w", err)
	}
	_, err := q.db.ExecContext(ctx, `UPDATE indicator_values v
		SET ci_low = 1000.0 * b.lo / v.denominator, ci_high = 1000.0 * b.hi / v.denominator
		FROM count_bounds b
		WHERE v.indicator = 'crisis_rate' AND v.denominator > 0 AND v.numerator = b.count`)
	if err != nil {
		return fmt.Errorf("crisis rate ci: %w", err)
	}
	if _, err := q.db.ExecContext(ctx, `DROP TABLE count_bounds`); err != nil {
		return fmt.Errorf("crisis rate ci: %w", err)
	}
	return nil
}

// CrisisMonth is one month of an area's crisis series.
type CrisisMonth struct {
	AreaLevel, AreaCode string
	Territory           string       // the area's territory; empty for a group
	T0                  sql.NullTime // month of outreach start; invalid for comparison areas
	Month               time.Time
	Events              int64
	PersonYears         float64
	Provisional         bool
}

// CrisisSeries returns the monthly crisis series of every neighbourhood,
// by neighbourhood then month.
func (q *Queries) CrisisSeries(ctx context.Context) ([]CrisisMonth, error) {
	rows, err := q.db.QueryContext(ctx, mustIndicatorSQL("_crisis_series"))
	if err != nil {
		return nil, fmt.Errorf("crisis series: %w", err)
	}
	defer rows.Close()
	var out []CrisisMonth
	for rows.Next() {
		var m CrisisMonth
		if err := rows.Scan(&m.AreaLevel, &m.AreaCode, &m.Territory, &m.T0, &m.Month, &m.Events, &m.PersonYears, &m.Provisional); err != nil {
			return nil, fmt.Errorf("crisis series: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// SeriesPoint is one month of an indicator's series for an area.
type SeriesPoint struct {
	Indicator, AreaLevel, AreaCode string
	T0                             sql.NullTime
	Month                          time.Time
	Value                          sql.NullFloat64
}

// SPCSeries returns the monthly series of the indicators charted as XmR.
func (q *Queries) SPCSeries(ctx context.Context) ([]SeriesPoint, error) {
	rows, err := q.db.QueryContext(ctx, mustIndicatorSQL("_spc_series"))
	if err != nil {
		return nil, fmt.Errorf("spc series: %w", err)
	}
	defer rows.Close()
	var out []SeriesPoint
	for rows.Next() {
		var p SeriesPoint
		if err := rows.Scan(&p.Indicator, &p.AreaLevel, &p.AreaCode, &p.T0, &p.Month, &p.Value); err != nil {
			return nil, fmt.Errorf("spc series: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ITSRow is one row of crisis_its.
type ITSRow struct {
	AreaLevel, AreaCode       string
	Status                    string // fitted or refused
	Reason                    string
	OutreachStart             time.Time
	MonthsBefore, MonthsAfter int
	Seasonal, SlopeChange     bool
	LevelRR, LevelLo, LevelHi sql.NullFloat64
	LevelP                    sql.NullFloat64
	SlopeRR, SlopeLo, SlopeHi sql.NullFloat64
	SlopeP, PreTrendRR, Phi   sql.NullFloat64
	// Placebo marks the placebo test of a comparison neighbourhood (or of
	// the comparison group), whose OutreachStart is the placebo t0.
	Placebo bool
	// Model is "its" (one neighbourhood's series) or "pooled" (the
	// staggered-start model of an aggregate).
	Model string
	// Inference is "quasi_poisson" or "cluster_t"; Clusters the
	// neighbourhoods in the model; TDF the degrees of freedom of the t
	// reference (0 when refused).
	Inference string
	Clusters  int
	TDF       int
}

// ITSSeriesRow is one month of crisis_its_series.
type ITSSeriesRow struct {
	AreaLevel, AreaCode    string
	Month                  time.Time
	Observed               int64
	PersonYears            float64
	InFit                  bool
	Fitted, Counterfactual sql.NullFloat64
}

// DiDRow is the row of crisis_did.
type DiDRow struct {
	Status, Reason         string
	Ratio, Lo, Hi, P, Phi  sql.NullFloat64 // Lo, Hi, P: quasi-Poisson
	ClusterLo, ClusterHi   sql.NullFloat64 // cluster-robust by neighbourhood
	ClusterP               sql.NullFloat64
	ClusterDF              int // t reference of the cluster-robust interval: neighbourhoods − 1
	NOutreach, NComparison int
	Months                 int
}

// SPCRow is one row of spc_points.
type SPCRow struct {
	Indicator, AreaLevel, AreaCode string
	Month                          time.Time
	Value, Centre, Lower, Upper    sql.NullFloat64
	NearLower, NearUpper           sql.NullFloat64
	Signal, Assessment             string
	TrialLimits                    bool
}

// ModelResults are the outputs of the crisis models and the SPC charts.
type ModelResults struct {
	ITS       []ITSRow
	ITSSeries []ITSSeriesRow
	DiD       []DiDRow
	SPC       []SPCRow
}

// ReplaceModelResults replaces crisis_its, crisis_its_series, crisis_did
// and spc_points with res, stamped with computedAt.
func (q *Queries) ReplaceModelResults(ctx context.Context, res ModelResults, computedAt time.Time) error {
	for _, t := range []string{"crisis_its", "crisis_its_series", "crisis_did", "spc_points"} {
		if _, err := q.db.ExecContext(ctx, "DELETE FROM "+t); err != nil {
			return fmt.Errorf("replace %s: %w", t, err)
		}
	}
	var its, series, did, spc [][]any
	for _, r := range res.ITS {
		its = append(its, []any{r.AreaLevel, r.AreaCode, r.Status, nullString(r.Reason), r.OutreachStart.Format(time.DateOnly),
			r.MonthsBefore, r.MonthsAfter, r.Seasonal, r.SlopeChange, r.LevelRR, r.LevelLo, r.LevelHi, r.LevelP,
			r.SlopeRR, r.SlopeLo, r.SlopeHi, r.SlopeP, r.PreTrendRR, r.Phi, computedAt, r.Placebo,
			r.Model, r.Inference, r.Clusters, nullInt(r.TDF)})
	}
	for _, r := range res.ITSSeries {
		series = append(series, []any{r.AreaLevel, r.AreaCode, r.Month.Format(time.DateOnly), r.Observed, r.PersonYears,
			r.InFit, r.Fitted, r.Counterfactual})
	}
	for _, r := range res.DiD {
		did = append(did, []any{r.Status, nullString(r.Reason), r.Ratio, r.Lo, r.Hi, r.P, r.Phi,
			r.NOutreach, r.NComparison, r.Months, computedAt, r.ClusterLo, r.ClusterHi, r.ClusterP, nullInt(r.ClusterDF)})
	}
	for _, r := range res.SPC {
		spc = append(spc, []any{r.Indicator, r.AreaLevel, r.AreaCode, r.Month.Format(time.DateOnly), r.Value, r.Centre,
			r.Lower, r.Upper, r.NearLower, r.NearUpper, nullString(r.Signal), nullString(r.Assessment),
			r.TrialLimits, computedAt})
	}
	// Values follow each table's column order: columns added by a later
	// migration (0005: placebo, cluster_*; 0008: model, inference,
	// clusters, t_df, cluster_df) come last.
	for _, b := range []struct {
		table string
		width int
		rows  [][]any
	}{{"crisis_its", 25, its}, {"crisis_its_series", 8, series}, {"crisis_did", 15, did}, {"spc_points", 14, spc}} {
		if err := insertBatch(ctx, q.db, b.table, b.width, b.rows); err != nil {
			return wrap("replace model results", err)
		}
	}
	return nil
}

// OutlierScore is the modified z-score of one dq_outliers row.
type OutlierScore struct {
	Breakdown, AreaCode string
	Month               time.Time
	Z                   sql.NullFloat64
	Flagged             bool
}

// SetOutlierScores writes value and flagged of dq_outliers rows.
func (q *Queries) SetOutlierScores(ctx context.Context, scores []OutlierScore) error {
	if _, err := q.db.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE outlier_scores
		(breakdown VARCHAR, area_code VARCHAR, month_start DATE, z DOUBLE, flagged BOOLEAN)`); err != nil {
		return fmt.Errorf("outlier scores: %w", err)
	}
	rows := make([][]any, len(scores))
	for i, s := range scores {
		rows[i] = []any{s.Breakdown, s.AreaCode, s.Month.Format(time.DateOnly), s.Z, s.Flagged}
	}
	if err := insertBatch(ctx, q.db, "outlier_scores", 5, rows); err != nil {
		return fmt.Errorf("outlier scores: %w", err)
	}
	_, err := q.db.ExecContext(ctx, `UPDATE indicator_values v SET value = s.z, flagged = s.flagged
		FROM outlier_scores s
		WHERE v.indicator = 'dq_outliers' AND v.breakdown = s.breakdown AND v.area_code = s.area_code
		  AND v.period_type = 'month' AND v.period_start = s.month_start`)
	if err != nil {
		return fmt.Errorf("outlier scores: %w", err)
	}
	if _, err := q.db.ExecContext(ctx, `DROP TABLE outlier_scores`); err != nil {
		return fmt.Errorf("outlier scores: %w", err)
	}
	return nil
}

// MarkIncompletePeriods marks provisional the values of the periods the
// calendar does not fully cover (area_periods.complete = false).
func (q *Queries) MarkIncompletePeriods(ctx context.Context) error {
	if _, err := q.db.ExecContext(ctx, mustIndicatorSQL("_mark_incomplete")); err != nil {
		return fmt.Errorf("mark incomplete periods: %w", err)
	}
	return nil
}

// RecordRevisions records the published values this computation changed and
// returns how many revisions were added. Each names loadID, or the latest
// load when loadID is 0; with no load at all it returns ErrNoLoad rather
// than a revision that names none.
func (q *Queries) RecordRevisions(ctx context.Context, loadID int64, detectedAt time.Time) (int64, error) {
	res, err := q.db.ExecContext(ctx, mustIndicatorSQL("_revisions"),
		sql.Named("load_id", loadID), sql.Named("detected_at", detectedAt))
	if err != nil {
		return 0, fmt.Errorf("record revisions: %w", err)
	}
	return res.RowsAffected()
}

// PublishedValue is a value shown by a report.
type PublishedValue struct {
	ReportID                                  string
	Indicator, Breakdown, AreaLevel, AreaCode string
	PeriodType                                string
	PeriodStart                               time.Time
	Value                                     sql.NullFloat64
	PublishedAt                               time.Time
}

// InsertPublishedValues records values a report showed.
func (q *Queries) InsertPublishedValues(ctx context.Context, vals []PublishedValue) error {
	rows := make([][]any, len(vals))
	for i, v := range vals {
		rows[i] = []any{v.ReportID, v.Indicator, v.Breakdown, v.AreaLevel, v.AreaCode, v.PeriodType,
			v.PeriodStart.Format(time.DateOnly), v.Value, v.PublishedAt}
	}
	return insertBatch(ctx, q.db, "published_values", 9, rows)
}

// LatestDataMonth returns the first day of the month of the latest active
// activity or crisis event; ok is false when there is none.
//
// It looks first at the records dated from the last computation's as-of
// month on, which the row groups' date ranges let DuckDB find without
// reading the older ones (0.2 s of a full scan at 10 M activities), and
// scans everything only when there is none: a greatest date found among
// the later records is the greatest of all.
func (q *Queries) LatestDataMonth(ctx context.Context) (month time.Time, ok bool, err error) {
	var since sql.NullTime
	if err := q.db.QueryRowContext(ctx, `SELECT max(as_of) FROM compute_runs`).Scan(&since); err != nil {
		return time.Time{}, false, fmt.Errorf("latest data month: %w", err)
	}
	if since.Valid {
		if month, ok, err = q.latestDataMonthSince(ctx, since.Time); err != nil || ok {
			return month, ok, err
		}
	}
	return q.latestDataMonthSince(ctx, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC))
}

// latestDataMonthSince is LatestDataMonth among the records dated since
// or later.
func (q *Queries) latestDataMonthSince(ctx context.Context, since time.Time) (month time.Time, ok bool, err error) {
	var m sql.NullTime
	err = q.db.QueryRowContext(ctx, `SELECT date_trunc('month', greatest(
		(SELECT max(activity_date) FROM activities WHERE status = 'active' AND activity_date >= $since),
		(SELECT max(event_date) FROM crisis_events WHERE status = 'active' AND event_date >= $since)))::DATE`,
		sql.Named("since", since.Format(time.DateOnly))).Scan(&m)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("latest data month: %w", err)
	}
	return m.Time, m.Valid, nil
}

// LoadTime returns when load loadID finished (or started, if unfinished);
// loadID 0 means the latest load. ok is false when there is no such load.
func (q *Queries) LoadTime(ctx context.Context, loadID int64) (at time.Time, ok bool, err error) {
	var t sql.NullTime
	err = q.db.QueryRowContext(ctx, `SELECT coalesce(finished_at, started_at) FROM loads
		WHERE load_id = $load_id OR ($load_id = 0 AND load_id = (SELECT max(load_id) FROM loads))`,
		sql.Named("load_id", loadID)).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("load time: %w", err)
	}
	return t.Time.UTC(), t.Valid, nil
}

// nullInt stores 0 as NULL.
func nullInt(n int) sql.NullInt64 { return sql.NullInt64{Int64: int64(n), Valid: n != 0} }

// ReadITS returns the stored crisis_its rows of areaCode ("" for every
// area), by area level, code and placebo.
func (q *Queries) ReadITS(ctx context.Context, areaCode string) ([]ITSRow, error) {
	rows, err := collect(ctx, q.db, mustIndicatorSQL("_read_its"), scanITS, sql.Named("area_code", nullString(areaCode)))
	if err != nil {
		return nil, fmt.Errorf("read its: %w", err)
	}
	return rows, nil
}

func scanITS(r *sql.Rows) (ITSRow, error) {
	var i ITSRow
	var start sql.NullTime
	err := r.Scan(&i.AreaLevel, &i.AreaCode, &i.Placebo, &i.Status, &i.Reason, &start, &i.MonthsBefore, &i.MonthsAfter,
		&i.Seasonal, &i.SlopeChange, &i.LevelRR, &i.LevelLo, &i.LevelHi, &i.LevelP,
		&i.SlopeRR, &i.SlopeLo, &i.SlopeHi, &i.SlopeP, &i.PreTrendRR, &i.Phi, &i.Model, &i.Inference, &i.Clusters, &i.TDF)
	i.OutreachStart = start.Time
	return i, wrap("scan its", err)
}

// ReadDiD returns the stored crisis_did rows (one after a computation).
func (q *Queries) ReadDiD(ctx context.Context) ([]DiDRow, error) {
	rows, err := collect(ctx, q.db, mustIndicatorSQL("_read_did"), func(r *sql.Rows) (DiDRow, error) {
		var d DiDRow
		err := r.Scan(&d.Status, &d.Reason, &d.Ratio, &d.Lo, &d.Hi, &d.P, &d.ClusterLo, &d.ClusterHi, &d.ClusterP,
			&d.ClusterDF, &d.Phi, &d.NOutreach, &d.NComparison, &d.Months)
		return d, wrap("read did", err)
	})
	if err != nil {
		return nil, fmt.Errorf("read did: %w", err)
	}
	return rows, nil
}
