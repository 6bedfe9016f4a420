package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// End-to-end checks of issue 15 (hostile and broken input) on the binary.

const partnersCSV = "partner_id,name,sector\nP1,X,community\n"

// TestFlagsAfterPositionalArguments: `ingest DIR --db X` uses X (it used
// to ignore --db, create out/proximite.duckdb and fail on "lstat --db"); a
// verb that takes no positional argument refuses one.
func TestFlagsAfterPositionalArguments(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "partners.csv"), []byte(partnersCSV), 0o644)
	r := runBin(t, dir, []string{keyEnv}, "ingest", "partners.csv", "--db", "p.duckdb")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "p.duckdb")); err != nil {
		t.Errorf("--db after the path was not used: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a stray out/ folder was created")
	}
	r = runBin(t, dir, []string{keyEnv}, "report", "--db", "p.duckdb", "--month", "2024-03", "stray")
	if r.code != exitUsage || !strings.Contains(r.stderr, `unexpected argument "stray"`) {
		t.Errorf("report with a stray argument: exit %d, stderr %q; want %d", r.code, r.stderr, exitUsage)
	}
	r = runBin(t, dir, []string{keyEnv}, "ingest", "--db", "p.duckdb", "--", "--db")
	if r.code == exitOK || !strings.Contains(r.stderr, "--db") {
		t.Errorf("after --, --db is a path: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestWeakAndExposedKeys: a key of repeated characters, in the environment
// or a file, and a key file others can read, stop ingest with exit 5.
func TestWeakAndExposedKeys(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "partners.csv"), []byte(partnersCSV), 0o644)
	r := runBin(t, dir, []string{"PROXIMITE_PSEUDONYM_KEY=" + strings.Repeat("a", 16)}, "ingest", "--db", "p.duckdb", "partners.csv")
	if r.code != exitNoKey || !strings.Contains(r.stderr, "too weak") {
		t.Errorf("weak key: exit %d, stderr %q; want %d", r.code, r.stderr, exitNoKey)
	}
	key := filepath.Join(dir, "key")
	os.WriteFile(key, []byte("4656ec695d46c870927f44d5c98d8561\n"), 0o644)
	os.Chmod(key, 0o644)
	os.WriteFile(filepath.Join(dir, "c.yaml"), []byte("version: 1\npseudonym_key: {env: \"\", file: key}\n"), 0o644)
	r = runBin(t, dir, nil, "ingest", "--config", "c.yaml", "--db", "p.duckdb", "partners.csv")
	if r.code != exitNoKey || !strings.Contains(r.stderr, "chmod 600") {
		t.Errorf("key file 0644: exit %d, stderr %q; want %d", r.code, r.stderr, exitNoKey)
	}
	os.Chmod(key, 0o600)
	if r = runBin(t, dir, nil, "ingest", "--config", "c.yaml", "--db", "p.duckdb", "partners.csv"); r.code != exitOK {
		t.Errorf("key file 0600: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestFileModes: the store is 0600 by default whatever the caller's umask
// (the test process's is usually 022), including a store created 0644 by
// an older version; file_mode: group gives 0640.
func TestFileModes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "partners.csv"), []byte(partnersCSV), 0o644)
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	if r := runBin(t, dir, []string{keyEnv}, "ingest", "--db", "p.duckdb", "partners.csv"); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	checkMode(t, filepath.Join(dir, "p.duckdb"), 0o600)
	os.Chmod(filepath.Join(dir, "p.duckdb"), 0o644)
	runBin(t, dir, []string{keyEnv}, "ingest", "--db", "p.duckdb", "partners.csv")
	checkMode(t, filepath.Join(dir, "p.duckdb"), 0o600)
	os.WriteFile(filepath.Join(dir, "g.yaml"), []byte("version: 1\nfile_mode: group\n"), 0o644)
	if r := runBin(t, dir, []string{keyEnv}, "ingest", "--config", "g.yaml", "--db", "g.duckdb", "partners.csv"); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	checkMode(t, filepath.Join(dir, "g.duckdb"), 0o640)
}

func checkMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != want {
		t.Errorf("%s: mode %04o, want %04o", filepath.Base(path), got, want)
	}
}

