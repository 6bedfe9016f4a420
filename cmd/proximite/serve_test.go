package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// freePort returns a loopback address nobody listens on (yet).
func freePort(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// serveConfig is a seconds-level configuration: pull every second, compute after it.
func serveConfig(listen string) string {
	return `version: 1
database: p.duckdb
inputs: [inbox]
output: out
serve: {listen: "` + listen + `", seconds: true, stable_wait: 100ms, stable_age: 0s, busy_wait: 10s, month: latest_data}
jobs:
  pull: {schedule: "*/1 * * * * *", allow_dst_window: true}
  compute: {after: pull}
  report: {schedule: "", after: compute, catch_up: false}
  deliver: {schedule: "", after: report}
  publish: {schedule: "", catch_up: false}
recipients: [{name: cisss, territories: [Est], folder: out/delivered/cisss}]
`
}

// liveJob fetches one job's live state from serve's /status.
func liveJob(addr, job string) (status string, ok bool) {
	resp, err := http.Get("http://" + addr + "/status")
	if err != nil {
		return "", false
	}
	defer resp.Body.Close()
	var st liveStatus
	if json.NewDecoder(resp.Body).Decode(&st) != nil {
		return "", false
	}
	for _, j := range st.Jobs {
		if j.Job == job && j.Last != nil {
			return j.Last.Status, true
		}
	}
	return "", false
}

// httpCode GETs url and returns the status code.
func httpCode(t testing.TB, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// pdfText extracts a PDF's text with pdftotext.
func pdfText(t testing.TB, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Skipf("pdftotext: %v", err)
	}
	return string(out)
}

// waitFor polls cond every 200 ms until it holds or d passes.
func waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestServeIngestsADroppedFileAndStopsCleanly(t *testing.T) {
	dir := t.TempDir()
	addr := freePort(t)
	os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(serveConfig(addr)), 0o644)
	inbox := filepath.Join(dir, "inbox")
	os.MkdirAll(inbox, 0o755)
	os.WriteFile(filepath.Join(inbox, "neighbourhoods.csv"), []byte("code,name,territory,outreach_start\nJF,Jardins-Fleuris,Est,2023-01-01\nME,Montée,Est,\n"), 0o644)

	cmd := exec.Command(binPath, "serve")
	cmd.Dir, cmd.Env = dir, append(os.Environ(), keyEnv, "PROXIMITE_LOG=debug")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitFor(t, 30*time.Second, "/healthz", func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == 200
	})

	if r := runBin(t, dir, []string{keyEnv}, "serve"); r.code != exitBusy || !strings.Contains(r.stderr, "already running") {
		t.Errorf("second serve: exit %d %q, want %d and a message saying one is already running", r.code, r.stderr, exitBusy)
	}

	var b strings.Builder
	b.WriteString("activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,status,exported_at\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "A%d,2024-03-%02d,W1,JF,individual,home,N,worker,30,CLIENT %03d,active,2024-04-02T08:00:00-04:00\n", i, 1+i%28, i%9)
	}
	os.WriteFile(filepath.Join(inbox, "activities_2024-03.csv.part"), []byte(b.String()), 0o644)
	os.Rename(filepath.Join(inbox, "activities_2024-03.csv.part"), filepath.Join(inbox, "activities_2024-03.csv"))
	os.Remove(filepath.Join(inbox, "activities_2024-03.csv.part"))

	waitFor(t, 60*time.Second, "pull, compute, report and deliver", func() bool {
		s, ok := liveJob(addr, "deliver")
		return ok && s == "ok"
	})
	if code := httpCode(t, "http://"+addr+"/2024-03/Est/site/"); code != http.StatusOK {
		t.Errorf("report site on serve's port: HTTP %d, want 200", code)
	}
	if r := runBin(t, dir, nil, "status"); r.code != 0 || !strings.Contains(r.stdout, "compute") {
		t.Errorf("status while serving: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("serve after SIGTERM: %v (want exit 0)\n%s", err, stderr.String())
	}
	if got := queryInt(t, dir, "p.duckdb", "SELECT count(*) FROM activities"); got != 40 {
		t.Errorf("activities = %d, want 40", got)
	}
	if got := queryInt(t, dir, "p.duckdb", "SELECT count(*) FROM indicator_values"); got == 0 {
		t.Error("no indicator values after the compute job")
	}
	if got := queryInt(t, dir, "p.duckdb", "SELECT count(*) FROM job_runs WHERE status = 'running'"); got != 0 {
		t.Errorf("%d runs left running after a clean stop", got)
	}
	archived, _ := filepath.Glob(filepath.Join(dir, "archive", "*", "activities_2024-03.csv"))
	if len(archived) != 1 {
		t.Errorf("archived = %v, want the activities file", archived)
	}
	pdfs, _ := filepath.Glob(filepath.Join(dir, "out", "delivered", "cisss", "2024-03", "*.pdf"))
	if len(pdfs) != 1 {
		t.Fatalf("delivered PDFs = %v, want one for territory Est", pdfs)
	}
	if text := pdfText(t, pdfs[0]); !strings.Contains(text, "Jardins-Fleuris") {
		t.Errorf("delivered PDF does not name the neighbourhood of the dropped file:\n%.400s", text)
	}
	r := runBin(t, dir, nil, "status")
	if r.code != 0 || !strings.Contains(r.stdout, "pull") || !strings.Contains(r.stdout, "serve: NOT RUNNING") || strings.Contains(r.stdout, "next scheduled") {
		t.Errorf("status after serve: exit %d\n%s%s\nwant serve NOT RUNNING and no next scheduled times", r.code, r.stdout, r.stderr)
	}
	t.Log(r.stdout)
}

