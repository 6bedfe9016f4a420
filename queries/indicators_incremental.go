package queries

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"time"
)

// Scope says which periods of an indicator an incremental computation
// rewrites, given the months whose records changed (the dirty months).
type Scope string

// Scopes of the indicators.
const (
	// ScopeMonths: a period's value depends on the records of its own
	// months only; the periods holding a dirty month are rewritten.
	ScopeMonths Scope = "months"
	// ScopeAfter: a period's value depends on every record up to its end
	// (cumulative reach, first contacts, days since the latest record,
	// neighbourhoods gone silent); the periods ending on or after the first
	// dirty month are rewritten.
	ScopeAfter Scope = "after"
	// ScopeAll: the value depends on other things than the records' months
	// (the loads' dates, a fixed baseline year); every period is rewritten.
	// These indicators read little.
	ScopeAll Scope = "all"
)

// IndicatorScope returns the scope of the indicator id (see
// queries/indicators/*.sql for why each is what it is).
func IndicatorScope(id string) Scope {
	switch id {
	case "reach_cumulative", "reach_first_contacts", "dq_days_since_activity",
		"dq_days_since_crisis_event", "dq_gap_neighbourhoods":
		return ScopeAfter
	case "crisis_rate_ratio_baseline", "dq_rows_loaded", "dq_rows_rejected", "dq_files_rejected":
		return ScopeAll
	}
	return ScopeMonths
}

// PersonParams says which months of the person tables to rewrite.
type PersonParams struct {
	// Full empties the person tables, numbers every person afresh and
	// rewrites every month of the calendar.
	Full bool
	// Months are the months whose contacts are rewritten when not Full.
	Months []time.Time
	// From is, when not Full, the first day of the earliest period the
	// computation rewrites: area_person_months starts with its month (the
	// reach_counts rewritten are those of the periods holding one of Months).
	From time.Time
	// Progress, when set, is told each step as it starts.
	Progress func(step string)
}

// RebuildPersons rewrites the persons (compute_persons), their contacts
// (contacts) of the months p names, their months per area
// (compute_area_person_months: the rows of the persons met in those months,
// from the first of them on), the scratch tables area_index, period_index
// and area_person_months (from p.From on), and reach_counts (every period
// when p.Full, else those holding one of p.Months). Run it after
// RebuildCalendar, on the connection that then computes the indicators.
func (q *Queries) RebuildPersons(ctx context.Context, p PersonParams) error {
	if p.Progress == nil {
		p.Progress = func(string) {}
	}
	p.Progress("dirty months")
	if err := q.setDirtyMonths(ctx, p); err != nil {
		return err
	}
	p.Progress("clear persons")
	if err := q.clearPersons(ctx, p); err != nil {
		return err
	}
	lo, hi, some, err := q.dirtyRange(ctx)
	if err != nil {
		return err
	}
	if some {
		if err := q.rebuildContacts(ctx, p, lo, hi); err != nil {
			return err
		}
	}
	from := sql.Named("from", dateArg(p.From))
	if p.Full {
		from = sql.Named("from", dateArg(time.Time{}))
	}
	for _, step := range []string{"_8a_area_index", "_8b_period_index"} {
		if err := q.gridStep(ctx, p.Progress, step); err != nil {
			return err
		}
	}
	if err := q.updateAreaPersonMonths(ctx, p, lo, some); err != nil {
		return err
	}
	if err := q.areaPersonMonthsView(ctx, p, from); err != nil {
		return err
	}
	if !p.Full {
		return q.gridStep(ctx, p.Progress, "_9_reach_counts_dirty")
	}
	return q.gridStep(ctx, p.Progress, "_9_reach_counts", from)
}

// rebuildContacts merges the records of the dirty months (lo to hi) per
// neighbourhood, month and person in the scratch table contacts_merged,
// numbers the new persons and writes contacts from it, then drops it: its
// rows are not needed after, and the memory is.
func (q *Queries) rebuildContacts(ctx context.Context, p PersonParams, lo, hi string) error {
	if err := q.gridStep(ctx, p.Progress, "_6m_contacts_merged", sql.Named("lo", lo), sql.Named("hi", hi)); err != nil {
		return err
	}
	for _, step := range []string{"_6a_persons", "_6_contacts"} {
		if err := q.gridStep(ctx, p.Progress, step); err != nil {
			return err
		}
	}
	_, err := q.db.ExecContext(ctx, "DROP TABLE contacts_merged")
	return wrap("rebuild contacts", err)
}

