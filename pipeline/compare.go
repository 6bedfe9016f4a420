package pipeline

import (
	"context"
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
	// SiteDir receives the comparison site, one folder per language
	// (compare-fr, compare-en); default Dir/site.
	SiteDir string
	// SuppressionThreshold hides counts from 1 to threshold−1 in the table
	// and the site.
	SuppressionThreshold int
}

// CompareSummary says what Compare wrote.
type CompareSummary struct {
	Store, Table string
	// Sites are the comparison site's folders, French first.
	Sites   []string
	Centres []string
	AsOf    time.Time
	// Period is the period of the rates compared, in English.
	Period string
	Areas  int
}

// compareLangs are the languages of the comparison site, the default first.
var compareLangs = [...]string{"fr", "en"}

// Compare builds the comparison store (every centre's neighbourhoods,
// indicator values and crisis models, area codes qualified by the centre),
// the comparison table and the comparison site of the rates of every
// neighbourhood over the latest period final in every centre, with
// small-cell suppression (counts below the threshold and the cells that
// would give them away through the centre and overall totals). Every
// output is written under a temporary name and renamed into place only
// once all are whole: a failure leaves the previous outputs as they were.
func Compare(ctx context.Context, opt CompareOptions) (CompareSummary, error) {
	if opt.SuppressionThreshold < 1 {
		opt.SuppressionThreshold = suppression.DefaultThreshold
	}
	if opt.SiteDir == "" {
		opt.SiteDir = filepath.Join(opt.Dir, "site")
	}
	sum := CompareSummary{Store: filepath.Join(opt.Dir, "proximite-compare.duckdb"),
		Table: filepath.Join(opt.Dir, "proximite-compare.csv")}
	for _, lang := range compareLangs {
		sum.Sites = append(sum.Sites, filepath.Join(opt.SiteDir, "compare-"+lang))
	}
	if len(opt.Snapshots) < 2 {
		return sum, fmt.Errorf("%w: give at least two snapshots", ErrCompare)
	}
	if err := os.MkdirAll(opt.Dir, 0o777); err != nil {
		return sum, fmt.Errorf("compare: %w", err)
	}
	store := tempName(sum.Store)
	defer removeDB(store)
	if err := buildComparison(ctx, store, &sum, opt.Snapshots); err != nil {
		return sum, fmt.Errorf("compare: %w", err)
	}
	site, err := readComparison(ctx, store, opt.SuppressionThreshold)
	if err != nil {
		return sum, fmt.Errorf("compare: %w", err)
	}
	sum.Areas, sum.Period = len(site.Areas), site.Period.EN
	if err := writeComparison(store, site, &sum); err != nil {
		return sum, fmt.Errorf("compare: %w", err)
	}
	return sum, nil
}

// writeComparison writes the table and the sites under temporary names,
// then renames them and the store into place.
func writeComparison(store string, site reports.CompareSite, sum *CompareSummary) error {
	table, err := createTemp(sum.Table)
	if err != nil {
		return err
	}
	defer os.Remove(table.Name())
	if err := writeComparisonTable(table, site); err != nil {
		return err
	}
	var tmps []string
	defer func() {
		for _, t := range tmps {
			os.RemoveAll(t)
		}
	}()
	for i, lang := range compareLangs {
		tmp, err := mkdirTemp(sum.Sites[i])
		if err != nil {
			return err
		}
		tmps = append(tmps, tmp)
		s := site
		s.Lang, s.OtherLang = lang, "../compare-"+compareLangs[1-i]+"/"
		if err := reports.RenderCompareSite(tmp, s); err != nil {
			return err
		}
	}
	if err := os.Rename(store, sum.Store); err != nil {
		return err
	}
	if err := os.Rename(table.Name(), sum.Table); err != nil {
		return err
	}
	for i := range tmps {
		if err := replaceDir(tmps[i], sum.Sites[i]); err != nil {
			return err
		}
	}
	return nil
}

// buildComparison writes the comparison store at path from the snapshots.
func buildComparison(ctx context.Context, path string, sum *CompareSummary, snapshots []string) error {
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
	if err := q.Attach(ctx, path, "cmp", false); err != nil {
		return err
	}
	err = q.CreateComparison(ctx)
	for i, snap := range snapshots {
		if err != nil {
			break
		}
		err = addSnapshot(ctx, q, "s"+strconv.Itoa(i), snap, sum)
	}
	if derr := q.Detach(context.WithoutCancel(ctx), "cmp"); err == nil {
		err = derr
	}
	return err
}

// addSnapshot checks one snapshot (its checksum when its manifest is
// beside it, then what it says of itself against the snapshots already
// added) and copies it into the comparison store. Every error names the
// file.
func addSnapshot(ctx context.Context, q *queries.Queries, alias, path string, sum *CompareSummary) error {
	if err := checkSnapshotSum(path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := q.Attach(ctx, path, alias, true); err != nil {
		return fmt.Errorf("%w: %s: not a DuckDB database, or truncated: %w", ErrCompare, path, err)
	}
	defer q.Detach(context.WithoutCancel(ctx), alias)
	facts, err := q.SnapshotAbout(ctx, alias)
	if err != nil {
		return fmt.Errorf("%w: %s: not a Proximité research snapshot (publish writes them): %w", ErrCompare, path, err)
	}
	c := queries.ComparedCentre{ID: facts["centre_id"], Name: facts["centre_name"], AsOf: facts["as_of"],
		KeyFingerprint: facts["key_fingerprint"], ProgramVersion: facts["program_version"], Snapshot: filepath.Base(path)}
	if err := checkCentre(c, sum); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	sum.Centres = append(sum.Centres, c.ID)
	if err := q.AddToComparison(ctx, alias, c); err != nil {
		if ctx.Err() != nil {
			return err
		}
		return fmt.Errorf("%w: %s: cannot be read whole (truncated, half-copied or from another version?): %w", ErrCompare, path, err)
	}
	return nil
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
