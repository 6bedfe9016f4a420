package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"proximite/internal/exports"
	"proximite/internal/pseudonym"
	"proximite/queries"
)

// IngestOptions configures an ingest run.
type IngestOptions struct {
	// Key is the pseudonymization key; Ingest refuses to start without it.
	Key []byte
	// Location reads timestamps without offset (America/Montreal).
	Location *time.Location
	// Now is the clock used for the manifest times.
	Now func() time.Time
	// Version is the program version recorded with the load.
	Version string
	// Progress, when set, is told about each file as it goes; it is never
	// called concurrently, but row progress may come from the goroutine
	// that reads the file.
	Progress func(Progress)
	// Limits bound what one file may cost (zero fields: exports.DefaultLimits).
	Limits exports.Limits
	// Dates is the window of plausible dates; zero bounds default to
	// 2000-01-01 and a year after Now.
	Dates exports.DateWindow
	// TempDir receives the private copies of files larger than 64 MiB (the
	// system's temporary folder when empty); copies a killed run left
	// there are removed at start.
	TempDir string
	// MemoryLimit, when set, caps DuckDB's memory for the length of the run
	// (e.g. "900MB"), below the store's own limit, which is put back after
	// it: the run's written blocks then leave DuckDB's cache sooner, and the
	// Go side's read-ahead fits beside them.
	MemoryLimit string

	// keyer is the run's pseudonymizer, set by Ingest: its cache of
	// pseudonyms per client id lives as long as the run, and no longer.
	keyer *pseudonym.Keyer
	// rowByRow stores rows with the row-by-row Appender even in a
	// duckdb_arrow build (the tests compare the two paths).
	rowByRow bool
	// batchRows, when positive, replaces the rows per Arrow batch (tests).
	batchRows int
}

// Progress reports where an ingest run is.
type Progress struct {
	File   string
	Rows   int64       // rows read so far in File
	Result *FileResult // set once File is finished
}

// File statuses in the manifest and the summary.
const (
	StatusLoaded   = "loaded"
	StatusRejected = "rejected"
	StatusSkipped  = "skipped" // already received (same SHA-256); not recorded again
)

// FileResult is what happened to one file.
type FileResult struct {
	Path, Kind, SHA256, Status, Reason string
	Encoding, Delimiter                string
	RowsRead, RowsLoaded, RowsRejected int64
	ValuesWarned                       int64
	Reasons                            map[string]int64 // row reject reason -> count
	Duration                           time.Duration
}

// IngestSummary is what an ingest run did.
type IngestSummary struct {
	LoadID  int64
	Files   []FileResult
	Ignored []string // files in the given folders whose name is no export kind
}

// HasRejects reports whether any row or file was rejected.
func (s IngestSummary) HasRejects() bool {
	for _, f := range s.Files {
		if f.Status == StatusRejected || f.RowsRejected > 0 {
			return true
		}
	}
	return false
}

// Ingest loads the export files named by paths (files, or folders read
// recursively) into db: reference data first, then activities, then
// attendance and crisis events. Each file loads in one transaction, so a
// failure or a kill leaves no trace of it.
func Ingest(ctx context.Context, db *queries.DB, paths []string, opt IngestOptions) (sum IngestSummary, err error) {
	keyer, err := pseudonym.New(opt.Key)
	if err != nil {
		return IngestSummary{}, fmt.Errorf("ingest: %w", err)
	}
	opt = withDefaults(opt)
	opt.keyer = keyer
	if err := removeStaleCopies(opt.TempDir); err != nil {
		return IngestSummary{}, fmt.Errorf("ingest: %w", err)
	}
	files, ignored, err := collectFiles(paths)
	if err != nil {
		return IngestSummary{}, fmt.Errorf("ingest: %w", err)
	}
	if len(files) == 0 {
		return IngestSummary{Ignored: ignored}, fmt.Errorf("ingest %v: %w", paths, ErrNoInput)
	}
	sum = IngestSummary{Ignored: ignored}
	q := queries.New(db)
	if err := checkKeyFingerprint(ctx, q, opt.Key); err != nil {
		return sum, fmt.Errorf("ingest: %w", err)
	}
	if sum.LoadID, err = q.InsertLoad(ctx, opt.Now(), opt.Version); err != nil {
		return sum, fmt.Errorf("ingest: start load: %w", err)
	}
	if opt.MemoryLimit != "" {
		if err := db.LimitMemory(ctx, opt.MemoryLimit); err != nil {
			return sum, fmt.Errorf("ingest: %w", err)
		}
		defer func() {
			if rerr := db.RestoreMemoryLimit(context.WithoutCancel(ctx)); err == nil && rerr != nil {
				err = fmt.Errorf("ingest: %w", rerr)
			}
		}()
	}
	if err := q.BulkBegin(ctx); err != nil {
		return sum, fmt.Errorf("ingest: %w", err)
	}
	defer func() {
		if endErr := bulkEnd(context.WithoutCancel(ctx), q, sum.Files); err == nil && endErr != nil {
			err = fmt.Errorf("ingest: checkpoint: %w", endErr)
		}
	}()
	if sum.Files, err = loadFiles(ctx, db, files, sum.LoadID, opt); err != nil {
		return sum, err
	}
	if err := q.FinishLoad(ctx, sum.LoadID, opt.Now()); err != nil {
		return sum, fmt.Errorf("ingest: finish load: %w", err)
	}
	return sum, nil
}

