package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"proximite/queries"
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
	// A copy that stalled: its size does not move, but it was modified just now.
	x := write(t, inbox, "activities_x.csv", "activity_id\n", false)
	got, _, err := readyFiles(context.Background(), opt.Folders, 0, time.Hour)
	if err != nil || len(got) != 0 {
		t.Errorf("recently modified file: ready = %v %v, want none", got, err)
	}
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(x, old, old)
	write(t, inbox, "activities_y.csv", "x", false)
	write(t, inbox, "activities_y.csv.done", "", false)
	got, _, _ = readyFiles(context.Background(), opt.Folders, 0, time.Hour)
	if len(got) != 2 || got[0].path != x || got[1].path != filepath.Join(inbox, "activities_y.csv") {
		t.Errorf("ready = %v, want x (now left alone long enough) and y (marker)", got)
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

func TestFetchRefusesIncompleteOrOversizedDownloads(t *testing.T) {
	body := activitiesV1
	sum := sha256.Sum256([]byte(body))
	tests := []struct {
		name    string
		handler http.HandlerFunc
		max     int64
		wantErr string // "" = saved
	}{
		{name: "content-length matches", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			io.WriteString(w, body)
		}},
		{name: "cut short under content-length", wantErr: "cut short", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			io.WriteString(w, body[:len(body)/2])
			hijackClose(w)
		}},
		{name: "no length, no checksum: closed connection is not an end", wantErr: "neither Content-Length nor a checksum", handler: func(w http.ResponseWriter, r *http.Request) {
			rawResponse(w, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"+body[:len(body)/2])
		}},
		{name: "no length, declared checksum matches", handler: func(w http.ResponseWriter, r *http.Request) {
			rawResponse(w, "HTTP/1.1 200 OK\r\nConnection: close\r\nRepr-Digest: sha-256=:"+base64.StdEncoding.EncodeToString(sum[:])+":\r\n\r\n"+body)
		}},
		{name: "declared checksum differs", wantErr: "does not match the SHA-256", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Checksum-SHA256", hex.EncodeToString(sum[:]))
			io.WriteString(w, body[:len(body)-3])
		}},
		{name: "over the size limit", max: 100, wantErr: "over the 100-byte limit", handler: func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, body)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openStore(t)
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			dir := t.TempDir()
			max := tt.max
			if max == 0 {
				max = 1 << 20
			}
			p, err := fetch(context.Background(), queries.New(db), srv.Client(), HTTPSource{URL: srv.URL + "/x", Name: "activities_a.csv"}, dir, max, fixedNow())
			if tt.wantErr == "" {
				if b, rerr := os.ReadFile(p); err != nil || rerr != nil || string(b) != body {
					t.Fatalf("fetch = %q, %v; want the whole body saved", p, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("staging holds %d files, want none", len(left))
			}
			st, _ := queries.New(db).SourceStates(context.Background())
			if len(st) != 1 || st[0].Status != "failed" || !strings.Contains(st[0].Error, tt.wantErr) || st[0].ETag != "" {
				t.Errorf("source state = %+v, want failed with the reason and no ETag kept", st)
			}
		})
	}
}

// hijackClose ends the connection abruptly after what was written.
func hijackClose(w http.ResponseWriter) {
	w.(http.Flusher).Flush()
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		conn.Close()
	}
}

// rawResponse writes a response by hand (no Content-Length, no chunking) and closes.
func rawResponse(w http.ResponseWriter, raw string) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(err)
	}
	buf.WriteString(raw)
	buf.Flush()
	conn.Close()
}

func TestPullSavesEachSourceUnderItsName(t *testing.T) {
	db := openStore(t)
	opt := pullDirs(t)
	write(t, opt.Folders[0], "neighbourhoods.csv", refNeighbourhoods, true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("team")
		io.WriteString(w, "activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,status,exported_at\n"+
			id+"1,2024-03-05,W1,JF,individual,home,N,worker,30,CLIENT 1,active,2024-04-02T08:00:00-04:00\n")
	}))
	defer srv.Close()
	// Both URLs end in "export": each must keep its own file.
	opt.URLs = []HTTPSource{{URL: srv.URL + "/export?team=A", Name: "activities_a.csv"}, {URL: srv.URL + "/export?team=B", Name: "activities_b.csv"}}
	if _, err := PullJob(opt)(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	if got := count(t, db, `SELECT count(*) FROM activities`); got != 2 {
		t.Errorf("activities = %d, want 2 (one per source)", got)
	}
}

func TestPullPrunesTheArchive(t *testing.T) {
	db := openStore(t)
	opt := pullDirs(t)
	opt.ArchiveDays = 90
	old := filepath.Join(opt.Archive, fixedNow().AddDate(0, 0, -91).Format("2006-01-02"))
	kept := filepath.Join(opt.Archive, fixedNow().AddDate(0, 0, -90).Format("2006-01-02"))
	for _, d := range []string{old, kept} {
		os.MkdirAll(d, 0o755)
		write(t, d, "activities_x.csv", "raw", false)
	}
	if _, err := PullJob(opt)(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); err == nil {
		t.Error("a day folder 91 days old is still in the archive")
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("the day folder 90 days old was removed: %v", err)
	}
}
