package pipeline

import (
	"context"
	"strings"
	"testing"

	"proximite/queries"
)

// The re-export rule, case by case: activities, attendance and
// crisis_events are views of the versions not superseded, and these tests
// state by hand which version each must show.

const crisisHeader = "event_id,event_date,neighbourhood,service,client_id,status,exported_at\n"

// rows returns the query's single text column, one value per row, joined by
// spaces (the query must order its rows).
func rows(t *testing.T, db *queries.DB, query string) string {
	t.Helper()
	rs, err := db.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
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
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, " ")
}

// crisisNow lists the current crisis events as id:service.
func crisisNow(t *testing.T, db *queries.DB) string {
	return rows(t, db, `SELECT event_id || ':' || service FROM crisis_events ORDER BY event_id`)
}

// checkOneCurrentPerKey fails unless each record key has exactly one
// current version and every key received has one.
func checkOneCurrentPerKey(t *testing.T, db *queries.DB) {
	t.Helper()
	for _, c := range []struct{ view, versions, key string }{
		{"activities", "activity_versions", "activity_id"},
		{"attendance", "attendance_versions", "activity_id, person_key"},
		{"crisis_events", "crisis_event_versions", "event_id"},
	} {
		q := `SELECT (SELECT count(*) FROM ` + c.view + `) - (SELECT count(*) FROM (SELECT DISTINCT ` + c.key + ` FROM ` + c.versions + `))`
		if got := count(t, db, q); got != 0 {
			t.Errorf("%s: %d rows more than keys received", c.view, got)
		}
		q = `SELECT count(*) FROM (SELECT DISTINCT ` + c.key + ` FROM ` + c.view + `)`
		if got, all := count(t, db, q), count(t, db, `SELECT count(*) FROM `+c.view); got != all {
			t.Errorf("%s: %d distinct keys in %d rows", c.view, got, all)
		}
	}
}

func TestIngestOlderReExportArrivingLaterDoesNotSupersede(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db)
	ingestOK(t, db, write(t, dir, "crisis_events_a.csv", crisisHeader+
		"E1,2024-03-01,JF,crisis_line,,active,2024-04-09T08:00:00\n", false))
	ingestOK(t, db, write(t, dir, "crisis_events_b.csv", crisisHeader+
		"E1,2024-03-01,JF,other,,active,2024-04-02T08:00:00\n", false))
	if got := crisisNow(t, db); got != "E1:crisis_line" {
		t.Errorf("current = %s, want E1:crisis_line (the newer export, loaded first)", got)
	}
	// The later file's own version is the one marked superseded.
	// The later file's own version is the one marked superseded, by that
	// file's load.
	got := rows(t, db, `SELECT m.file_name || ':' || s.line || ' by ' || b.file_name FROM superseded_versions s
		JOIN ingest_manifest m USING (file_id) JOIN ingest_manifest b ON b.file_id = s.by_file_id ORDER BY ALL`)
	if got != "crisis_events_b.csv:2 by crisis_events_b.csv" {
		t.Errorf("superseded = %q, want crisis_events_b.csv:2 by crisis_events_b.csv", got)
	}
	checkOneCurrentPerKey(t, db)
}

func TestIngestEqualExportedAtLaterFileWins(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db)
	// One run, two files: they load in path order, so _b is the later file.
	p1 := write(t, dir, "crisis_events_a.csv", crisisHeader+
		"E1,2024-03-01,JF,crisis_line,,active,2024-04-09T08:00:00\n"+
		"E2,2024-03-02,JF,crisis_line,,active,2024-04-09T08:00:00\n", false)
	p2 := write(t, dir, "crisis_events_b.csv", crisisHeader+
		"E1,2024-03-01,JF,other,,active,2024-04-09T08:00:00\n", false)
	ingestOK(t, db, p2, p1)
	if got := crisisNow(t, db); got != "E1:other E2:crisis_line" {
		t.Errorf("after one run: %s, want E1:other (the later file on a tie) E2:crisis_line", got)
	}
	// A later run, again on a tie: the later-loaded file wins again.
	ingestOK(t, db, write(t, dir, "crisis_events_c.csv", crisisHeader+
		"E1,2024-03-01,JF,ed_psychosocial,,active,2024-04-09T08:00:00\n", false))
	if got := crisisNow(t, db); got != "E1:ed_psychosocial E2:crisis_line" {
		t.Errorf("after a second run: %s, want E1:ed_psychosocial", got)
	}
	checkOneCurrentPerKey(t, db)
}

