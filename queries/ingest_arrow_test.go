//go:build duckdb_arrow

package queries

import (
	"context"
	"database/sql"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/memory/mallocator"
)

// typedTable has a column of every type ingest batches carry, and one
// the batches leave to its default.
const typedTable = `CREATE TABLE typed (s VARCHAR, b BLOB, i64 BIGINT, i32 INTEGER, i16 SMALLINT,
	d DOUBLE, ok BOOLEAN, day DATE, ts TIMESTAMP, tz TIMESTAMPTZ, extra VARCHAR DEFAULT 'default')`

var typedNames = []string{"s", "b", "i64", "i32", "i16", "d", "ok", "day", "ts", "tz"}

// typedRows renders typed in insertion order, NULL as ∅, timestamps with
// time zone in UTC, blobs in hex.
const typedRows = `SELECT concat_ws('|', coalesce(s, '∅'), coalesce(hex(b), '∅'), coalesce(i64::VARCHAR, '∅'),
	coalesce(i32::VARCHAR, '∅'), coalesce(i16::VARCHAR, '∅'), coalesce(d::VARCHAR, '∅'), coalesce(ok::VARCHAR, '∅'),
	coalesce(day::VARCHAR, '∅'), coalesce(ts::VARCHAR, '∅'), coalesce((tz AT TIME ZONE 'UTC')::VARCHAR, '∅'), extra)
	FROM typed ORDER BY rowid`

func typedConn(t *testing.T) *sql.Conn {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "t.duckdb"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := conn.ExecContext(ctx, typedTable); err != nil {
		t.Fatal(err)
	}
	return conn
}

// TestArrowWriterCarriesEveryType inserts a row of extreme values, a row
// of NULLs and a row of empty and zero values, and reads them back as
// text; the expected text is written by hand (a blob of the bytes 0x00 to
// 0x1e then 0xff; the TIMESTAMPTZ given at -05:00, read in UTC).
func TestArrowWriterCarriesEveryType(t *testing.T) {
	ctx := context.Background()
	conn := typedConn(t)
	mem := memory.NewCheckedAllocator(mallocator.NewMallocator())
	cols, err := New(conn).batchColumns(ctx, "typed", typedNames)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBatchBuilder(mem, "typed", cols)
	if err != nil {
		t.Fatal(err)
	}
	blob := make([]byte, 32)
	for i := range 31 {
		blob[i] = byte(i)
	}
	blob[31] = 0xff
	rows := [][]any{
		{"Montée-de-l'Église", blob, int64(math.MaxInt64), int32(math.MinInt32), int64(-32768), 0.1, true,
			time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 29, 23, 59, 59, 123456000, time.UTC),
			time.Date(2024, 3, 10, 2, 30, 0, 999999000, time.FixedZone("-05", -5*3600))},
		{nil, nil, nil, nil, nil, nil, nil, nil, nil, nil},
		{"", "", int64(0), int32(0), int64(0), -2.5, false,
			time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1970, 1, 1, 0, 0, 0, 1000, time.UTC),
			time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC)},
	}
	for _, r := range rows {
		if err := b.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	rec := b.Batch()
	mustExec(t, conn, "BEGIN TRANSACTION")
	if err := NewArrowWriter(conn).Insert(ctx, "typed", rec); err != nil {
		t.Fatal(err)
	}
	mustExec(t, conn, "COMMIT")
	rec.Release()
	b.Release()
	mem.AssertSize(t, 0)
	want := []string{
		"Montée-de-l'Église|000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1EFF|9223372036854775807|-2147483648|-32768|0.1|true|1969-12-31|2024-02-29 23:59:59.123456|2024-03-10 07:30:00.999999|default",
		"∅|∅|∅|∅|∅|∅|∅|∅|∅|∅|default",
		"||0|0|0|-2.5|false|2000-01-01|1970-01-01 00:00:00.000001|1999-12-31 23:59:59|default",
	}
	got := readTyped(t, conn)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows read back:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := countViews(t, conn); n != 0 {
		t.Errorf("%d batch views left after the insert, want 0", n)
	}
}

// TestArrowWriterRollsBack checks that a batch inserted in a transaction
// that is rolled back leaves no row and no view.
func TestArrowWriterRollsBack(t *testing.T) {
	ctx := context.Background()
	conn := typedConn(t)
	cols, err := New(conn).batchColumns(ctx, "typed", []string{"s", "i64"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBatchBuilder(mallocator.NewMallocator(), "typed", cols)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	for i := range 1000 {
		b.Append([]any{"x", int64(i)})
	}
	rec := b.Batch()
	defer rec.Release()
	mustExec(t, conn, "BEGIN TRANSACTION")
	if err := NewArrowWriter(conn).Insert(ctx, "typed", rec); err != nil {
		t.Fatal(err)
	}
	var n int
	conn.QueryRowContext(ctx, "SELECT count(*) FROM typed").Scan(&n)
	if n != 1000 {
		t.Fatalf("%d rows inside the transaction, want 1000", n)
	}
	mustExec(t, conn, "ROLLBACK")
	conn.QueryRowContext(ctx, "SELECT count(*) FROM typed").Scan(&n)
	if n != 0 || countViews(t, conn) != 0 {
		t.Errorf("after ROLLBACK: %d rows, %d views; want none", n, countViews(t, conn))
	}
}

func mustExec(t *testing.T, conn *sql.Conn, s string) {
	t.Helper()
	if _, err := conn.ExecContext(context.Background(), s); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
}

func readTyped(t *testing.T, conn *sql.Conn) []string {
	t.Helper()
	rs, err := conn.QueryContext(context.Background(), typedRows)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var out []string
	for rs.Next() {
		var s string
		if err := rs.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func countViews(t *testing.T, conn *sql.Conn) int {
	t.Helper()
	var n int
	if err := conn.QueryRowContext(context.Background(),
		"SELECT count(*) FROM duckdb_views() WHERE view_name = 'ingest_batch'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
