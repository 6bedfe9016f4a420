package queries

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Neighbourhood is a row of neighbourhoods.
type Neighbourhood struct {
	Code, Name, Territory string
	OutreachStart         *time.Time
}

// MonthlyValue is one monthly total of indicator_values.
type MonthlyValue struct {
	Indicator              string
	Month                  time.Time
	Numerator, Denominator *float64
	Value, CILow, CIHigh   *float64
	Provisional            bool
}

// ReportITSRow is the crisis_its row of an area.
type ReportITSRow struct {
	Status, Reason                 string
	OutreachStart                  *time.Time
	MonthsBefore, MonthsAfter      int
	LevelRR, LevelLo, LevelHi      *float64
	SlopeRR, SlopeLo, SlopeHi, Phi *float64
	Placebo                        bool // a comparison neighbourhood's placebo test
	// Model is "its" or "pooled"; Inference "quasi_poisson" or
	// "cluster_t" on TDF degrees of freedom; Clusters the neighbourhoods.
	Model, Inference string
	Clusters, TDF    int
}

// ReportITSPoint is one month of the fitted and counterfactual crisis rates.
type ReportITSPoint struct {
	Month                  time.Time
	Fitted, Counterfactual *float64
}

// ReportSPCRow is one point of spc_points.
type ReportSPCRow struct {
	Indicator                   string
	Month                       time.Time
	Value, Centre, Lower, Upper *float64
	Assessment                  string
	Trial                       bool
}

// Profile is the population profile of a neighbourhood.
type Profile struct {
	Population, LivingAlone, LowIncome, Aged65 int64
	SocialQuintile, MaterialQuintile           int
}

// Count is a label with a count.
type Count struct {
	Label string
	N     int64
}

// LoadRow summarizes one ingest run.
type LoadRow struct {
	LoadID                                  int64
	StartedAt                               time.Time
	RowsLoaded, RowsRejected, FilesRejected int64
}

// FreshnessRow is the latest data of one neighbourhood.
type FreshnessRow struct {
	Code, Name              string
	LastActivity, LastEvent *time.Time
	Gap                     bool
}

// RevisionRow is a published monthly value a later load changed.
type RevisionRow struct {
	Indicator, AreaCode string
	Month               time.Time
	Old, New            *float64
}

// ComparisonRow holds one neighbourhood's 12-month exposures.
type ComparisonRow struct {
	Code, Name      string
	CrisisEvents    int64
	PersonYears     float64
	IsolatedReached int64
	LivingAlone     float64
}

// ReportTerritories lists the territories.
func (q *Queries) ReportTerritories(ctx context.Context) ([]string, error) {
	return q.strings(ctx, reportSQL("territories"))
}

// ReportNeighbourhoods lists a territory's neighbourhoods (all when territory is "").
func (q *Queries) ReportNeighbourhoods(ctx context.Context, territory string) ([]Neighbourhood, error) {
	return collect(ctx, q.db, reportSQL("neighbourhoods"), func(r *sql.Rows) (Neighbourhood, error) {
		var n Neighbourhood
		err := r.Scan(&n.Code, &n.Name, &n.Territory, &n.OutreachStart)
		return n, wrap("report neighbourhoods", err)
	}, sql.Named("territory", nullString(territory)))
}

// ReportMonthlyValues returns an area's monthly totals up to month.
func (q *Queries) ReportMonthlyValues(ctx context.Context, level, code string, month time.Time) ([]MonthlyValue, error) {
	return collect(ctx, q.db, reportSQL("monthly_values"), func(r *sql.Rows) (MonthlyValue, error) {
		var v MonthlyValue
		err := r.Scan(&v.Indicator, &v.Month, &v.Numerator, &v.Denominator, &v.Value, &v.CILow, &v.CIHigh, &v.Provisional)
		return v, wrap("report monthly values", err)
	}, sql.Named("area_level", level), sql.Named("area_code", code), sql.Named("month", month))
}