// liveRunning reports whether serve says job is running now.
func liveRunning(addr, job string) bool {
	resp, err := http.Get("http://" + addr + "/status")
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var st liveStatus
	if json.NewDecoder(resp.Body).Decode(&st) != nil {
		return false
	}
	for _, j := range st.Jobs {
		if j.Job == job {
			return j.Running
		}
	}
	return false
}

func TestServeSIGTERMDuringIngestKeepsNoPartialData(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	addr := freePort(t)
	os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(serveConfig(addr)), 0o644)
	ref, acts := bigActivities(t, dir, 400_000)
	if r := runBin(t, dir, []string{keyEnv}, "ingest", ref); r.code != 0 {
		t.Fatalf("reference ingest: exit %d %s", r.code, r.stderr)
	}
	inbox := filepath.Join(dir, "inbox")
	os.MkdirAll(inbox, 0o755)
	cmd := exec.Command(binPath, "serve")
	cmd.Dir, cmd.Env = dir, append(os.Environ(), keyEnv)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	os.Rename(acts, filepath.Join(inbox, filepath.Base(acts)))
	waitFor(t, 30*time.Second, "the pull to start on the big file", func() bool { return liveRunning(addr, "pull") })
	// The pull ran before status started; if it still runs once status has
	// answered, it ran all along and status must have said so. If it ended
	// in between (a fast machine), status could not see it: not a failure.
	r := runBin(t, dir, nil, "status")
	sawIt := r.code == 0 && strings.Contains(r.stdout, "busy") && strings.Contains(r.stdout, "pull")
	if !sawIt && liveRunning(addr, "pull") {
		t.Errorf("status during a job: exit %d\n%s%s\nwant the live state from serve", r.code, r.stdout, r.stderr)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("serve after SIGTERM mid-ingest: %v, want exit 0", err)
	}
	if got := queryInt(t, dir, "p.duckdb", "SELECT count(*) FROM activity_versions"); got != 0 && got != 400_000 {
		t.Errorf("activity versions = %d, want 0 (rolled back) or all 400000 (finished)", got)
	}
	if _, err := os.Stat(filepath.Join(inbox, filepath.Base(acts))); err != nil {
		if got := queryInt(t, dir, "p.duckdb", "SELECT count(*) FROM activities"); got != 400_000 {
			t.Errorf("file left the inbox but only %d rows are stored", got)
		}
	}
	if got := queryInt(t, dir, "p.duckdb", "SELECT count(*) FROM job_runs WHERE status = 'running'"); got != 0 {
		t.Errorf("%d runs still marked running after SIGTERM", got)
	}
	t.Logf("pull run statuses: interrupted=%d ok=%d",
		queryInt(t, dir, "p.duckdb", "SELECT count(*) FROM job_runs WHERE job = 'pull' AND status = 'interrupted'"),
		queryInt(t, dir, "p.duckdb", "SELECT count(*) FROM job_runs WHERE job = 'pull' AND status = 'ok'"))
}

func TestListenerNeverFollowsSymlinksOutsideItsFolder(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(root, "report.pdf"), []byte("%PDF inside"), 0o644)
	os.WriteFile(filepath.Join(outside, "proximite.duckdb"), []byte("the store"), 0o644)
	os.Symlink(filepath.Join(outside, "proximite.duckdb"), filepath.Join(root, "leak.pdf"))
	os.Symlink(outside, filepath.Join(root, "leakdir"))
	os.Symlink(filepath.Join(root, "report.pdf"), filepath.Join(root, "alias.pdf"))
	srv := httptest.NewServer(http.FileServer(confinedDir(root)))
	defer srv.Close()
	for path, want := range map[string]int{
		"/report.pdf": 200, "/alias.pdf": 200, // a link that stays inside is fine
		"/leak.pdf": 404, "/leakdir/proximite.duckdb": 404, "/../" + filepath.Base(outside) + "/proximite.duckdb": 404,
	} {
		if got := httpCode(t, srv.URL+path); got != want {
			t.Errorf("GET %s: HTTP %d, want %d", path, got, want)
		}
	}
}

