package queries

import (
	"context"
	"testing"

	"proximite/internal/catalogue"
)

// TestWriteCatalogue checks that the declarations researchers read in the
// store are the catalogue's: suppressibility, shape and roll-up, and the
// vocabularies with their order.
func TestWriteCatalogue(t *testing.T) {
	ctx := context.Background()
	_, q := openSmall(t)
	for range 2 { // writing twice replaces, never duplicates
		if err := q.WriteCatalogue(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var supp bool
	var shape, rollup string
	err := q.db.QueryRowContext(ctx, `SELECT suppressible, shape, rollup FROM indicators WHERE indicator = 'active_partners'`).
		Scan(&supp, &shape, &rollup)
	if err != nil || supp || shape != "custom" || rollup != "distinct" {
		t.Errorf("active_partners: suppressible %v, shape %q, rollup %q, %v; want false, custom, distinct", supp, shape, rollup, err)
	}
	var n, pos int
	var code string
	if err := q.db.QueryRowContext(ctx, `SELECT count(*) FROM vocabularies`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, v := range catalogue.Vocabularies() {
		want += len(v.Terms)
	}
	if n != want {
		t.Errorf("vocabularies holds %d codes, want %d", n, want)
	}
	err = q.db.QueryRowContext(ctx, `SELECT position, code FROM vocabularies WHERE vocabulary = 'group_format' ORDER BY position DESC LIMIT 1`).Scan(&pos, &code)
	if err != nil || pos != 3 || code != "event" {
		t.Errorf("last group_format = %d %q, %v; want 3 event", pos, code, err)
	}
}
