package pipeline

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"proximite/fixtures"
	"proximite/internal/pseudonym"
	"proximite/queries"
)

// publishOpt are the options of the test snapshots.
func publishOpt(t testing.TB, month time.Time) PublishOptions {
	loc, _ := time.LoadLocation("America/Montreal")
	return PublishOptions{Month: month, Dir: t.TempDir(), Version: "test", Now: fixedNow,
		Centre: Centre{ID: "est", Name: "Centre Est"}, Recipients: []string{"uni-a", "uni-b"},
		Coarse: []string{"uni-b"}, RekeySecret: []byte("rekey-secret"),
		Compute: DefaultComputeOptions(), SuppressionThreshold: 5, Location: loc}
}

func TestPublishRefusesMonthsOutsideTheData(t *testing.T) {
	db := openStore(t)
	loadBasics(t, db) // activities of March 2024 only
	for _, m := range []time.Time{time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)} {
		opt := publishOpt(t, m)
		_, err := Publish(context.Background(), db, opt)
		if !errors.Is(err, ErrMonthOutOfRange) || !strings.Contains(err.Error(), "runs from 2024-03 to 2024-03") {
			t.Errorf("publish %s: err = %v, want ErrMonthOutOfRange naming 2024-03 to 2024-03", m.Format("2006-01"), err)
		}
		if got := filesUnder(t, opt.Dir); len(got) != 0 {
			t.Errorf("publish %s refused but wrote %q", m.Format("2006-01"), got)
		}
	}
}

func TestPublishRefusesUnsafeOrUnknownRecipients(t *testing.T) {
	db := openStore(t)
	loadBasics(t, db)
	parent := t.TempDir()
	for _, c := range []struct{ name, secret string }{{"x/../../..", "s"}, {"..", "s"}, {"uni-c", "s"}, {"uni-a", ""}} {
		opt := publishOpt(t, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
		opt.Dir = filepath.Join(parent, "snapshots")
		opt.Recipient, opt.RekeySecret = c.name, []byte(c.secret)
		if _, err := Publish(context.Background(), db, opt); !errors.Is(err, ErrRecipient) {
			t.Errorf("recipient %q secret %q: err = %v, want ErrRecipient", c.name, c.secret, err)
		}
	}
	if got := filesUnder(t, parent); len(got) != 0 {
		t.Errorf("refused recipients wrote %q", got)
	}
}

// smallTerritory generates a small synthetic territory (ending 2025-06,
// exported a few days after each month, one month re-exported later) and
// loads it all into a store.
func smallTerritory(t testing.TB) (*queries.DB, string) {
	t.Helper()
	dir := t.TempDir()
	opt := fixtures.Options{Seed: 7, Months: 8, Neighbourhoods: 2, Scale: 0.004, End: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := fixtures.Generate(context.Background(), dir, opt, nil); err != nil {
		t.Fatal(err)
	}
	db := openStore(t)
	if _, err := Ingest(context.Background(), db, []string{dir}, wideDates()); err != nil && !errors.Is(err, ErrRejected) {
		t.Fatal(err)
	}
	return db, dir
}

// TestPublishAsOfMatchesAStoreLoadedThen publishes April 2025 from a store
// that holds data to June 2025, and compares it with an independent oracle:
// a store into which only the export files made before the cutoff were
// loaded, computed as of April 2025.
func TestPublishAsOfMatchesAStoreLoadedThen(t *testing.T) {
	db, dir := smallTerritory(t)
	ctx := context.Background()
	month := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	opt := publishOpt(t, month)
	sum, err := Publish(ctx, db, opt)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 6, 1, 0, 0, 0, 0, opt.Location); !sum.Cutoff.Equal(want) {
		t.Fatalf("cutoff %v, want %v", sum.Cutoff, want)
	}
	oracle := oracleStore(t, db, dir, sum.Cutoff)
	copt := DefaultComputeOptions()
	copt.AsOf = month
	if _, err := Compute(ctx, oracle, copt); err != nil {
		t.Fatal(err)
	}
	if _, err := oracle.ExecContext(ctx, `ATTACH `+quoteLiteral(sum.Snapshot)+` AS snap (READ_ONLY true)`); err != nil {
		t.Fatal(err)
	}
	const cols = `indicator, breakdown, area_level, area_code, period_type, period_start, period_end, numerator, denominator, value, ci_low, ci_high, provisional, unstable, flagged`
	cases := []struct{ name, query, want string }{
		{"values not in the snapshot", `SELECT count(*) FROM (SELECT ` + cols + ` FROM main.indicator_values EXCEPT ALL SELECT ` + cols + ` FROM snap.indicator_values)`, "0"},
		{"snapshot values not in the oracle", `SELECT count(*) FROM (SELECT ` + cols + ` FROM snap.indicator_values EXCEPT ALL SELECT ` + cols + ` FROM main.indicator_values)`, "0"},
		{"values compared", `SELECT count(*) > 1000 FROM snap.indicator_values`, "true"},
		{"last month", `SELECT max(month_start)::VARCHAR FROM snap.months`, "2025-04-01"},
		{"provisional months", `SELECT string_agg(month_start::VARCHAR, ',' ORDER BY month_start) FROM snap.months WHERE provisional`, "2025-03-01,2025-04-01"},
		{"no record after the month", `SELECT count(*) FROM snap.activity_versions WHERE activity_date > DATE '2025-04-30'`, "0"},
		{"no version exported after the cutoff", `SELECT count(*) FROM snap.crisis_event_versions WHERE exported_at >= TIMESTAMPTZ '2025-06-01 00:00:00-04'`, "0"},
		{"about as_of", `SELECT value FROM snap.about WHERE key = 'as_of'`, "2025-04"},
		{"its models as the oracle's", `SELECT count(*) FROM (SELECT area_code, status, level_rr FROM main.crisis_its EXCEPT SELECT area_code, status, level_rr FROM snap.crisis_its)`, "0"},
	}
	for _, c := range cases {
		if got := queryString(t, oracle, c.query); got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, got, c.want)
		}
	}
	// The live store knows later months: the snapshot is not just a copy of it.
	if got := queryString(t, db, `SELECT max(activity_date)::VARCHAR FROM activities`); got <= "2025-04-30" {
		t.Fatalf("the live store's data ends %s: the test needs later data", got)
	}
}

