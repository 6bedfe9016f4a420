package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"proximite/internal/exports"
)

// TestCodedColumnsAreContractEnums checks that every coded column of the
// record versions is an ENUM of exactly the contract's codes, in
// alphabetical order (migration 0017), and that no other column is one. A
// code added to the contract fails here until a migration widens the type:
// without it, the Appender would refuse the code and stop the ingest run.
func TestCodedColumnsAreContractEnums(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	tables := map[exports.Kind]string{exports.Activities: "activity_versions",
		exports.Attendance: "attendance_versions", exports.CrisisEvents: "crisis_event_versions"}
	for kind, table := range tables {
		for _, col := range exports.Columns(kind) {
			want := exports.Codes(kind, col)
			slices.Sort(want)
			var typ string
			q := `SELECT data_type FROM duckdb_columns() WHERE table_name = $1 AND column_name = $2`
			if err := db.QueryRowContext(ctx, q, table, col).Scan(&typ); err != nil {
				t.Fatalf("%s.%s: %v", table, col, err)
			}
			got := ""
			if strings.HasPrefix(typ, "ENUM(") {
				q := fmt.Sprintf(`SELECT array_to_string(enum_range(max(%s)), ',') FROM %s`, col, table)
				if err := db.QueryRowContext(ctx, q).Scan(&got); err != nil {
					t.Fatalf("%s.%s: %v", table, col, err)
				}
			}
			if got != strings.Join(want, ",") {
				t.Errorf("%s.%s is %s (%q), want the codes %q", table, col, typ, got, want)
			}
		}
	}
}
