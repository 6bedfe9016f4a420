package pipeline

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"proximite/internal/exports"
	"proximite/internal/pseudonym"
	"proximite/queries"
)

// progressEvery is how many rows pass between two progress reports.
const progressEvery = 100_000

// ingestFile loads one file in its own transaction. A file-level reject is
// recorded (manifest row only) and is not an error; an error means the file
// could not be processed at all and nothing of it was kept.
func ingestFile(ctx context.Context, db *queries.DB, f inputFile, loadID int64, opt IngestOptions) (FileResult, error) {
	res := FileResult{Path: f.path, Kind: string(f.kind), Reasons: map[string]int64{}}
	start := opt.Now()
	defer func() { res.Duration = opt.Now().Sub(start) }()
	snap, err := takeCopy(f.path, opt.TempDir)
	if err != nil {
		return res, err
	}
	defer snap.Close()
	f.bytes, res.SHA256 = snap, snap.sha256
	seen, err := queries.New(db).FileSeen(ctx, res.SHA256)
	if err != nil || seen {
		res.Status = StatusSkipped
		return res, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return res, err
	}
	defer conn.Close()
	fill := func(ctx context.Context, conn *sql.Conn, fileID int64, res FileResult) (FileResult, fileRead, error) {
		return readInto(ctx, conn, f, fileID, opt, res)
	}
	return loadInTx(ctx, conn, f, loadID, opt, res, fill)
}

// fillFunc stores a file's rows on conn, inside the caller's transaction,
// and returns the counts, what else the reader found, and an error: a
// *exports.FileError rejects the file, any other stops the run.
type fillFunc func(ctx context.Context, conn *sql.Conn, fileID int64, res FileResult) (FileResult, fileRead, error)

// fileRead is what the reader found in a file besides its rows.
type fileRead struct {
	warnings map[string]int // values read as empty, per column
	keys     exports.KeySummary
}

// loadInTx runs the file's load inside BEGIN/COMMIT on conn; any error
// rolls everything back.
func loadInTx(ctx context.Context, conn *sql.Conn, f inputFile, loadID int64, opt IngestOptions, res FileResult, fill fillFunc) (FileResult, error) {
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return res, err
	}
	committed := false
	defer func() {
		if !committed {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	q := queries.New(conn)
	fileID, err := q.NextFileID(ctx)
	if err != nil {
		return res, err
	}
	m := queries.ManifestRow{FileID: fileID, LoadID: loadID, FileName: filepath.Base(f.path),
		SHA256: res.SHA256, Kind: string(f.kind), StartedAt: opt.Now()}
	res, read, err := fill(ctx, conn, fileID, res)
	var fe *exports.FileError
	switch {
	case errors.As(err, &fe):
		return rejectFile(ctx, conn, m, res, fe, opt)
	case err != nil:
		return res, err
	}
	if err := mergeFile(ctx, q, f.kind, fileID, read.keys); err != nil {
		return res, err
	}
	if err := recordWarnings(ctx, q, fileID, read.warnings); err != nil {
		return res, err
	}
	res.Status = StatusLoaded
	if err := q.InsertManifest(ctx, manifest(m, res, opt)); err != nil {
		return res, err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return res, err
	}
	committed = true
	return res, nil
}

// mergeFile makes the file's versions current. The supersede pass of a
// record file is skipped when it would find nothing: the file's keys are
// all distinct and no version of another file falls in their range.
func mergeFile(ctx context.Context, q *queries.Queries, kind exports.Kind, fileID int64, keys exports.KeySummary) error {
	if kindRank(kind) >= kindRank(exports.Activities) && !keys.Repeated {
		if keys.Records == 0 {
			return nil
		}
		elsewhere, err := q.KeysElsewhere(ctx, string(kind), fileID, keys.Least, keys.Greatest)
		if err != nil || !elsewhere {
			return err
		}
	}
	return q.MergeFile(ctx, string(kind), fileID)
}

// rejectFile throws away what the file appended and records only that it
// was rejected, and why, in a transaction of its own.
func rejectFile(ctx context.Context, conn *sql.Conn, m queries.ManifestRow, res FileResult, fe *exports.FileError, opt IngestOptions) (FileResult, error) {
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		return res, err
	}
	res.Status, res.Reason = StatusRejected, fe.Error()
	res.RowsLoaded, res.RowsRejected = 0, 0
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return res, err
	}
	if err := queries.New(conn).InsertManifest(ctx, manifest(m, res, opt)); err != nil {
		conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return res, err
	}
	_, err := conn.ExecContext(ctx, "COMMIT")
	return res, err
}