// ReportBreakdown returns an indicator's breakdown cells for an area and month.
func (q *Queries) ReportBreakdown(ctx context.Context, indicator, level, code string, month time.Time) ([]Count, error) {
	return collectCounts(ctx, q.db, reportSQL("breakdown"), sql.Named("indicator", indicator),
		sql.Named("area_level", level), sql.Named("area_code", code), sql.Named("month", month))
}

// ReportITS returns the area's ITS result, or ErrNotFound.
func (q *Queries) ReportITS(ctx context.Context, level, code string) (ReportITSRow, error) {
	var r ReportITSRow
	err := q.db.QueryRowContext(ctx, reportSQL("its"), sql.Named("area_level", level), sql.Named("area_code", code)).Scan(
		&r.Status, &r.Reason, &r.OutreachStart, &r.MonthsBefore, &r.MonthsAfter,
		&r.LevelRR, &r.LevelLo, &r.LevelHi, &r.SlopeRR, &r.SlopeLo, &r.SlopeHi, &r.Phi, &r.Placebo,
		&r.Model, &r.Inference, &r.Clusters, &r.TDF)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, wrap("report its", err)
}

// ReportITSSeries returns the fitted and counterfactual rates up to month.
func (q *Queries) ReportITSSeries(ctx context.Context, level, code string, month time.Time) ([]ReportITSPoint, error) {
	return collect(ctx, q.db, reportSQL("its_series"), func(r *sql.Rows) (ReportITSPoint, error) {
		var p ReportITSPoint
		err := r.Scan(&p.Month, &p.Fitted, &p.Counterfactual)
		return p, wrap("report its series", err)
	}, sql.Named("area_level", level), sql.Named("area_code", code), sql.Named("month", month))
}

// ReportSPC returns the area's SPC points up to month.
func (q *Queries) ReportSPC(ctx context.Context, level, code string, month time.Time) ([]ReportSPCRow, error) {
	return collect(ctx, q.db, reportSQL("spc"), func(r *sql.Rows) (ReportSPCRow, error) {
		var p ReportSPCRow
		err := r.Scan(&p.Indicator, &p.Month, &p.Value, &p.Centre, &p.Lower, &p.Upper, &p.Assessment, &p.Trial)
		return p, wrap("report spc", err)
	}, sql.Named("area_level", level), sql.Named("area_code", code), sql.Named("month", month))
}

// ReportPortrait returns the population profile applying to year, or ErrNotFound.
func (q *Queries) ReportPortrait(ctx context.Context, neighbourhood string, year int) (Profile, error) {
	var p Profile
	err := q.db.QueryRowContext(ctx, reportSQL("portrait"), sql.Named("neighbourhood", neighbourhood), sql.Named("year", year)).Scan(
		&p.Population, &p.LivingAlone, &p.LowIncome, &p.Aged65, &p.SocialQuintile, &p.MaterialQuintile)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	return p, wrap("report portrait", err)
}

// ReportPartnerSectors counts the partners of an area's activities in [from, to) by sector.
func (q *Queries) ReportPartnerSectors(ctx context.Context, level, code string, from, to time.Time) ([]Count, error) {
	return collectCounts(ctx, q.db, reportSQL("partner_sectors"), sql.Named("area_level", level),
		sql.Named("area_code", code), sql.Named("from", from), sql.Named("to", to))
}

// ReportLoads returns the latest ingest runs.
func (q *Queries) ReportLoads(ctx context.Context) ([]LoadRow, error) {
	return collect(ctx, q.db, reportSQL("loads"), func(r *sql.Rows) (LoadRow, error) {
		var l LoadRow
		err := r.Scan(&l.LoadID, &l.StartedAt, &l.RowsLoaded, &l.RowsRejected, &l.FilesRejected)
		return l, wrap("report loads", err)
	})
}

