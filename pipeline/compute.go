package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"proximite/internal/catalogue"
	"proximite/queries"
)

// ComputeOptions configures a computation of the indicator catalogue.
type ComputeOptions struct {
	// AsOf is the first day of the last month computed; zero means the
	// month of the latest active record.
	AsOf time.Time
	// ProvisionalMonths is how many months, as-of month included, are
	// marked provisional and left out of the crisis models.
	ProvisionalMonths int
	ITS               ITSOptions
	SPC               SPCOptions
	// LoadID is the load whose data this computation reflects; revisions
	// point to it, and its finish time stamps the rows (0 = the latest load).
	LoadID int64
	// ComputedAt, when set, stamps the rows instead of the load time.
	ComputedAt time.Time
	// Progress, when set, is told each stage as it starts.
	Progress func(stage string)
	// Full rewrites every month even when the last computation allows an
	// incremental one.
	Full bool
}

// ITSOptions configures the interrupted time series of crisis events.
type ITSOptions struct {
	// Seasonal adds Fourier terms when the fitted series has at least 24 months.
	Seasonal bool
	// SlopeChange adds the slope-change term; false fits a level-only model.
	SlopeChange bool
	// FloorPhi floors the dispersion at 1.
	FloorPhi bool
}

// SPCOptions configures the XmR charts.
type SPCOptions struct {
	// Screen drops moving ranges ≥ 3.267·mR̄ before averaging.
	Screen bool
	// FixAfter computes the limits from the first N points (0 = all).
	FixAfter int
	// RebaseAtOutreach gives the months from outreach_start their own
	// centre and limits, and starts reach series at outreach_start (the
	// default, as Making Data Count); false keeps one set of limits over
	// every month.
	RebaseAtOutreach bool
}

// DefaultComputeOptions are the spec's defaults.
func DefaultComputeOptions() ComputeOptions {
	return ComputeOptions{ProvisionalMonths: 2, ITS: ITSOptions{Seasonal: true, SlopeChange: true},
		SPC: SPCOptions{RebaseAtOutreach: true}}
}

// ComputeSummary says what a computation did.
type ComputeSummary struct {
	AsOf       time.Time
	ComputedAt time.Time
	Rows       map[string]int64 // indicator id -> rows written
	ITSFitted  int
	ITSRefused int
	ITSPlacebo int // placebo tests of comparison neighbourhoods, among ITSFitted and ITSRefused
	DiDStatus  string
	SPCPoints  int
	Revisions  int64
	Duration   time.Duration
	// FullReason says why every month was recomputed; empty when the
	// computation was incremental.
	FullReason string
	// Months are the months whose records were recomputed (every calendar
	// month when full).
	Months []time.Time
	// Periods are, when incremental, the periods holding one of Months,
	// which every indicator rewrote; the cumulative and freshness
	// indicators also rewrote the periods after them (queries.ScopeAfter).
	Periods []queries.NarrowedPeriod
}

// Compute recomputes, in one transaction, the catalogue for every area and
// period from the first month of data to opt.AsOf, the crisis models, the
// SPC points and the revisions of published values. Running it twice on the
// same data writes the same rows. When the last computation allows it (see
// planCompute), only the months the loads since touched, and the periods
// that hold or follow them, are recomputed, with the same result.
func Compute(ctx context.Context, db *queries.DB, opt ComputeOptions) (ComputeSummary, error) {
	started := time.Now()
	if opt.Progress == nil {
		opt.Progress = func(string) {}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return ComputeSummary{}, fmt.Errorf("compute: %w", err)
	}
	defer tx.Rollback()
	sum, err := compute(ctx, queries.New(tx), opt)
	if err != nil {
		return sum, fmt.Errorf("compute: %w", interrupted(ctx, err))
	}
	opt.Progress("commit")
	if err := tx.Commit(); err != nil {
		return sum, fmt.Errorf("compute: commit: %w", err)
	}
	opt.Progress("committed")
	sum.Duration = time.Since(started)
	return sum, nil
}

