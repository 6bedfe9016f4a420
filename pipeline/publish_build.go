package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"proximite/queries"
)

// researchTables are the tables a snapshot holds, in the order they are
// written: records, reference data, the catalogue, the calendar and
// denominators, the values and the models. Operational tables (loads,
// manifest, job runs, deliveries, snapshots, sources, published values,
// revisions) and compute's working tables never leave the store.
var researchTables = []string{
	"activities", "activity_versions", "attendance", "attendance_versions",
	"crisis_events", "crisis_event_versions", "neighbourhoods", "population", "partners",
	"indicators", "areas", "months", "periods", "neighbourhood_months", "area_periods",
	"indicator_values", "crisis_its", "crisis_its_series", "crisis_did", "spc_points",
}

// rekeyedKinds maps each identifier column that could join two recipients'
// files to the kind its re-keyed value is derived under.
var rekeyedKinds = map[string]string{
	"person_key": "person", "activity_id": "activity", "group_id": "group",
	"event_id": "event", "worker_id": "worker",
}

// fact is one row of a snapshot's about table.
type fact struct{ Key, Value string }

// buildSnapshot builds the as-of store in a work file beside the snapshot,
// computes it, and copies its research tables into the snapshot file.
func buildSnapshot(ctx context.Context, db *queries.DB, sum *PublishSummary, opt PublishOptions, ident queries.StoreIdentity) ([]fact, error) {
	work := filepath.Join(opt.Dir, "."+filepath.Base(sum.Snapshot)+".work")
	defer removeDB(work)
	wdb, err := openWork(ctx, db, work, opt, sum.Cutoff)
	if err != nil {
		return nil, err
	}
	defer wdb.Close()
	stamp, ok, err := queries.New(wdb).DataStamp(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%w: no record of %s or before was exported before %s",
			ErrMonthOutOfRange, opt.Month.Format("2006-01"), sum.Cutoff.Format(time.RFC3339))
	}
	copt := opt.Compute
	copt.AsOf, copt.ComputedAt, copt.LoadID, copt.Progress = opt.Month, stamp, 0, nil
	if _, err := Compute(ctx, wdb, copt); err != nil {
		return nil, err
	}
	facts, err := snapshotFacts(ctx, wdb, opt, ident, sum.Cutoff, stamp)
	if err != nil {
		return nil, err
	}
	return facts, writeSnapshotFile(ctx, wdb, sum, opt, facts)
}

// openWork creates a fresh store at path and fills it with what the live
// store knew as of the cutoff; it returns it open on one thread, so that
// the computation writes its rows in one order.
func openWork(ctx context.Context, db *queries.DB, path string, opt PublishOptions, cutoff time.Time) (*queries.DB, error) {
	if err := removeDB(path); err != nil {
		return nil, err
	}
	wopt := queries.Options{Threads: 1, TimeZone: opt.Location.String()}
	wdb, err := queries.Open(ctx, path, wopt)
	if err != nil {
		return nil, err
	}
	wdb.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	q := queries.New(conn)
	err = q.Attach(ctx, path, "work", false)
	if err == nil {
		monthEnd := opt.Month.AddDate(0, 1, -1)
		err = inTx(ctx, conn, func(q *queries.Queries) error { return q.CopyAsOf(ctx, cutoff, monthEnd) })
		if derr := q.Detach(context.WithoutCancel(ctx), "work"); err == nil {
			err = derr
		}
	}
	conn.Close()
	if err != nil {
		return nil, err
	}
	return queries.Open(ctx, path, wopt)
}

// snapshotFacts lists what the snapshot is, in a fixed order.
func snapshotFacts(ctx context.Context, wdb *queries.DB, opt PublishOptions, ident queries.StoreIdentity, cutoff, stamp time.Time) ([]fact, error) {
	duck, err := queries.New(wdb).DuckDBVersion(ctx)
	if err != nil {
		return nil, err
	}
	level := "full"
	if isCoarse(opt) {
		level = "coarse"
	}
	c := opt.Compute
	return []fact{
		{"centre_id", opt.Centre.ID},
		{"centre_name", opt.Centre.Name},
		{"as_of", opt.Month.Format("2006-01")},
		{"exports_before", cutoff.Format(time.RFC3339)},
		{"computed_at", stamp.UTC().Format(time.RFC3339Nano)},
		{"key_fingerprint", ident.KeyFingerprint},
		{"recipient", opt.Recipient},
		{"level", level},
		{"program_version", opt.Version},
		{"duckdb_version", duck},
		{"time_zone", opt.Location.String()},
		{"values", "exact (unsuppressed): suppress before publication"},
		{"suppression_threshold", strconv.Itoa(opt.SuppressionThreshold)},
		{"provisional_months", strconv.Itoa(c.ProvisionalMonths)},
		{"its_seasonal", strconv.FormatBool(c.ITS.Seasonal)},
		{"its_slope_change", strconv.FormatBool(c.ITS.SlopeChange)},
		{"its_floor_phi", strconv.FormatBool(c.ITS.FloorPhi)},
		{"spc_screen", strconv.FormatBool(c.SPC.Screen)},
		{"spc_fix_after", strconv.Itoa(c.SPC.FixAfter)},
		{"spc_rebase_at_outreach", strconv.FormatBool(c.SPC.RebaseAtOutreach)},
	}, nil
}

