package pipeline

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"proximite/internal/pseudonym"
)

func TestIngestRefusesAnotherKey(t *testing.T) {
	db := openStore(t)
	dir, _ := loadBasics(t, db)
	before := count(t, db, `SELECT count(*) FROM ingest_manifest`)
	if got := queryString(t, db, `SELECT key_fingerprint FROM store_identity`); got != pseudonym.Fingerprint(testKey) {
		t.Fatalf("store fingerprint %s, want %s", got, pseudonym.Fingerprint(testKey))
	}
	p := write(t, dir, "activities_2024-04.csv", strings.ReplaceAll(activitiesV2, "2024-04-09", "2024-05-09"), false)
	opt := testOptions()
	opt.Key = []byte("another-key-0123456789")
	_, err := Ingest(context.Background(), db, []string{p}, opt)
	if !errors.Is(err, pseudonym.ErrKeyMismatch) || !strings.Contains(err.Error(), pseudonym.Fingerprint(testKey)) {
		t.Fatalf("ingest under another key: err = %v, want ErrKeyMismatch naming the store's fingerprint", err)
	}
	if after := count(t, db, `SELECT count(*) FROM ingest_manifest`); after != before {
		t.Errorf("manifest %d files after the refused ingest, want %d", after, before)
	}
	if n := count(t, db, `SELECT count(*) FROM loads`); n != 1 {
		t.Errorf("%d loads, want 1 (the refused ingest starts no load)", n)
	}
	// The same key is still accepted.
	if _, err := Ingest(context.Background(), db, []string{p}, testOptions()); err != nil && !errors.Is(err, ErrRejected) {
		t.Errorf("ingest under the store's key: %v", err)
	}
	db.Close()
	b, err := os.ReadFile(db.Path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, testKey) {
		t.Error("the store file contains the key itself")
	}
}
