package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"proximite/pipeline"
)

// binPath is the proximite binary built once for the end-to-end tests.
var binPath string

func TestMain(m *testing.M) {
	if code, ok := pipeline.SnapshotWriterMain(); ok { // a publish run in this test binary starts it as its writer
		os.Exit(code)
	}
	dir, err := os.MkdirTemp("", "proximite-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binPath = filepath.Join(dir, "proximite")
	out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build proximite: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what a run of the binary gave.
type result struct {
	code           int
	stdout, stderr string
}

// runBin runs the binary in dir with env added to a minimal environment.
func runBin(t testing.TB, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, stdout.String(), stderr.String()}
}

const keyEnv = "PROXIMITE_PSEUDONYM_KEY=e2e-test-key-0123456789"

func TestHelpListsVerbsAndExitCodes(t *testing.T) {
	r := runBin(t, t.TempDir(), nil, "--help")
	if r.code != 0 {
		t.Fatalf("--help exit %d", r.code)
	}
	for _, want := range []string{"ingest", "fixtures", "demo", "config", "Exit codes", "database busy"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--help lacks %q:\n%s", want, r.stdout)
		}
	}
	for verb := range commands() {
		r := runBin(t, t.TempDir(), nil, verb, "--help")
		if r.code != 0 || !strings.Contains(r.stdout, "Usage: proximite "+verb) || !strings.Contains(r.stdout, "Exit codes") {
			t.Errorf("%s --help: exit %d, stdout:\n%s", verb, r.code, r.stdout)
		}
	}
}

func TestUnknownConfigKeyNamesKeyAndLine(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "c.yaml"), []byte("version: 1\ndatabse: x.duckdb\n"), 0o644)
	r := runBin(t, dir, nil, "config", "--config", "c.yaml")
	if r.code != exitUsage || !strings.Contains(r.stderr, "line 2") || !strings.Contains(r.stderr, "databse") {
		t.Errorf("exit %d, stderr %q; want exit %d naming databse and line 2", r.code, r.stderr, exitUsage)
	}
}

func TestConfigMasksKey(t *testing.T) {
	r := runBin(t, t.TempDir(), []string{keyEnv}, "config")
	if r.code != 0 || strings.Contains(r.stdout, "e2e-test-key") || !strings.Contains(r.stdout, "******") {
		t.Errorf("config exit %d printed:\n%s", r.code, r.stdout)
	}
}

func TestIngestRefusesWithoutKey(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "partners.csv"), []byte("partner_id,name,sector\nP1,X,community\n"), 0o644)
	r := runBin(t, dir, nil, "ingest", "--db", "p.duckdb", "partners.csv")
	if r.code != exitNoKey || !strings.Contains(r.stderr, "PROXIMITE_PSEUDONYM_KEY") {
		t.Errorf("exit %d stderr %q, want %d naming PROXIMITE_PSEUDONYM_KEY", r.code, r.stderr, exitNoKey)
	}
	if _, err := os.Stat(filepath.Join(dir, "p.duckdb")); err == nil {
		t.Error("a database was created although ingest refused to start")
	}
}

// bigActivities writes reference files and one activities file of n valid rows.
func bigActivities(t *testing.T, dir string, n int) (ref, acts string) {
	t.Helper()
	ref = filepath.Join(dir, "ref")
	os.MkdirAll(ref, 0o755)
	os.WriteFile(filepath.Join(ref, "neighbourhoods.csv"), []byte("code,name,territory,outreach_start\nJF,Jardins-Fleuris,Est,2023-01-01\n"), 0o644)
	var b strings.Builder
	b.WriteString("activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,status,exported_at\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "A%d,2024-03-%02d,W%d,JF,individual,home,N,worker,%d,CLIENT %06d,active,2024-04-02T08:00:00-04:00\n", i, 1+i%28, i%7, 1+i%200, i%5000)
	}
	acts = filepath.Join(dir, "activities_big.csv")
	os.WriteFile(acts, []byte(b.String()), 0o644)
	return ref, acts
}

// TestKilledIngestLeavesNoTrace SIGKILLs an ingest in the middle of a large
// file; the re-run must leave exactly the file's rows, once.
func TestKilledIngestLeavesNoTrace(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	const n = 600_000
	ref, acts := bigActivities(t, dir, n)
	env := []string{keyEnv}
	if r := runBin(t, dir, env, "ingest", "--db", "p.duckdb", ref); r.code != 0 {
		t.Fatalf("reference ingest: exit %d %s", r.code, r.stderr)
	}
	cmd := exec.Command(binPath, "ingest", "--db", "p.duckdb", acts)
	cmd.Dir, cmd.Env = dir, append(os.Environ(), keyEnv)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(killDelay())
	cmd.Process.Signal(syscall.SIGKILL)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("ingest was not killed mid-file (err %v): make the file larger", err)
	}
	r := runBin(t, dir, env, "ingest", "--db", "p.duckdb", acts)
	if r.code != 0 {
		t.Fatalf("re-run: exit %d %s", r.code, r.stderr)
	}
	got := queryInt(t, dir, "p.duckdb", "SELECT count(*) FROM activities")
	versions := queryInt(t, dir, "p.duckdb", "SELECT count(*) FROM activity_versions")
	files := queryInt(t, dir, "p.duckdb", "SELECT count(*) FROM ingest_manifest WHERE file_name = 'activities_big.csv'")
	if got != n || versions != n || files != 1 {
		t.Errorf("after kill and re-run: %d current, %d versions, %d manifest rows; want %d, %d, 1", got, versions, files, n, n)
	}
}

// killDelay is long enough for the ingest to be well inside the file.
func killDelay() time.Duration {
	if runtime.NumCPU() < 2 {
		return 3 * time.Second
	}
	return 1500 * time.Millisecond
}

// queryInt reads one integer from the store through the binary's own
// read path: `proximite sql` is not a verb, so use the Go driver directly.
func queryInt(t *testing.T, dir, db, query string) int {
	t.Helper()
	d, err := openForTest(context.Background(), filepath.Join(dir, db))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var n int
	if err := d.QueryRowContext(context.Background(), query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
