package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"proximite/queries"
)

// parquetBatchRows is the most rows one record batch, and so one Parquet
// row group, holds.
const parquetBatchRows = 64 * 1024

// parquetFileName is the one file of each partition directory (the name
// DuckDB's COPY … PARTITION_BY gave it, which the export used to be written with).
const parquetFileName = "data_0.parquet"

// parquetTables are the snapshot tables exported to Parquet besides
// indicator_values: the catalogue, the models, the calendar and denominators,
// and what the snapshot is.
var parquetTables = []string{"about", "indicators", "area_periods", "neighbourhood_months",
	"crisis_its", "crisis_its_series", "crisis_did", "spc_points"}

// exportParquet writes indicator_values hive-partitioned by area
// (area_level-area_code) and year of period_start under
// dir/indicator_values, one Parquet file per partition, and each of
// parquetTables as dir/<table>.parquet, all written with Arrow, meta in each
// file's key-value metadata. It writes into a temporary folder and renames
// it, so a reader never sees half an export.
func exportParquet(ctx context.Context, conn *sql.Conn, dir string, meta arrow.Metadata) error {
	tmp := dir + ".tmp"
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	if err := writeParquetFiles(ctx, conn, tmp, meta); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	return os.Rename(tmp, dir)
}

// writeParquetFiles writes every exported table under root.
func writeParquetFiles(ctx context.Context, conn *sql.Conn, root string, meta arrow.Metadata) error {
	if err := writeParquetTable(ctx, conn, filepath.Join(root, "indicator_values"), "indicator_values", meta); err != nil {
		return err
	}
	for _, t := range parquetTables {
		if err := writeParquetTable(ctx, conn, root, t, meta); err != nil {
			return fmt.Errorf("%s: %w", t, err)
		}
	}
	return nil
}

// writeParquetTable writes table under root: indicator_values one file per
// partition, any other table as <table>.parquet.
func writeParquetTable(ctx context.Context, conn *sql.Conn, root, table string, meta arrow.Metadata) error {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	q := queries.New(conn)
	cols, err := parquetColumns(ctx, q, table)
	if err != nil {
		return err
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.field.Name
	}
	rows, err := q.ParquetRows(ctx, table, names)
	if err != nil {
		return err
	}
	defer rows.Close()
	md := withTable(meta, table)
	parts := newParquetPartitions(root, cols, &md)
	defer parts.release()
	if table != "indicator_values" {
		return writeRows(rows, parts, columnDests(cols), func() string { return table + ".parquet" })
	}
	var area string
	var year int64
	return writeRows(rows, parts, append(columnDests(cols), &area, &year),
		func() string { return filepath.Join(partitionPath(area, year), parquetFileName) })
}

// withTable adds the table's name to the metadata.
func withTable(meta arrow.Metadata, table string) arrow.Metadata {
	return arrow.NewMetadata(append(meta.Keys(), "proximite.table"), append(meta.Values(), table))
}

// writeRows scans rows into dest and adds each to the file path() names.
func writeRows(rows *sql.Rows, parts *parquetPartitions, dest []any, path func() string) error {
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if err := parts.add(path()); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if parts.w == nil {
		if err := parts.openFile(path()); err != nil {
			return err
		}
	}
	return parts.closeFile()
}

// partitionPath is the hive path of a partition, its values escaped as
// DuckDB escapes them, so read_parquet(…, hive_partitioning = true) gives
// them back.
func partitionPath(area string, year int64) string {
	return filepath.Join("area="+hiveEscape(area), "year="+strconv.FormatInt(year, 10))
}

// hiveEscape percent-encodes every byte of s but the URL unreserved
// characters (A-Z a-z 0-9 - . _ ~).
func hiveEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// columnCodec carries one column from a database/sql scan into an Arrow builder.
type columnCodec struct {
	field arrow.Field
	dest  any                 // the Rows.Scan destination, reused for every row
	put   func(array.Builder) // appends the last scanned value
}

