package queries

import (
	"context"
	"strings"
	"testing"
)

// TestBulkSettings checks that an ingest run's settings hold for the run
// only: FSST is left out between BulkBegin and BulkEnd (or BulkEndSmall),
// and DuckDB's defaults are back after it, so compute and later writers
// compress as before.
func TestBulkSettings(t *testing.T) {
	ctx := context.Background()
	for _, end := range []struct {
		name string
		fn   func(*Queries, context.Context) error
	}{{"BulkEnd", (*Queries).BulkEnd}, {"BulkEndSmall", (*Queries).BulkEndSmall}} {
		t.Run(end.name, func(t *testing.T) {
			db, q := openSmall(t)
			setting := func() string {
				t.Helper()
				var v string
				if err := db.QueryRowContext(ctx, "SELECT current_setting('disabled_compression_methods')").Scan(&v); err != nil {
					t.Fatal(err)
				}
				return v
			}
			before := setting()
			if err := q.BulkBegin(ctx); err != nil {
				t.Fatal(err)
			}
			if got := setting(); !strings.EqualFold(got, "fsst") {
				t.Errorf("during the run: disabled_compression_methods = %q, want fsst", got)
			}
			if err := end.fn(q, ctx); err != nil {
				t.Fatal(err)
			}
			if got := setting(); got != before {
				t.Errorf("after the run: disabled_compression_methods = %q, want %q", got, before)
			}
		})
	}
}
