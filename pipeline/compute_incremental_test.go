package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"proximite/fixtures"
	"proximite/queries"
)

// valueColumnsExact are every column of indicator_values, floats as %.17g
// so that equality is exact.
const valueColumnsExact = `indicator, breakdown, area_level, area_code, period_type, period_start, period_end,
	printf('%.17g', numerator), printf('%.17g', denominator), printf('%.17g', value),
	printf('%.17g', ci_low), printf('%.17g', ci_high), provisional, unstable, flagged, computed_at`

// incrementalStore is a small generated territory, ingested without its
// last month (2026-10) and computed once (full: the first computation).
type incrementalStore struct {
	db   *queries.DB
	data string // the fixture's files
	dir  string // files written by the test
}

func newIncrementalStore(t *testing.T) incrementalStore {
	t.Helper()
	ctx := context.Background()
	s := incrementalStore{data: t.TempDir(), dir: t.TempDir(), db: openStore(t)}
	opt := fixtures.DefaultOptions()
	opt.Months, opt.Neighbourhoods, opt.Scale = 30, 4, 0.01
	if _, err := fixtures.Generate(ctx, s.data, opt, nil); err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob(filepath.Join(s.data, "*.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var base []string
	for _, n := range names {
		if !strings.HasSuffix(n, "_2026-10.csv") {
			base = append(base, n)
		}
	}
	s.ingest(t, base...)
	sum := s.compute(t, DefaultComputeOptions())
	t.Logf("first computation: as-of %s, months %s", sum.AsOf.Format("2006-01"), monthList(sum.Months))
	if sum.FullReason != "first computation of this store" {
		t.Fatalf("first computation: full reason %q", sum.FullReason)
	}
	return s
}

func (s incrementalStore) ingest(t *testing.T, paths ...string) {
	t.Helper()
	opt := testOptions()
	// After the fixture's last month, so that no date is in the future.
	opt.Now = func() time.Time { return time.Date(2026, 12, 15, 12, 0, 0, 0, time.UTC) }
	sum, err := Ingest(context.Background(), s.db, paths, opt)
	if err != nil && !errors.Is(err, ErrRejected) {
		t.Fatal(err)
	}
	for _, f := range sum.Files {
		if len(f.Reasons) > 0 && strings.HasPrefix(filepath.Base(f.Path), "activities_") && filepath.Dir(f.Path) == s.dir {
			t.Fatalf("%s: rows rejected: %v", f.Path, f.Reasons)
		}
	}
}

func (s incrementalStore) compute(t *testing.T, opt ComputeOptions) ComputeSummary {
	t.Helper()
	sum, err := Compute(context.Background(), s.db, opt)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// file writes name into the test's folder: the fixture's header, then rows.
func (s incrementalStore) file(t *testing.T, name, headerFrom string, rows ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.data, headerFrom))
	if err != nil {
		t.Fatal(err)
	}
	header, _, _ := strings.Cut(string(b), "\n")
	p := filepath.Join(s.dir, name)
	if err := os.WriteFile(p, []byte(header+"\n"+strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// row returns the fields of the first row of the fixture file name whose
// fields match want (column index → value), and the file's delimiter.
func (s incrementalStore) row(t *testing.T, name string, want map[int]string) ([]string, string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.data, name))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	sep := ","
	if strings.Contains(lines[0], ";") {
		sep = ";"
	}
next:
	for _, l := range lines[1:] {
		f := strings.Split(l, sep)
		for i, v := range want {
			if i >= len(f) || f[i] != v {
				continue next
			}
		}
		return f, sep
	}
	t.Fatalf("%s: no row with %v", name, want)
	return nil, ""
}

// incrementalEqualsFull computes incrementally, checks that the computation
// was incremental over want (the dirty months), then recomputes in full and
// checks that every row and column of indicator_values is the same.
func (s incrementalStore) incrementalEqualsFull(t *testing.T, want ...string) ComputeSummary {
	t.Helper()
	ctx := context.Background()
	sum := s.compute(t, DefaultComputeOptions())
	if sum.FullReason != "" {
		t.Fatalf("computation was full: %s", sum.FullReason)
	}
	if got := monthList(sum.Months); got != strings.Join(want, ",") {
		t.Errorf("dirty months %s, want %s", got, strings.Join(want, ","))
	}
	for _, c := range []string{
		`CREATE OR REPLACE TABLE incremental_values AS SELECT * FROM indicator_values`,
		`CREATE OR REPLACE TABLE incremental_sums AS SELECT * FROM compute_month_sums`,
		`CREATE OR REPLACE TABLE incremental_distinct AS SELECT * FROM compute_month_distinct`,
		`CREATE OR REPLACE TABLE incremental_latest AS SELECT * FROM compute_month_latest`,
		personMonths("incremental_person_months"),
	} {
		if _, err := s.db.ExecContext(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	full := DefaultComputeOptions()
	full.Full = true
	if fs := s.compute(t, full); fs.FullReason != "full computation asked" {
		t.Fatalf("--full: reason %q", fs.FullReason)
	}
	assertSameValues(t, s.db, "incremental_values", "indicator_values")
	// The monthly tables too: a month kept stale would show in the next
	// periods a computation rewrites, not necessarily in these.
	assertSameRows(t, s.db, "incremental_sums", "compute_month_sums")
	assertSameRows(t, s.db, "incremental_distinct", "compute_month_distinct")
	assertSameRows(t, s.db, "incremental_latest", "compute_month_latest")
	if _, err := s.db.ExecContext(ctx, personMonths("full_person_months")); err != nil {
		t.Fatal(err)
	}
	assertSameRows(t, s.db, "incremental_person_months", "full_person_months")
	return sum
}

// personMonths copies compute_area_person_months into table with each
// person's pseudonym in place of their number, which a full computation
// gives afresh.
func personMonths(table string) string {
	return `CREATE OR REPLACE TABLE ` + table + ` AS SELECT m.* EXCLUDE (person_id), p.person_key
		FROM compute_area_person_months m JOIN compute_persons p USING (person_id)`
}

// assertSameRows fails when tables a and b (of the same columns) differ in
// any row, or a is empty.
func assertSameRows(t *testing.T, db *queries.DB, a, b string) {
	t.Helper()
	var n, diff int
	if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM `+a).Scan(&n); err != nil || n == 0 {
		t.Fatalf("%s: %d rows (%v)", a, n, err)
	}
	for _, q := range [][2]string{{a, b}, {b, a}} {
		if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM (SELECT * FROM `+q[0]+
			` EXCEPT ALL SELECT * FROM `+q[1]+`)`).Scan(&diff); err != nil {
			t.Fatal(err)
		}
		if diff != 0 {
			t.Errorf("%d rows of %s are not in %s, e.g. %s", diff, q[0], q[1], sampleRows(t, db, `SELECT * FROM `+q[0]+` EXCEPT ALL SELECT * FROM `+q[1]))
		}
	}
}

// assertSameValues fails when tables a and b differ in any row or column.
func assertSameValues(t *testing.T, db *queries.DB, a, b string) {
	t.Helper()
	var n, diff int
	if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM `+a).Scan(&n); err != nil || n == 0 {
		t.Fatalf("%s: %d rows (%v)", a, n, err)
	}
	for _, q := range [][2]string{{a, b}, {b, a}} {
		err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM (SELECT `+valueColumnsExact+` FROM `+q[0]+
			` EXCEPT ALL SELECT `+valueColumnsExact+` FROM `+q[1]+`)`).Scan(&diff)
		if err != nil {
			t.Fatal(err)
		}
		if diff != 0 {
			t.Errorf("%d rows of %s are not in %s", diff, q[0], q[1])
		}
	}
}

