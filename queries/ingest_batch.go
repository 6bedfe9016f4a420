package queries

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// rejectColumns are the columns a rejected row gives, in the order of
// NewRejectAppender's rows.
var rejectColumns = []string{"file_id", "line", "column_no", "column_name", "reason"}

// BatchBuilder builds Arrow record batches of rows for one table of the
// store. Its schema is the table's own column types, read from the store,
// so that DuckDB inserts the batches without a cast and a change of a
// column's type (person_key from hex VARCHAR to BLOB, say) needs no change
// here. It is not safe for concurrent use.
type BatchBuilder struct {
	table string
	names []string
	rb    *array.RecordBuilder
	set   []setter
	rows  int
}

// NewVersionBatches returns a builder for the table that receives a kind's
// rows; names are the columns each row gives, in order (the record columns,
// then file_id and line).
func (q *Queries) NewVersionBatches(ctx context.Context, kind string, names []string, mem memory.Allocator) (*BatchBuilder, error) {
	table := versionTable(kind)
	if table == "" {
		return nil, fmt.Errorf("batches %q: %w", kind, ErrUnknownKind)
	}
	return q.newBatches(ctx, table, names, mem)
}

// NewRejectBatches returns a builder for rejected_rows; each row gives
// file_id, line, column_no, column_name and reason.
func (q *Queries) NewRejectBatches(ctx context.Context, mem memory.Allocator) (*BatchBuilder, error) {
	return q.newBatches(ctx, "rejected_rows", rejectColumns, mem)
}

func (q *Queries) newBatches(ctx context.Context, table string, names []string, mem memory.Allocator) (*BatchBuilder, error) {
	cols, err := q.batchColumns(ctx, table, names)
	if err != nil {
		return nil, err
	}
	b, err := NewBatchBuilder(mem, table, cols)
	if err != nil {
		return nil, fmt.Errorf("batches %s: %w", table, err)
	}
	return b, nil
}

// batchColumns returns the named columns of table with their DuckDB
// types, in the order named.
func (q *Queries) batchColumns(ctx context.Context, table string, names []string) ([]Column, error) {
	types, err := q.columnTypes(ctx, table)
	if err != nil {
		return nil, err
	}
	cols := make([]Column, len(names))
	for i, n := range names {
		t, ok := types[n]
		if !ok {
			return nil, fmt.Errorf("batches %s: no column %s: %w", table, n, ErrColumnType)
		}
		cols[i] = Column{Name: n, Type: t}
	}
	return cols, nil
}

func (q *Queries) columnTypes(ctx context.Context, table string) (map[string]string, error) {
	rows, err := q.db.QueryContext(ctx, ingestSQL("batch_columns"), sql.Named("table", table))
	if err != nil {
		return nil, fmt.Errorf("columns of %s: %w", table, err)
	}
	defer rows.Close()
	types := map[string]string{}
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return nil, fmt.Errorf("columns of %s: %w", table, err)
		}
		types[name] = typ
	}
	return types, rows.Err()
}

// NewBatchBuilder returns a builder of batches for table whose rows give
// cols, in order; each column's Type is a DuckDB type name as
// duckdb_columns() spells it.
func NewBatchBuilder(mem memory.Allocator, table string, cols []Column) (*BatchBuilder, error) {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		t, err := arrowType(c.Type)
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", c.Name, err)
		}
		fields[i] = arrow.Field{Name: c.Name, Type: t, Nullable: true}
	}
	b := &BatchBuilder{table: table, rb: array.NewRecordBuilder(mem, arrow.NewSchema(fields, nil))}
	for i, c := range cols {
		b.names = append(b.names, c.Name)
		b.set = append(b.set, setterOf(b.rb.Field(i)))
	}
	return b, nil
}

// arrowType is the Arrow type DuckDB reads back as the DuckDB type typ.
// A code of an ENUM column (migration 0017) travels as its string, which
// the INSERT casts to the column's type.
func arrowType(typ string) (arrow.DataType, error) {
	if strings.HasPrefix(typ, "ENUM(") {
		return arrow.BinaryTypes.String, nil
	}
	switch typ {
	case "VARCHAR":
		return arrow.BinaryTypes.String, nil
	case "BLOB":
		return arrow.BinaryTypes.Binary, nil
	case "BIGINT":
		return arrow.PrimitiveTypes.Int64, nil
	case "INTEGER":
		return arrow.PrimitiveTypes.Int32, nil
	case "SMALLINT":
		return arrow.PrimitiveTypes.Int16, nil
	case "DOUBLE":
		return arrow.PrimitiveTypes.Float64, nil
	case "BOOLEAN":
		return arrow.FixedWidthTypes.Boolean, nil
	case "DATE":
		return arrow.FixedWidthTypes.Date32, nil
	case "TIMESTAMP":
		return &arrow.TimestampType{Unit: arrow.Microsecond}, nil
	case "TIMESTAMP WITH TIME ZONE":
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, nil
	}
	return nil, fmt.Errorf("type %s: %w", typ, ErrColumnType)
}

