//go:build duckdb_arrow

package pipeline

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"proximite/fixtures"
	"proximite/queries"
)

// storeTables are the tables an ingest writes.
var storeTables = []string{"activity_versions", "activities", "attendance_versions", "attendance",
	"crisis_event_versions", "crisis_events", "neighbourhoods", "population", "partners",
	"superseded_versions", "rejected_rows", "ingest_manifest", "ingest_warnings"}

// dumpTables returns every row of the ingest's tables as text, sorted.
func dumpTables(t *testing.T, db *queries.DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, tbl := range storeTables {
		rows, err := db.Query(`SELECT t::VARCHAR AS r FROM ` + tbl + ` t ORDER BY r`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out[tbl] = append(out[tbl], s)
		}
		rows.Close()
	}
	return out
}

// TestIngestArrowAndAppenderGiveIdenticalRows loads a small synthetic
// territory (every kind, re-exports, Windows-1252 files, rejected rows
// and files) once through Arrow batches of 700 rows and once through the
// row-by-row Appender, and compares every row of every table.
func TestIngestArrowAndAppenderGiveIdenticalRows(t *testing.T) {
	if reflect.ValueOf(loaderOf(testOptions())).Pointer() != reflect.ValueOf(arrowLoad).Pointer() {
		t.Fatal("a duckdb_arrow build does not load through Arrow batches")
	}
	dir := t.TempDir()
	opt := fixtures.Options{Seed: 7, Months: 8, Neighbourhoods: 2, Scale: 0.004, End: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := fixtures.Generate(context.Background(), dir, opt, nil); err != nil {
		t.Fatal(err)
	}
	dumps := make([]map[string][]string, 2)
	for i, rowByRow := range []bool{false, true} {
		db := openStore(t)
		o := wideDates()
		o.rowByRow, o.batchRows = rowByRow, 700
		if _, err := Ingest(context.Background(), db, []string{dir}, o); err != nil && !errors.Is(err, ErrRejected) {
			t.Fatal(err)
		}
		dumps[i] = dumpTables(t, db)
	}
	for _, tbl := range storeTables {
		a, r := dumps[0][tbl], dumps[1][tbl]
		if len(a) == 0 && tbl != "ingest_warnings" {
			t.Errorf("%s is empty: the comparison proves nothing", tbl)
		}
		if strings.Join(a, "\n") != strings.Join(r, "\n") {
			t.Errorf("%s: Arrow gave %d rows, Appender %d, and they differ", tbl, len(a), len(r))
		}
	}
	if n := len(dumps[0]["activity_versions"]); n < 3*700 {
		t.Errorf("only %d activity versions: too few for several batches", n)
	}
}

// TestIngestCancelMidFileLeavesNothing cancels an ingest after several
// batches of a file were inserted: the file's transaction is rolled back,
// no goroutine is left, and the store takes the next ingest.
func TestIngestCancelMidFileLeavesNothing(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db)
	p := write(t, dir, "crisis_events_big.csv", crisisBody(2*progressEvery+10, 0), false)
	base := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	opt := testOptions()
	opt.batchRows = 10_000
	opt.Progress = func(pr Progress) {
		if pr.Result == nil && pr.Rows >= progressEvery {
			cancel()
		}
	}
	if _, err := Ingest(ctx, db, []string{p}, opt); !errors.Is(err, context.Canceled) {
		t.Fatalf("Ingest after cancel: err = %v, want context.Canceled", err)
	}
	if got := count(t, db, `SELECT count(*) FROM crisis_event_versions`); got != 0 {
		t.Errorf("%d rows kept from an interrupted file, want 0", got)
	}
	if got := count(t, db, `SELECT count(*) FROM ingest_manifest WHERE file_name = 'crisis_events_big.csv'`); got != 0 {
		t.Errorf("manifest rows for the interrupted file = %d, want 0", got)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		t.Errorf("%d goroutines after the cancelled ingest, %d before", n, base)
	}
	ingestOK(t, db, p)
	if got := count(t, db, `SELECT count(*) FROM crisis_event_versions`); got != 2*progressEvery+10 {
		t.Errorf("%d rows after the ingest that followed, want %d", got, 2*progressEvery+10)
	}
}

// TestIngestFileRejectedAfterBatches rejects a file whose last row opens a
// quote that never closes, after batches of it were inserted: nothing of
// it is kept, and the next file of the run loads.
func TestIngestFileRejectedAfterBatches(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db)
	bad := crisisBody(12_000, 100) + "E99,2024-03-01,JF,\"crisis_line,,active,2024-04-01T00:00:00\n" +
		"E100,2024-03-01,JF,crisis_line,,active,2024-04-01T00:00:00\n"
	write(t, dir, "crisis_events_a.csv", bad, false)
	write(t, dir, "crisis_events_b.csv", crisisBody(300, 0), false)
	opt := testOptions()
	opt.batchRows = 1000
	sum, err := Ingest(context.Background(), db, []string{dir}, opt)
	if err != nil && !errors.Is(err, ErrRejected) {
		t.Fatal(err)
	}
	var status []string
	for _, f := range sum.Files {
		status = append(status, f.Kind+":"+f.Status)
	}
	if got := strings.Join(status, " "); got != "neighbourhoods:skipped partners:skipped activities:skipped crisis_events:rejected crisis_events:loaded" {
		t.Errorf("statuses %s", got)
	}
	if got := count(t, db, `SELECT count(*) FROM crisis_event_versions`); got != 300 {
		t.Errorf("%d crisis versions, want the 300 of the good file", got)
	}
	if got := count(t, db, `SELECT count(*) FROM rejected_rows r JOIN ingest_manifest m USING (file_id) WHERE m.file_name = 'crisis_events_a.csv'`); got != 0 {
		t.Errorf("%d rejected rows kept from the rejected file, want 0", got)
	}
}

// BenchmarkIngestPaths loads one 100 000-row activities file per
// iteration through the Appender and through Arrow batches of several
// sizes; besides wall time it reports the process CPU seconds per load
// (the machine is shared: CPU time is the figure to compare).
func BenchmarkIngestPaths(b *testing.B) {
	dir := b.TempDir()
	write(b, dir, "neighbourhoods.csv", refNeighbourhoods, false)
	acts := write(b, dir, "activities_big.csv", activitiesBody(100_000), false)
	for _, c := range []struct {
		name     string
		rowByRow bool
		size     int
	}{{"appender", true, 0}, {"arrow16k", false, 16 << 10}, {"arrow64k", false, 64 << 10}, {"arrow128k", false, 128 << 10}} {
		b.Run(c.name, func(b *testing.B) {
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db := openStore(b)
				ingestOK(b, db, filepath.Join(dir, "neighbourhoods.csv"))
				opt := testOptions()
				opt.rowByRow, opt.batchRows = c.rowByRow, c.size
				before := cpuTime()
				b.StartTimer()
				if _, err := Ingest(context.Background(), db, []string{acts}, opt); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				cpu += cpuTime() - before
				db.Close()
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
