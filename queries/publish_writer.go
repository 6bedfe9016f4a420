package queries

import (
	"context"
	"fmt"
)

// WriterSettings keeps the insertion order in the snapshot writer's
// session; with one thread, rows are written in the order they are read.
func (q *Queries) WriterSettings(ctx context.Context) error {
	if err := q.execScript(ctx, "writer_settings"); err != nil {
		return fmt.Errorf("writer settings: %w", err)
	}
	return nil
}

// CopyDatabaseToSnapshot copies every table of the current database, with
// its comments and constraints, into the database attached as "snap".
func (q *Queries) CopyDatabaseToSnapshot(ctx context.Context) error {
	var name string
	if err := q.db.QueryRowContext(ctx, publishSQL("current_database")).Scan(&name); err != nil {
		return fmt.Errorf("current database: %w", err)
	}
	if err := q.exec(ctx, fmt.Sprintf(publishSQL("writer_copy"), QuoteIdent(name))); err != nil {
		return fmt.Errorf("copy %s into the snapshot: %w", name, err)
	}
	return nil
}