// Table names the table the batches are for.
func (b *BatchBuilder) Table() string { return b.table }

// Len returns the number of rows appended since the last batch.
func (b *BatchBuilder) Len() int { return b.rows }

// Append adds one row: one value per column, nil for NULL, of the Go type
// the column takes (string for VARCHAR; []byte or string for BLOB; int64,
// int32 or int for integers; float64; bool; time.Time for DATE, its UTC
// day, and for timestamps, to the microsecond). A value of another type is
// an error naming the column and the type, never the value.
func (b *BatchBuilder) Append(values []any) error {
	if len(values) != len(b.set) {
		return fmt.Errorf("batch %s: %d values, want %d: %w", b.table, len(values), len(b.set), ErrRowWidth)
	}
	for i, v := range values {
		if err := b.set[i](v); err != nil {
			return fmt.Errorf("batch %s column %s: %w", b.table, b.names[i], err)
		}
	}
	b.rows++
	return nil
}

// Batch returns the rows appended since the last batch as a record batch
// (the caller releases it) and starts the next batch.
func (b *BatchBuilder) Batch() arrow.RecordBatch {
	rec := b.rb.NewRecordBatch()
	b.rows = 0
	return rec
}

// Release frees the builder's buffers.
func (b *BatchBuilder) Release() { b.rb.Release() }

// setter appends one Go value to a column builder.
type setter func(v any) error

func setterOf(fb array.Builder) setter {
	switch fb := fb.(type) {
	case *array.StringBuilder:
		return stringSetter(fb)
	case *array.BinaryBuilder:
		return binarySetter(fb)
	case *array.Int64Builder:
		return intSetter(fb.Append, fb.AppendNull, math.MinInt64, math.MaxInt64)
	case *array.Int32Builder:
		return intSetter(fb.Append, fb.AppendNull, math.MinInt32, math.MaxInt32)
	case *array.Int16Builder:
		return intSetter(fb.Append, fb.AppendNull, math.MinInt16, math.MaxInt16)
	case *array.Float64Builder:
		return float64Setter(fb)
	case *array.BooleanBuilder:
		return boolSetter(fb)
	case *array.Date32Builder:
		return dateSetter(fb)
	case *array.TimestampBuilder:
		return timestampSetter(fb)
	}
	panic(fmt.Sprintf("queries: no setter for %T", fb)) // arrowType and setterOf list the same types
}

// errValueType is the error for a value of a Go type a column cannot take.
func errValueType(v any) error { return fmt.Errorf("a Go %T: %w", v, ErrColumnType) }

func stringSetter(b *array.StringBuilder) setter {
	return func(v any) error {
		switch x := v.(type) {
		case nil:
			b.AppendNull()
		case string:
			b.Append(x)
		default:
			return errValueType(v)
		}
		return nil
	}
}

func binarySetter(b *array.BinaryBuilder) setter {
	return func(v any) error {
		switch x := v.(type) {
		case nil:
			b.AppendNull()
		case []byte:
			b.Append(x)
		case string:
			b.AppendString(x)
		default:
			return errValueType(v)
		}
		return nil
	}
}

func intSetter[T int16 | int32 | int64](app func(T), null func(), lo, hi int64) setter {
	return func(v any) error {
		var n int64
		switch x := v.(type) {
		case nil:
			null()
			return nil
		case int64:
			n = x
		case int32:
			n = int64(x)
		case int:
			n = int64(x)
		default:
			return errValueType(v)
		}
		if n < lo || n > hi {
			return fmt.Errorf("integer out of range [%d, %d]: %w", lo, hi, ErrColumnType)
		}
		app(T(n))
		return nil
	}
}

func float64Setter(b *array.Float64Builder) setter {
	return func(v any) error {
		switch x := v.(type) {
		case nil:
			b.AppendNull()
		case float64:
			b.Append(x)
		default:
			return errValueType(v)
		}
		return nil
	}
}

func boolSetter(b *array.BooleanBuilder) setter {
	return func(v any) error {
		switch x := v.(type) {
		case nil:
			b.AppendNull()
		case bool:
			b.Append(x)
		default:
			return errValueType(v)
		}
		return nil
	}
}

// secondsPerDay converts Unix seconds of a UTC midnight to days.
const secondsPerDay = 24 * 60 * 60

func dateSetter(b *array.Date32Builder) setter {
	return func(v any) error {
		switch x := v.(type) {
		case nil:
			b.AppendNull()
		case time.Time:
			y, m, d := x.UTC().Date()
			b.Append(arrow.Date32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay))
		default:
			return errValueType(v)
		}
		return nil
	}
}

func timestampSetter(b *array.TimestampBuilder) setter {
	return func(v any) error {
		switch x := v.(type) {
		case nil:
			b.AppendNull()
		case time.Time:
			b.Append(arrow.Timestamp(x.UnixMicro()))
		default:
			return errValueType(v)
		}
		return nil
	}
}
