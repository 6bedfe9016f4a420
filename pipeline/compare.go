package pipeline

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"proximite/internal/suppression"
	"proximite/queries"
	"proximite/reports"
)

// CompareOptions configures a comparison of several centres' snapshots.
type CompareOptions struct {
	// Snapshots are the centres' research snapshots (one per centre, same as-of month).
	Snapshots []string
	// Dir receives the comparison store and the comparison table.
	Dir string
	// SuppressionThreshold hides counts from 1 to threshold−1 in the table.
	SuppressionThreshold int
}

// CompareSummary says what Compare wrote.
type CompareSummary struct {
	Store, Table string
	Centres      []string
	AsOf         time.Time
	Areas        int
}

// Compare builds the comparison store (every centre's neighbourhoods and
// indicator values, area codes qualified by the centre) and the comparison
// table of crisis rates and reach into the isolated population per
// neighbourhood over the 12 months ending with the as-of month, with
// small-cell suppression (counts below the threshold and the cells that
// would give them away through the centre and overall totals).
func Compare(ctx context.Context, opt CompareOptions) (CompareSummary, error) {
	if opt.SuppressionThreshold < 1 {
		opt.SuppressionThreshold = suppression.DefaultThreshold
	}
	sum := CompareSummary{Store: filepath.Join(opt.Dir, "proximite-compare.duckdb"),
		Table: filepath.Join(opt.Dir, "proximite-compare.csv")}
	if len(opt.Snapshots) < 2 {
		return sum, fmt.Errorf("%w: give at least two snapshots", ErrCompare)
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return sum, fmt.Errorf("compare: %w", err)
	}
	if err := buildComparison(ctx, &sum, opt.Snapshots); err != nil {
		return sum, fmt.Errorf("compare: %w", err)
	}
	if err := writeComparisonTable(ctx, &sum, opt.SuppressionThreshold); err != nil {
		return sum, fmt.Errorf("compare: %w", err)
	}
	return sum, nil
}

// buildComparison writes the comparison store from the snapshots.
func buildComparison(ctx context.Context, sum *CompareSummary, snapshots []string) error {
	if err := removeDB(sum.Store); err != nil {
		return err
	}
	mem, err := queries.Open(ctx, ":memory:", queries.Options{Threads: 1})
	if err != nil {
		return err
	}
	defer mem.Close()
	conn, err := mem.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	q := queries.New(conn)
	if err := q.Attach(ctx, sum.Store, "cmp", false); err != nil {
		return err
	}
	err = q.CreateComparison(ctx)
	for i, path := range snapshots {
		if err != nil {
			break
		}
		err = addSnapshot(ctx, q, "s"+strconv.Itoa(i), path, sum)
	}
	if derr := q.Detach(context.WithoutCancel(ctx), "cmp"); err == nil {
		err = derr
	}
	if err != nil {
		removeDB(sum.Store)
	}
	return err
}

// addSnapshot attaches one snapshot, checks it against those already
// added, and copies it into the comparison store.
func addSnapshot(ctx context.Context, q *queries.Queries, alias, path string, sum *CompareSummary) error {
	if err := q.Attach(ctx, path, alias, true); err != nil {
		return err
	}
	defer q.Detach(context.WithoutCancel(ctx), alias)
	facts, err := q.SnapshotAbout(ctx, alias)
	if err != nil {
		return err
	}
	c := queries.ComparedCentre{ID: facts["centre_id"], Name: facts["centre_name"], AsOf: facts["as_of"],
		KeyFingerprint: facts["key_fingerprint"], ProgramVersion: facts["program_version"], Snapshot: filepath.Base(path)}
	if err := checkCentre(c, sum); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	sum.Centres = append(sum.Centres, c.ID)
	return q.AddToComparison(ctx, alias, c)
}

// checkCentre refuses a centre without id, a centre already compared and
// an as-of month other than the first snapshot's.
func checkCentre(c queries.ComparedCentre, sum *CompareSummary) error {
	asOf, err := time.Parse("2006-01", c.AsOf)
	switch {
	case c.ID == "":
		return fmt.Errorf("%w: the snapshot names no centre (set centre.id and publish again)", ErrCompare)
	case err != nil:
		return fmt.Errorf("%w: as_of %q: %w", ErrCompare, c.AsOf, err)
	case len(sum.Centres) > 0 && !asOf.Equal(sum.AsOf):
		return fmt.Errorf("%w: as of %s, the first snapshot as of %s", ErrCompare, c.AsOf, sum.AsOf.Format("2006-01"))
	}
	for _, id := range sum.Centres {
		if id == c.ID {
			return fmt.Errorf("%w: centre %q given twice", ErrCompare, c.ID)
		}
	}
	sum.AsOf = asOf
	return nil
}

// writeComparisonTable reads the comparison model (the one the report
// site's comparison page draws) from the comparison store and writes it
// as a suppressed CSV table.
func writeComparisonTable(ctx context.Context, sum *CompareSummary, threshold int) error {
	db, err := queries.Open(ctx, sum.Store, queries.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	cmp, err := comparisonAreas(ctx, queries.New(db), sum.AsOf)
	if err != nil {
		return err
	}
	sum.Areas = len(cmp.Crisis)
	rows, err := comparisonRows(cmp, threshold)
	if err != nil {
		return err
	}
	return writeCSV(sum.Table, rows)
}

// comparisonRows lays out one row per neighbourhood: crisis events,
// person-years and rate per 1,000; isolated persons reached, residents
// living alone and rate per 1,000; suppressed counts print as "<T" or "x"
// and hide their rate.
func comparisonRows(c reports.Comparison, threshold int) ([][]string, error) {
	crisis, err := protectColumn(c.Crisis, threshold)
	if err != nil {
		return nil, err
	}
	isolated, err := protectColumn(c.Isolated, threshold)
	if err != nil {
		return nil, err
	}
	rows := [][]string{{"area_code", "area", "period", "crisis_events", "person_years", "crisis_rate_per_1000",
		"isolated_reached", "living_alone", "isolated_reached_per_1000"}}
	for i, e := range c.Crisis {
		iso := c.Isolated[i]
		row := []string{e.Area.Code, e.Area.Name, c.Period.EN}
		row = append(row, cells(e, crisis[i], threshold)...)
		rows = append(rows, append(row, cells(iso, isolated[i], threshold)...))
	}
	return rows, nil
}

// protectColumn suppresses the counts of one measure across the areas:
// the total over all areas is known (the overall rate gives it), so one
// hidden count forces a second.
func protectColumn(data []reports.Exposure, threshold int) ([]suppression.Status, error) {
	values := []int64{0}
	members := make([]int, len(data))
	for i, d := range data {
		values[0] += d.Count
		values = append(values, d.Count)
		members[i] = i + 1
	}
	st, err := suppression.Apply(values, []suppression.Line{{Total: 0, Members: members}}, threshold)
	if err != nil {
		return nil, err
	}
	return st[1:], nil
}

// cells formats a count, its exposure and its rate per 1,000.
func cells(e reports.Exposure, st suppression.Status, threshold int) []string {
	exposure := strconv.FormatFloat(e.Exposure, 'f', 1, 64)
	if st.Suppressed() {
		return []string{suppression.Symbol(st, threshold), exposure, ""}
	}
	rate := ""
	if e.Exposure > 0 {
		rate = strconv.FormatFloat(1000*float64(e.Count)/e.Exposure, 'f', 2, 64)
	}
	return []string{strconv.FormatInt(e.Count, 10), exposure, rate}
}

// writeCSV writes rows to path.
func writeCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
