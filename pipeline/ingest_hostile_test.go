package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestIngestCopyIsTakenOnce checks that the bytes hashed are the bytes
// read: appending to the file after the copy is taken changes neither the
// copy nor its hash, in memory and in a private temporary file.
func TestIngestCopyIsTakenOnce(t *testing.T) {
	for _, size := range []int{100, copyInMemory + 10} {
		dir, tmp := t.TempDir(), t.TempDir()
		orig := bytes.Repeat([]byte("P1,A,school\n"), size/12+1)
		p := filepath.Join(dir, "partners.csv")
		if err := os.WriteFile(p, orig, 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := takeCopy(p, tmp)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
		f.Write([]byte("P9,\x00\x01,school\n"))
		f.Close()
		got, _ := io.ReadAll(c)
		sum := sha256.Sum256(orig)
		if !bytes.Equal(got, orig) || c.sha256 != hex.EncodeToString(sum[:]) {
			t.Errorf("size %d: the copy or its hash saw the appended bytes", size)
		}
		checkPrivateCopies(t, tmp, size > copyInMemory)
		c.Close()
		checkPrivateCopies(t, tmp, false)
	}
}

// checkPrivateCopies checks that dir holds a 0600 private copy, or none.
func checkPrivateCopies(t *testing.T, dir string, want bool) {
	t.Helper()
	found, _ := filepath.Glob(filepath.Join(dir, copyPattern))
	if (len(found) == 1) != want || len(found) > 1 {
		t.Fatalf("private copies %v; want one: %v", found, want)
	}
	for _, p := range found {
		if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v; want 0600", p, st.Mode().Perm())
		}
	}
}

func TestIngestRemovesStaleCopies(t *testing.T) {
	db, tmp := openStore(t), t.TempDir()
	stale := filepath.Join(tmp, ".proximite-ingest-123.tmp")
	os.WriteFile(stale, []byte("left by a killed run"), 0o600)
	dir := t.TempDir()
	write(t, dir, "partners.csv", refPartners, false)
	opt := testOptions()
	opt.TempDir = tmp
	if _, err := Ingest(context.Background(), db, []string{dir}, opt); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale copy still there: %v", err)
	}
}

// TestIngestMillionColumns loads a header of a million columns: one
// rejected file in the manifest, no warning rows, in seconds.
func TestIngestMillionColumns(t *testing.T) {
	db, dir := openStore(t), t.TempDir()
	write(t, dir, "partners.csv", "partner_id,name,sector"+strings.Repeat(",x", 1_000_000)+"\nP1,A,school\n", false)
	start := time.Now()
	sum := ingestOK(t, db, dir)
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %s", took)
	}
	if len(sum.Files) != 1 || sum.Files[0].Status != StatusRejected || !strings.Contains(sum.Files[0].Reason, "partners.csv:1:0: line_too_long") {
		t.Errorf("files %+v; want one rejected for line_too_long", sum.Files)
	}
	if n := count(t, db, `SELECT count(*) FROM ingest_warnings`); n != 0 {
		t.Errorf("%d warning rows; want 0", n)
	}
}

// TestIngestDateWindow: an activity dated 2206 and an export time in 9999
// are row rejects (out_of_range), so they reach neither compute's period
// grid nor the reports' "data as of" date.
func TestIngestDateWindow(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db)
	write(t, dir, "activities_2024-04.csv", "activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,status,exported_at\n"+
		"B1,2206-03-05,W1,JF,individual,home,N,worker,45,X1,active,2024-04-02T08:00:00\n"+
		"B2,2024-03-05,W1,JF,individual,home,N,worker,45,X1,active,9999-12-31T23:59:59\n"+
		"B3,2024-03-05,W1,JF,individual,home,N,worker,45,X1,active,2024-04-02T08:00:00\n", false)
	ingestOK(t, db, dir)
	if n := count(t, db, `SELECT count(*) FROM rejected_rows WHERE reason = 'out_of_range' AND column_name IN ('activity_date', 'exported_at')`); n != 2 {
		t.Errorf("%d out_of_range rejects; want 2", n)
	}
	if n := count(t, db, `SELECT count(*) FROM activities WHERE activity_date > DATE '2030-01-01' OR exported_at > TIMESTAMPTZ '2030-01-01 00:00:00Z'`); n != 0 {
		t.Errorf("%d implausible rows loaded", n)
	}
}
