package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"proximite/internal/catalogue"
	"proximite/queries"
)

// computeVersion names the way compute keeps its tables between
// computations; change it when that changes without the SQL changing, so
// that the next computation is full.
const computeVersion = "incremental-2"

// computePlan says what a computation rewrites.
type computePlan struct {
	// reason is why every month is rewritten; empty when incremental.
	reason string
	// months are the dirty months: the calendar months whose records
	// changed since the last computation, or that it did not cover.
	months []time.Time
	// from is the first day of the earliest period holding a dirty month.
	from time.Time
	// run is what the computation covers, recorded once it commits.
	run queries.ComputeRun
}

func (p computePlan) full() bool { return p.reason != "" }

// planCompute compares what the store holds with what the last computation
// (last, when ok) covered and decides between a full and an incremental
// computation. Run it after RebuildCalendar.
func planCompute(ctx context.Context, q *queries.Queries, opt ComputeOptions, last queries.ComputeRun, ok bool) (computePlan, error) {
	opt.Progress("coverage")
	run, err := coverage(ctx, q, opt)
	if err != nil {
		return computePlan{}, err
	}
	p := computePlan{run: run}
	if p.reason = fullReason(opt, run, last, ok); p.reason != "" {
		return p, nil
	}
	opt.Progress("touched months")
	touched, err := q.TouchedMonths(ctx, last.FileWatermark)
	if err != nil {
		return p, err
	}
	p.months = dirtyMonths(touched, run.FirstMonth, last.AsOf, run.AsOf)
	if len(p.months) > 0 {
		// The earliest period holding month m is the rolling window ending with it.
		p.from = p.months[0].AddDate(0, -11, 0)
	} else {
		p.from = run.AsOf.AddDate(0, 1, 0)
	}
	return p, nil
}

// coverage describes what a computation of the store's present state covers.
func coverage(ctx context.Context, q *queries.Queries, opt ComputeOptions) (queries.ComputeRun, error) {
	r := queries.ComputeRun{AsOf: opt.AsOf, ComputedAt: opt.ComputedAt, OptionsHash: optionsHash(opt)}
	var err error
	if r.FileWatermark, r.LoadWatermark, err = q.Watermarks(ctx); err != nil {
		return r, err
	}
	if r.FirstMonth, err = q.CalendarFirstMonth(ctx); err != nil {
		return r, err
	}
	if r.ReferenceHash, err = q.ReferenceHash(ctx); err != nil {
		return r, err
	}
	r.ProgramHash, err = programHash(ctx, q)
	return r, err
}

// fullReason says why the computation must rewrite every month, or "".
func fullReason(opt ComputeOptions, now, last queries.ComputeRun, ok bool) string {
	switch {
	case opt.Full:
		return "full computation asked"
	case !ok:
		return "first computation of this store"
	case now.FileWatermark < last.FileWatermark:
		return "the last computation's file watermark is missing from the store"
	case now.ProgramHash != last.ProgramHash:
		return "catalogue, indicator SQL, compute version or schema changed"
	case now.OptionsHash != last.OptionsHash:
		return "options changed (provisional months, ITS or SPC)"
	case now.ReferenceHash != last.ReferenceHash:
		return "reference data changed (neighbourhoods, population, partners or vocabularies)"
	case now.AsOf.Before(last.AsOf):
		return "as-of month moved back"
	case !now.FirstMonth.Equal(last.FirstMonth):
		return "first month of the calendar changed"
	}
	return ""
}

// dirtyMonths returns, in order, the touched months within the calendar
// [first, asOf] and the calendar months after the last computation's as-of.
func dirtyMonths(touched []time.Time, first, lastAsOf, asOf time.Time) []time.Time {
	var out []time.Time
	seen := map[time.Time]bool{}
	for _, m := range touched {
		m = time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, time.UTC)
		if !m.Before(first) && !m.After(asOf) && !m.After(lastAsOf) && !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	for m := lastAsOf.AddDate(0, 1, 0); !m.After(asOf); m = m.AddDate(0, 1, 0) {
		out = append(out, m)
	}
	return out
}

// optionsHash digests the options that shape the values and models.
func optionsHash(opt ComputeOptions) string {
	b, _ := json.Marshal(struct {
		ProvisionalMonths int
		ITS               ITSOptions
		SPC               SPCOptions
	}{opt.ProvisionalMonths, opt.ITS, opt.SPC})
	return sha(string(b))
}

// programHash digests the indicator SQL, the catalogue, the compute
// version and the schema migrations applied to the store.
func programHash(ctx context.Context, q *queries.Queries) (string, error) {
	sqlDigest, err := queries.IndicatorSQLDigest()
	if err != nil {
		return "", err
	}
	schema, err := q.SchemaSignature(ctx)
	if err != nil {
		return "", err
	}
	cat, err := json.Marshal(catalogue.All())
	if err != nil {
		return "", fmt.Errorf("program hash: %w", err)
	}
	return sha(strings.Join([]string{computeVersion, sqlDigest, schema, string(cat)}, "\x00")), nil
}

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// monthList formats months as YYYY-MM separated by commas.
func monthList(months []time.Time) string {
	s := make([]string, len(months))
	for i, m := range months {
		s[i] = m.Format("2006-01")
	}
	return strings.Join(s, ",")
}

// rebuildPersons rewrites the person tables of the plan's months.
func rebuildPersons(ctx context.Context, q *queries.Queries, opt ComputeOptions, p computePlan) error {
	return q.RebuildPersons(ctx, queries.PersonParams{Full: p.full(), Months: p.months, From: p.from, Progress: opt.Progress})
}

// computeIncremental rewrites each indicator's values of the periods its
// scope says the dirty months reach, reading the grid narrowed to them
// (the monthly sums and distinct things of the dirty months are rewritten
// from the records, those of the other months kept).
func computeIncremental(ctx context.Context, q *queries.Queries, opt ComputeOptions, sum *ComputeSummary) error {
	scope := queries.Scope("")
	for _, ind := range catalogue.All() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if s := queries.IndicatorScope(ind.ID); s != scope {
			opt.Progress("narrow " + string(s))
			if err := narrow(ctx, q, s, sum); err != nil {
				return err
			}
			scope = s
		}
		opt.Progress(ind.ID)
		if err := q.DeleteNarrowedValues(ctx, ind.ID); err != nil {
			return err
		}
		n, err := q.InsertIndicatorValues(ctx, ind, opt.ComputedAt)
		if err != nil {
			return err
		}
		sum.Rows[ind.ID] = n
	}
	opt.Progress("widen")
	return q.WidenGrid(ctx)
}

// narrow narrows the grid to scope and notes the periods of ScopeMonths in
// the summary.
func narrow(ctx context.Context, q *queries.Queries, s queries.Scope, sum *ComputeSummary) error {
	if err := q.NarrowGrid(ctx, s); err != nil {
		return err
	}
	if s != queries.ScopeMonths || sum.Periods != nil {
		return nil
	}
	ps, err := q.NarrowedPeriods(ctx)
	sum.Periods = append([]queries.NarrowedPeriod{}, ps...)
	return err
}