// isCoarse reports whether the snapshot's recipient gets the coarsened level.
func isCoarse(opt PublishOptions) bool {
	return opt.Recipient != "" && slices.Contains(opt.Coarse, opt.Recipient)
}

// columnRules says how each column goes into the snapshot: unchanged for
// the centre's own snapshot; for a recipient, identifiers re-keyed, file
// and line dropped, and birth years banded at the coarse level.
func columnRules(opt PublishOptions) map[string]queries.ColumnRule {
	rules := map[string]queries.ColumnRule{}
	if opt.Recipient == "" {
		return rules
	}
	for col, kind := range rekeyedKinds {
		rules[col] = queries.ColumnRule{RekeyKind: kind,
			Note: "Re-keyed for this recipient: equal within this snapshot, unrelated to the store's and to other recipients' values."}
	}
	rules["file_id"] = queries.ColumnRule{Drop: true}
	rules["line"] = queries.ColumnRule{Drop: true}
	if isCoarse(opt) {
		rules["birth_year"] = queries.ColumnRule{AgeBand: true,
			Note: "Age band reached in the as-of year (0-17, 18-24, 25-34, …, 75-84, 85+), instead of the birth year; NULL = unknown."}
	}
	return rules
}

// writeSnapshotFile stages the research tables of the work store, about,
// input_files and the codebook in a private file, has the snapshot writer
// copy them into a new file in a process of its own (publish_writer.go),
// and moves that file into place read-only, then the codebook file beside
// it. A reader never sees half a file; a failed or killed writer leaves the
// previous snapshot as it was.
func writeSnapshotFile(ctx context.Context, wdb *queries.DB, sum *PublishSummary, opt PublishOptions, facts []fact) error {
	stage := filepath.Join(opt.Dir, "."+filepath.Base(sum.Snapshot)+".stage")
	defer removeStage(stage)
	book, err := stageSnapshot(ctx, wdb, stage, sum, opt, facts)
	if err != nil {
		return err
	}
	tmp := sum.Snapshot + ".tmp"
	if err := removeDB(tmp); err != nil {
		return err
	}
	if err := writeInChild(ctx, opt.writer, stage, tmp); err != nil {
		return err
	}
	if err := removeDB(sum.Snapshot); err != nil {
		return err
	}
	if err := os.Rename(tmp, sum.Snapshot); err != nil {
		return err
	}
	if err := os.Chmod(sum.Snapshot, 0o444); err != nil {
		return err
	}
	return writeFileAtomic(sum.Codebook, []byte(book))
}

// stageSnapshot writes the snapshot's tables into the new file stage and
// returns the codebook.
func stageSnapshot(ctx context.Context, wdb *queries.DB, stage string, sum *PublishSummary, opt PublishOptions, facts []fact) (string, error) {
	if err := removeStage(stage); err != nil {
		return "", err
	}
	conn, err := wdb.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	q := queries.New(conn)
	if err := q.Attach(ctx, stage, "snap", false); err != nil {
		return "", err
	}
	var book string
	err = inTx(ctx, conn, func(q *queries.Queries) error {
		var err error
		book, err = fillSnapshot(ctx, q, sum, opt, facts)
		return err
	})
	if derr := q.Detach(context.WithoutCancel(ctx), "snap"); err == nil {
		err = derr
	}
	return book, err
}

// removeStage removes a staged snapshot and the folder DuckDB spills to
// beside it.
func removeStage(stage string) error {
	return errors.Join(removeDB(stage), os.RemoveAll(stage+".tmp"))
}

// writeFileAtomic writes data to a temporary name beside path and renames it.
func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// fillSnapshot writes the tables of the snapshot attached as snap and
// returns its codebook.
func fillSnapshot(ctx context.Context, q *queries.Queries, sum *PublishSummary, opt PublishOptions, facts []fact) (string, error) {
	rules := columnRules(opt)
	params := queries.CopyParams{AsOfYear: opt.Month.Year()}
	if opt.Recipient != "" {
		params.Salt = rekeySalt(opt.RekeySecret, opt.Recipient)
	}
	for _, t := range researchTables {
		if err := q.CopyToSnapshot(ctx, t, rules, params); err != nil {
			return "", err
		}
	}
	if err := q.CreateAbout(ctx); err != nil {
		return "", err
	}
	for _, f := range facts {
		if err := q.InsertAbout(ctx, f.Key, f.Value); err != nil {
			return "", err
		}
	}
	book, tables, err := renderCodebook(ctx, q, opt, facts)
	if err != nil {
		return "", fmt.Errorf("codebook: %w", err)
	}
	sum.Tables = tables
	return book, q.InsertCodebook(ctx, book)
}

// inTx runs f in one transaction on conn: one commit, not one per statement.
func inTx(ctx context.Context, conn *sql.Conn, f func(*queries.Queries) error) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := f(queries.New(tx)); err != nil {
		return err
	}
	return tx.Commit()
}
