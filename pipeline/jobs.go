package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"proximite/queries"
)

// PullJob takes the complete regular files of the inboxes and the changed
// HTTP sources, ingests them, archives what was taken and quarantines what
// was refused. A failing source or missing inbox fails the run without
// stopping the other sources and files; rejected rows and quarantined
// files make it a warning. It reports Changed when some rows were loaded.
func PullJob(opt PullOptions) JobFunc {
	if opt.Client == nil {
		opt.Client = &http.Client{Timeout: 60 * time.Second}
	}
	if opt.StableWait == 0 {
		opt.StableWait = 2 * time.Second
	}
	if opt.MaxBytes == 0 {
		opt.MaxBytes = 1 << 30
	}
	if opt.ArchiveDays == 0 {
		opt.ArchiveDays = 90
	}
	return func(ctx context.Context, db *queries.DB) (JobResult, error) {
		return pull(ctx, db, withDefaults(opt.Ingest), opt)
	}
}

func pull(ctx context.Context, db *queries.DB, iopt IngestOptions, opt PullOptions) (JobResult, error) {
	var errs []error
	for _, src := range opt.URLs {
		if ctx.Err() != nil {
			break
		}
		if _, err := fetch(ctx, queries.New(db), opt.Client, src, opt.Staging, opt.MaxBytes, iopt.Now()); err != nil {
			errs = append(errs, err)
		}
	}
	if err := os.MkdirAll(opt.Staging, 0o755); err != nil {
		errs = append(errs, err)
	}
	files, odd, err := readyFiles(ctx, append(slices.Clone(opt.Folders), opt.Staging), opt.StableWait, opt.StableAge)
	errs = append(errs, err)
	var res JobResult
	for _, o := range odd {
		res.Warnings = append(res.Warnings, quarantineOdd(o, opt.Quarantine))
	}
	taken, err := takeFiles(ctx, db, files, iopt, opt)
	res.Rows, res.Files, res.Changed, res.Detail = taken.Rows, taken.Files, taken.Changed, taken.Detail
	res.Warnings = append(res.Warnings, taken.Warnings...)
	errs = append(errs, err)
	if err := pruneArchive(opt.Archive, opt.ArchiveDays, iopt.Now()); err != nil {
		res.Warnings = append(res.Warnings, "archive clean-up: "+err.Error())
	}
	if err := errors.Join(errs...); err != nil {
		return res, fmt.Errorf("pull: %w", err)
	}
	return res, nil
}

// quarantineOdd moves an entry that is not a regular file to the
// quarantine by renaming it only (copying would open it), and says so.
func quarantineOdd(o oddFile, dir string) string {
	msg := fmt.Sprintf("%s quarantined: %s", filepath.Base(o.path), o.reason)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return msg + " (could not: " + err.Error() + ")"
	}
	dst := freeName(filepath.Join(dir, filepath.Base(o.path)))
	if err := os.Rename(o.path, dst); err != nil {
		return fmt.Sprintf("%s: %s; could not move it to the quarantine: %v", o.path, o.reason, err)
	}
	os.WriteFile(dst+".reason.txt", []byte(o.reason+"\n"), 0o644)
	return msg
}

// takeFiles ingests files, then archives or quarantines each one that the
// ingest finished with; a file interrupted mid-way, or that changed while
// it was read, stays where it is.
func takeFiles(ctx context.Context, db *queries.DB, files []candidate, iopt IngestOptions, opt PullOptions) (JobResult, error) {
	var res JobResult
	var exportFiles []string
	looks := map[string]fileLook{}
	for _, f := range files {
		if isExport(f.path) {
			exportFiles = append(exportFiles, f.path)
			looks[f.path] = f.look
			continue
		}
		why := "file name is no export kind of the input contract (activities*.csv, attendance*.csv, …)"
		if err := quarantine(f.path, opt.Quarantine, why); err != nil {
			return res, err
		}
		res.Warnings = append(res.Warnings, filepath.Base(f.path)+" quarantined: "+why)
	}
	if len(exportFiles) == 0 {
		res.Detail = "nothing new"
		return res, nil
	}
	sum, ierr := Ingest(ctx, db, exportFiles, iopt)
	for _, f := range sum.Files {
		if w := unchanged(f, looks[f.Path]); w != "" {
			res.Warnings = append(res.Warnings, w)
			continue
		}
		if err := settle(f, opt, iopt.Now()); err != nil {
			return res, err
		}
		res.Files++
		res.Rows += f.RowsLoaded
		res.Warnings = append(res.Warnings, fileWarnings(f)...)
	}
	res.Changed = res.Rows > 0
	res.Detail = fmt.Sprintf("load %d: %d files, %d rows", sum.LoadID, res.Files, res.Rows)
	if ierr != nil && !errors.Is(ierr, ErrRejected) {
		return res, ierr
	}
	return res, nil
}

// unchanged re-verifies, after the ingest, that a file is still what was
// seen stable and what the ingest read (size and SHA-256); otherwise it is
// left in place, to be taken again once stable.
func unchanged(f FileResult, look fileLook) string {
	info, err := os.Stat(f.Path)
	if err != nil {
		return fmt.Sprintf("%s vanished during the ingest: %v", filepath.Base(f.Path), err)
	}
	sum, err := fileSHA256(f.Path)
	if info.Size() != look.size || err != nil || (f.SHA256 != "" && sum != f.SHA256) {
		return fmt.Sprintf("%s changed while it was read: left in the inbox, taken again once stable", filepath.Base(f.Path))
	}
	return ""
}