func TestIngestDuplicateKeyWithinFile(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db)
	ingestOK(t, db, write(t, dir, "crisis_events_a.csv", crisisHeader+
		"E1,2024-03-01,JF,crisis_line,,active,2024-04-09T08:00:00\n"+ // line 2
		"E2,2024-03-02,JF,crisis_line,,active,2024-04-10T08:00:00\n"+ // line 3: newer export than line 4
		"E1,2024-03-01,JF,other,,active,2024-04-09T08:00:00\n"+ // line 4: same export time, later line wins
		"E2,2024-03-02,JF,other,,active,2024-04-09T08:00:00\n"+ // line 5: older export, loses though later
		"E3,2024-03-03,JF,other,,cancelled,2024-04-09T08:00:00\n", false))
	if got := crisisNow(t, db); got != "E1:other E2:crisis_line E3:other" {
		t.Errorf("current = %s, want E1:other E2:crisis_line E3:other", got)
	}
	if got := rows(t, db, `SELECT line::VARCHAR FROM superseded_versions ORDER BY line`); got != "2 5" {
		t.Errorf("superseded lines = %q, want 2 5", got)
	}
	// A later file whose own duplicates straddle the current version.
	ingestOK(t, db, write(t, dir, "crisis_events_b.csv", crisisHeader+
		"E2,2024-03-02,JF,police_mental_health,,active,2024-04-11T08:00:00\n"+
		"E2,2024-03-02,JF,other,,active,2024-04-01T08:00:00\n", false))
	if got := crisisNow(t, db); got != "E1:other E2:police_mental_health E3:other" {
		t.Errorf("current = %s, want E2:police_mental_health", got)
	}
	// Line 3 of a by b's newer version, line 3 of b by b's own line 2.
	got := rows(t, db, `SELECT m.file_name || ':' || s.line || '<' || b.file_name FROM superseded_versions s
		JOIN ingest_manifest m USING (file_id) JOIN ingest_manifest b ON b.file_id = s.by_file_id ORDER BY ALL`)
	want := "crisis_events_a.csv:2<crisis_events_a.csv crisis_events_a.csv:3<crisis_events_b.csv " +
		"crisis_events_a.csv:5<crisis_events_a.csv crisis_events_b.csv:3<crisis_events_b.csv"
	if got != want {
		t.Errorf("superseded = %s\nwant %s", got, want)
	}
	checkOneCurrentPerKey(t, db)
}

func TestIngestAttendanceReExport(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db) // A2 is a group activity
	const head = "activity_id,client_id,lives_alone,status,exported_at\n"
	ingestOK(t, db, write(t, dir, "attendance_a.csv", head+
		"A2,AAA 1,Y,active,2024-04-02T08:00:00\n"+
		"A2,BBB 2,Y,active,2024-04-02T08:00:00\n"+
		"A2,aaa-1,N,active,2024-04-02T08:00:00\n", false)) // same person as line 2: later line wins
	ingestOK(t, db, write(t, dir, "attendance_b.csv", head+
		"A2,BBB2,N,cancelled,2024-04-03T08:00:00\n"+
		"A2,AAA1,Y,cancelled,2024-04-01T08:00:00\n", false)) // older: does not supersede
	got := rows(t, db, `SELECT lives_alone::VARCHAR || ':' || status FROM attendance ORDER BY lives_alone, status`)
	if got != "false:active false:cancelled" {
		t.Errorf("attendance = %s, want AAA1 false:active (line 4 of a) and BBB2 false:cancelled (b)", got)
	}
	if got := count(t, db, `SELECT count(*) FROM attendance_versions`); got != 5 {
		t.Errorf("attendance versions = %d, want 5", got)
	}
	checkOneCurrentPerKey(t, db)
}

// TestIngestKillBetweenFilesLeavesConsistentStore stops a run after its
// first record file: the store must hold that file's records, current as
// the rule says; loading again finishes the run, and the result is the
// store a run without interruption builds.
func TestIngestKillBetweenFilesLeavesConsistentStore(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "neighbourhoods.csv", refNeighbourhoods, true)
	write(t, dir, "partners.csv", refPartners, false)
	write(t, dir, "activities_2024-03.csv", activitiesV1, false)
	write(t, dir, "activities_2024-04.csv", activitiesV2, false)
	write(t, dir, "crisis_events_a.csv", crisisHeader+"E1,2024-03-01,JF,crisis_line,,active,2024-04-09T08:00:00\n", false)

	straight := openStore(t)
	ingestOK(t, straight, dir)

	db := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	opt := testOptions()
	opt.Progress = func(p Progress) {
		if p.Result != nil && strings.HasSuffix(p.File, "activities_2024-03.csv") {
			cancel()
		}
	}
	if _, err := Ingest(ctx, db, []string{dir}, opt); err == nil {
		t.Fatal("the interrupted run reported no error")
	}
	checkOneCurrentPerKey(t, db)
	if got := rows(t, db, `SELECT activity_id || ':' || duration_min FROM activities ORDER BY activity_id`); got != "A1:45 A2:90 A3:60" {
		t.Errorf("after the first file: %s, want A1:45 A2:90 A3:60", got)
	}
	if got := count(t, db, `SELECT count(*) FROM superseded_versions`); got != 0 {
		t.Errorf("superseded after the first file = %d, want 0", got)
	}
	ingestOK(t, db, dir)
	checkOneCurrentPerKey(t, db)
	const all = `SELECT activity_id || ':' || duration_min || ':' || status FROM activities ORDER BY activity_id`
	if got, want := rows(t, db, all), rows(t, straight, all); got != want || want != "A1:50:active A2:90:cancelled A3:60:active" {
		t.Errorf("resumed run: %s; straight run: %s; want A1:50:active A2:90:cancelled A3:60:active", got, want)
	}
	if got, want := crisisNow(t, db), crisisNow(t, straight); got != want || got != "E1:crisis_line" {
		t.Errorf("crisis events: resumed %s, straight %s", got, want)
	}
}
