package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"proximite/internal/exports"
)

// fakeWriter counts the rows it is handed per table; it fails its failAt-th
// insert, or blocks every insert until ctx is done.
type fakeWriter struct {
	mu      sync.Mutex
	inserts int
	rows    map[string]int64
	failAt  int
	block   bool
}

var errFakeInsert = errors.New("fake insert failed")

func (w *fakeWriter) Insert(ctx context.Context, table string, rec arrow.RecordBatch) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.inserts++
	switch {
	case w.block:
		<-ctx.Done()
		return ctx.Err()
	case w.inserts == w.failAt:
		return errFakeInsert
	}
	w.rows[table] += rec.NumRows()
	return nil
}

// crisisBody is a crisis events file of n rows in which every bad-th row
// (1-based) has an impossible date.
func crisisBody(n, bad int) string {
	var b strings.Builder
	b.WriteString("event_id,event_date,neighbourhood,service,client_id,status,exported_at\n")
	for i := 1; i <= n; i++ {
		day := "2024-03-01"
		if bad > 0 && i%bad == 0 {
			day = "2024-03-32"
		}
		b.WriteString("E" + strconv.Itoa(i) + "," + day + ",JF,crisis_line,,active,2024-04-01T00:00:00\n")
	}
	return b.String()
}

// batchRun holds what loadBatches needs, on a store that knows the basics.
type batchRun struct {
	conn *sql.Conn
	opt  IngestOptions
	mem  *memory.CheckedAllocator
	base int // goroutines before the run
}

func newBatchRun(t *testing.T) *batchRun {
	t.Helper()
	db := openStore(t)
	loadBasics(t, db)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return &batchRun{conn: conn, opt: withDefaults(testOptions()),
		mem: memory.NewCheckedAllocator(memory.NewGoAllocator()), base: runtime.NumGoroutine()}
}

func (r *batchRun) load(ctx context.Context, t *testing.T, w batchWriter, body string, size int) (FileResult, error) {
	t.Helper()
	f := inputFile{path: "crisis_events_t.csv", kind: exports.CrisisEvents, bytes: strings.NewReader(body)}
	rd, err := openReader(ctx, r.conn, f, r.opt)
	if err != nil {
		t.Fatal(err)
	}
	res := FileResult{Path: f.path, Reasons: map[string]int64{}}
	return loadBatches(ctx, r.conn, w, rd, f.kind, 1, r.opt, res, r.mem, size)
}

// checkStopped fails unless the goroutines are back to what they were
// before the run (within a second) and every batch buffer was released.
func (r *batchRun) checkStopped(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for runtime.NumGoroutine() > r.base && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > r.base {
		t.Errorf("%d goroutines after the run, %d before", n, r.base)
	}
	r.mem.AssertSize(t, 0)
}

// TestLoadBatchesCountsAsItSends checks that every row read reaches the
// writer once, in the table of its kind or in rejected_rows, with the
// counts of the result: 5 500 rows of which every 100th is rejected,
// in batches of 1 000 rows.
func TestLoadBatchesCountsAsItSends(t *testing.T) {
	r := newBatchRun(t)
	w := &fakeWriter{rows: map[string]int64{}}
	res, err := r.load(context.Background(), t, w, crisisBody(5500, 100), 1000)
	if err != nil {
		t.Fatal(err)
	}
	if w.rows["crisis_event_versions"] != 5445 || w.rows["rejected_rows"] != 55 {
		t.Errorf("writer got %v, want 5445 crisis_event_versions and 55 rejected_rows", w.rows)
	}
	if res.RowsLoaded != 5445 || res.RowsRejected != 55 || res.Reasons["invalid_date"] != 55 {
		t.Errorf("counted %d loaded, %d rejected %v; want 5445, 55 invalid_date", res.RowsLoaded, res.RowsRejected, res.Reasons)
	}
	if w.inserts != 12 {
		t.Errorf("%d inserts, want 12 (6 batches, each with records and rejects)", w.inserts)
	}
	r.checkStopped(t)
}

// TestLoadBatchesStops checks that a failing insert, a cancelled run and
// a file rejected half-way each stop both goroutines, release every batch
// and return the first cause.
func TestLoadBatchesStops(t *testing.T) {
	unterminated := crisisBody(12_000, 0) + "E99,2024-03-01,JF,\"crisis_line,,active,2024-04-01T00:00:00\n" +
		"E100,2024-03-01,JF,crisis_line,,active,2024-04-01T00:00:00\n"
	cases := []struct {
		name   string
		w      *fakeWriter
		body   string
		cancel bool
		check  func(error) bool
	}{
		{"insert fails", &fakeWriter{failAt: 2}, crisisBody(12_000, 0), false,
			func(err error) bool { return errors.Is(err, errFakeInsert) }},
		{"cancelled while inserting", &fakeWriter{block: true}, crisisBody(12_000, 0), true,
			func(err error) bool { return errors.Is(err, context.Canceled) }},
		{"file rejected after batches", &fakeWriter{}, unterminated, false,
			func(err error) bool {
				var fe *exports.FileError
				return errors.As(err, &fe) && fe.Reason == exports.ReasonUnterminatedQuote
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newBatchRun(t)
			c.w.rows = map[string]int64{}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if c.cancel {
				time.AfterFunc(50*time.Millisecond, cancel)
			}
			_, err := r.load(ctx, t, c.w, c.body, 1000)
			if !c.check(err) {
				t.Errorf("err = %v", err)
			}
			r.checkStopped(t)
		})
	}
}