func manifest(m queries.ManifestRow, res FileResult, opt IngestOptions) queries.ManifestRow {
	m.Encoding, m.Delimiter = res.Encoding, res.Delimiter
	m.RowsRead, m.RowsLoaded, m.RowsRejected, m.ValuesWarned = res.RowsRead, res.RowsLoaded, res.RowsRejected, res.ValuesWarned
	m.Status, m.Reason = res.Status, res.Reason
	m.FinishedAt = opt.Now()
	return m
}

func recordWarnings(ctx context.Context, q *queries.Queries, fileID int64, w map[string]int) error {
	for _, col := range sortedKeys(w) {
		if err := q.InsertWarning(ctx, fileID, col, int64(w[col])); err != nil {
			return err
		}
	}
	return nil
}

// readInto reads the file and appends its rows (and its rejected rows) on
// conn, inside the caller's transaction.
func readInto(ctx context.Context, conn *sql.Conn, f inputFile, fileID int64, opt IngestOptions, res FileResult) (FileResult, fileRead, error) {
	rd, err := openReader(ctx, conn, f, opt)
	if err != nil {
		return res, fileRead{}, err
	}
	info := rd.Info()
	res.Encoding, res.Delimiter = info.Encoding, string(info.Delimiter)
	res, err = loaderOf(opt)(ctx, conn, rd, f.kind, fileID, opt, res)
	res.RowsRead = int64(rd.RowsRead())
	res, warnings := countWarnings(res, rd.Warnings(), info.Ignored)
	return res, fileRead{warnings: warnings, keys: rd.Keys()}, err
}

// countWarnings adds to res the values read as empty, and gives each
// ignored column an entry in warnings.
func countWarnings(res FileResult, warnings map[string]int, ignored []string) (FileResult, map[string]int) {
	if warnings == nil {
		warnings = map[string]int{}
	}
	for _, col := range ignored {
		if _, ok := warnings[col]; !ok {
			warnings[col] = 0
		}
	}
	for _, n := range warnings {
		res.ValuesWarned += int64(n)
	}
	return res, warnings
}

// fileLoader stores the records and row rejects a reader yields on conn,
// inside the caller's transaction, counting them in res.
type fileLoader func(ctx context.Context, conn *sql.Conn, rd *exports.Reader, kind exports.Kind, fileID int64, opt IngestOptions, res FileResult) (FileResult, error)

// loaderOf returns the loader of this build (Arrow batches with the
// duckdb_arrow tag), or the row-by-row Appender when opt asks for it.
func loaderOf(opt IngestOptions) fileLoader {
	if opt.rowByRow {
		return appendRows
	}
	return buildLoader()
}

// appendRows stores the reader's rows with DuckDB's Appender, row by row,
// on the caller's goroutine.
func appendRows(ctx context.Context, conn *sql.Conn, rd *exports.Reader, kind exports.Kind, fileID int64, opt IngestOptions, res FileResult) (FileResult, error) {
	rows, err := queries.NewVersionAppender(conn, string(kind))
	if err != nil {
		return res, err
	}
	rejects, err := queries.NewRejectAppender(conn)
	if err != nil {
		rows.Close()
		return res, err
	}
	res, err = appendAll(ctx, rd, rows, rejects, fileID, opt, res)
	if cerr := closeBoth(rows, rejects); err == nil {
		err = cerr
	}
	return res, err
}

