package pipeline

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"sync"

	"proximite/internal/exports"
	"proximite/internal/pseudonym"
	"proximite/queries"
)

// Reading ahead: the record files of a run are copied, hashed, decoded,
// validated and pseudonymized on a goroutine of their own, in load order,
// while the run's goroutine appends the rows of the file before and runs
// its supersede and COMMIT. Both cores work: the reader on the next rows,
// DuckDB on the rows read.
const (
	// aheadChunkRows is how many rows (records and row rejects) one chunk
	// carries from the reader to the writer.
	aheadChunkRows = 4096
	// aheadChunks is how many chunks of one file may wait for the
	// writer: the reader is at most this many chunks, 32 k rows (some
	// 25 MB of Go values), ahead of it. Measured at scale 10, 32 chunks
	// took the peak memory past 1.5 GiB, 16 to 1 535 MiB.
	aheadChunks = 8
)

// aheadRow is one row of a file read ahead: a record, or a row reject.
type aheadRow struct {
	rec exports.Record
	rej *exports.RowError
}

// aheadFile is a record file being read ahead. The reader fills rows and
// closes it; the fields below rows are its outcome, set before rows is
// closed, so the writer reads them only once rows is drained.
type aheadFile struct {
	f    inputFile
	sha  string
	seen bool // already received: in the store, or earlier in this run
	// openErr is why the file could not be copied or looked up; set
	// before the file is handed to the writer.
	openErr error
	rows    chan []aheadRow

	err      error // the file was rejected whole (*exports.FileError), or reading stopped
	info     exports.FileInfo
	warnings map[string]int
	keys     exports.KeySummary
	rowsRead int64
}

// drain throws away the rows the writer will not store, so that the
// reader goes on to the next file.
func (a *aheadFile) drain() {
	for range a.rows {
	}
}

// readAhead reads files on a goroutine of its own and hands them, in
// order, on the returned channel. It stops at the end of files or when
// ctx is done; the wait function returns once the goroutine has ended
// and released its copy. known are the store's reference codes, which
// record files do not change.
func readAhead(ctx context.Context, db *queries.DB, files []inputFile, known codes, opt IngestOptions) (<-chan *aheadFile, func()) {
	out := make(chan *aheadFile, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(out)
		r := aheadReader{db: db, known: known, opt: opt, shas: map[string]bool{}}
		for _, f := range files {
			a := r.open(ctx, f)
			select {
			case out <- a:
			case <-ctx.Done():
				a.close()
				return
			}
			r.read(ctx, a)
			if ctx.Err() != nil {
				return
			}
		}
	}()
	return out, wg.Wait
}

// aheadReader is the state of the read-ahead goroutine.
type aheadReader struct {
	db    *queries.DB
	known codes
	opt   IngestOptions
	shas  map[string]bool // files of this run, by SHA-256
	snap  *privateCopy    // the copy of the file being read
	buf   []byte          // reused for the in-memory copies
}

// open takes the private copy of f and says whether it was received
// before; a failure is the file's error.
func (r *aheadReader) open(ctx context.Context, f inputFile) *aheadFile {
	a := &aheadFile{f: f, rows: make(chan []aheadRow, aheadChunks)}
	snap, err := takeCopyInto(f.path, r.opt.TempDir, r.buf)
	if err != nil {
		a.openErr = err
		return a
	}
	r.snap, a.sha = snap, snap.sha256
	if snap.mem != nil {
		r.buf = snap.mem
	}
	a.seen = r.shas[a.sha]
	r.shas[a.sha] = true
	if !a.seen {
		a.seen, a.openErr = queries.New(r.db).FileSeen(ctx, a.sha)
	}
	return a
}

// close releases the copy and ends a's rows.
func (a *aheadFile) close() { close(a.rows) }

// read parses a's copy into a.rows, unless a failed or was seen before,
// and closes a.rows.
func (r *aheadReader) read(ctx context.Context, a *aheadFile) {
	defer a.close()
	if r.snap != nil {
		defer func() { r.snap.Close(); r.snap = nil }()
	}
	if a.openErr != nil || a.seen {
		return
	}
	rd, err := r.reader(a.f)
	if err != nil {
		a.err = err
		return
	}
	a.info = rd.Info()
	a.err = sendRows(ctx, rd, a.rows)
	a.warnings, a.keys, a.rowsRead = rd.Warnings(), rd.Keys(), int64(rd.RowsRead())
}

