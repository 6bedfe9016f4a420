package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"proximite/queries"
)

var testKey = []byte("test-key-0123456789abcdef")

// fixedNow is the test clock: manifests and loads get stable times.
func fixedNow() time.Time { return time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC) }

func testOptions() IngestOptions {
	loc, _ := time.LoadLocation("America/Montreal")
	return IngestOptions{Key: testKey, Location: loc, Now: fixedNow, Version: "test"}
}

// openStore opens a store in a temp file (so its bytes can be searched).
func openStore(t testing.TB) *queries.DB {
	t.Helper()
	db, err := queries.Open(context.Background(), filepath.Join(t.TempDir(), "t.duckdb"), queries.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// write creates name in dir with content (converted to Windows-1252 when cp1252).
func write(t testing.TB, dir, name, content string, cp1252 bool) string {
	t.Helper()
	b := []byte(content)
	if cp1252 {
		var err error
		b, err = charmap.Windows1252.NewEncoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func ingestOK(t testing.TB, db *queries.DB, paths ...string) IngestSummary {
	t.Helper()
	sum, err := Ingest(context.Background(), db, paths, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func count(t testing.TB, db *queries.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

const refNeighbourhoods = "code;name;territory;outreach_start\r\n" +
	"JF;Jardins-Fleuris;CLSC Est;2023-01-01\r\n" +
	"ID;Îlot-Desranleau;CLSC Est;\r\n" +
	"ME;Montée-de-l'Église;CLSC Ouest;2023-06-01\r\n"

const refPartners = "partner_id,name,sector\nP1,Maison de quartier,community\nP2,École Sainte-Œuvre,school\n"

const activitiesV1 = "activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,lives_alone,status,exported_at,group_id,group_format,participants,partner_id\n" +
	"A1,2024-03-05,W1,JF,individual,home,N,worker,45,TREM 5512-3409,Y,active,2024-04-02T08:00:00-04:00,,,,\n" +
	"A2,2024-03-06,W1,JF,group,community_facility,Y,worker,90,,,active,2024-04-02T08:00:00,G1,open,12,\n" +
	"A3,2024-03-07,W2,ME,organizational,partner_premises,Y,partner,60,,,active,2024-04-02T08:00:00,,,,P1\n" +
	"A4,2024-03-08,W2,ZZ,individual,home,N,worker,30,GAGN 1111 2222,,active,2024-04-02T08:00:00,,,,\n" +
	"A5,2024-03-32,W2,JF,individual,home,N,worker,30,GAGN 1111 2222,,active,2024-04-02T08:00:00,,,,\n"

const activitiesV2 = "activity_id;activity_date;worker_id;neighbourhood;kind;setting;planned;initiated_by;duration_min;client_id;status;exported_at;group_id;group_format;participants;partner_id\n" +
	"A1;2024-03-05;W1;JF;individual;home;N;worker;50;trem55123409;active;2024-04-09T08:00:00-04:00;;;;\n" +
	"A2;2024-03-06;W1;JF;group;community_facility;Y;worker;90;;cancelled;2024-04-09T08:00:00-04:00;G1;open;12;\n" +
	"A3;2024-03-07;W2;ME;organizational;partner_premises;Y;partner;99;;active;2024-03-01T08:00:00-04:00;;;;P1\n"

// loadBasics loads the reference files and the first activity export.
func loadBasics(t *testing.T, db *queries.DB) (string, IngestSummary) {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "neighbourhoods.csv", refNeighbourhoods, true)
	write(t, dir, "partners.csv", refPartners, false)
	write(t, dir, "activities_2024-03.csv", activitiesV1, false)
	return dir, ingestOK(t, db, dir)
}

func TestIngestReferenceDataKeepsAccents(t *testing.T) {
	db := openStore(t)
	loadBasics(t, db)
	var names string
	db.QueryRow(`SELECT string_agg(name, '|' ORDER BY code) FROM neighbourhoods`).Scan(&names)
	if want := "Îlot-Desranleau|Jardins-Fleuris|Montée-de-l'Église"; names != want {
		t.Errorf("names = %q, want %q", names, want)
	}
	var enc, delim string
	db.QueryRow(`SELECT encoding, delimiter FROM ingest_manifest WHERE kind = 'neighbourhoods'`).Scan(&enc, &delim)
	if enc != "windows-1252" || delim != ";" {
		t.Errorf("detected %s %q, want windows-1252 ;", enc, delim)
	}
}

func TestIngestRejectsRowsWithReasons(t *testing.T) {
	db := openStore(t)
	_, sum := loadBasics(t, db)
	if !sum.HasRejects() {
		t.Error("HasRejects = false, want true")
	}
	if got := count(t, db, `SELECT count(*) FROM activities`); got != 3 {
		t.Errorf("activities = %d, want 3 (A4 unknown neighbourhood, A5 bad date)", got)
	}
	rows, _ := db.Query(`SELECT line, column_name, reason FROM rejected_rows ORDER BY line`)
	defer rows.Close()
	var got []string
	for rows.Next() {
		var line int
		var col, reason string
		rows.Scan(&line, &col, &reason)
		got = append(got, strings.Join([]string{strconv.Itoa(line), col, reason}, ":"))
	}
	want := []string{"5:neighbourhood:unknown_neighbourhood", "6:activity_date:invalid_date"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("rejected rows = %v, want %v", got, want)
	}
}

func TestIngestReExportLatestWinsAndCancels(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db)
	write(t, dir, "activities_2024-03_reexport.csv", activitiesV2, false)
	ingestOK(t, db, filepath.Join(dir, "activities_2024-03_reexport.csv"))

	var dur int
	db.QueryRow(`SELECT duration_min FROM activities WHERE activity_id = 'A1'`).Scan(&dur)
	if dur != 50 {
		t.Errorf("A1 duration = %d, want 50 (the later export)", dur)
	}
	var status string
	db.QueryRow(`SELECT status FROM activities WHERE activity_id = 'A2'`).Scan(&status)
	if status != "cancelled" {
		t.Errorf("A2 status = %q, want cancelled", status)
	}
	db.QueryRow(`SELECT duration_min FROM activities WHERE activity_id = 'A3'`).Scan(&dur)
	if dur != 60 {
		t.Errorf("A3 duration = %d, want 60 (the older re-export must not win)", dur)
	}
	if got := count(t, db, `SELECT count(*) FROM activity_versions WHERE activity_id IN ('A1','A2','A3')`); got != 6 {
		t.Errorf("versions = %d, want 6 (history keeps every version)", got)
	}
	// Same person across spellings: normalization before the keyed hash.
	if got := count(t, db, `SELECT count(DISTINCT person_key) FROM activity_versions WHERE activity_id = 'A1'`); got != 1 {
		t.Errorf("A1 has %d distinct person keys across spellings, want 1", got)
	}
}

func TestIngestSameFileTwiceChangesNothing(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db)
	before := snapshot(t, db)
	sum := ingestOK(t, db, dir)
	for _, f := range sum.Files {
		if f.Status != StatusSkipped {
			t.Errorf("%s: status %s, want skipped", f.Path, f.Status)
		}
	}
	if after := snapshot(t, db); after != before {
		t.Errorf("second load changed the store:\n got %s\nwant %s", after, before)
	}
}

// snapshot summarizes the data tables' contents.
func snapshot(t *testing.T, db *queries.DB) string {
	t.Helper()
	var parts []string
	for _, tbl := range []string{"activities", "activity_versions", "neighbourhoods", "partners", "rejected_rows", "ingest_manifest"} {
		var n int
		var h string
		db.QueryRow(`SELECT count(*), coalesce(sum(hash(t::VARCHAR))::VARCHAR, '') FROM `+tbl+` t`).Scan(&n, &h)
		parts = append(parts, tbl+"="+strconv.Itoa(n)+"/"+h)
	}
	return strings.Join(parts, " ")
}

func TestIngestFileRejectLoadsNothing(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db)
	p := write(t, dir, "crisis_events_2024-03.csv", "event_id,event_date,neighbourhood,status,exported_at\nE1,2024-03-01,JF,active,2024-04-01T00:00:00\n", false)
	sum := ingestOK(t, db, p)
	if f := sum.Files[0]; f.Status != StatusRejected || !strings.Contains(f.Reason, "service") {
		t.Errorf("status %s reason %q, want rejected naming the missing column service", f.Status, f.Reason)
	}
	if got := count(t, db, `SELECT count(*) FROM crisis_event_versions`); got != 0 {
		t.Errorf("%d crisis versions stored from a rejected file, want 0", got)
	}
	if got := count(t, db, `SELECT count(*) FROM ingest_manifest WHERE status = 'rejected'`); got != 1 {
		t.Errorf("rejected manifest rows = %d, want 1", got)
	}
}

// writeBigCrisisFile writes crisis_events_big.csv into dir, long enough for
// two row progress reports, and returns its path.
func writeBigCrisisFile(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("event_id,event_date,neighbourhood,service,client_id,status,exported_at\n")
	for i := 0; i < 2*progressEvery+10; i++ {
		b.WriteString("E" + strconv.Itoa(i) + ",2024-03-01,JF,crisis_line,,active,2024-04-01T00:00:00\n")
	}
	return write(t, dir, "crisis_events_big.csv", b.String(), false)
}

func TestIngestCancelledContextLeavesNoTrace(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db)
	p := writeBigCrisisFile(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	opt := testOptions()
	opt.Progress = func(pr Progress) {
		if pr.Result == nil && pr.Rows >= progressEvery {
			cancel()
		}
	}
	if _, err := Ingest(ctx, db, []string{p}, opt); err == nil {
		t.Fatal("Ingest after cancel returned nil error")
	}
	if got := count(t, db, `SELECT count(*) FROM crisis_event_versions`); got != 0 {
		t.Errorf("%d rows kept from an interrupted file, want 0", got)
	}
	if got := count(t, db, `SELECT count(*) FROM ingest_manifest WHERE file_name = 'crisis_events_big.csv'`); got != 0 {
		t.Errorf("manifest rows for the interrupted file = %d, want 0", got)
	}
}

func TestIngestNeverStoresRawClientIDs(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.duckdb")
	db, err := queries.Open(context.Background(), path, queries.Options{})
	if err != nil {
		t.Fatal(err)
	}
	loadBasics(t, db)
	db.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"TREM 5512-3409", "TREM55123409", "trem55123409", "GAGN 1111 2222", "GAGN11112222"} {
		if bytes.Contains(b, []byte(raw)) {
			t.Errorf("database file contains raw client_id %q", raw)
		}
	}
}

func TestIngestRefusesWithoutKey(t *testing.T) {
	db := openStore(t)
	opt := testOptions()
	opt.Key = nil
	if _, err := Ingest(context.Background(), db, []string{t.TempDir()}, opt); err == nil || !strings.Contains(err.Error(), "key") {
		t.Errorf("err = %v, want a refusal naming the key", err)
	}
}
