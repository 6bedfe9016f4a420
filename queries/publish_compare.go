package queries

import (
	"context"
	"database/sql"
	"fmt"
	"time"
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
	for _, name := range []string{"compare_insert_neighbourhoods", "compare_insert_values", "compare_insert_its"} {
		if err := q.exec(ctx, fmt.Sprintf(publishSQL(name), QuoteIdent(alias)), args[:2]...); err != nil {
			return fmt.Errorf("compare %s: %s: %w", c.ID, name, err)
		}
	}
	return nil
}

// ComparedPeriod is the period the comparison site shows.
type ComparedPeriod struct {
	Type       string
	Start, End time.Time
}

// ComparedArea is one neighbourhood of the comparison store with the
// numerators and denominators of the three rates over one period.
type ComparedArea struct {
	CentreID, Code, Name string
	Outreach             bool
	CrisisEvents         int64
	PersonYears          float64
	Reached              int64
	Population           float64
	IsolatedReached      int64
	LivingAlone          float64
}

// ComparedModel is a centre's pooled crisis model from the comparison store.
type ComparedModel struct {
	CentreID, Status, Reason, Inference string
	Clusters, TDF                       int
	RR, Lo, Hi, P                       sql.NullFloat64
}

// ComparisonPeriod returns the latest period final in every centre of the
// comparison store attached as "cmp"; false when there is none.
func (q *Queries) ComparisonPeriod(ctx context.Context) (ComparedPeriod, bool, error) {
	var p ComparedPeriod
	err := q.db.QueryRowContext(ctx, publishSQL("compare_period")).Scan(&p.Type, &p.Start, &p.End)
	if err == sql.ErrNoRows {
		return p, false, nil
	}
	return p, err == nil, wrap("comparison period", err)
}

// ComparisonCentres returns the centres of the comparison store attached as "cmp".
func (q *Queries) ComparisonCentres(ctx context.Context) ([]ComparedCentre, error) {
	return collect(ctx, q.db, publishSQL("compare_centres"), func(r *sql.Rows) (ComparedCentre, error) {
		var c ComparedCentre
		err := r.Scan(&c.ID, &c.Name, &c.AsOf, &c.KeyFingerprint, &c.ProgramVersion, &c.Snapshot)
		return c, wrap("comparison centres", err)
	})
}

// ComparisonAreas returns every neighbourhood of the comparison store
// attached as "cmp" with its rates' terms over period p.
func (q *Queries) ComparisonAreas(ctx context.Context, p ComparedPeriod) ([]ComparedArea, error) {
	return collect(ctx, q.db, publishSQL("compare_areas"), func(r *sql.Rows) (ComparedArea, error) {
		var a ComparedArea
		err := r.Scan(&a.CentreID, &a.Code, &a.Name, &a.Outreach, &a.CrisisEvents, &a.PersonYears,
			&a.Reached, &a.Population, &a.IsolatedReached, &a.LivingAlone)
		return a, wrap("comparison areas", err)
	}, sql.Named("period_type", p.Type), sql.Named("period_start", p.Start))
}

// ComparisonPooled returns each centre's pooled crisis model from the
// comparison store attached as "cmp".
func (q *Queries) ComparisonPooled(ctx context.Context) ([]ComparedModel, error) {
	return collect(ctx, q.db, publishSQL("compare_pooled"), func(r *sql.Rows) (ComparedModel, error) {
		var m ComparedModel
		err := r.Scan(&m.CentreID, &m.Status, &m.Reason, &m.Inference, &m.Clusters, &m.TDF, &m.RR, &m.Lo, &m.Hi, &m.P)
		return m, wrap("comparison pooled models", err)
	})
}
