package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"time"

	"proximite/queries"
)

// PullJob takes the complete files of the folders and the changed HTTP
// sources, ingests them, archives what was taken and quarantines what was
// refused. It reports Changed when some rows were loaded.
func PullJob(opt PullOptions) JobFunc {
	if opt.Client == nil {
		opt.Client = &http.Client{Timeout: 60 * time.Second}
	}
	if opt.StableWait == 0 {
		opt.StableWait = 2 * time.Second
	}
	return func(ctx context.Context, db *queries.DB) (JobResult, error) {
		return pull(ctx, db, withDefaults(opt.Ingest), opt)
	}
}

func pull(ctx context.Context, db *queries.DB, iopt IngestOptions, opt PullOptions) (JobResult, error) {
	var fetchErrs []error
	for _, src := range opt.URLs {
		if _, err := fetch(ctx, queries.New(db), opt.Client, src, opt.Staging, iopt.Now()); err != nil {
			fetchErrs = append(fetchErrs, err)
		}
	}
	folders := append(slices.Clone(opt.Folders), opt.Staging)
	files, err := readyFiles(ctx, folders, opt.StableWait)
	if err != nil {
		return JobResult{}, fmt.Errorf("pull: %w", err)
	}
	res, err := takeFiles(ctx, db, files, iopt, opt)
	if err == nil && len(fetchErrs) > 0 {
		err = fmt.Errorf("pull: %w", errors.Join(fetchErrs...))
	}
	return res, err
}

// takeFiles ingests files, then archives or quarantines each one that the
// ingest finished with; a file interrupted mid-way stays where it is.
func takeFiles(ctx context.Context, db *queries.DB, files []string, iopt IngestOptions, opt PullOptions) (JobResult, error) {
	var res JobResult
	var exportFiles []string
	for _, f := range files {
		if isExport(f) {
			exportFiles = append(exportFiles, f)
		} else if err := quarantine(f, opt.Quarantine, "file name is no export kind of the input contract (activities*.csv, attendance*.csv, …)"); err != nil {
			return res, err
		}
	}
	if len(exportFiles) == 0 {
		res.Detail = "nothing new"
		return res, nil
	}
	sum, ierr := Ingest(ctx, db, exportFiles, iopt)
	for _, f := range sum.Files {
		if err := settle(f, opt, iopt.Now()); err != nil {
			return res, err
		}
		res.Files++
		res.Rows += f.RowsLoaded
	}
	res.Changed = res.Rows > 0
	res.Detail = fmt.Sprintf("load %d: %d files, %d rows", sum.LoadID, res.Files, res.Rows)
	if ierr != nil {
		return res, fmt.Errorf("pull: %w", ierr)
	}
	return res, nil
}

// settle archives a file the ingest took (loaded, or skipped as already
// received) and quarantines one it refused.
func settle(f FileResult, opt PullOptions, now time.Time) error {
	if f.Status == StatusRejected {
		return quarantine(f.Path, opt.Quarantine, "rejected at ingest: "+f.Reason)
	}
	return archive(f.Path, opt.Archive, now)
}

// ComputeJob recomputes the indicator catalogue.
func ComputeJob(opt ComputeOptions) JobFunc {
	return func(ctx context.Context, db *queries.DB) (JobResult, error) {
		sum, err := Compute(ctx, db, opt)
		if res, none := noData(err); none {
			return res, nil
		}
		if err != nil {
			return JobResult{}, err
		}
		var rows int64
		for _, n := range sum.Rows {
			rows += n
		}
		return JobResult{Rows: rows, Changed: true,
			Detail: fmt.Sprintf("as of %s: %d indicator rows, %d revisions", sum.AsOf.Format("2006-01"), rows, sum.Revisions)}, nil
	}
}

// ReportFunc renders the report of one territory (all when empty) for
// month into outDir and returns the files written.
type ReportFunc func(ctx context.Context, db *queries.DB, month time.Time, territory, outDir string) ([]string, error)

// MonthFunc chooses the month a monthly job works on.
type MonthFunc func(ctx context.Context, db *queries.DB) (time.Time, error)

// PreviousMonth is the first day of the month before now's, in now's location.
func PreviousMonth(now time.Time) time.Time {
	return time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location()).AddDate(0, -1, 0)
}

// CalendarMonth chooses the month before now: the monthly run on the 2nd
// reports the month just ended.
func CalendarMonth(now func() time.Time) MonthFunc {
	return func(context.Context, *queries.DB) (time.Time, error) { return PreviousMonth(now()), nil }
}

// DataMonth chooses the latest month with data (demos replaying old
// exports); ErrNoData when the store holds no activity yet.
func DataMonth(ctx context.Context, db *queries.DB) (time.Time, error) {
	m, ok, err := queries.New(db).LatestDataMonth(ctx)
	if err == nil && !ok {
		err = ErrNoData
	}
	return m, err
}

// noData is the result of a monthly job that found no data to work on: not
// a failure, there is nothing to do yet.
func noData(err error) (JobResult, bool) {
	return JobResult{Detail: "no data yet"}, errors.Is(err, ErrNoData)
}

// ReportJob renders, for the chosen month, each territory's report into
// reports/YYYY-MM/<territory>/, where the deliver job looks for them (with
// no territory listed: every territory into reports/YYYY-MM/).
func ReportJob(render ReportFunc, month MonthFunc, territories []string, reports string) JobFunc {
	return func(ctx context.Context, db *queries.DB) (JobResult, error) {
		m, err := month(ctx, db)
		if res, none := noData(err); none {
			return res, nil
		}
		if err != nil {
			return JobResult{}, fmt.Errorf("report: %w", err)
		}
		dir := filepath.Join(reports, m.Format("2006-01"))
		var res JobResult
		for _, t := range reportTargets(territories) {
			out := dir
			if t != "" {
				out = filepath.Join(dir, filepath.Base(t))
			}
			files, err := render(ctx, db, m, t, out)
			res.Files += int64(len(files))
			if err != nil {
				return res, fmt.Errorf("report %s %s: %w", m.Format("2006-01"), t, err)
			}
		}
		res.Changed = res.Files > 0
		res.Detail = fmt.Sprintf("%s: %d files", m.Format("2006-01"), res.Files)
		return res, nil
	}
}

func reportTargets(territories []string) []string {
	if len(territories) == 0 {
		return []string{""}
	}
	return territories
}

// PublishJob writes the research snapshot of the chosen month, and one
// re-keyed snapshot per listed recipient.
func PublishJob(opt PublishOptions, month MonthFunc, recipients []string) JobFunc {
	return func(ctx context.Context, db *queries.DB) (JobResult, error) {
		var err error
		o := opt
		o.Month, err = month(ctx, db)
		if res, none := noData(err); none {
			return res, nil
		}
		if err != nil {
			return JobResult{}, fmt.Errorf("publish: %w", err)
		}
		sum, err := Publish(ctx, db, o)
		if err != nil {
			return JobResult{}, err
		}
		res := JobResult{Files: 1, Detail: sum.Snapshot}
		for _, r := range recipients {
			o.Recipient = r
			if _, err := Publish(ctx, db, o); err != nil {
				return res, err
			}
			res.Files++
		}
		return res, nil
	}
}