// areaPersonMonthsView creates the view area_person_months the reach and
// group indicators read: over compute_area_person_months, every row when
// p.Full, else from the month of from on.
func (q *Queries) areaPersonMonthsView(ctx context.Context, p PersonParams, from sql.NamedArg) error {
	if p.Full {
		return q.gridStep(ctx, p.Progress, "_8f_area_person_months_full")
	}
	if err := q.gridStep(ctx, p.Progress, "_8f_area_person_months_from", from); err != nil {
		return err
	}
	return q.gridStep(ctx, p.Progress, "_8f_area_person_months_scratch")
}

// updateAreaPersonMonths rewrites compute_area_person_months: every row
// when p.Full, else the rows of the persons met in a dirty month from the
// first dirty month lo on (none when no month is dirty), seeded with their
// rows before.
func (q *Queries) updateAreaPersonMonths(ctx context.Context, p PersonParams, lo string, some bool) error {
	if p.Full {
		return q.gridStep(ctx, p.Progress, "_8c_area_person_months")
	}
	if !some {
		return nil
	}
	if err := q.gridStep(ctx, p.Progress, "_8d_area_person_months_touched"); err != nil {
		return err
	}
	first, err := time.Parse(time.DateOnly, lo)
	if err != nil {
		return fmt.Errorf("area person months: %w", err)
	}
	d0, d0mi := sql.Named("d0", lo), sql.Named("d0_mi", monthIndex(first))
	if err := q.gridStep(ctx, p.Progress, "_8e_area_person_months_redo", d0, d0mi); err != nil {
		return err
	}
	for _, step := range []string{"_8e_area_person_months_seeds", "_8e_area_person_months_delete"} {
		if err := q.gridStep(ctx, p.Progress, step, d0mi); err != nil {
			return err
		}
	}
	return q.gridStep(ctx, p.Progress, "_8e_area_person_months_insert")
}

// monthIndex is the month index (year × 12 + month − 1) of m, as the
// person tables number months.
func monthIndex(m time.Time) int32 {
	return int32(m.Year()*12 + int(m.Month()) - 1)
}

