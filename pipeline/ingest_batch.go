package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"proximite/internal/exports"
	"proximite/queries"
)

// batchRows is how many rows (records and row rejects together) one batch
// holds, about 5 MB of activities. BenchmarkIngestPaths found the CPU time
// of a 100 000-row file the same within noise from 16 Ki to 128 Ki rows;
// the smallest lets a monthly file (about 20 000 rows at scale 1) be read
// while its first batch is inserted.
const batchRows = 16 * 1024

// batchWriter inserts record batches into the store's tables (the
// caller's open transaction).
type batchWriter interface {
	Insert(ctx context.Context, table string, rec arrow.RecordBatch) error
}

// batch is one batch of a file: its records and its row rejects.
type batch struct{ rows, rejects arrow.RecordBatch }

func (b batch) release() {
	b.rows.Release()
	b.rejects.Release()
}

// loadBatches reads rd on a goroutine of its own, which validates,
// pseudonymizes and builds the rows into Arrow batches of size rows, while
// the calling goroutine inserts them with w. The channel between the two
// is unbuffered, so at most two batches are in flight: one being built,
// one being inserted. An error or a cancellation on either side stops
// both before loadBatches returns; its error is the first cause.
func loadBatches(ctx context.Context, conn *sql.Conn, w batchWriter, rd *exports.Reader, kind exports.Kind, fileID int64, opt IngestOptions, res FileResult, mem memory.Allocator, size int) (FileResult, error) {
	q := queries.New(conn)
	rows, err := q.NewVersionBatches(ctx, string(kind), append(exports.Columns(kind), "file_id", "line"), mem)
	if err != nil {
		return res, err
	}
	defer rows.Release()
	rejects, err := q.NewRejectBatches(ctx, mem)
	if err != nil {
		return res, err
	}
	defer rejects.Release()
	rowTable, rejectTable := rows.Table(), rejects.Table()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	ch, done := make(chan batch), make(chan error, 1)
	go func() {
		defer close(ch)
		err := fillBatches(ctx, rd, rows, rejects, fileID, opt, &res, size, ch)
		if err != nil {
			cancel(err)
		}
		done <- err
	}()
	werr := insertBatches(ctx, w, rowTable, rejectTable, ch)
	if werr != nil {
		cancel(werr)
	}
	for b := range ch {
		b.release()
	}
	if perr := <-done; perr == nil && werr == nil {
		return res, nil
	}
	return res, context.Cause(ctx)
}

// fillBatches reads rd to its end, counting records and row rejects in
// res, and sends them in batches on out.
func fillBatches(ctx context.Context, rd *exports.Reader, rows, rejects *queries.BatchBuilder, fileID int64, opt IngestOptions, res *FileResult, size int, out chan<- batch) error {
	args := make([]any, 0, 32)
	for n := int64(1); ; n++ {
		rec, err := rd.Next()
		var re *exports.RowError
		switch {
		case errors.Is(err, io.EOF):
			return sendBatch(ctx, out, rows, rejects)
		case errors.As(err, &re):
			res.RowsRejected++
			res.Reasons[re.Reason]++
			err = rejects.Append([]any{fileID, int64(re.Line), nullInt(re.Column), nullStr(re.Field), re.Reason})
		case err != nil:
			return err
		default:
			args = append(append(args[:0], rec.Values...), fileID, int64(rec.Line))
			res.RowsLoaded++
			err = rows.Append(args)
		}
		if err != nil {
			return fmt.Errorf("append line %d: %w", lineOf(rec, re), err)
		}
		if rows.Len()+rejects.Len() >= size {
			if err := sendBatch(ctx, out, rows, rejects); err != nil {
				return err
			}
		}
		if n%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			opt.Progress(Progress{File: res.Path, Rows: n})
		}
	}
}

// sendBatch hands the rows built so far to the writer, unless ctx is done.
func sendBatch(ctx context.Context, out chan<- batch, rows, rejects *queries.BatchBuilder) error {
	if rows.Len()+rejects.Len() == 0 {
		return nil
	}
	b := batch{rows: rows.Batch(), rejects: rejects.Batch()}
	if err := ctx.Err(); err != nil {
		b.release()
		return err
	}
	select {
	case out <- b:
		return nil
	case <-ctx.Done():
		b.release()
		return ctx.Err()
	}
}

// insertBatches inserts the batches of in until it is closed or an insert
// fails.
func insertBatches(ctx context.Context, w batchWriter, rowTable, rejectTable string, in <-chan batch) error {
	for b := range in {
		err := insertBatch(ctx, w, rowTable, rejectTable, b)
		b.release()
		if err != nil {
			return err
		}
	}
	return nil
}

func insertBatch(ctx context.Context, w batchWriter, rowTable, rejectTable string, b batch) error {
	if b.rows.NumRows() > 0 {
		if err := w.Insert(ctx, rowTable, b.rows); err != nil {
			return err
		}
	}
	if b.rejects.NumRows() > 0 {
		return w.Insert(ctx, rejectTable, b.rejects)
	}
	return nil
}
