package queries

import "errors"

// ErrBusy means another process holds the database file (DuckDB allows one
// writer process at a time); the caller should retry later or read a snapshot.
var ErrBusy = errors.New("database busy: another process has it open")

// ErrNotFound means the requested row does not exist.
var ErrNotFound = errors.New("not found")

// ErrSchemaTooNew means the database was migrated by a newer proximite than
// this one; opening it could misread its tables.
var ErrSchemaTooNew = errors.New("database schema is newer than this program")