func compute(ctx context.Context, q *queries.Queries, opt ComputeOptions) (ComputeSummary, error) {
	var err error
	opt.Progress("resolve times")
	if opt.AsOf, opt.ComputedAt, err = resolveTimes(ctx, q, opt); err != nil {
		return ComputeSummary{}, err
	}
	sum := ComputeSummary{AsOf: opt.AsOf, ComputedAt: opt.ComputedAt, Rows: map[string]int64{}}
	opt.Progress("calendar")
	if err := q.WriteCatalogue(ctx); err != nil {
		return sum, err
	}
	last, hasLast, err := q.LastComputeRun(ctx)
	if err != nil {
		return sum, err
	}
	grid := queries.GridParams{AsOf: opt.AsOf, ProvisionalMonths: opt.ProvisionalMonths, Progress: opt.Progress}
	if hasLast {
		grid.FirstMonthHint = last.FirstMonth
	}
	if err := q.RebuildCalendar(ctx, grid); err != nil {
		return sum, err
	}
	opt.Progress("plan")
	plan, err := planCompute(ctx, q, opt, last, hasLast)
	if err != nil {
		return sum, err
	}
	sum.FullReason = plan.reason
	if err := rebuildPersons(ctx, q, opt, plan); err != nil {
		return sum, err
	}
	if err := q.RefreshMonthTables(ctx, opt.Progress); err != nil {
		return sum, err
	}
	if err := computeValues(ctx, q, opt, plan, &sum); err != nil {
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	opt.Progress("models")
	res, err := computeModels(ctx, q, opt, &sum)
	if err != nil {
		return sum, err
	}
	opt.Progress("replace models")
	if err := q.ReplaceModelResults(ctx, res, opt.ComputedAt); err != nil {
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	opt.Progress("revisions")
	if sum.Revisions, err = q.RecordRevisions(ctx, opt.LoadID, opt.ComputedAt); err != nil {
		return sum, err
	}
	opt.Progress("record run")
	return sum, recordRun(ctx, q, plan, &sum)
}

// recordRun records what the computation covered and the months it wrote.
func recordRun(ctx context.Context, q *queries.Queries, plan computePlan, sum *ComputeSummary) error {
	run := plan.run
	run.Mode, run.Reason = "incremental", plan.reason
	sum.Months = plan.months
	if plan.full() {
		run.Mode = "full"
		sum.Months = nil
		for m := run.FirstMonth; !m.After(run.AsOf); m = m.AddDate(0, 1, 0) {
			sum.Months = append(sum.Months, m)
		}
	}
	run.DirtyMonths = monthList(sum.Months)
	return q.InsertComputeRun(ctx, run)
}

// resolveTimes fills the as-of month and the computation stamp from the
// data when the options leave them zero.
func resolveTimes(ctx context.Context, q *queries.Queries, opt ComputeOptions) (asOf, at time.Time, err error) {
	asOf, at = opt.AsOf, opt.ComputedAt
	if asOf.IsZero() {
		latest, ok, err := q.LatestDataMonth(ctx)
		if err != nil {
			return asOf, at, err
		}
		if !ok {
			return asOf, at, ErrNoData
		}
		asOf = latest
	}
	asOf = time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC)
	if at.IsZero() {
		t, ok, err := q.LoadTime(ctx, opt.LoadID)
		if err != nil {
			return asOf, at, err
		}
		at = asOf
		if ok {
			at = t
		}
	}
	return asOf, at, nil
}

// computeValues writes the catalogue indicators (all of them, or those of
// the plan's periods), then the flags, intervals and scores that need the
// whole table or Go.
func computeValues(ctx context.Context, q *queries.Queries, opt ComputeOptions, plan computePlan, sum *ComputeSummary) error {
	if err := writeValues(ctx, q, opt, plan, sum); err != nil {
		return err
	}
	opt.Progress("drop scratch")
	if err := q.DropScratch(ctx); err != nil {
		return err
	}
	opt.Progress("mark incomplete")
	if err := q.MarkIncompletePeriods(ctx); err != nil {
		return err
	}
	opt.Progress("sync provisional")
	if _, err := q.SyncProvisional(ctx); err != nil {
		return err
	}
	if !plan.full() {
		opt.Progress("restamp")
		if err := q.Restamp(ctx, opt.ComputedAt); err != nil {
			return err
		}
	}
	opt.Progress("crisis rate ci")
	if err := setCrisisRateCI(ctx, q); err != nil {
		return err
	}
	opt.Progress("outlier scores")
	return setOutlierScores(ctx, q)
}

// writeValues writes the indicators' rows: every one when the plan is
// full, else those of the periods the plan's months reach.
func writeValues(ctx context.Context, q *queries.Queries, opt ComputeOptions, plan computePlan, sum *ComputeSummary) error {
	if !plan.full() {
		return computeIncremental(ctx, q, opt, sum)
	}
	if err := q.DeleteIndicatorValues(ctx); err != nil {
		return err
	}
	for _, ind := range catalogue.All() {
		if err := ctx.Err(); err != nil {
			return err
		}
		opt.Progress(ind.ID)
		n, err := q.InsertIndicatorValues(ctx, ind, opt.ComputedAt)
		if err != nil {
			return err
		}
		sum.Rows[ind.ID] = n
	}
	return nil
}

// interrupted returns err as a cancellation when ctx was cancelled: DuckDB
// reports a query interrupted by the cancellation as its own error, which
// would otherwise not map to the "interrupted" exit code.
func interrupted(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w (%v)", cerr, err)
	}
	return err
}

func nullFloat(f float64, ok bool) sql.NullFloat64 { return sql.NullFloat64{Float64: f, Valid: ok} }