// oracleStore loads into a new store the reference files and the export
// files whose rows were all exported before cutoff.
func oracleStore(t testing.TB, live *queries.DB, dir string, cutoff time.Time) *queries.DB {
	t.Helper()
	rows, err := live.QueryContext(context.Background(), `SELECT m.file_name FROM ingest_manifest m
		WHERE m.kind IN ('neighbourhoods', 'population', 'partners') OR m.file_id IN (
			SELECT file_id FROM (SELECT file_id, exported_at FROM activity_versions UNION ALL SELECT file_id, exported_at FROM attendance_versions
			                     UNION ALL SELECT file_id, exported_at FROM crisis_event_versions)
			GROUP BY file_id HAVING max(exported_at) < $1)
		ORDER BY 1`, cutoff)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		paths = append(paths, filepath.Join(dir, name))
	}
	rows.Close()
	oracle := openStore(t)
	if _, err := Ingest(context.Background(), oracle, paths, wideDates()); err != nil && !errors.Is(err, ErrRejected) {
		t.Fatal(err)
	}
	return oracle
}

// snapshotTables are the tables a snapshot must hold, and nothing else.
var snapshotTables = []string{"about", "activities", "activity_versions", "area_periods", "areas", "attendance",
	"attendance_versions", "codebook", "crisis_did", "crisis_event_versions", "crisis_events", "crisis_its",
	"crisis_its_series", "indicator_values", "indicators", "input_files", "months", "neighbourhood_months",
	"neighbourhoods", "partners", "periods", "population", "spc_points"}

