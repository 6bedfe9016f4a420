package pipeline

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"proximite/queries"
)

// TestPublishRecipientBytesHoldNoOtherIdentifier searches the bytes of a
// re-keyed recipient's files (snapshot, Parquet files, codebook) — not
// only their values — for every pseudonym the live store holds and every
// identifier of another recipient's snapshot, each as text and as raw
// bytes: slack or unset bytes that DuckDB writes could carry them from the
// process's memory. The centre's own snapshot, which holds the store's
// pseudonyms, is the control that the search finds them. uni-a is published
// first and again last, after the others: the same bytes both times. The
// own snapshot, written after uni-a's, holds none of uni-a's re-keyed
// identifiers, and the recipients' files none of its text identifiers.
func TestPublishRecipientBytesHoldNoOtherIdentifier(t *testing.T) {
	db, _ := smallTerritory(t)
	ctx := context.Background()
	month := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	sums := map[string]PublishSummary{}
	for _, r := range []string{"uni-a", "", "uni-b", "uni-a"} {
		opt := publishOpt(t, month)
		opt.Recipient = r
		sum, err := Publish(ctx, db, opt)
		if err != nil {
			t.Fatal(err)
		}
		if prev, ok := sums[r]; ok && readFile(t, prev.Checksums) != readFile(t, sum.Checksums) {
			t.Errorf("%s: a second publish, after other recipients', gives other bytes:\n%s\nwant\n%s",
				r, readFile(t, sum.Checksums), readFile(t, prev.Checksums))
		}
		sums[r] = sum
	}
	source := storePseudonyms(t, db, "main")
	if len(source) < 100 {
		t.Fatalf("%d pseudonyms in the store: the test needs more", len(source))
	}
	if n := countFound(t, sums[""], source); n < len(source)/2 {
		t.Fatalf("control: the search finds %d of the store's %d pseudonyms in the centre's own snapshot", n, len(source))
	}
	ownIDs := snapshotIdentifiers(t, db, sums[""].Snapshot)
	if n := countFound(t, sums[""], ownIDs); n < len(ownIDs)/2 {
		t.Fatalf("control: the search finds %d of the own snapshot's %d identifiers in its files", n, len(ownIDs))
	}
	if n := countFound(t, sums[""], snapshotIdentifiers(t, db, sums["uni-a"].Snapshot)); n != 0 {
		t.Errorf("the own snapshot holds %d of uni-a's re-keyed identifiers", n)
	}
	for _, r := range []string{"uni-a", "uni-b"} {
		if n := countFound(t, sums[r], ownIDs); n != 0 {
			t.Errorf("%s's files hold %d of the own snapshot's identifiers", r, n)
		}
		other := "uni-b"
		if r == "uni-b" {
			other = "uni-a"
		}
		if n := countFound(t, sums[r], source); n != 0 {
			t.Errorf("%s's files hold %d of the store's pseudonyms", r, n)
		}
		ids := snapshotIdentifiers(t, db, sums[other].Snapshot)
		if len(ids) < 100 {
			t.Fatalf("%d identifiers in %s's snapshot: the test needs more", len(ids), other)
		}
		if n := countFound(t, sums[r], ids); n != 0 {
			t.Errorf("%s's files hold %d of %s's identifiers", r, n, other)
		}
	}
}

// storePseudonyms returns every person_key of the records of database,
// whatever its type: text, or bytes (BLOB).
func storePseudonyms(t testing.TB, db *queries.DB, database string) [][]byte {
	t.Helper()
	var out [][]byte
	for _, tbl := range []string{"activity_versions", "attendance_versions", "crisis_event_versions"} {
		out = append(out, distinctValues(t, db, `SELECT DISTINCT person_key FROM `+database+`.`+tbl+` WHERE person_key IS NOT NULL`)...)
	}
	return out
}

// snapshotIdentifiers returns every re-keyable identifier of a snapshot.
func snapshotIdentifiers(t testing.TB, db *queries.DB, path string) [][]byte {
	t.Helper()
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `ATTACH `+quoteLiteral(path)+` AS other (READ_ONLY true)`); err != nil {
		t.Fatal(err)
	}
	defer db.ExecContext(ctx, `DETACH other`)
	out := storePseudonyms(t, db, "other")
	for col, tbls := range map[string][]string{"activity_id": {"activity_versions", "attendance_versions"},
		"event_id": {"crisis_event_versions"}, "group_id": {"activity_versions"}, "worker_id": {"activity_versions"}} {
		for _, tbl := range tbls {
			out = append(out, distinctValues(t, db, `SELECT DISTINCT `+col+` FROM other.`+tbl+` WHERE `+col+` IS NOT NULL`)...)
		}
	}
	return out
}

// distinctValues runs query and returns its single column's values as
// bytes: a string as its text, a BLOB as its bytes, a re-keyed number as
// its little-endian bytes and its decimal digits.
func distinctValues(t testing.TB, db *queries.DB, query string) [][]byte {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]byte
	for rows.Next() {
		var v any
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		switch v := v.(type) {
		case string:
			out = append(out, []byte(v))
		case []byte:
			out = append(out, v)
		case *big.Int: // a re-keyed identifier: its 16 bytes as DuckDB stores a UHUGEINT, and its digits
			le := make([]byte, 16)
			v.FillBytes(le)
			slices.Reverse(le)
			out = append(out, le, []byte(v.String()))
		default:
			t.Fatalf("%s: value of type %T", query, v)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// countFound counts the values found in the bytes of the files of a
// snapshot, each value searched as it is and in its other form: hex text
// decoded to raw bytes, raw bytes encoded as hex (lower and upper case).
func countFound(t testing.TB, sum PublishSummary, values [][]byte) int {
	t.Helper()
	forms := map[string]int{}
	for i, v := range values {
		for _, f := range valueForms(v) {
			if len(f) >= 8 {
				forms[string(f)] = i
			}
		}
	}
	found := map[int]bool{}
	for _, path := range snapshotFiles(t, sum) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i := range findAll(b, forms) {
			found[i] = true
		}
	}
	return len(found)
}

// valueForms is v and, when v is hex text, its bytes; when v is not text,
// its hex in both cases.
func valueForms(v []byte) [][]byte {
	forms := [][]byte{v}
	if raw, err := hex.DecodeString(string(v)); err == nil {
		return append(forms, raw)
	}
	h := hex.EncodeToString(v)
	return append(forms, []byte(h), []byte(strings.ToUpper(h)))
}

// findAll returns the indices of the forms that occur in b, indexing the
// forms by their first 8 bytes and sliding over b once.
func findAll(b []byte, forms map[string]int) map[int]bool {
	byPrefix := map[uint64][][]byte{}
	for f := range forms {
		p := binary.LittleEndian.Uint64([]byte(f))
		byPrefix[p] = append(byPrefix[p], []byte(f))
	}
	found := map[int]bool{}
	for i := 0; i+8 <= len(b); i++ {
		for _, f := range byPrefix[binary.LittleEndian.Uint64(b[i:])] {
			if bytes.HasPrefix(b[i:], f) {
				found[forms[string(f)]] = true
			}
		}
	}
	return found
}

// snapshotFiles lists the snapshot, its codebook and its Parquet files.
func snapshotFiles(t testing.TB, sum PublishSummary) []string {
	t.Helper()
	files := []string{sum.Snapshot, sum.Codebook}
	err := filepath.WalkDir(sum.Parquet, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