// forceCheckpointRows is the number of rows loaded from which a run ends
// with a FORCE CHECKPOINT (queries/ingest/bulk_end.sql says why, measured
// at 10 M rows); a smaller run leaves the checkpoint to DuckDB, which costs
// less (bulk_end_small.sql, measured with a 115 k-row month; nothing was
// measured between that and 10 M rows).
const forceCheckpointRows = 1_000_000

// bulkEnd ends the run's relaxed checkpointing, with a FORCE CHECKPOINT
// when files loaded at least forceCheckpointRows rows.
func bulkEnd(ctx context.Context, q *queries.Queries, files []FileResult) error {
	var rows int64
	for _, f := range files {
		rows += f.RowsLoaded
	}
	if rows >= forceCheckpointRows {
		return q.BulkEnd(ctx)
	}
	return q.BulkEndSmall(ctx)
}

// loadFiles loads files in order: the reference files one by one, then
// the record files, read ahead when the build's loader is the Appender.
func loadFiles(ctx context.Context, db *queries.DB, files []inputFile, loadID int64, opt IngestOptions) ([]FileResult, error) {
	var out []FileResult
	done := func(res FileResult) {
		out = append(out, res)
		opt.Progress(Progress{File: res.Path, Rows: res.RowsRead, Result: &res})
	}
	i := 0
	for ; i < len(files) && (kindRank(files[i].kind) < kindRank(exports.Activities) || !readsAhead(opt)); i++ {
		res, err := ingestFile(ctx, db, files[i], loadID, opt)
		if err != nil {
			return out, fmt.Errorf("ingest %s: %w", files[i].path, err)
		}
		done(res)
	}
	if i == len(files) {
		return out, nil
	}
	return out, ingestAheadFiles(ctx, db, files[i:], loadID, opt, done)
}

// ingestAheadFiles loads the record files, read ahead on a goroutine
// that ends, with every copy released, before it returns.
func ingestAheadFiles(ctx context.Context, db *queries.DB, files []inputFile, loadID int64, opt IngestOptions, done func(FileResult)) error {
	known, err := knownCodes(ctx, queries.New(db))
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	ahead, wait := readAhead(ctx, db, files, known, opt)
	defer wait()
	defer cancel()
	for a := range ahead {
		res, err := ingestAhead(ctx, db, a, loadID, opt)
		if err != nil {
			return fmt.Errorf("ingest %s: %w", a.f.path, err)
		}
		done(res)
	}
	return ctx.Err()
}

func withDefaults(opt IngestOptions) IngestOptions {
	if opt.Location == nil {
		opt.Location = time.UTC
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Progress == nil {
		opt.Progress = func(Progress) {}
	}
	if opt.Version == "" {
		opt.Version = "dev"
	}
	if opt.Dates.From.IsZero() {
		opt.Dates.From = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if opt.Dates.To.IsZero() {
		y, m, d := opt.Now().In(opt.Location).AddDate(1, 0, 0).Date()
		opt.Dates.To = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return opt
}

// inputFile is an export file with its kind and, once taken, its private
// copy.
type inputFile struct {
	path  string
	kind  exports.Kind
	bytes io.ReadSeeker
}

// kindRank orders the kinds as the contract says they load.
func kindRank(k exports.Kind) int {
	switch k {
	case exports.Neighbourhoods:
		return 0
	case exports.Population, exports.Partners:
		return 1
	case exports.Activities:
		return 2
	default:
		return 3
	}
}

// collectFiles expands folders and sorts the export files into load order.
func collectFiles(paths []string) (files []inputFile, ignored []string, err error) {
	for _, p := range paths {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if k, ok := exports.KindOf(path); ok {
				files = append(files, inputFile{path: path, kind: k})
			} else {
				ignored = append(ignored, path)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	sort.SliceStable(files, func(i, j int) bool {
		ri, rj := kindRank(files[i].kind), kindRank(files[j].kind)
		if ri != rj {
			return ri < rj
		}
		return files[i].path < files[j].path
	})
	return files, ignored, nil
}

// fileSHA256 hashes the file's bytes.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
