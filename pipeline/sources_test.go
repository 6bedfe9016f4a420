package pipeline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// pullDirs makes inbox, staging, archive and quarantine folders.
func pullDirs(t testing.TB) PullOptions {
	t.Helper()
	root := t.TempDir()
	opt := PullOptions{StableWait: 50 * time.Millisecond, Ingest: testOptions()}
	opt.Folders = []string{filepath.Join(root, "inbox")}
	opt.Staging = filepath.Join(root, "staging")
	opt.Archive = filepath.Join(root, "archive")
	opt.Quarantine = filepath.Join(root, "quarantine")
	for _, d := range []string{opt.Folders[0], opt.Staging} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return opt
}

func TestPullFolderAndHTTP(t *testing.T) {
	db := openStore(t)
	opt := pullDirs(t)
	inbox := opt.Folders[0]
	write(t, inbox, "neighbourhoods.csv", refNeighbourhoods, true)
	write(t, inbox, "partners.csv", refPartners, false)
	write(t, inbox, "notes.txt", "not an export", false)
	write(t, inbox, "crisis_events_bad.csv", "event_id\nE1\n", false)
	var gets, notModified atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		if r.Header.Get("Authorization") != "Bearer s3cret" {
			http.Error(w, "no token", http.StatusUnauthorized)
			return
		}
		if r.Header.Get("If-None-Match") == `"v1"` {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Disposition", `attachment; filename="activities_2024-03.csv"`)
		w.Write([]byte(activitiesV1))
	}))
	defer srv.Close()
	opt.URLs = []HTTPSource{{URL: srv.URL + "/export", Token: "s3cret"}}
	job := PullJob(opt)

	res, err := job(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Changed || res.Files != 4 || res.Rows == 0 {
		t.Errorf("first pull = %+v, want 4 files (3 taken + 1 rejected) and rows", res)
	}
	if got := count(t, db, `SELECT count(*) FROM activities`); got != 3 {
		t.Errorf("activities = %d, want 3", got)
	}
	day := filepath.Join(opt.Archive, fixedNow().Format("2006-01-02"))
	for _, p := range []string{filepath.Join(day, "activities_2024-03.csv"), filepath.Join(day, "neighbourhoods.csv"),
		filepath.Join(opt.Quarantine, "notes.txt.reason.txt"), filepath.Join(opt.Quarantine, "crisis_events_bad.csv.reason.txt")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("missing %s: %v", p, err)
		}
	}
	if left, _ := os.ReadDir(inbox); len(left) != 0 {
		t.Errorf("inbox still holds %d files, want 0", len(left))
	}
	res, err = job(context.Background(), db)
	if err != nil || res.Changed {
		t.Errorf("second pull = %+v, %v; want nothing changed", res, err)
	}
	if gets.Load() != 2 || notModified.Load() != 1 {
		t.Errorf("GETs = %d (304: %d), want 2 (1)", gets.Load(), notModified.Load())
	}
}

func TestPullWaitsForCompleteFiles(t *testing.T) {
	opt := pullDirs(t)
	inbox := opt.Folders[0]
	p := write(t, inbox, "activities_x.csv", "activity_id\n", false)
	grow := make(chan struct{})
	go func() { // keeps writing during the two looks
		defer close(grow)
		for i := 0; i < 6; i++ {
			time.Sleep(15 * time.Millisecond)
			f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString("A,\n")
			f.Close()
		}
	}()
	got, _, err := readyFiles(context.Background(), opt.Folders, 50*time.Millisecond, 0)
	<-grow
	if err != nil || len(got) != 0 {
		t.Errorf("growing file: ready = %v %v, want none", got, err)
	}
	write(t, inbox, "activities_y.csv", "x", false)
	write(t, inbox, "activities_y.csv.done", "", false)
	got, _, _ = readyFiles(context.Background(), opt.Folders, 0, 0)
	if len(got) != 2 || got[0].path != filepath.Join(inbox, "activities_x.csv") || got[1].path != filepath.Join(inbox, "activities_y.csv") {
		t.Errorf("ready = %v, want x (now stable) and y (marker)", got)
	}
}

func TestPullInterruptedKeepsNoPartialData(t *testing.T) {
	db := openStore(t)
	opt := pullDirs(t)
	inbox := opt.Folders[0]
	write(t, inbox, "neighbourhoods.csv", refNeighbourhoods, true)
	var b strings.Builder
	b.WriteString("event_id,event_date,neighbourhood,service,client_id,status,exported_at\n")
	for i := 0; i < 2*progressEvery+10; i++ {
		b.WriteString("E" + strconv.Itoa(i) + ",2024-03-01,JF,crisis_line,,active,2024-04-01T00:00:00\n")
	}
	big := write(t, inbox, "crisis_events_big.csv", b.String(), false)
	ctx, cancel := context.WithCancel(context.Background())
	opt.Ingest.Progress = func(pr Progress) { // SIGTERM arrives mid-file
		if pr.Result == nil && pr.Rows >= progressEvery {
			cancel()
		}
	}
	if _, err := PullJob(opt)(ctx, db); err == nil {
		t.Fatal("interrupted pull returned nil error")
	}
	if got := count(t, db, `SELECT count(*) FROM crisis_event_versions`); got != 0 {
		t.Errorf("%d rows kept from the interrupted file, want 0", got)
	}
	if _, err := os.Stat(big); err != nil {
		t.Errorf("interrupted file left the inbox: %v (it must be taken again next pull)", err)
	}
}
