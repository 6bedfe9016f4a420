package queries

import (
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// Appender appends rows to a table on one connection, inside that
// connection's open transaction.
type Appender struct{ a *duckdb.Appender }

// NewVersionAppender returns an appender for the table that receives a
// kind's rows: the record columns in export order, then file_id and line.
func NewVersionAppender(conn *sql.Conn, kind string) (*Appender, error) {
	table := versionTable(kind)
	if table == "" {
		return nil, fmt.Errorf("appender %q: %w", kind, ErrUnknownKind)
	}
	return newAppender(conn, table)
}

// NewRejectAppender returns an appender for rejected_rows.
func NewRejectAppender(conn *sql.Conn) (*Appender, error) { return newAppender(conn, "rejected_rows") }

func newAppender(conn *sql.Conn, table string) (*Appender, error) {
	var app *duckdb.Appender
	err := conn.Raw(func(dc any) error {
		var err error
		app, err = duckdb.NewAppenderFromConn(dc.(driver.Conn), "", table)
		return wrap("new appender", err)
	})
	if err != nil {
		return nil, fmt.Errorf("appender %s: %w", table, err)
	}
	return &Appender{a: app}, nil
}

// Append adds one row.
func (a *Appender) Append(values ...driver.Value) error { return a.a.AppendRow(values...) }

// Close flushes the buffered rows and releases the appender.
func (a *Appender) Close() error { return a.a.Close() }
