package pipeline

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"proximite/queries"
)

// The supersede pass is skipped for a file whose keys are distinct and
// whose key range holds no version of another file; these files probe the
// edges of that test, and the current rows and superseded versions are
// stated by hand.
func TestIngestSupersedeSkipByKeyRange(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db)
	// a: E1, E5. b: E3 falls in a's range without being a's (nothing
	// superseded), E7 is new. c: E5 re-exported later, twice (line 3
	// wins within c, and over a's E5), and E9, outside every range.
	// d: distinct keys entirely above the others' range: skipped. e: one
	// distinct key, b's E7 re-exported later: the range test must find b's.
	pa := write(t, dir, "crisis_events_a.csv", crisisHeader+
		"E1,2024-03-01,JF,crisis_line,,active,2024-04-02T08:00:00\n"+
		"E5,2024-03-01,JF,crisis_line,,active,2024-04-02T08:00:00\n", false)
	pb := write(t, dir, "crisis_events_b.csv", crisisHeader+
		"E3,2024-03-02,JF,other,,active,2024-04-02T08:00:00\n"+
		"E7,2024-03-02,JF,other,,active,2024-04-02T08:00:00\n", false)
	pc := write(t, dir, "crisis_events_c.csv", crisisHeader+
		"E5,2024-03-01,JF,ed_psychosocial,,active,2024-04-09T08:00:00\n"+
		"E5,2024-03-01,JF,crisis_intervention,,active,2024-04-09T08:00:00\n"+
		"E9,2024-03-03,JF,other,,active,2024-04-09T08:00:00\n", false)
	pd := write(t, dir, "crisis_events_d.csv", crisisHeader+
		"F1,2024-03-04,JF,other,,active,2024-04-09T08:00:00\n", false)
	pe := write(t, dir, "crisis_events_e.csv", crisisHeader+
		"E7,2024-03-02,JF,crisis_line,,active,2024-04-10T08:00:00\n", false)
	// One run, then the same files one run each into another store: the
	// same current rows and superseded versions.
	ingestOK(t, db, pa, pb, pc, pd, pe)
	apart := openStore(t)
	loadBasics(t, apart)
	for _, p := range []string{pa, pb, pc, pd, pe} {
		ingestOK(t, apart, p)
	}
	want := "E1:crisis_line E3:other E5:crisis_intervention E7:crisis_line E9:other F1:other"
	const superseded = `SELECT m.file_name || ':' || s.line || ' by ' || b.file_name FROM superseded_versions s
		JOIN ingest_manifest m USING (file_id) JOIN ingest_manifest b ON b.file_id = s.by_file_id ORDER BY ALL`
	wantSup := "crisis_events_a.csv:3 by crisis_events_c.csv crisis_events_b.csv:3 by crisis_events_e.csv " +
		"crisis_events_c.csv:2 by crisis_events_c.csv"
	for name, db := range map[string]*queries.DB{"one run": db, "a run per file": apart} {
		if got := crisisNow(t, db); got != want {
			t.Errorf("%s: current = %s, want %s", name, got, want)
		}
		if got := rows(t, db, superseded); got != wantSup {
			t.Errorf("%s: superseded = %q, want %q", name, got, wantSup)
		}
		checkOneCurrentPerKey(t, db)
	}
}

// Files read ahead are checked for their bytes when their turn comes: the
// same bytes twice in one run load once, and a file rejected whole between
// two good ones leaves only its manifest row.
func TestIngestReadAheadSkipsAndRejectsInTurn(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db)
	body := crisisHeader + "E1,2024-03-01,JF,crisis_line,,active,2024-04-02T08:00:00\n"
	p1 := write(t, dir, "crisis_events_1.csv", body, false)
	p2 := write(t, dir, "crisis_events_2.csv", "event_id,event_date,neighbourhood,status,exported_at\nE2,2024-03-01,JF,active,2024-04-01T00:00:00\n", false)
	p3 := write(t, dir, "crisis_events_3.csv", body, false)
	p4 := write(t, dir, "crisis_events_4.csv", crisisHeader+"E4,2024-03-01,JF,other,,active,2024-04-02T08:00:00\n", false)
	sum := ingestOK(t, db, p1, p2, p3, p4)
	var got []string
	for _, f := range sum.Files {
		got = append(got, f.Status)
	}
	if want := "loaded rejected skipped loaded"; strings.Join(got, " ") != want {
		t.Errorf("statuses %v, want %s", got, want)
	}
	if got := crisisNow(t, db); got != "E1:crisis_line E4:other" {
		t.Errorf("current = %s, want E1:crisis_line E4:other", got)
	}
	if got := count(t, db, `SELECT count(*) FROM crisis_event_versions`); got != 2 {
		t.Errorf("%d versions, want 2", got)
	}
}

// A run cancelled while the writer is on one file and the reader on the
// next ends its reading goroutine and keeps nothing of either file.
func TestIngestReadAheadCancelReleasesAll(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db)
	var b strings.Builder
	b.WriteString(crisisHeader)
	for i := 0; i < 2*progressEvery+10; i++ {
		b.WriteString("E" + strconv.Itoa(i) + ",2024-03-01,JF,crisis_line,,active,2024-04-01T00:00:00\n")
	}
	p1 := write(t, dir, "crisis_events_1.csv", b.String(), false)
	p2 := write(t, dir, "crisis_events_2.csv", strings.ReplaceAll(b.String(), "E", "F"), false)
	ctx, cancel := context.WithCancel(context.Background())
	opt := testOptions()
	opt.Progress = func(pr Progress) {
		if pr.Result == nil && pr.Rows >= progressEvery {
			cancel()
		}
	}
	if _, err := Ingest(ctx, db, []string{p1, p2}, opt); err == nil {
		t.Fatal("Ingest after cancel returned nil error")
	}
	if got := count(t, db, `SELECT count(*) FROM crisis_event_versions`); got != 0 {
		t.Errorf("%d rows kept from interrupted files, want 0", got)
	}
	if got := count(t, db, `SELECT count(*) FROM ingest_manifest WHERE file_name LIKE 'crisis_events_%'`); got != 0 {
		t.Errorf("manifest rows for the interrupted files = %d, want 0", got)
	}
	// The goroutines of the run (the reader of a default build, the batch
	// builder of a duckdb_arrow build) end with it.
	deadline := time.Now().Add(2 * time.Second)
	for {
		buf := make([]byte, 1<<20)
		stacks := string(buf[:runtime.Stack(buf, true)])
		left := strings.Contains(stacks, "pipeline.readAhead") || strings.Contains(stacks, "pipeline.loadBatches")
		if !left {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a goroutine of the run is left:\n%s", stacks)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
