package pipeline

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"proximite/queries"
)

func TestPublishSnapshot(t *testing.T) {
	db := openStore(t)
	loadBasics(t, db)
	dir := t.TempDir()
	month := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	sum, err := Publish(context.Background(), db, PublishOptions{Month: month, Dir: dir, Version: "test", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	resek, err := Publish(context.Background(), db, PublishOptions{Month: month, Dir: dir, Version: "test", Now: fixedNow,
		Recipient: "uni-a", RekeySecret: []byte("secret")})
	if err != nil {
		t.Fatal(err)
	}
	// Another process opens the snapshots while this one keeps the store open for writing.
	got := readInOtherProcess(t, sum.Snapshot, `SELECT (SELECT count(*) FROM activities) || '/' || (SELECT count(*) FROM about) || '/' ||
		(SELECT comment FROM duckdb_tables() WHERE table_name = 'activities') || '/' || (SELECT min(person_key) FROM activity_versions)`)
	parts := strings.SplitN(got, "/", 4)
	if len(parts) != 4 || parts[0] != "3" || parts[1] == "0" || !strings.HasPrefix(parts[2], "One row per outreach activity") {
		t.Errorf("snapshot read by another process = %q, want 3 activities, about rows and the table comment", got)
	}
	var own string
	db.QueryRow(`SELECT min(person_key) FROM activity_versions`).Scan(&own)
	rekeyed := readInOtherProcess(t, resek.Snapshot, `SELECT min(person_key) FROM activity_versions`)
	if parts[3] != own || rekeyed == own || rekeyed == "" {
		t.Errorf("pseudonyms: plain %q rekeyed %q store %q; want plain = store and rekeyed different", parts[3], rekeyed, own)
	}
	if b, err := os.ReadFile(sum.Codebook); err != nil || !strings.Contains(string(b), "## about") || !strings.Contains(string(b), "| activity_id |") {
		t.Errorf("codebook lacks the about and activities sections (err %v)", err)
	}
	if _, err := os.Stat(filepath.Join(sum.Parquet)); err != nil {
		t.Errorf("parquet export: %v", err)
	}
}

// readInOtherProcess runs this test binary as a helper that opens path
// read-only and prints the single value of query.
func readInOtherProcess(t testing.TB, path, query string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperReadSnapshot$")
	cmd.Env = append(os.Environ(), "PROXIMITE_HELPER_DB="+path, "PROXIMITE_HELPER_QUERY="+query)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper process: %v\n%s", err, out)
	}
	s := string(out)
	_, val, _ := strings.Cut(s, "VALUE=")
	val, _, _ = strings.Cut(val, "\n")
	return val
}

func TestHelperReadSnapshot(t *testing.T) {
	path := os.Getenv("PROXIMITE_HELPER_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	db, err := queries.Open(context.Background(), path, queries.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v string
	if err := db.QueryRow(os.Getenv("PROXIMITE_HELPER_QUERY")).Scan(&v); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("VALUE=" + v + "\n")
}
