package queries

import (
	"context"
	"database/sql"
	"fmt"
)

// ComparedCentre is a centre's row of the comparison store.
type ComparedCentre struct {
	ID, Name, AsOf, KeyFingerprint, ProgramVersion, Snapshot string
}

// CreateComparison creates the tables of the comparison store attached as "cmp".
func (q *Queries) CreateComparison(ctx context.Context) error {
	return q.execScript(ctx, "compare_create")
}

// SnapshotAbout returns the about facts of the snapshot attached as alias.
func (q *Queries) SnapshotAbout(ctx context.Context, alias string) (map[string]string, error) {
	rows, err := q.db.QueryContext(ctx, fmt.Sprintf(publishSQL("compare_about"), QuoteIdent(alias)))
	if err != nil {
		return nil, fmt.Errorf("about of %s: %w", alias, err)
	}
	defer rows.Close()
	facts := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		facts[k] = v
	}
	return facts, rows.Err()
}

// AddToComparison copies the centre's neighbourhoods and indicator values
// from the snapshot attached as alias into the comparison store, codes
// qualified by the centre.
func (q *Queries) AddToComparison(ctx context.Context, alias string, c ComparedCentre) error {
	args := []any{sql.Named("centre_id", c.ID), sql.Named("centre_name", c.Name), sql.Named("as_of", c.AsOf),
		sql.Named("key_fingerprint", c.KeyFingerprint), sql.Named("program_version", c.ProgramVersion), sql.Named("snapshot", c.Snapshot)}
	if err := q.exec(ctx, publishSQL("compare_insert_centre"), args...); err != nil {
		return fmt.Errorf("compare %s: %w", c.ID, err)
	}
	for _, name := range []string{"compare_insert_neighbourhoods", "compare_insert_values"} {
		if err := q.exec(ctx, fmt.Sprintf(publishSQL(name), QuoteIdent(alias)), args[:2]...); err != nil {
			return fmt.Errorf("compare %s: %s: %w", c.ID, name, err)
		}
	}
	return nil
}