// fileWarnings says what the ingest refused in a file.
func fileWarnings(f FileResult) []string {
	switch {
	case f.Status == StatusRejected:
		return []string{fmt.Sprintf("%s rejected and quarantined: %s", filepath.Base(f.Path), f.Reason)}
	case f.RowsRejected > 0:
		return []string{fmt.Sprintf("%s: %d rows rejected (see rejected_rows)", filepath.Base(f.Path), f.RowsRejected)}
	}
	return nil
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

// MonthFunc chooses the month a monthly job works on; ErrNoData while the
// store holds no activity.
type MonthFunc func(ctx context.Context, db *queries.DB) (time.Time, error)

// PreviousMonth is the first day of the month before now's, in now's location.
func PreviousMonth(now time.Time) time.Time {
	return time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location()).AddDate(0, -1, 0)
}

// CalendarMonth chooses the month before now: the monthly run on the 2nd
// reports the month just ended. It is ErrNoData while the store is empty.
func CalendarMonth(now func() time.Time) MonthFunc {
	return func(ctx context.Context, db *queries.DB) (time.Time, error) {
		if _, err := DataMonth(ctx, db); err != nil {
			return time.Time{}, err
		}
		return PreviousMonth(now()), nil
	}
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

// waitingForData is what a job that needs data says while the store has none.
const waitingForData = "waiting for data"

// noData is the result of a monthly job that found no data to work on: not
// a failure, there is nothing to do yet.
func noData(err error) (JobResult, bool) {
	return JobResult{Detail: waitingForData}, errors.Is(err, ErrNoData)
}

// ReportJobOptions configures the report job.
type ReportJobOptions struct {
	Render ReportFunc
	// Month is the month the job works on; the months missed since the
	// last one reported are rendered too, oldest first.
	Month MonthFunc
	// Territories get one folder each; none = every territory into one folder.
	Territories []string
	// Dir receives YYYY-MM/<territory>/.
	Dir string
	Now func() time.Time
}

// ReportJob renders, for the chosen month and every month missed since the
// last one reported (oldest first), each territory's report into
// Dir/YYYY-MM/<territory>/ and records the PDFs written: deliveries send
// exactly those. A territory that fails does not stop the others.
func ReportJob(opt ReportJobOptions) JobFunc {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return func(ctx context.Context, db *queries.DB) (JobResult, error) {
		months, err := reportMonths(ctx, db, opt.Month)
		if res, none := noData(err); none {
			return res, nil
		}
		if err != nil {
			return JobResult{}, fmt.Errorf("report: %w", err)
		}
		var res JobResult
		var errs []error
		var done []string
		for _, m := range months {
			n, err := reportMonth(ctx, db, m, opt)
			res.Files += n
			errs = append(errs, err)
			done = append(done, fmt.Sprintf("%s: %d files", m.Format("2006-01"), n))
		}
		res.Changed = res.Files > 0
		res.Detail = strings.Join(done, ", ")
		if err := errors.Join(errs...); err != nil {
			return res, fmt.Errorf("report: %w", err)
		}
		return res, nil
	}
}

// reportMonth renders and records one month, territory by territory.
func reportMonth(ctx context.Context, db *queries.DB, m time.Time, opt ReportJobOptions) (int64, error) {
	dir := filepath.Join(opt.Dir, m.Format("2006-01"))
	var n int64
	var errs []error
	for _, t := range reportTargets(opt.Territories) {
		out := dir
		if t != "" {
			out = filepath.Join(dir, filepath.Base(t))
		}
		files, err := opt.Render(ctx, db, m, t, out)
		n += int64(len(files))
		if err == nil {
			err = recordOutputs(ctx, db, m, t, files, opt.Now())
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %s: %w", m.Format("2006-01"), t, err))
		}
	}
	return n, errors.Join(errs...)
}

// recordOutputs records the PDFs of a territory's report run, with their hashes.
func recordOutputs(ctx context.Context, db *queries.DB, month time.Time, territory string, files []string, now time.Time) error {
	var outs []queries.ReportOutput
	for _, f := range files {
		if filepath.Ext(f) != ".pdf" {
			continue
		}
		sum, err := fileSHA256(f)
		if err != nil {
			return err
		}
		outs = append(outs, queries.ReportOutput{Path: f, SHA256: sum, WrittenAt: now})
	}
	return queries.New(db).PutReportOutputs(ctx, monthDate(month), territory, outs)
}

// reportMonths is the chosen month, preceded by each month since the
// latest one reported that was missed, oldest first.
func reportMonths(ctx context.Context, db *queries.DB, month MonthFunc) ([]time.Time, error) {
	target, err := month(ctx, db)
	if err != nil {
		return nil, err
	}
	target = monthDate(target)
	reported, err := queries.New(db).ReportedMonths(ctx)
	if err != nil {
		return nil, err
	}
	var months []time.Time
	if len(reported) > 0 {
		for m := monthDate(reported[len(reported)-1].Month).AddDate(0, 1, 0); m.Before(target); m = m.AddDate(0, 1, 0) {
			months = append(months, m)
		}
	}
	return append(months, target), nil
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
		if errors.Is(err, ErrMonthAwaited) {
			// The month's export is late, not wrong: the job runs again.
			return JobResult{Detail: fmt.Sprintf("%s: %s", waitingForData, o.Month.Format("2006-01"))}, nil
		}
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