// parquetColumns reads the columns of table from the catalog, in table
// order, and gives each its Arrow codec.
func parquetColumns(ctx context.Context, q *queries.Queries, table string) ([]columnCodec, error) {
	tcols, _, err := q.TableColumns(ctx, table)
	if err != nil {
		return nil, err
	}
	cols := make([]columnCodec, 0, len(tcols))
	for _, tc := range tcols {
		c, err := newColumnCodec(tc.Name, tc.Type, true)
		if err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	return cols, nil
}

// newColumnCodec maps a DuckDB column type to its Arrow type.
func newColumnCodec(name, duckType string, nullable bool) (columnCodec, error) {
	switch duckType {
	case "VARCHAR":
		return codec(name, arrow.BinaryTypes.String, nullable, (*array.StringBuilder).Append), nil
	case "DATE":
		return codec(name, arrow.FixedWidthTypes.Date32, nullable, appendDate32), nil
	case "DOUBLE":
		return codec(name, arrow.PrimitiveTypes.Float64, nullable, (*array.Float64Builder).Append), nil
	case "BIGINT":
		return codec(name, arrow.PrimitiveTypes.Int64, nullable, (*array.Int64Builder).Append), nil
	case "INTEGER":
		return codec(name, arrow.PrimitiveTypes.Int32, nullable, (*array.Int32Builder).Append), nil
	case "BOOLEAN":
		return codec(name, arrow.FixedWidthTypes.Boolean, nullable, (*array.BooleanBuilder).Append), nil
	case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ":
		return codec(name, arrow.FixedWidthTypes.Timestamp_us, nullable, appendTimestampUS), nil
	}
	return columnCodec{}, fmt.Errorf("column %s: no Arrow type for DuckDB type %s", name, duckType)
}

// codec builds the columnCodec of a column scanned as T and appended with put.
func codec[T any, B array.Builder](name string, typ arrow.DataType, nullable bool, put func(B, T)) columnCodec {
	v := new(sql.Null[T])
	return columnCodec{
		field: arrow.Field{Name: name, Type: typ, Nullable: nullable},
		dest:  v,
		put: func(b array.Builder) {
			if !v.Valid {
				b.AppendNull()
				return
			}
			put(b.(B), v.V)
		},
	}
}

// appendDate32 appends the calendar date of t.
func appendDate32(b *array.Date32Builder, t time.Time) { b.Append(arrow.Date32FromTime(t)) }

// appendTimestampUS appends the instant t in microseconds since the epoch.
func appendTimestampUS(b *array.TimestampBuilder, t time.Time) {
	b.Append(arrow.Timestamp(t.UnixMicro()))
}

// columnDests lists the scan destinations of cols.
func columnDests(cols []columnCodec) []any {
	dest := make([]any, len(cols))
	for i, c := range cols {
		dest[i] = c.dest
	}
	return dest
}

// parquetPartitions writes rows that arrive grouped by partition: one
// Parquet file per partition, open while its rows arrive.
type parquetPartitions struct {
	root  string
	cols  []columnCodec
	props *parquet.WriterProperties
	rb    *array.RecordBuilder
	w     *pqarrow.FileWriter
	path  string // path of the open file, relative to root
}

// newParquetPartitions prepares writing cols under root, zstd-compressed,
// with meta as each file's key-value metadata.
func newParquetPartitions(root string, cols []columnCodec, meta *arrow.Metadata) *parquetPartitions {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = c.field
	}
	return &parquetPartitions{
		root:  root,
		cols:  cols,
		props: parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Zstd), parquet.WithMaxRowGroupLength(parquetBatchRows)),
		rb:    array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema(fields, meta)),
	}
}

// add appends the last scanned row to the file at path, moving to that
// file first if it is a new one.
func (p *parquetPartitions) add(path string) error {
	if p.w == nil || path != p.path {
		if err := p.closeFile(); err != nil {
			return err
		}
		if err := p.openFile(path); err != nil {
			return err
		}
	}
	for i, c := range p.cols {
		c.put(p.rb.Field(i))
	}
	if p.rb.Field(0).Len() >= parquetBatchRows {
		return p.flush()
	}
	return nil
}

// openFile creates the Parquet file at path (relative to the root).
func (p *parquetPartitions) openFile(path string) error {
	full := filepath.Join(p.root, path)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	f, err := os.Create(full)
	if err != nil {
		return err
	}
	w, err := pqarrow.NewFileWriter(p.rb.Schema(), f, p.props, pqarrow.DefaultWriterProps())
	if err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	p.w, p.path = w, path
	return nil
}

// flush writes the rows built so far as one row group of the open file.
func (p *parquetPartitions) flush() error {
	rec := p.rb.NewRecordBatch()
	defer rec.Release()
	if rec.NumRows() == 0 {
		return nil
	}
	if err := p.w.Write(rec); err != nil {
		return fmt.Errorf("%s: %w", p.path, err)
	}
	return nil
}

// closeFile flushes and closes the open file, if any; Close writes the footer.
func (p *parquetPartitions) closeFile() error {
	if p.w == nil {
		return nil
	}
	err := p.flush()
	if cerr := p.w.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("%s: %w", p.path, cerr)
	}
	p.w = nil
	return err
}

// release closes a file left open by an error and frees the builders.
func (p *parquetPartitions) release() {
	if p.w != nil {
		p.w.Close()
	}
	p.rb.Release()
}
