package queries

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// DBTX is what the query wrappers need: satisfied by *sql.DB, *sql.Conn and *sql.Tx.
type DBTX interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Options says how to open the store.
type Options struct {
	// ReadOnly opens the file without taking the writer lock and without migrating.
	ReadOnly bool
	// TimeZone is the session time zone (America/Montreal by default).
	TimeZone string
	// Threads caps DuckDB's worker threads; 0 keeps DuckDB's default.
	Threads int
	// MemoryLimit caps DuckDB's memory, e.g. "2GB"; empty keeps DuckDB's default.
	MemoryLimit string
}

// DB is an open Proximité store.
type DB struct {
	*sql.DB
	Path string
	// MemoryLimit is the memory limit the store was opened with ("" for
	// DuckDB's default), which RestoreMemoryLimit puts back.
	MemoryLimit string
}

// Open opens (creating if needed) the DuckDB file at path and, unless
// read-only, applies the pending schema migrations. An empty path or
// ":memory:" opens an in-memory store (tests).
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	if opt.TimeZone == "" {
		opt.TimeZone = "America/Montreal"
	}
	connector, err := duckdb.NewConnector(dsn(path, opt), initConn(opt.TimeZone))
	if err != nil {
		return nil, classifyOpenError(path, err)
	}
	db := &DB{DB: sql.OpenDB(connector), Path: path, MemoryLimit: opt.MemoryLimit}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, classifyOpenError(path, err)
	}
	if !opt.ReadOnly {
		if err := Migrate(ctx, db.DB); err != nil {
			db.Close()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	return db, nil
}

// LimitMemory sets DuckDB's memory limit, for the whole database (not one
// connection), until RestoreMemoryLimit.
func (db *DB) LimitMemory(ctx context.Context, limit string) error {
	_, err := db.ExecContext(ctx, "SET memory_limit = "+QuoteLiteral(limit))
	return wrap("limit memory", err)
}

// RestoreMemoryLimit puts back the memory limit the store was opened with.
func (db *DB) RestoreMemoryLimit(ctx context.Context) error {
	stmt := "RESET memory_limit"
	if db.MemoryLimit != "" {
		stmt = "SET memory_limit = " + QuoteLiteral(db.MemoryLimit)
	}
	_, err := db.ExecContext(ctx, stmt)
	return wrap("restore memory limit", err)
}

// dsn builds the DuckDB connection string: extensions are never downloaded
// nor auto-loaded (parquet, json and icu are built into the driver).
func dsn(path string, opt Options) string {
	q := url.Values{}
	q.Set("autoinstall_known_extensions", "false")
	q.Set("autoload_known_extensions", "false")
	q.Set("allow_community_extensions", "false")
	if opt.ReadOnly {
		q.Set("access_mode", "READ_ONLY")
	}
	if opt.Threads > 0 {
		q.Set("threads", fmt.Sprint(opt.Threads))
	}
	if opt.MemoryLimit != "" {
		q.Set("memory_limit", opt.MemoryLimit)
	}
	if path == ":memory:" {
		path = ""
	}
	return path + "?" + q.Encode()
}

// initConn sets the session time zone on every new connection, so month
// boundaries and TIMESTAMPTZ display are local.
func initConn(tz string) func(driver.ExecerContext) error {
	return func(ex driver.ExecerContext) error {
		_, err := ex.ExecContext(context.Background(), "SET TimeZone = "+QuoteLiteral(tz), nil)
		return wrap("init conn", err)
	}
}

// classifyOpenError turns DuckDB's lock conflict into ErrBusy.
func classifyOpenError(path string, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "Could not set lock") || strings.Contains(msg, "Conflicting lock") {
		return fmt.Errorf("open %s: %w: %s", path, ErrBusy, lockHolder(msg))
	}
	return fmt.Errorf("open %s: %w", path, err)
}

// lockHolder names the process holding the lock when DuckDB's message
// says (program and PID), else says only that another process holds it.
func lockHolder(msg string) string {
	_, held, ok := strings.Cut(msg, "Conflicting lock is held in ")
	if !ok {
		return "held by another process"
	}
	held, _, _ = strings.Cut(held, ". See also")
	return "held by " + strings.TrimSuffix(strings.TrimSpace(held), ".")
}

// IsBusy reports whether err says the database is held by another process.
func IsBusy(err error) bool { return errors.Is(err, ErrBusy) }
