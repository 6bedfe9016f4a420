package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"proximite/queries"
)

// TestReadersFallBackToTheSnapshotWhileBusy holds the store open for writing
// in another process (as a serve job does) and checks that a reader gets the
// latest snapshot, and a second writer a clear "database busy" error.
func TestReadersFallBackToTheSnapshotWhileBusy(t *testing.T) {
	dir := t.TempDir()
	ref, acts := bigActivities(t, dir, 1)
	if r := runBin(t, dir, []string{keyEnv}, "ingest", "--db", "p.duckdb", ref, acts); r.code != 0 {
		t.Fatalf("ingest: exit %d %s", r.code, r.stderr)
	}
	if r := runBin(t, dir, nil, "publish", "--db", "p.duckdb", "--month", "2024-03"); r.code != 0 {
		t.Fatalf("publish: exit %d %s", r.code, r.stderr)
	}
	holder := exec.Command(os.Args[0], "-test.run=^TestHelperHoldStore$")
	holder.Env = append(os.Environ(), "PROXIMITE_HOLD_DB="+filepath.Join(dir, "p.duckdb"))
	stdout, _ := holder.StdoutPipe()
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { holder.Process.Kill(); holder.Wait() }()
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "held\n" {
		t.Fatalf("holder did not start: %q %v", line, err)
	}

	cfg := defaultConfig()
	cfg.dir, cfg.Database = dir, "p.duckdb"
	var stderr bytes.Buffer
	a := &app{stderr: &stderr, getenv: os.Getenv, now: time.Now}
	db, err := openForReading(context.Background(), a, cfg)
	if err != nil {
		t.Fatalf("openForReading while busy: %v", err)
	}
	defer db.Close()
	var n int
	db.QueryRow(`SELECT count(*) FROM neighbourhoods`).Scan(&n)
	if n != 1 || !strings.Contains(stderr.String(), "proximite-2024-03.duckdb") {
		t.Errorf("read %d neighbourhoods, stderr %q; want 1 from the snapshot, named on stderr", n, stderr.String())
	}
	if r := runBin(t, dir, []string{keyEnv}, "ingest", "--db", "p.duckdb", ref); r.code != exitBusy || !strings.Contains(r.stderr, "database busy") {
		t.Errorf("second writer: exit %d %q, want %d and \"database busy\"", r.code, r.stderr, exitBusy)
	}
}

// TestHelperHoldStore opens a store for writing and holds it until killed.
func TestHelperHoldStore(t *testing.T) {
	path := os.Getenv("PROXIMITE_HOLD_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	db, err := queries.Open(context.Background(), path, queries.Options{})
	if errors.Is(err, queries.ErrBusy) || err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	os.Stdout.WriteString("held\n")
	time.Sleep(time.Minute)
}
