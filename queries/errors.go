package queries

import (
	"errors"
	"fmt"
)

// ErrBusy means another process holds the database file (DuckDB allows one
// writer process at a time); the caller should retry later or read a snapshot.
var ErrBusy = errors.New("database busy: another process has it open")

// ErrNotFound means the requested row does not exist.
var ErrNotFound = errors.New("not found")

// ErrSchemaTooNew means the database was migrated by a newer proximite than
// this one; opening it could misread its tables.
var ErrSchemaTooNew = errors.New("database schema is newer than this program")

// ErrUnknownKind means a wrapper was asked for an export kind it has no
// query for (a bug in the caller).
var ErrUnknownKind = errors.New("unknown export kind")

// ErrBadMigration means the embedded schema files are misnumbered (a bug
// caught by the tests).
var ErrBadMigration = errors.New("bad migration file")

// ErrRowWidth means a row handed to a bulk insert has the wrong number of
// values (a bug in the caller).
var ErrRowWidth = errors.New("row of the wrong width")

// ErrColumnType means an ingest batch was asked to carry a column type it
// has no Arrow mapping for, or a value of the wrong Go type for its column
// (a bug: the schema and the ingest code disagree).
var ErrColumnType = errors.New("column type not carried by ingest batches")

// wrap puts the operation in front of err, keeping it for errors.Is; nil
// stays nil.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", op, err)
}