func TestHeldMonthShowsInStatusAndIsReleased(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(`version: 1
database: p.duckdb
output: out
recipients: [{name: cisss, territories: [Est], folder: out/delivered/cisss}]
`), 0o644)
	os.MkdirAll(filepath.Join(dir, "in"), 0o755)
	os.WriteFile(filepath.Join(dir, "in", "neighbourhoods.csv"), []byte("code,name,territory,outreach_start\nJF,Jardins-Fleuris,Est,2023-01-01\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "in", "activities_2024-03.csv"), []byte("activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,status,exported_at\n"+
		"A1,2024-03-05,W1,JF,individual,home,N,worker,30,CLIENT 1,active,2024-04-02T08:00:00-04:00\n"), 0o644)
	if r := runBin(t, dir, []string{keyEnv}, "ingest", "in"); r.code != 0 {
		t.Fatalf("ingest: exit %d %s", r.code, r.stderr)
	}
	// April has no activity in JF, an outreach neighbourhood: the gate holds it.
	if r := runBin(t, dir, nil, "deliver", "--month", "2024-04"); r.code == 0 || !strings.Contains(r.stderr, "data-quality gate") {
		t.Errorf("deliver of April: exit %d %s, want the month held", r.code, r.stderr)
	}
	note, err := os.ReadFile(filepath.Join(dir, "out", "manager", "2024-04", "HELD.txt"))
	if err != nil || !strings.Contains(string(note), "avril 2024") || !strings.Contains(string(note), "Jardins-Fleuris (JF)") {
		t.Errorf("manager note = %q %v, want avril 2024 and Jardins-Fleuris (JF)", note, err)
	}
	r := runBin(t, dir, nil, "status")
	if !strings.Contains(r.stdout, "HELD month 2024-04") || !strings.Contains(r.stdout, "serve: NOT RUNNING") {
		t.Errorf("status = exit %d\n%s%s\nwant the held month and serve not running", r.code, r.stdout, r.stderr)
	}
	if r := runBin(t, dir, nil, "release", "--month", "2024-04"); r.code != exitUsage {
		t.Errorf("release without a reason: exit %d, want %d", r.code, exitUsage)
	}
	if r := runBin(t, dir, nil, "release", "--month", "2024-04", "--reason", "équipe en congé tout le mois"); r.code != 0 {
		t.Fatalf("release: exit %d %s", r.code, r.stderr)
	}
	if r := runBin(t, dir, nil, "status"); strings.Contains(r.stdout, "HELD month") {
		t.Errorf("status after the release still shows a held month:\n%s", r.stdout)
	}
	if got := queryInt(t, dir, "p.duckdb", "SELECT count(*) FROM held_months WHERE release_reason = 'équipe en congé tout le mois'"); got != 1 {
		t.Errorf("recorded releases = %d, want 1 with the reason", got)
	}
	if r := runBin(t, dir, nil, "release", "--month", "2024-04", "--reason", "again"); r.code == 0 || !strings.Contains(r.stderr, "not held") {
		t.Errorf("second release: exit %d %s, want an error saying the month is not held", r.code, r.stderr)
	}
}

func TestServeChecksItsSecretsAtStart(t *testing.T) {
	base := "version: 1\ndatabase: p.duckdb\nserve: {listen: \"\"}\n"
	tests := []struct {
		name, config, want string
	}{
		{"smtp password", base + "smtp: {host: relay.example, user: u, from: p@example.org}\n", "$PROXIMITE_SMTP_PASSWORD"},
		{"smtp ca file", base + "smtp: {host: relay.example, from: p@example.org, ca_file: missing-ca.pem}\n", "smtp.ca_file"},
		{"source token", base + "sources: {urls: [{url: \"https://exports.example.org/a.csv\", token_env: EXPORT_TOKEN}]}\n", "$EXPORT_TOKEN"},
		{"two sources, one name", base + "sources: {urls: [{url: \"https://a.example.org/export\"}, {url: \"https://b.example.org/export\"}]}\n", "both saved as \"export\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(tt.config), 0o644)
			r := runBin(t, dir, []string{keyEnv}, "serve")
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("serve: exit %d %q, want %d naming %s", r.code, r.stderr, exitUsage, tt.want)
			}
		})
	}
}