// TestKilledReportLeavesNoPartialPDF SIGKILLs report runs at several
// moments: every file matching *.pdf must be a whole PDF (deliver globs
// *.pdf), and the next run removes what the killed ones left and writes
// its files 0600 in 0700 folders.
func TestKilledReportLeavesNoPartialPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	env := []string{keyEnv}
	for _, args := range [][]string{
		{"fixtures", "--out", "data", "--months", "14", "--neighbourhoods", "4", "--scale", "0.02", "--end", "2024-03"},
		{"ingest", "data", "--db", "p.duckdb"},
		{"compute", "--db", "p.duckdb"},
	} {
		if r := runBin(t, dir, env, args...); r.code != exitOK && r.code != exitRejected {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
	}
	report := []string{"report", "--db", "p.duckdb", "--month", "2024-03", "--by", "neighbourhood", "--html", "--out", "out"}
	out := filepath.Join(dir, "out")
	for _, delay := range []time.Duration{300 * time.Millisecond, 900 * time.Millisecond, 1500 * time.Millisecond, 2200 * time.Millisecond} {
		cmd := exec.Command(binPath, report...)
		cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		checkWholePDFs(t, out)
	}
	if r := runBin(t, dir, env, report...); r.code != exitOK {
		t.Fatalf("report after the kills: exit %d: %s", r.code, r.stderr)
	}
	checkWholePDFs(t, out)
	for _, d := range []string{out, filepath.Join(out, "site")} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				t.Errorf("left in %s: %s", d, e.Name())
			}
			want := os.FileMode(0o600)
			if e.IsDir() {
				want = 0o700
			}
			checkMode(t, filepath.Join(d, e.Name()), want)
		}
	}
}

// checkWholePDFs fails if a file matching *.pdf in dir is not a whole PDF.
func checkWholePDFs(t *testing.T, dir string) {
	t.Helper()
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	for _, p := range pdfs {
		b, _ := os.ReadFile(p)
		if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[max(0, len(b)-32):], []byte("%%EOF")) {
			t.Errorf("%s (%d bytes) is not a whole PDF", filepath.Base(p), len(b))
		}
	}
}

// TestDateWindowConfig: ingest.dates_from and ingest.days_ahead bound the
// dates ingest accepts (an activity the day before dates_from, or dated a
// day after today with days_ahead 0, is out_of_range); a malformed
// dates_from is a configuration error.
func TestDateWindowConfig(t *testing.T) {
	dir := t.TempDir()
	tomorrow := time.Now().AddDate(0, 0, 2).Format("2006-01-02")
	os.WriteFile(filepath.Join(dir, "neighbourhoods.csv"), []byte("code,name,territory,outreach_start\nJF,Jardins,Est,\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "activities.csv"), []byte("activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,status,exported_at\n"+
		"A1,2009-12-31,W1,JF,individual,home,N,worker,45,X1,active,2010-01-02T08:00:00\n"+
		"A2,2010-01-01,W1,JF,individual,home,N,worker,45,X1,active,2010-01-02T08:00:00\n"+
		"A3,"+tomorrow+",W1,JF,individual,home,N,worker,45,X1,active,2010-01-02T08:00:00\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.yaml"), []byte("version: 1\ningest: {dates_from: 2010-01-01, days_ahead: 0}\n"), 0o644)
	r := runBin(t, dir, []string{keyEnv}, "ingest", "--config", "c.yaml", "--db", "p.duckdb", "neighbourhoods.csv", "activities.csv")
	if r.code != exitRejected || !strings.Contains(r.stdout, "rows: 2 loaded, 2 rejected") || !strings.Contains(r.stdout, "out_of_range                 2 rows") {
		t.Errorf("exit %d, stdout:\n%s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("version: 1\ningest: {dates_from: 2010-13-01}\n"), 0o644)
	if r := runBin(t, dir, []string{keyEnv}, "ingest", "--config", "bad.yaml", "--db", "p.duckdb"); r.code != exitUsage || !strings.Contains(r.stderr, "dates_from") {
		t.Errorf("bad dates_from: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestSIGTERMDuringCompute loads data at both ends of the widest date
// window ingest accepts (26 years of months: a compute of several seconds)
// and sends SIGTERM a second into compute: the binary must exit 130 within
// a few seconds (it took 343 s when one activity dated 2206 made the grid
// two centuries long).
func TestSIGTERMDuringCompute(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	last := time.Now().AddDate(1, 0, -1).Format("2006-01-02")
	os.WriteFile(filepath.Join(dir, "neighbourhoods.csv"), []byte("code,name,territory,outreach_start\nJF,Jardins,Est,2010-01-01\nID,Îlot,Est,\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "activities.csv"), []byte("activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,status,exported_at\n"+
		"A1,2000-01-01,W1,JF,individual,home,N,worker,45,X1,active,2000-01-02T08:00:00\n"+
		"A2,"+last+",W1,ID,individual,home,N,worker,45,X2,active,"+last+"T08:00:00\n"), 0o644)
	if r := runBin(t, dir, []string{keyEnv}, "ingest", "--db", "p.duckdb", "neighbourhoods.csv", "activities.csv"); r.code != exitOK {
		t.Fatalf("ingest: exit %d: %s", r.code, r.stderr)
	}
	cmd := exec.Command(binPath, "compute", "--db", "p.duckdb")
	cmd.Dir, cmd.Env = dir, append(os.Environ(), keyEnv)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	sent := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	took := time.Since(sent)
	code := cmd.ProcessState.ExitCode()
	if code == exitOK {
		t.Skipf("compute finished within a second (err %v): nothing to interrupt", err)
	}
	if code != exitInterrupted || took > 5*time.Second {
		t.Errorf("exit %d %s after SIGTERM; want %d within 5 s", code, took, exitInterrupted)
	}
}