// ReportRejections counts rejected rows by reason.
func (q *Queries) ReportRejections(ctx context.Context) ([]Count, error) {
	return collectCounts(ctx, q.db, reportSQL("rejections"))
}

// ReportFreshness returns the latest data per neighbourhood of a territory.
func (q *Queries) ReportFreshness(ctx context.Context, territory string, month time.Time) ([]FreshnessRow, error) {
	return collect(ctx, q.db, reportSQL("freshness"), func(r *sql.Rows) (FreshnessRow, error) {
		var f FreshnessRow
		err := r.Scan(&f.Code, &f.Name, &f.LastActivity, &f.LastEvent, &f.Gap)
		return f, wrap("report freshness", err)
	}, sql.Named("territory", territory), sql.Named("month", month), sql.Named("month_end", month.AddDate(0, 1, 0)))
}

// ReportRevisions lists the revisions a territory's report must show.
func (q *Queries) ReportRevisions(ctx context.Context, territory, reportID string) ([]RevisionRow, error) {
	return collect(ctx, q.db, reportSQL("revisions"), func(r *sql.Rows) (RevisionRow, error) {
		var v RevisionRow
		err := r.Scan(&v.Indicator, &v.AreaCode, &v.Month, &v.Old, &v.New)
		return v, wrap("report revisions", err)
	}, sql.Named("territory", territory), sql.Named("report_id", reportID))
}

// ReportComputed reports whether the store holds any indicator value.
func (q *Queries) ReportComputed(ctx context.Context) (bool, error) {
	var ok bool
	err := q.db.QueryRowContext(ctx, reportSQL("computed")).Scan(&ok)
	return ok, wrap("report computed", err)
}

// ReportAsOf returns when the latest load finished, or ErrNotFound.
func (q *Queries) ReportAsOf(ctx context.Context) (time.Time, error) {
	var t sql.NullTime
	if err := q.db.QueryRowContext(ctx, reportSQL("as_of")).Scan(&t); err != nil {
		return time.Time{}, wrap("report as of", err)
	}
	if !t.Valid {
		return time.Time{}, ErrNotFound
	}
	return t.Time, nil
}

// ReportProvisional lists the provisional months.
func (q *Queries) ReportProvisional(ctx context.Context) ([]time.Time, error) {
	return collect(ctx, q.db, reportSQL("provisional"), func(r *sql.Rows) (time.Time, error) {
		var t time.Time
		err := r.Scan(&t)
		return t, wrap("report provisional", err)
	})
}

// PublishValues records what a report showed.
func (q *Queries) PublishValues(ctx context.Context, reportID, territory string, month, at time.Time) error {
	_, err := q.db.ExecContext(ctx, reportSQL("publish_values"), sql.Named("report_id", reportID),
		sql.Named("territory", territory), sql.Named("month", month), sql.Named("published_at", at))
	return wrap("publish values", err)
}

// ReportComparison returns each neighbourhood's 12-month exposures for the
// rolling period starting at periodStart.
func (q *Queries) ReportComparison(ctx context.Context, periodStart time.Time) ([]ComparisonRow, error) {
	return collect(ctx, q.db, reportSQL("comparison"), func(r *sql.Rows) (ComparisonRow, error) {
		var c ComparisonRow
		err := r.Scan(&c.Code, &c.Name, &c.CrisisEvents, &c.PersonYears, &c.IsolatedReached, &c.LivingAlone)
		return c, wrap("report comparison", err)
	}, sql.Named("period_start", periodStart))
}

// collect runs query and scans every row with scan.
func collect[T any](ctx context.Context, db DBTX, query string, scan func(*sql.Rows) (T, error), args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, wrap("report comparison", err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, wrap("report comparison", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func collectCounts(ctx context.Context, db DBTX, query string, args ...any) ([]Count, error) {
	return collect(ctx, db, query, func(r *sql.Rows) (Count, error) {
		var c Count
		err := r.Scan(&c.Label, &c.N)
		return c, wrap("collect counts", err)
	}, args...)
}