func period(typ, start string) queries.NarrowedPeriod {
	m, err := time.Parse("2006-01", start)
	if err != nil {
		panic(err)
	}
	return queries.NarrowedPeriod{PeriodType: typ, PeriodStart: m}
}

// TestIncrementalComputeEqualsFull runs, on one store, each kind of load
// through an incremental computation and checks it against a full one.
func TestIncrementalComputeEqualsFull(t *testing.T) {
	s := newIncrementalStore(t)
	t.Run("new month", func(t *testing.T) {
		s.ingest(t, filepath.Join(s.data, "activities_2026-10.csv"), filepath.Join(s.data, "attendance_2026-10.csv"),
			filepath.Join(s.data, "crisis_events_2026-10.csv"))
		sum := s.incrementalEqualsFull(t, "2026-10")
		// By hand: the month, its quarter, its fiscal year (April) and the
		// 12 months ending with it.
		want := []queries.NarrowedPeriod{period("fiscal_year", "2026-04"), period("month", "2026-10"),
			period("quarter", "2026-10"), period("rolling_12m", "2025-11")}
		if !reflect.DeepEqual(sum.Periods, want) {
			t.Errorf("periods %v, want %v", sum.Periods, want)
		}
	})
	t.Run("re-export moves an activity", func(t *testing.T) {
		var id string
		if err := s.db.QueryRowContext(context.Background(), `SELECT min(activity_id) FROM activities
			WHERE kind = 'individual' AND neighbourhood = 'JF' AND activity_date BETWEEN '2025-09-01' AND '2025-09-30'`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		f, sep := s.row(t, "activities_2025-09.csv", map[int]string{0: id})
		f[1], f[3], f[8], f[20] = "2025-11-14", "SJB", "30", "2026-12-01T09:00:00-05:00"
		s.ingest(t, s.file(t, "activities_fix.csv", "activities_2025-09.csv", strings.Join(f, sep)))
		var date time.Time
		var hood string
		if err := s.db.QueryRowContext(context.Background(), `SELECT activity_date, neighbourhood FROM activities WHERE activity_id = $1`, f[0]).
			Scan(&date, &hood); err != nil || hood != "SJB" || date.Format(time.DateOnly) != "2025-11-14" {
			t.Fatalf("re-export not current: %v %s (%v)", date, hood, err)
		}
		sum := s.incrementalEqualsFull(t, "2025-09", "2025-11")
		// By hand: 2 months, 2 quarters, 1 fiscal year (April 2025), and the
		// windows ending 2025-09 to 2026-10 (14) that the calendar holds:
		// 13 when this subtest runs alone (as-of 2026-09).
		windows := 14
		if sum.AsOf.Before(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)) {
			windows = 13
		}
		if len(sum.Periods) != 2+2+1+windows {
			t.Errorf("%d periods: %v", len(sum.Periods), sum.Periods)
		}
	})
	t.Run("re-export cancels an activity with a partner", func(t *testing.T) {
		// Cancelling takes the activity out of the month's sums and, when
		// its partner met the neighbourhood only then, out of the month's
		// distinct partners, which a kept month would still count.
		var id string
		if err := s.db.QueryRowContext(context.Background(), `SELECT min(activity_id) FROM activities
			WHERE status = 'active' AND partner_id IS NOT NULL AND activity_date BETWEEN '2025-07-01' AND '2025-07-31'`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		f, sep := s.row(t, "activities_2025-07.csv", map[int]string{0: id})
		f[19], f[20] = "cancelled", "2026-12-01T10:00:00-05:00"
		s.ingest(t, s.file(t, "activities_cancel.csv", "activities_2025-07.csv", strings.Join(f, sep)))
		s.incrementalEqualsFull(t, "2025-07")
		var n int
		if err := s.db.QueryRowContext(context.Background(), `SELECT count(*) FROM activities
			WHERE activity_id = $1 AND status = 'cancelled'`, id).Scan(&n); err != nil || n != 1 {
			t.Fatalf("cancellation not current: %d (%v)", n, err)
		}
	})
	t.Run("late file for an old month", func(t *testing.T) {
		f, sep := s.row(t, "activities_2025-06.csv", map[int]string{4: "individual"})
		g := append([]string{}, f...)
		f[0], g[0], f[8], g[8] = "LATE-1", "LATE-2", "30", "30"
		g[9] = "ZZZZ 1111 2222" // a person never met before
		s.ingest(t, s.file(t, "activities_2025-06_late.csv", "activities_2025-06.csv", strings.Join(f, sep), strings.Join(g, sep)))
		s.incrementalEqualsFull(t, "2025-06")
	})
	t.Run("attendance only", func(t *testing.T) {
		group, _ := s.row(t, "activities_2025-08.csv", map[int]string{4: "group"})
		_, sep := s.row(t, "attendance_2025-08.csv", nil)
		row := strings.Join([]string{group[0], "QQQQ 3333 4444", "O", "O", "1950", "F", "active", "2026-12-02T09:00:00-05:00"}, sep)
		s.ingest(t, s.file(t, "attendance_late.csv", "attendance_2025-08.csv", row))
		s.incrementalEqualsFull(t, "2025-08")
	})
	t.Run("crisis events only", func(t *testing.T) {
		f, sep := s.row(t, "crisis_events_2025-02.csv", map[int]string{2: "JF"})
		f[0] = "CE-LATE-1"
		s.ingest(t, s.file(t, "crisis_events_late.csv", "crisis_events_2025-02.csv", strings.Join(f, sep)))
		s.incrementalEqualsFull(t, "2025-02")
	})
	t.Run("cancelled computation", func(t *testing.T) {
		testCancelledIncremental(t, s)
	})
	t.Run("earliest month cancelled", func(t *testing.T) {
		// The calendar's first activity is looked for before the end of
		// the last computation's first month first; when a re-export
		// cancels every record of that month, it must be found after (the
		// crisis events of the next month are cancelled too, so that they
		// do not start the calendar there anyway).
		var first time.Time
		if err := s.db.QueryRowContext(context.Background(), `SELECT min(month_start) FROM months`).Scan(&first); err != nil {
			t.Fatal(err)
		}
		s.ingest(t, cancelMonth(t, s, "activities", first, 19, 20), cancelMonth(t, s, "crisis_events", first, 5, 6),
			cancelMonth(t, s, "crisis_events", first.AddDate(0, 1, 0), 5, 6))
		sum := s.compute(t, DefaultComputeOptions())
		if !strings.HasPrefix(sum.FullReason, "first month of the calendar changed") {
			t.Errorf("full reason %q, want first month changed", sum.FullReason)
		}
		var now time.Time
		if err := s.db.QueryRowContext(context.Background(), `SELECT min(month_start) FROM months`).Scan(&now); err != nil {
			t.Fatal(err)
		}
		if want := first.AddDate(0, 1, 0); !now.Equal(want) {
			t.Errorf("first month %s, want %s", now.Format("2006-01"), want.Format("2006-01"))
		}
	})
	t.Run("reference data reloaded", func(t *testing.T) {
		f, sep := s.row(t, "population.csv", map[int]string{1: "2026"})
		code := f[0]
		f[2] = "30000"
		s.ingest(t, s.file(t, "population.csv", "population.csv", strings.Join(f, sep)+"\n"+strings.Join(otherPopulation(t, s, code+sep+"2026"+sep), "\n")))
		if sum := s.compute(t, DefaultComputeOptions()); !strings.HasPrefix(sum.FullReason, "reference data changed") {
			t.Errorf("full reason %q, want reference data changed", sum.FullReason)
		}
	})
	t.Run("provisional months changed", func(t *testing.T) {
		opt := DefaultComputeOptions()
		opt.ProvisionalMonths = 3
		if sum := s.compute(t, opt); !strings.HasPrefix(sum.FullReason, "options changed") {
			t.Errorf("full reason %q, want options changed", sum.FullReason)
		}
	})
}

// cancelMonth writes a re-export of every row of the fixture's kind file
// of month, cancelled (status and exported_at at those column indices).
func cancelMonth(t *testing.T, s incrementalStore, kind string, month time.Time, status, exported int) string {
	t.Helper()
	name := kind + "_" + month.Format("2006-01") + ".csv"
	b, err := os.ReadFile(filepath.Join(s.data, name))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n"), "\n")
	sep := ","
	if strings.Contains(lines[0], ";") {
		sep = ";"
	}
	var rows []string
	for _, l := range lines[1:] {
		f := strings.Split(l, sep)
		f[status], f[exported] = "cancelled", "2026-12-03T09:00:00-05:00"
		rows = append(rows, strings.Join(f, sep))
	}
	return s.file(t, kind+"_cancel_"+month.Format("2006-01")+".csv", name, rows...)
}

// otherPopulation returns the fixture's population rows but the one
// starting with skip.
func otherPopulation(t *testing.T, s incrementalStore, skip string) []string {
	b, err := os.ReadFile(filepath.Join(s.data, "population.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		if !strings.HasPrefix(l, skip) {
			out = append(out, strings.TrimRight(l, "\r"))
		}
	}
	return out
}

// testCancelledIncremental cancels an incremental computation among its
// indicators and checks that the values and the watermark are the last
// computation's, and that the next computation covers what it missed.
func testCancelledIncremental(t *testing.T, s incrementalStore) {
	ctx := context.Background()
	before, ok, err := queries.New(s.db).LastComputeRun(ctx)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if _, err := s.db.ExecContext(ctx, `CREATE OR REPLACE TABLE values_before AS SELECT * FROM indicator_values`); err != nil {
		t.Fatal(err)
	}
	f, sep := s.row(t, "activities_2025-09.csv", map[int]string{4: "individual"})
	f[0], f[8] = "LATE-3", "30"
	s.ingest(t, s.file(t, "activities_2025-09_late.csv", "activities_2025-09.csv", strings.Join(f, sep)))
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	opt := DefaultComputeOptions()
	opt.Progress = func(stage string) {
		if stage == "reach_cumulative" {
			cancel()
		}
	}
	if _, err := Compute(cctx, s.db, opt); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled compute: %v, want context.Canceled", err)
	}
	after, _, err := queries.New(s.db).LastComputeRun(ctx)
	if err != nil || after.RunID != before.RunID || after.FileWatermark != before.FileWatermark {
		t.Errorf("last run after cancel %+v, want %+v (%v)", after, before, err)
	}
	assertSameValues(t, s.db, "values_before", "indicator_values")
	s.incrementalEqualsFull(t, "2025-09")
}