// reader opens the contract reader on the current copy.
func (r *aheadReader) reader(f inputFile) (*exports.Reader, error) {
	keyer := r.opt.keyer
	if keyer == nil {
		var err error
		if keyer, err = pseudonym.New(r.opt.Key); err != nil {
			return nil, err
		}
	}
	return exports.NewReader(r.snap, f.path, f.kind, readerOptions(r.opt, keyer, r.known))
}

// sendRows reads rd to its end in chunks on out. Its error is nil at the
// end of the file, a *exports.FileError for a file rejected whole, or why
// reading stopped.
func sendRows(ctx context.Context, rd *exports.Reader, out chan<- []aheadRow) error {
	chunk := make([]aheadRow, 0, aheadChunkRows)
	for {
		rec, err := rd.Next()
		var re *exports.RowError
		switch {
		case errors.Is(err, io.EOF):
			return sendChunk(ctx, out, chunk)
		case errors.As(err, &re):
			chunk = append(chunk, aheadRow{rej: re})
		case err != nil:
			if serr := sendChunk(ctx, out, chunk); serr != nil {
				return serr
			}
			return err
		default:
			chunk = append(chunk, aheadRow{rec: rec})
		}
		if len(chunk) == aheadChunkRows {
			if err := sendChunk(ctx, out, chunk); err != nil {
				return err
			}
			chunk = make([]aheadRow, 0, aheadChunkRows)
		}
	}
}

func sendChunk(ctx context.Context, out chan<- []aheadRow, chunk []aheadRow) error {
	if len(chunk) == 0 {
		return nil
	}
	select {
	case out <- chunk:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ingestAhead loads a file read ahead in its own transaction, as
// ingestFile loads a file it reads itself.
func ingestAhead(ctx context.Context, db *queries.DB, a *aheadFile, loadID int64, opt IngestOptions) (FileResult, error) {
	res := FileResult{Path: a.f.path, Kind: string(a.f.kind), SHA256: a.sha, Reasons: map[string]int64{}}
	start := opt.Now()
	defer func() { res.Duration = opt.Now().Sub(start) }()
	seen, err := a.seen, a.openErr
	if err == nil && !seen {
		seen, err = queries.New(db).FileSeen(ctx, a.sha)
	}
	if err != nil {
		a.drain()
		return res, err
	}
	if seen {
		a.drain()
		res.Status = StatusSkipped
		return res, nil
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return res, err
	}
	defer conn.Close()
	return loadInTx(ctx, conn, a.f, loadID, opt, res, a.fill(opt))
}

// fill stores the rows read ahead, once the file's turn has come.
func (a *aheadFile) fill(opt IngestOptions) fillFunc {
	return func(ctx context.Context, conn *sql.Conn, fileID int64, res FileResult) (FileResult, fileRead, error) {
		rows, err := queries.NewVersionAppender(conn, string(a.f.kind))
		if err != nil {
			return res, fileRead{}, err
		}
		rejects, err := queries.NewRejectAppender(conn)
		if err != nil {
			rows.Close()
			return res, fileRead{}, err
		}
		w := rowWriter{rows: rows, rejects: rejects, fileID: fileID, args: make([]driver.Value, 0, 32)}
		res, err = a.appendRows(ctx, &w, opt, res)
		if cerr := closeBoth(rows, rejects); err == nil {
			err = cerr
		}
		if err != nil {
			return res, fileRead{}, err
		}
		return a.outcome(res)
	}
}

// appendRows appends every row of a until the reader closes it.
func (a *aheadFile) appendRows(ctx context.Context, w *rowWriter, opt IngestOptions, res FileResult) (FileResult, error) {
	var n int64
	for {
		var chunk []aheadRow
		var ok bool
		select {
		case chunk, ok = <-a.rows:
		case <-ctx.Done():
			return res, ctx.Err()
		}
		if !ok {
			return res, nil
		}
		for _, r := range chunk {
			if err := w.append(r.rec, r.rej, &res); err != nil {
				return res, err
			}
			if n++; n%progressEvery == 0 {
				opt.Progress(Progress{File: res.Path, Rows: n})
			}
		}
	}
}

// outcome completes res with what the reader found, once a's rows are all
// read; its error rejects the file (*exports.FileError) or stops the run.
func (a *aheadFile) outcome(res FileResult) (FileResult, fileRead, error) {
	res.Encoding, res.Delimiter = a.info.Encoding, string(a.info.Delimiter)
	res.RowsRead = a.rowsRead
	res, warnings := countWarnings(res, a.warnings, a.info.Ignored)
	return res, fileRead{warnings: warnings, keys: a.keys}, a.err
}