// setDirtyMonths fills the scratch table compute_dirty_months: every
// calendar month when p.Full, else p.Months within the calendar.
func (q *Queries) setDirtyMonths(ctx context.Context, p PersonParams) error {
	if _, err := q.db.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE compute_dirty_months (month_start DATE PRIMARY KEY)`); err != nil {
		return fmt.Errorf("dirty months: %w", err)
	}
	if p.Full {
		_, err := q.db.ExecContext(ctx, `INSERT INTO compute_dirty_months SELECT month_start FROM months`)
		return wrap("dirty months", err)
	}
	for _, m := range p.Months {
		if _, err := q.db.ExecContext(ctx, `INSERT INTO compute_dirty_months SELECT month_start FROM months WHERE month_start = $m::DATE`,
			sql.Named("m", m.Format(time.DateOnly))); err != nil {
			return fmt.Errorf("dirty months: %w", err)
		}
	}
	return nil
}

// clearPersons deletes what RebuildPersons then rewrites.
func (q *Queries) clearPersons(ctx context.Context, p PersonParams) error {
	if p.Full {
		for _, s := range []string{mustIndicatorSQL("_6r_persons_reset"), `DELETE FROM contacts`, `DELETE FROM reach_counts`,
			`DELETE FROM compute_area_person_months`} {
			if _, err := q.db.ExecContext(ctx, s); err != nil {
				return fmt.Errorf("clear person tables: %w", err)
			}
		}
		return nil
	}
	if _, err := q.db.ExecContext(ctx, `DELETE FROM contacts WHERE month_start IN (SELECT month_start FROM compute_dirty_months)`); err != nil {
		return fmt.Errorf("clear person tables: %w", err)
	}
	_, err := q.db.ExecContext(ctx, mustIndicatorSQL("_9_reach_counts_dirty_delete"))
	return wrap("clear person tables", err)
}

// dirtyRange returns the first and last days of the dirty months.
func (q *Queries) dirtyRange(ctx context.Context) (lo, hi string, ok bool, err error) {
	var l, h sql.NullTime
	err = q.db.QueryRowContext(ctx, `SELECT min(month_start), last_day(max(month_start)) FROM compute_dirty_months`).Scan(&l, &h)
	if err != nil || !l.Valid {
		return "", "", false, wrap("dirty months", err)
	}
	return l.Time.Format(time.DateOnly), h.Time.Format(time.DateOnly), true, nil
}

// NarrowGrid makes the indicator files on this connection see only the
// periods scope rewrites (ScopeAll: every period), through temporary
// tables named periods and area_periods; WidenGrid drops them. Run
// RebuildPersons first: it fills compute_dirty_months.
func (q *Queries) NarrowGrid(ctx context.Context, scope Scope) error {
	if err := q.WidenGrid(ctx); err != nil || scope == ScopeAll {
		return err
	}
	if _, err := q.db.ExecContext(ctx, mustIndicatorSQL("_narrow_periods"), sql.Named("scope", string(scope))); err != nil {
		return fmt.Errorf("narrow grid: %w", err)
	}
	if _, err := q.db.ExecContext(ctx, mustIndicatorSQL("_narrow_area_periods")); err != nil {
		return fmt.Errorf("narrow grid: %w", err)
	}
	return nil
}

// WidenGrid drops the temporary tables of NarrowGrid, if any.
func (q *Queries) WidenGrid(ctx context.Context) error {
	for _, t := range []string{"temp.area_periods", "temp.periods"} {
		if _, err := q.db.ExecContext(ctx, "DROP TABLE IF EXISTS "+t); err != nil {
			return fmt.Errorf("widen grid: %w", err)
		}
	}
	return nil
}

// NarrowedPeriod is a period an incremental computation rewrites.
type NarrowedPeriod struct {
	PeriodType  string
	PeriodStart time.Time
}

// NarrowedPeriods lists the periods the grid shows (after NarrowGrid: the
// ones rewritten), in order.
func (q *Queries) NarrowedPeriods(ctx context.Context) ([]NarrowedPeriod, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT DISTINCT period_type, period_start FROM periods ORDER BY 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("narrowed periods: %w", err)
	}
	defer rows.Close()
	var out []NarrowedPeriod
	for rows.Next() {
		var p NarrowedPeriod
		if err := rows.Scan(&p.PeriodType, &p.PeriodStart); err != nil {
			return nil, fmt.Errorf("narrowed periods: %w", err)
		}
		out = append(out, p)
	}
	return out, wrap("narrowed periods", rows.Err())
}

// DeleteNarrowedValues deletes the values of the indicator id in the
// periods the grid shows (after NarrowGrid: the ones rewritten).
func (q *Queries) DeleteNarrowedValues(ctx context.Context, id string) error {
	if _, err := q.db.ExecContext(ctx, mustIndicatorSQL("_delete_narrowed"), sql.Named("indicator", id)); err != nil {
		return fmt.Errorf("delete values of %s: %w", id, err)
	}
	return nil
}

// TouchedMonths returns the months of the versions received in files after
// watermark, and of the other versions of their records, in order.
func (q *Queries) TouchedMonths(ctx context.Context, watermark int64) ([]time.Time, error) {
	rows, err := q.db.QueryContext(ctx, mustIndicatorSQL("_touched_months"), sql.Named("watermark", watermark))
	if err != nil {
		return nil, fmt.Errorf("touched months: %w", err)
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var m time.Time
		if err := rows.Scan(&m); err != nil {
			return nil, fmt.Errorf("touched months: %w", err)
		}
		out = append(out, m)
	}
	return out, wrap("touched months", rows.Err())
}

// Watermarks returns the greatest file id and load id of the store (0: none).
func (q *Queries) Watermarks(ctx context.Context) (file, load int64, err error) {
	err = q.db.QueryRowContext(ctx, mustIndicatorSQL("_watermarks")).Scan(&file, &load)
	return file, load, wrap("watermarks", err)
}

// ReferenceHash returns a digest of the reference data and vocabularies.
func (q *Queries) ReferenceHash(ctx context.Context) (string, error) {
	var h sql.NullString
	err := q.db.QueryRowContext(ctx, mustIndicatorSQL("_reference_hash")).Scan(&h)
	return h.String, wrap("reference hash", err)
}

// SchemaSignature returns the migrations applied to the store, in order.
func (q *Queries) SchemaSignature(ctx context.Context) (string, error) {
	var s string
	err := q.db.QueryRowContext(ctx, mustIndicatorSQL("_schema_signature")).Scan(&s)
	return s, wrap("schema signature", err)
}

// SyncProvisional sets every value's provisional flag to its area and
// period's and returns how many changed.
func (q *Queries) SyncProvisional(ctx context.Context) (int64, error) {
	res, err := q.db.ExecContext(ctx, mustIndicatorSQL("_sync_provisional"))
	if err != nil {
		return 0, fmt.Errorf("sync provisional: %w", err)
	}
	n, err := res.RowsAffected()
	return n, wrap("sync provisional", err)
}

// Restamp sets every value's computed_at to at.
func (q *Queries) Restamp(ctx context.Context, at time.Time) error {
	_, err := q.db.ExecContext(ctx, mustIndicatorSQL("_restamp"), sql.Named("computed_at", at))
	return wrap("restamp values", err)
}

// ComputeRun is a row of compute_runs: what a computation covered.
type ComputeRun struct {
	RunID         int64
	Mode          string // full or incremental
	Reason        string // why full; empty when incremental
	FileWatermark int64
	LoadWatermark int64
	AsOf          time.Time
	FirstMonth    time.Time
	OptionsHash   string
	ReferenceHash string
	ProgramHash   string
	DirtyMonths   string // YYYY-MM separated by commas
	ComputedAt    time.Time
}

// LastComputeRun returns the latest committed computation, false when none.
func (q *Queries) LastComputeRun(ctx context.Context) (ComputeRun, bool, error) {
	var r ComputeRun
	err := q.db.QueryRowContext(ctx, mustIndicatorSQL("_last_compute_run")).Scan(&r.RunID, &r.Mode, &r.Reason,
		&r.FileWatermark, &r.LoadWatermark, &r.AsOf, &r.FirstMonth, &r.OptionsHash, &r.ReferenceHash,
		&r.ProgramHash, &r.DirtyMonths, &r.ComputedAt)
	if err == sql.ErrNoRows {
		return r, false, nil
	}
	return r, err == nil, wrap("last compute run", err)
}

// InsertComputeRun records r (its RunID is the next number).
func (q *Queries) InsertComputeRun(ctx context.Context, r ComputeRun) error {
	_, err := q.db.ExecContext(ctx, mustIndicatorSQL("_insert_compute_run"),
		sql.Named("mode", r.Mode), sql.Named("reason", r.Reason), sql.Named("file_watermark", r.FileWatermark),
		sql.Named("load_watermark", r.LoadWatermark), sql.Named("as_of", r.AsOf.Format(time.DateOnly)),
		sql.Named("first_month", r.FirstMonth.Format(time.DateOnly)), sql.Named("options_hash", r.OptionsHash),
		sql.Named("reference_hash", r.ReferenceHash), sql.Named("program_hash", r.ProgramHash),
		sql.Named("dirty_months", r.DirtyMonths), sql.Named("computed_at", r.ComputedAt))
	return wrap("insert compute run", err)
}

// CalendarFirstMonth returns the first month of the calendar RebuildCalendar built.
func (q *Queries) CalendarFirstMonth(ctx context.Context) (time.Time, error) {
	var m sql.NullTime
	err := q.db.QueryRowContext(ctx, `SELECT min(month_start) FROM months`).Scan(&m)
	return m.Time, wrap("calendar first month", err)
}

// dateArg is t as a DATE parameter; the zero time is the earliest date.
func dateArg(t time.Time) string {
	if t.IsZero() {
		return "0001-01-01"
	}
	return t.Format(time.DateOnly)
}

// IndicatorSQLDigest returns the SHA-256, in hex, of every embedded file of
// queries/indicators, names and texts in name order.
func IndicatorSQLDigest() (string, error) {
	names, err := fs.Glob(indicatorFS, "indicators/*.sql")
	if err != nil {
		return "", wrap("indicator sql digest", err)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, err := indicatorFS.ReadFile(n)
		if err != nil {
			return "", wrap("indicator sql digest", err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
