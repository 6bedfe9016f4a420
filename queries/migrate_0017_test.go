package queries

import (
	"context"
	"testing"
)

// TestMigration0017KeepsCodes migrates a store at version 16 holding coded
// values and NULLs: the values read back the same, the views of the
// current versions show the ENUM types and keep their comments, and the
// superseded version stays out of them.
func TestMigration0017KeepsCodes(t *testing.T) {
	ctx := context.Background()
	db := openAt(t, 16)
	exec(t, db,
		`INSERT INTO activity_versions (activity_id, activity_date, kind, setting, initiated_by, sex, group_format, referral_to, status, file_id, line) VALUES
			('A1', DATE '2024-03-05', 'individual', 'home', 'worker', 'X', NULL, 'housing', 'active', 1, 2),
			('A2', DATE '2024-03-06', 'group', 'clsc', 'partner', NULL, 'open', NULL, 'cancelled', 1, 3),
			('A1', DATE '2024-03-05', 'individual', 'phone', 'self', 'F', NULL, NULL, 'active', 2, 2)`,
		`INSERT INTO attendance_versions (activity_id, sex, status, file_id, line) VALUES ('A2', 'U', 'active', 3, 2)`,
		`INSERT INTO crisis_event_versions (event_id, service, status, file_id, line) VALUES ('E1', 'crisis_line', 'cancelled', 4, 2)`,
		`INSERT INTO superseded_versions (file_id, line) VALUES (1, 2)`)
	if err := Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	var got string
	q := `SELECT string_agg(concat_ws('/', activity_id, kind, setting, initiated_by, coalesce(sex::VARCHAR, '-'),
			coalesce(group_format::VARCHAR, '-'), coalesce(referral_to::VARCHAR, '-'), status), ' ' ORDER BY activity_id, kind)
		FROM activities`
	if err := db.QueryRowContext(ctx, q).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "A1/individual/phone/self/F/-/-/active A2/group/clsc/partner/-/open/-/cancelled"; got != want {
		t.Errorf("activities = %q, want %q", got, want)
	}
	// Queries written for the strings keep working (README, 0017).
	q = `SELECT concat_ws('/', count(*) FILTER (WHERE kind = 'Individual'), count(*) FILTER (WHERE kind LIKE 'ind%'),
			count(*) FILTER (WHERE kind IN ('group', 'not a code')), string_agg(coalesce(sex, 'unknown'), ',' ORDER BY activity_id))
		FROM activities`
	if err := db.QueryRowContext(ctx, q).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "0/1/1/F,unknown"; got != want {
		t.Errorf("string queries on the codes = %q, want %q", got, want)
	}
	q = `SELECT (SELECT concat_ws('/', sex, status) FROM attendance) || ' ' || (SELECT concat_ws('/', service, status) FROM crisis_events)`
	if err := db.QueryRowContext(ctx, q).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "U/active crisis_line/cancelled"; got != want {
		t.Errorf("attendance and crisis_events = %q, want %q", got, want)
	}
	q = `SELECT string_agg(table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(comment, 'NO COMMENT'), '; ' ORDER BY table_name, column_name)
		FROM duckdb_columns() WHERE table_name IN ('activities', 'attendance', 'crisis_events') AND column_name IN ('status', 'service')`
	if err := db.QueryRowContext(ctx, q).Scan(&got); err != nil {
		t.Fatal(err)
	}
	want := "activities.status ENUM('active', 'cancelled') active or cancelled.; " +
		"attendance.status ENUM('active', 'cancelled') active or cancelled.; " +
		"crisis_events.service ENUM('crisis_intervention', 'crisis_line', 'ed_psychosocial', 'other', 'police_mental_health') crisis_intervention, crisis_line, ed_psychosocial, police_mental_health or other.; " +
		"crisis_events.status ENUM('active', 'cancelled') active or cancelled."
	if got != want {
		t.Errorf("view columns:\n got %s\nwant %s", got, want)
	}
}