func closeBoth(a, b *queries.Appender) error {
	errA, errB := a.Close(), b.Close()
	return errors.Join(errA, errB)
}

// openReader opens the contract reader on the file's private copy, with
// what validation needs to know from the store (known neighbourhoods and
// partners).
func openReader(ctx context.Context, conn *sql.Conn, f inputFile, opt IngestOptions) (*exports.Reader, error) {
	keyer := opt.keyer
	if keyer == nil {
		var err error
		if keyer, err = pseudonym.New(opt.Key); err != nil {
			return nil, err
		}
	}
	known, err := knownCodes(ctx, queries.New(conn))
	if err != nil {
		return nil, err
	}
	return exports.NewReader(f.bytes, filepath.Base(f.path), f.kind, readerOptions(opt, keyer, known))
}

// readerOptions are the contract reader's options for a run.
func readerOptions(opt IngestOptions, keyer *pseudonym.Keyer, known codes) exports.Options {
	return exports.Options{
		Location:           opt.Location,
		Year:               opt.Now().In(opt.Location).Year(),
		Pseudonym:          keyer.Sum,
		KnownNeighbourhood: known.neighbourhood,
		KnownPartner:       known.partner,
		Limits:             opt.Limits,
		Dates:              opt.Dates,
	}
}

// appendAll streams the reader's records and row errors into the appenders.
func appendAll(ctx context.Context, rd *exports.Reader, rows, rejects *queries.Appender, fileID int64, opt IngestOptions, res FileResult) (FileResult, error) {
	w := rowWriter{rows: rows, rejects: rejects, fileID: fileID, args: make([]driver.Value, 0, 32)}
	for n := int64(1); ; n++ {
		rec, err := rd.Next()
		var re *exports.RowError
		switch {
		case errors.Is(err, io.EOF):
			return res, nil
		case errors.As(err, &re):
		case err != nil:
			return res, err
		}
		if err := w.append(rec, re, &res); err != nil {
			return res, err
		}
		if n%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return res, err
			}
			opt.Progress(Progress{File: res.Path, Rows: n})
		}
	}
}

// rowWriter appends a file's records and row rejects.
type rowWriter struct {
	rows, rejects *queries.Appender
	fileID        int64
	args          []driver.Value
}

// append appends a record, or the row reject re when it is not nil, and
// counts it in res.
func (w *rowWriter) append(rec exports.Record, re *exports.RowError, res *FileResult) error {
	var err error
	if re != nil {
		res.RowsRejected++
		res.Reasons[re.Reason]++
		err = w.rejects.Append(w.fileID, int64(re.Line), nullInt(re.Column), nullStr(re.Field), re.Reason)
	} else {
		w.args = w.args[:0]
		for _, v := range rec.Values {
			w.args = append(w.args, v)
		}
		w.args = append(w.args, w.fileID, int64(rec.Line))
		res.RowsLoaded++
		err = w.rows.Append(w.args...)
	}
	if err != nil {
		return fmt.Errorf("append line %d: %w", lineOf(rec, re), err)
	}
	return nil
}

func lineOf(rec exports.Record, re *exports.RowError) int {
	if re != nil {
		return re.Line
	}
	return rec.Line
}

func nullInt(n int) driver.Value {
	if n <= 0 {
		return nil
	}
	return int32(n)
}

func nullStr(s string) driver.Value {
	if s == "" {
		return nil
	}
	return s
}

// codes holds the reference codes known to the store.
type codes struct {
	neighbourhoods, partners map[string]bool
}

func (c codes) neighbourhood(code string) bool { return c.neighbourhoods[code] }
func (c codes) partner(id string) bool         { return c.partners[id] }

func knownCodes(ctx context.Context, q *queries.Queries) (codes, error) {
	n, err := q.NeighbourhoodCodes(ctx)
	if err != nil {
		return codes{}, err
	}
	p, err := q.PartnerIDs(ctx)
	if err != nil {
		return codes{}, err
	}
	return codes{neighbourhoods: set(n), partners: set(p)}, nil
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}