// TestPublishResearchOnlyAndReproducible publishes the same month three
// times into three folders, the third from the store reopened on one
// thread: the snapshots hold the research tables only, and the three
// SHA256SUMS manifests are the same — every file, the DuckDB snapshot
// included, byte for byte; sha256sum -c checks the manifest.
func TestPublishResearchOnlyAndReproducible(t *testing.T) {
	db, _ := smallTerritory(t)
	ctx := context.Background()
	month := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	var sums []PublishSummary
	for i := 0; i < 3; i++ {
		if i == 2 {
			db = reopenStore(t, db, queries.Options{Threads: 1})
		}
		sum, err := Publish(ctx, db, publishOpt(t, month))
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, sum)
	}
	a := sums[0]
	got := strings.Split(readInOtherProcess(t, a.Snapshot, `SELECT string_agg(table_name, ',' ORDER BY table_name) FROM duckdb_tables()`), ",")
	if !slices.Equal(got, snapshotTables) {
		t.Errorf("snapshot tables %q, want %q", got, snapshotTables)
	}
	if n := readInOtherProcess(t, a.Snapshot, `SELECT count(*) FROM duckdb_sequences()`); n != "0" {
		t.Errorf("snapshot has %s sequences, want none", n)
	}
	want := readFile(t, a.Checksums)
	if !strings.HasSuffix(want, ".duckdb") || strings.Count(want, "\n") < 10 {
		t.Fatalf("manifest lacks the snapshot or the Parquet files:\n%s", want)
	}
	for i, s := range sums[1:] {
		if got := readFile(t, s.Checksums); got != want {
			t.Errorf("publish %d: manifest differs from the first:\n%s\nwant\n%s", i+2, got, want)
		}
		if s.SHA256 != a.SHA256 {
			t.Errorf("publish %d: snapshot sha256 %s, first %s", i+2, s.SHA256, a.SHA256)
		}
	}
	sameRows(t, db, a.Snapshot, sums[2].Snapshot)
	checkManifest(t, sums[2])
}