// TestDirtyMonths checks by hand which months a computation rewrites:
// touched months within the last calendar, once each, then every month
// after the last as-of up to the new one; touched months before the first
// month or after the as-of month are outside the calendar.
func TestDirtyMonths(t *testing.T) {
	m := func(s string) time.Time { return period("month", s).PeriodStart }
	touched := []time.Time{m("2023-12"), m("2024-02"), m("2024-02"), m("2024-05"), m("2024-07"), m("2024-09")}
	got := monthList(dirtyMonths(touched, m("2024-01"), m("2024-06"), m("2024-08")))
	if want := "2024-02,2024-05,2024-07,2024-08"; got != want {
		t.Errorf("dirty months %s, want %s", got, want)
	}
	if got := monthList(dirtyMonths(nil, m("2024-01"), m("2024-06"), m("2024-06"))); got != "" {
		t.Errorf("nothing touched, same as-of: %s, want none", got)
	}
}

// TestFullReason checks each condition that forces a full computation.
func TestFullReason(t *testing.T) {
	last := queries.ComputeRun{FileWatermark: 5, ProgramHash: "p", OptionsHash: "o", ReferenceHash: "r",
		AsOf: period("month", "2024-06").PeriodStart, FirstMonth: period("month", "2023-01").PeriodStart}
	same := last
	same.FileWatermark = 7
	same.AsOf = period("month", "2024-07").PeriodStart
	if r := fullReason(ComputeOptions{}, same, last, true); r != "" {
		t.Errorf("new files and a later as-of: full (%s), want incremental", r)
	}
	for name, c := range map[string]struct {
		opt    ComputeOptions
		change func(*queries.ComputeRun)
		ok     bool
		want   string
	}{
		"--full":      {ComputeOptions{Full: true}, func(*queries.ComputeRun) {}, true, "full computation asked"},
		"first":       {ComputeOptions{}, func(*queries.ComputeRun) {}, false, "first computation"},
		"watermark":   {ComputeOptions{}, func(r *queries.ComputeRun) { r.FileWatermark = 4 }, true, "the last computation's file watermark"},
		"program":     {ComputeOptions{}, func(r *queries.ComputeRun) { r.ProgramHash = "q" }, true, "catalogue"},
		"options":     {ComputeOptions{}, func(r *queries.ComputeRun) { r.OptionsHash = "q" }, true, "options changed"},
		"reference":   {ComputeOptions{}, func(r *queries.ComputeRun) { r.ReferenceHash = "q" }, true, "reference data changed"},
		"as-of back":  {ComputeOptions{}, func(r *queries.ComputeRun) { r.AsOf = period("month", "2024-05").PeriodStart }, true, "as-of month moved back"},
		"first month": {ComputeOptions{}, func(r *queries.ComputeRun) { r.FirstMonth = period("month", "2022-12").PeriodStart }, true, "first month"},
	} {
		now := same
		c.change(&now)
		if r := fullReason(c.opt, now, last, c.ok); !strings.HasPrefix(r, c.want) {
			t.Errorf("%s: reason %q, want %q…", name, r, c.want)
		}
	}
	a, b := DefaultComputeOptions(), DefaultComputeOptions()
	b.SPC.FixAfter = 12
	if optionsHash(a) == optionsHash(b) {
		t.Error("SPC fix_after does not change the options hash")
	}
	b = DefaultComputeOptions()
	b.AsOf, b.Progress = period("month", "2024-01").PeriodStart, func(string) {}
	if optionsHash(a) != optionsHash(b) {
		t.Error("as-of or progress changes the options hash")
	}
}

// sampleRows formats the first rows of query, in no set order.
func sampleRows(t *testing.T, db *queries.DB, query string) string {
	t.Helper()
	var s string
	if err := db.QueryRowContext(context.Background(), `SELECT string_agg(r::VARCHAR, '; ') FROM (FROM (`+query+`) LIMIT 4) r`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}
