package queries

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
)

// openAt opens an in-memory store migrated up to version max only, as a
// program of that version left it.
func openAt(t *testing.T, max int) *sql.DB {
	t.Helper()
	ctx := context.Background()
	connector, err := duckdb.NewConnector("", initConn("America/Montreal"))
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(connector)
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1) // one in-memory database for every statement
	if _, err := db.ExecContext(ctx, `CREATE TABLE schema_migrations (
		version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		t.Fatal(err)
	}
	ms, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Version <= max {
			if err := apply(ctx, db, m); err != nil {
				t.Fatalf("%s: %v", m.Name, err)
			}
		}
	}
	return db
}

var (
	hexA = strings.Repeat("ab", 32)
	hexB = "4656ec695d46c870927f44d5c98d856156102088584254fbdde1af0d262ee498"
)

// oldStore is a store at version 12 as ingest left it: A1 re-exported
// (file 2 won), A2 once, attendance of A2 re-exported (file 4 won), one
// crisis event; and A9, a current row no version holds (none should, but
// the migration must not lose it).
func oldStore(t *testing.T) *sql.DB {
	t.Helper()
	db := openAt(t, 12)
	exec(t, db,
		`INSERT INTO activity_versions (activity_id, activity_date, kind, duration_min, person_key, status, exported_at, file_id, line) VALUES
			('A1', DATE '2024-03-05', 'individual', 45, '`+hexA+`', 'active', TIMESTAMPTZ '2024-04-02 12:00:00+00', 1, 2),
			('A2', DATE '2024-03-06', 'group', 90, NULL, 'active', TIMESTAMPTZ '2024-04-02 12:00:00+00', 1, 3),
			('A1', DATE '2024-03-05', 'individual', 50, '`+hexA+`', 'active', TIMESTAMPTZ '2024-04-09 12:00:00+00', 2, 2)`,
		`INSERT INTO activities SELECT * FROM activity_versions WHERE (file_id, line) IN ((2, 2), (1, 3))`,
		`INSERT INTO activities (activity_id, activity_date, kind, duration_min, status, exported_at, file_id, line) VALUES
			('A9', DATE '2024-03-09', 'organizational', 30, 'active', TIMESTAMPTZ '2024-04-02 12:00:00+00', 7, 9)`,
		`INSERT INTO attendance_versions (activity_id, person_key, status, exported_at, file_id, line) VALUES
			('A2', '`+hexB+`', 'active', TIMESTAMPTZ '2024-04-02 12:00:00+00', 3, 2),
			('A2', '`+hexB+`', 'cancelled', TIMESTAMPTZ '2024-04-03 12:00:00+00', 4, 2)`,
		`INSERT INTO attendance SELECT * FROM attendance_versions WHERE file_id = 4`,
		`INSERT INTO crisis_event_versions (event_id, event_date, service, person_key, status, exported_at, file_id, line) VALUES
			('E1', DATE '2024-03-01', 'crisis_line', '`+strings.ToUpper(hexB)+`', 'active', TIMESTAMPTZ '2024-04-02 12:00:00+00', 5, 2)`,
		`INSERT INTO crisis_events SELECT * FROM crisis_event_versions`,
	)
	return db
}

func exec(t *testing.T, db DBTX, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func text(t *testing.T, db DBTX, query string) string {
	t.Helper()
	var s sql.NullString
	if err := db.QueryRowContext(context.Background(), query).Scan(&s); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return s.String
}

func TestMigrate0013KeepsTheCurrentRows(t *testing.T) {
	ctx := context.Background()
	db := oldStore(t)
	if err := Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ query, want string }{
		{`SELECT string_agg(activity_id || ':' || duration_min || ':' || file_id, ' ' ORDER BY activity_id) FROM activities`, "A1:50:2 A2:90:1 A9:30:7"},
		{`SELECT count(*) FROM activity_versions`, "4"},
		{`SELECT lower(hex(person_key)) FROM activities WHERE activity_id = 'A1'`, hexA},
		{`SELECT string_agg(status || ':' || lower(hex(person_key)), ' ') FROM attendance`, "cancelled:" + hexB},
		{`SELECT lower(hex(person_key)) FROM crisis_events`, hexB},
		{`SELECT string_agg(file_id || ':' || line || ':' || coalesce(by_file_id::VARCHAR, 'NULL'), ' ' ORDER BY file_id, line) FROM superseded_versions`, "1:2:NULL 3:2:NULL"},
		{`SELECT string_agg(DISTINCT data_type, ' ') FROM duckdb_columns() WHERE column_name = 'person_key' AND table_name IN
			('activities', 'activity_versions', 'attendance', 'attendance_versions', 'crisis_events', 'crisis_event_versions')`, "BLOB"},
		{`SELECT string_agg(view_name, ' ' ORDER BY view_name) FROM duckdb_views() WHERE NOT internal`, "activities attendance crisis_events"},
		{`SELECT count(*) FROM schema_migrations WHERE version = 13`, "1"},
	} {
		if got := text(t, db, c.query); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.query, got, c.want)
		}
	}
	// Ingest goes on from the migrated store: a newer export of A1 supersedes
	// the version that was current.
	exec(t, db, `INSERT INTO activity_versions (activity_id, activity_date, kind, duration_min, person_key, status, exported_at, file_id, line) VALUES
		('A1', DATE '2024-03-05', 'individual', 55, unhex('`+hexA+`'), 'active', TIMESTAMPTZ '2024-04-20 12:00:00+00', 8, 2)`)
	if err := New(db).MergeFile(ctx, "activities", 8); err != nil {
		t.Fatal(err)
	}
	if got := text(t, db, `SELECT string_agg(activity_id || ':' || duration_min, ' ' ORDER BY activity_id) FROM activities`); got != "A1:55 A2:90 A9:30" {
		t.Errorf("after a new file: %s, want A1:55 A2:90 A9:30", got)
	}
	if got := text(t, db, `SELECT string_agg(file_id || ':' || line, ' ') FROM superseded_versions WHERE by_file_id = 8`); got != "2:2" {
		t.Errorf("marked by file 8: %s, want 2:2", got)
	}
}

// TestMigrate0013StopsOnWhatIsNoPseudonym: a person_key that is not hex
// cannot become bytes; the migration fails and leaves the store as it was.
func TestMigrate0013StopsOnWhatIsNoPseudonym(t *testing.T) {
	ctx := context.Background()
	db := oldStore(t)
	exec(t, db, `INSERT INTO activity_versions (activity_id, person_key, file_id, line) VALUES ('A5', 'not a pseudonym', 6, 2)`)
	if err := Migrate(ctx, db); err == nil {
		t.Fatal("migrated a store whose person_key holds text")
	}
	if got := text(t, db, `SELECT max(version) FROM schema_migrations`); got != "12" {
		t.Errorf("schema version %s after a failed migration, want 12", got)
	}
	if got := text(t, db, `SELECT string_agg(table_type, ' ') FROM information_schema.tables WHERE table_name = 'activities'`); got != "BASE TABLE" {
		t.Errorf("activities is %q after a failed migration, want the table kept", got)
	}
	if got := text(t, db, `SELECT count(*) FROM activities`); got != "3" {
		t.Errorf("activities holds %s rows after a failed migration, want 3", got)
	}
}
