package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReportHostileNames renders a territory named with 500 characters and
// neighbourhoods named with emoji: the report must not fail ("file name
// too long", a panic in the PDF writer), file names stay short and
// distinct, and nothing but whole files is left in the folder.
func TestReportHostileNames(t *testing.T) {
	db, dir := openStore(t), t.TempDir()
	territory := strings.Repeat("Territoire très long ", 25)[:500]
	write(t, dir, "neighbourhoods.csv", "code,name,territory,outreach_start\n"+
		"JF,Jardins 🌳 Fleuris,"+territory+",2023-01-01\n"+
		"ID,🏙️🏙️,"+territory+",\n", false)
	write(t, dir, "activities_2024-03.csv", "activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,status,exported_at\n"+
		"A1,2024-03-05,W1,JF,individual,home,N,worker,45,X1,active,2024-04-02T08:00:00\n"+
		"A2,2024-03-06,W1,ID,individual,home,N,worker,45,X2,active,2024-04-02T08:00:00\n", false)
	ingestOK(t, db, dir)
	ctx := context.Background()
	if _, err := Compute(ctx, db, DefaultComputeOptions()); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	stale := filepath.Join(out, ".proximite-x-2024-03-fr.pdf.tmp-0123")
	os.WriteFile(stale, nil, 0o600)
	files, err := Report(ctx, db, ReportOptions{Month: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Lang: "fr",
		ByNeighbourhood: true, HTML: true, OutDir: out, Threshold: 5, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 4 {
		t.Fatalf("files %v; want the territory PDF, two neighbourhood PDFs and the site", files)
	}
	for _, f := range files {
		if len(filepath.Base(f)) > 100 {
			t.Errorf("file name of %d bytes: %s", len(filepath.Base(f)), filepath.Base(f))
		}
		if b, _ := os.ReadFile(f); strings.HasSuffix(f, ".pdf") && (!bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[max(0, len(b)-32):], []byte("%%EOF"))) {
			t.Errorf("%s is not a whole PDF", f)
		}
	}
	checkOnlyWholeFiles(t, out)
}

// checkOnlyWholeFiles fails if a temporary file or folder is left in dir
// or its site folder.
func checkOnlyWholeFiles(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{dir, filepath.Join(dir, "site")} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.Contains(e.Name(), tempMarker) || strings.HasPrefix(e.Name(), ".") {
				t.Errorf("left in %s: %s", d, e.Name())
			}
		}
	}
}

func TestSlugCapped(t *testing.T) {
	long := strings.Repeat("Saint-Jean-Baptiste ", 30)
	tests := []struct{ in, want string }{
		{"CLSC de l'Érablière", "clsc-de-l-erabliere"},
		{long, "saint-jean-baptiste-saint-jean-baptiste-saint-jean-baptiste-" + hash8(long)},
		{"🌳🌳", hash8("🌳🌳")},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%.30q…) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if slug(long) == slug(long+"x") {
		t.Error("two long names share a slug")
	}
}

// hash8 is the first 4 bytes of SHA-256 in hex, as `printf %s NAME | sha256sum | cut -c1-8` gives.
func hash8(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:4])
}