// reopenStore closes db and opens its file again with opt.
func reopenStore(t testing.TB, db *queries.DB, opt queries.Options) *queries.DB {
	t.Helper()
	path := db.Path
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := queries.Open(context.Background(), path, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// sameRows checks that two snapshot files hold the same tables, rows and
// comments, and that every column has a comment.
func sameRows(t testing.TB, db *queries.DB, pathA, pathB string) {
	t.Helper()
	ctx := context.Background()
	for alias, p := range map[string]string{"sa": pathA, "sb": pathB} {
		if _, err := db.ExecContext(ctx, `ATTACH `+quoteLiteral(p)+` AS `+alias+` (READ_ONLY true)`); err != nil {
			t.Fatal(err)
		}
		defer db.ExecContext(ctx, `DETACH `+alias)
	}
	for _, tbl := range snapshotTables {
		q := `SELECT (SELECT count(*) FROM (FROM sa.` + tbl + ` EXCEPT ALL FROM sb.` + tbl + `)) + (SELECT count(*) FROM (FROM sb.` + tbl + ` EXCEPT ALL FROM sa.` + tbl + `))`
		if got := queryString(t, db, q); got != "0" {
			t.Errorf("table %s: %s rows differ between two publishes", tbl, got)
		}
	}
	q := `SELECT count(*) FROM (SELECT table_name, column_name, comment FROM duckdb_columns() WHERE database_name = 'sa'
		EXCEPT SELECT table_name, column_name, comment FROM duckdb_columns() WHERE database_name = 'sb')`
	if got := queryString(t, db, q); got != "0" {
		t.Errorf("%s column comments differ", got)
	}
	q = `SELECT count(*) FROM duckdb_columns() WHERE database_name = 'sa' AND (comment IS NULL OR comment = '')`
	if got := queryString(t, db, q); got != "0" {
		t.Errorf("%s snapshot columns without a comment", got)
	}
}

// checkManifest runs sha256sum -c on the manifest when the tool exists.
func checkManifest(t testing.TB, sum PublishSummary) {
	t.Helper()
	if _, err := exec.LookPath("sha256sum"); err != nil {
		t.Log("sha256sum not installed: manifest not checked by it")
		return
	}
	cmd := exec.Command("sha256sum", "--quiet", "-c", filepath.Base(sum.Checksums))
	cmd.Dir = filepath.Dir(sum.Checksums)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sha256sum -c: %v\n%s", err, out)
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// identifierColumns identify a record or a person: two recipients' files
// must share none of their values.
var identifierColumns = []string{"activity_id", "event_id", "group_id", "person_key", "worker_id"}

// sharedColumns may hold equal values in two recipients' record tables:
// categories, dates, counts, reference codes and export times. They are
// the quasi-identifiers the codebook warns about, not keys.
var sharedColumns = []string{"activity_date", "age_band", "birth_year", "duration_min", "event_date", "exported_at",
	"group_format", "initiated_by", "kind", "lives_alone", "neighbourhood", "new_to_services", "participants",
	"partner_id", "planned", "referral_to", "service", "setting", "sex", "status"}

// TestPublishRecipientsShareNoIdentifier compares every column's value set
// in the record tables of two recipients' snapshots of the same month.
func TestPublishRecipientsShareNoIdentifier(t *testing.T) {
	db, _ := smallTerritory(t)
	ctx := context.Background()
	month := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	snaps := map[string]string{}
	for _, r := range []string{"uni-a", "uni-b"} {
		opt := publishOpt(t, month)
		opt.Recipient = r
		sum, err := Publish(ctx, db, opt)
		if err != nil {
			t.Fatal(err)
		}
		snaps[r] = sum.Snapshot
		if _, err := db.ExecContext(ctx, `ATTACH `+quoteLiteral(sum.Snapshot)+` AS "`+r+`" (READ_ONLY true)`); err != nil {
			t.Fatal(err)
		}
	}
	records := []string{"activities", "activity_versions", "attendance", "attendance_versions", "crisis_events", "crisis_event_versions"}
	for _, tbl := range records {
		colsA, colsB := columnsOf(t, db, "uni-a", tbl), columnsOf(t, db, "uni-b", tbl)
		for _, c := range colsA {
			if !slices.Contains(colsB, c) {
				continue // birth_year: uni-b has age bands instead
			}
			shared := queryString(t, db, `SELECT count(*) FROM (SELECT DISTINCT "`+c+`"::VARCHAR FROM "uni-a".`+tbl+` WHERE "`+c+`" IS NOT NULL
				INTERSECT SELECT DISTINCT "`+c+`"::VARCHAR FROM "uni-b".`+tbl+`)`)
			switch {
			case slices.Contains(identifierColumns, c):
				if shared != "0" {
					t.Errorf("%s.%s: %s values shared by the two recipients", tbl, c, shared)
				}
				if own := queryString(t, db, `SELECT count(*) FROM (SELECT DISTINCT "`+c+`"::VARCHAR FROM "uni-a".`+tbl+` WHERE "`+c+`" IS NOT NULL INTERSECT SELECT DISTINCT "`+c+`"::VARCHAR FROM main.`+tbl+`)`); own != "0" {
					t.Errorf("%s.%s: %s values equal to the store's own", tbl, c, own)
				}
			case c == "file_id" || c == "line":
				t.Errorf("%s.%s is in a recipient's snapshot", tbl, c)
			case shared != "0" && !slices.Contains(sharedColumns, c):
				t.Errorf("%s.%s: %s values shared by the two recipients, and not a documented quasi-identifier", tbl, c, shared)
			}
		}
	}
	// Within a snapshot the re-keying keeps the joins: attendance to its group activity.
	q := `SELECT count(*) FROM "uni-a".attendance a SEMI JOIN "uni-a".activities x USING (activity_id)`
	if got, all := queryString(t, db, q), queryString(t, db, `SELECT count(*) FROM "uni-a".attendance`); got != all || all == "0" {
		t.Errorf("attendance joined to activities within a snapshot: %s of %s", got, all)
	}
	if got := queryString(t, db, `SELECT count(*) FROM duckdb_columns() WHERE database_name = 'uni-b' AND column_name = 'birth_year'`); got != "0" {
		t.Errorf("coarse snapshot has %s birth_year columns, want age bands only", got)
	}
	if got := queryString(t, db, `SELECT count(*) FILTER (age_band IS NOT NULL) > 0 AND count(*) FILTER (age_band NOT IN ('0-17','18-24','25-34','35-44','45-54','55-64','65-74','75-84','85+')) = 0 FROM "uni-b".activities`); got != "true" {
		t.Errorf("age bands: %s", got)
	}
}

// columnsOf lists the columns of a table of an attached database.
func columnsOf(t testing.TB, db *queries.DB, database, table string) []string {
	t.Helper()
	s := queryString(t, db, `SELECT string_agg(column_name, ',' ORDER BY column_index) FROM duckdb_columns()
		WHERE database_name = '`+database+`' AND table_name = '`+table+`'`)
	return strings.Split(s, ",")
}

func TestPublishCarriesTheKeyFingerprintAndCentre(t *testing.T) {
	db := openStore(t)
	loadBasics(t, db)
	opt := publishOpt(t, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	sum, err := Publish(context.Background(), db, opt)
	if err != nil {
		t.Fatal(err)
	}
	got := readInOtherProcess(t, sum.Snapshot, `SELECT string_agg(key || '=' || value, ' ' ORDER BY key) FROM about
		WHERE key IN ('centre_id', 'key_fingerprint', 'as_of', 'computed_at')`)
	// computed_at is the latest exported_at of the data: 2024-04-02T08:00:00-04:00.
	want := "as_of=2024-03 centre_id=est computed_at=2024-04-02T12:00:00Z key_fingerprint=" + pseudonym.Fingerprint(testKey)
	if got != want {
		t.Errorf("about = %q, want %q", got, want)
	}
	if filepath.Base(sum.Snapshot) != "proximite-est-2024-03.duckdb" {
		t.Errorf("snapshot named %s", filepath.Base(sum.Snapshot))
	}
	book := readFile(t, sum.Codebook)
	for _, s := range []string{"Values are exact (unsuppressed)", "America/Montreal", "### reach_persons", "Quasi-identifiers present",
		"live store is not for researchers", "read_only=True", "read_only = TRUE", "duckdb -readonly", "## Tables", "### indicator_values"} {
		if !strings.Contains(book, s) {
			t.Errorf("codebook lacks %q", s)
		}
	}
	opt.Centre = Centre{ID: "ouest", Name: "Centre Ouest"}
	if _, err := Publish(context.Background(), db, opt); !errors.Is(err, ErrRecipient) || !strings.Contains(err.Error(), `"est"`) {
		t.Errorf("publishing a store of centre est as ouest: err = %v, want a refusal naming est", err)
	}
}

// readInOtherProcess runs this test binary as a helper that opens path
// read-only and prints the single value of query.
func readInOtherProcess(t testing.TB, path, query string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperReadSnapshot$")
	cmd.Env = append(os.Environ(), "PROXIMITE_HELPER_DB="+path, "PROXIMITE_HELPER_QUERY="+query)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper process: %v\n%s", err, out)
	}
	s := string(out)
	_, val, _ := strings.Cut(s, "VALUE=")
	val, _, _ = strings.Cut(val, "\n")
	return val
}

func TestHelperReadSnapshot(t *testing.T) {
	path := os.Getenv("PROXIMITE_HELPER_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	db, err := queries.Open(context.Background(), path, queries.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v string
	if err := db.QueryRow(os.Getenv("PROXIMITE_HELPER_QUERY")).Scan(&v); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("VALUE=" + v + "\n")
}

// wideDates is the test ingest with a date window that reaches past the
// fixture's last month (2025-06): the test clock (fixedNow, May 2024) would
// otherwise reject everything after May 2025 as out_of_range.
func wideDates() IngestOptions {
	o := testOptions()
	o.Dates.To = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	return o
}
