package queries

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Queries runs the store's typed queries on a DBTX.
type Queries struct{ db DBTX }

// New returns the query wrappers bound to db (a *sql.DB, *sql.Conn or *sql.Tx).
func New(db DBTX) *Queries { return &Queries{db: db} }

// InsertLoad records the start of an ingest run and returns its id.
func (q *Queries) InsertLoad(ctx context.Context, startedAt time.Time, version string) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, ingestSQL("insert_load"),
		sql.Named("started_at", startedAt), sql.Named("program_version", version)).Scan(&id)
	return id, wrap("insert load", err)
}

// BulkBegin relaxes checkpointing for the length of an ingest run.
func (q *Queries) BulkBegin(ctx context.Context) error {
	_, err := q.db.ExecContext(ctx, ingestSQL("bulk_begin"))
	return wrap("bulk begin", err)
}

// BulkEnd restores checkpointing and checkpoints once.
func (q *Queries) BulkEnd(ctx context.Context) error {
	_, err := q.db.ExecContext(ctx, ingestSQL("bulk_end"))
	return wrap("bulk end", err)
}

// BulkEndSmall restores checkpointing and leaves the checkpoint to DuckDB
// (at close, or once the WAL passes the threshold): for a run that loaded
// little.
func (q *Queries) BulkEndSmall(ctx context.Context) error {
	_, err := q.db.ExecContext(ctx, ingestSQL("bulk_end_small"))
	return wrap("bulk end", err)
}

// FinishLoad records the end of an ingest run.
func (q *Queries) FinishLoad(ctx context.Context, loadID int64, finishedAt time.Time) error {
	_, err := q.db.ExecContext(ctx, ingestSQL("finish_load"),
		sql.Named("finished_at", finishedAt), sql.Named("load_id", loadID))
	return wrap("finish load", err)
}

// FileSeen reports whether a file with this SHA-256 was already received.
func (q *Queries) FileSeen(ctx context.Context, sha256 string) (bool, error) {
	var seen bool
	err := q.db.QueryRowContext(ctx, ingestSQL("file_seen"), sql.Named("sha256", sha256)).Scan(&seen)
	return seen, wrap("file seen", err)
}

// NextFileID reserves a file id.
func (q *Queries) NextFileID(ctx context.Context) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, ingestSQL("next_file_id")).Scan(&id)
	return id, wrap("next file id", err)
}

// ManifestRow is one row of ingest_manifest.
type ManifestRow struct {
	FileID, LoadID                                   int64
	FileName, SHA256, Kind, Encoding, Delimiter      string
	RowsRead, RowsLoaded, RowsRejected, ValuesWarned int64
	Status, Reason                                   string
	StartedAt, FinishedAt                            time.Time
}

// InsertManifest records one received file.
func (q *Queries) InsertManifest(ctx context.Context, m ManifestRow) error {
	_, err := q.db.ExecContext(ctx, ingestSQL("insert_manifest"),
		sql.Named("file_id", m.FileID), sql.Named("load_id", m.LoadID),
		sql.Named("file_name", m.FileName), sql.Named("sha256", m.SHA256), sql.Named("kind", m.Kind),
		sql.Named("encoding", nullString(m.Encoding)), sql.Named("delimiter", nullString(m.Delimiter)),
		sql.Named("rows_read", m.RowsRead), sql.Named("rows_loaded", m.RowsLoaded),
		sql.Named("rows_rejected", m.RowsRejected), sql.Named("values_warned", m.ValuesWarned),
		sql.Named("status", m.Status), sql.Named("reason", nullString(m.Reason)),
		sql.Named("started_at", m.StartedAt), sql.Named("finished_at", m.FinishedAt))
	return wrap("insert manifest", err)
}

// InsertWarning records how many values of a column were read as empty.
func (q *Queries) InsertWarning(ctx context.Context, fileID int64, column string, n int64) error {
	_, err := q.db.ExecContext(ctx, ingestSQL("insert_warning"),
		sql.Named("file_id", fileID), sql.Named("column_name", column), sql.Named("values_read_as_empty", n))
	return wrap("insert warning", err)
}

// NeighbourhoodCodes lists the known neighbourhood codes.
func (q *Queries) NeighbourhoodCodes(ctx context.Context) ([]string, error) {
	return q.strings(ctx, ingestSQL("neighbourhood_codes"))
}

// PartnerIDs lists the known partner ids.
func (q *Queries) PartnerIDs(ctx context.Context) ([]string, error) {
	return q.strings(ctx, ingestSQL("partner_ids"))
}

func (q *Queries) strings(ctx context.Context, query string) ([]string, error) {
	rows, err := q.db.QueryContext(ctx, query)
	if err != nil {
		return nil, wrap("list codes", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, wrap("list codes", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// recordKeys names, per record kind, the columns that identify a record;
// nil for the other kinds.
func recordKeys(kind string) []string {
	switch kind {
	case "activities":
		return []string{"activity_id"}
	case "attendance":
		return []string{"activity_id", "person_key"}
	case "crisis_events":
		return []string{"event_id"}
	}
	return nil
}

// mergeStatement is the statement that makes a file's versions current:
// for records, marking superseded the versions they replace (the current
// tables are views of the versions not superseded); for reference data,
// replacing the table.
func mergeStatement(kind string) (string, bool) {
	if keys := recordKeys(kind); keys != nil {
		prefixed := make([]string, len(keys))
		for i, k := range keys {
			prefixed[i] = "v." + k
		}
		return fmt.Sprintf(ingestSQL("supersede"), versionTable(kind),
			strings.Join(keys, ", "), strings.Join(prefixed, ", ")), true
	}
	switch kind {
	case "neighbourhoods", "population", "partners":
		return ingestSQL("replace_" + kind), true
	}
	return "", false
}

// MergeFile makes the versions a file brought current in the table of its
// kind (re-export rule for records, replace-on-reload for reference data).
// For records it writes only the versions the file supersedes, never a
// second copy of its rows.
func (q *Queries) MergeFile(ctx context.Context, kind string, fileID int64) error {
	stmt, ok := mergeStatement(kind)
	if !ok {
		return fmt.Errorf("merge %q: %w", kind, ErrUnknownKind)
	}
	if _, err := q.db.ExecContext(ctx, stmt, sql.Named("file_id", fileID)); err != nil {
		return fmt.Errorf("merge %s: %w", kind, err)
	}
	return nil
}

// KeysElsewhere reports whether a version of kind from another file than
// fileID has its first key column (activity_id, event_id) between least
// and greatest. It is false for a kind without record keys.
func (q *Queries) KeysElsewhere(ctx context.Context, kind string, fileID int64, least, greatest string) (bool, error) {
	keys := recordKeys(kind)
	if keys == nil {
		return false, nil
	}
	var found bool
	err := q.db.QueryRowContext(ctx, fmt.Sprintf(ingestSQL("keys_elsewhere"), versionTable(kind), keys[0]),
		sql.Named("file_id", fileID), sql.Named("least", least), sql.Named("greatest", greatest)).Scan(&found)
	return found, wrap("keys elsewhere", err)
}

// versionTable names the table that receives a kind's rows as read.
func versionTable(kind string) string {
	switch kind {
	case "activities":
		return "activity_versions"
	case "attendance":
		return "attendance_versions"
	case "crisis_events":
		return "crisis_event_versions"
	case "neighbourhoods", "population", "partners":
		return kind
	}
	return ""
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
