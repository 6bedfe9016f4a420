//go:build duckdb_arrow

package queries

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/duckdb/duckdb-go/v2"
)

// batchView is the temporary view a batch is registered as; insert_batch
// and drop_batch name it.
const batchView = "ingest_batch"

// ArrowWriter inserts Arrow record batches into the store's tables on one
// connection, inside that connection's open transaction. It exists only
// in builds with the duckdb_arrow tag, which compiles the driver's Arrow
// interface.
type ArrowWriter struct{ conn *sql.Conn }

// NewArrowWriter returns a writer on conn.
func NewArrowWriter(conn *sql.Conn) *ArrowWriter { return &ArrowWriter{conn: conn} }

// Insert appends the rows of rec to table, column by name: rec is
// registered as a view, read by one INSERT … SELECT, and released only
// once the view is dropped, so that nothing can reach the stream after it
// is freed.
func (w *ArrowWriter) Insert(ctx context.Context, table string, rec arrow.RecordBatch) error {
	release, err := w.register(rec)
	if err != nil {
		return fmt.Errorf("insert batch into %s: %w", table, err)
	}
	defer release()
	_, err = w.conn.ExecContext(ctx, fmt.Sprintf(ingestSQL("insert_batch"), QuoteIdent(table)))
	_, dropErr := w.conn.ExecContext(context.WithoutCancel(ctx), ingestSQL("drop_batch"))
	if err != nil {
		return fmt.Errorf("insert batch into %s: %w", table, err)
	}
	return wrap("drop batch view", dropErr)
}

// register exposes rec to DuckDB as the view batchView; release frees the
// stream once the view has been read.
func (w *ArrowWriter) register(rec arrow.RecordBatch) (release func(), err error) {
	rr, err := array.NewRecordReader(rec.Schema(), []arrow.RecordBatch{rec})
	if err != nil {
		return nil, err
	}
	defer rr.Release()
	err = w.conn.Raw(func(dc any) error {
		dconn, ok := dc.(driver.Conn)
		if !ok {
			return errors.New("not a driver connection")
		}
		ar, err := duckdb.NewArrowFromConn(dconn)
		if err != nil {
			return err
		}
		release, err = ar.RegisterView(rr, batchView)
		return err
	})
	return release, err
}
