package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"proximite/queries"
	"proximite/reports"
)

// ReportOptions says which reports to render.
type ReportOptions struct {
	// Month is the first day of the reported month.
	Month time.Time
	// Lang is "fr" or "en".
	Lang string
	// Territory restricts the reports to one territory; empty means all.
	Territory string
	// ByNeighbourhood also writes one PDF per neighbourhood.
	ByNeighbourhood bool
	// HTML also writes the static site (one per territory, under site/).
	HTML bool
	// LinkOtherLang makes the site link to the same site in the other
	// language, for runs that render both (the demo). Without it the link
	// appears only when that site already exists.
	LinkOtherLang bool
	// OutDir receives the files.
	OutDir string
	// Threshold is the small-cell suppression threshold.
	Threshold int
	// HeadlineProvisional headlines Month on page 1 and in the key tables
	// even when it is provisional (page 1 then says why); by default the
	// reports headline the latest complete month up to Month.
	HeadlineProvisional bool
	// Now stamps what the reports published (for later revisions).
	Now func() time.Time
}

// Report renders the monthly PDF of each territory (and, as asked, of each
// neighbourhood and the HTML site), records what they published, and
// returns the files written. A file appears complete or not at all.
func Report(ctx context.Context, db *queries.DB, opt ReportOptions) ([]string, error) {
	opt.Month = monthDate(opt.Month)
	q := queries.New(db)
	if err := checkReportMonth(ctx, q, opt.Month); err != nil {
		return nil, err
	}
	territories, err := reportTerritories(ctx, q, opt.Territory)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(opt.OutDir, 0o777); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if err := removeStaleTemps(opt.OutDir, filepath.Join(opt.OutDir, "site")); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	var files []string
	for _, t := range territories {
		if err := ctx.Err(); err != nil {
			return files, fmt.Errorf("report: %w", err)
		}
		written, err := reportTerritory(ctx, q, t, opt)
		files = append(files, written...)
		if err != nil {
			return files, fmt.Errorf("report %s: %w", t, err)
		}
	}
	return files, nil
}

// checkReportMonth refuses a month before the data: its report would have
// no series to draw. A month after the data is reported as before (the
// scheduled report of a month whose export is late).
func checkReportMonth(ctx context.Context, q *queries.Queries, month time.Time) error {
	first, last, ok, err := q.DataRange(ctx)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if !ok {
		return fmt.Errorf("report: %w", ErrNoData)
	}
	if month.Before(first) {
		return fmt.Errorf("report: %w: %s; the data runs from %s to %s", ErrMonthBeforeData,
			month.Format("2006-01"), first.Format("2006-01"), last.Format("2006-01"))
	}
	computed, err := q.ReportComputed(ctx)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if !computed {
		return fmt.Errorf("report: %w", ErrNotComputed)
	}
	return nil
}

// monthDate is the first day of t's month as the store's DATE values scan
// (midnight UTC), whatever t's location, so months compare with Equal.
func monthDate(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

func reportTerritories(ctx context.Context, q *queries.Queries, only string) ([]string, error) {
	all, err := q.ReportTerritories(ctx)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if only == "" {
		return all, nil
	}
	for _, t := range all {
		if t == only {
			return []string{t}, nil
		}
	}
	return nil, fmt.Errorf("report: territory %q: %w (known: %s)", only, queries.ErrNotFound, strings.Join(all, ", "))
}

// reportTerritory writes one territory's files and publishes its values.
func reportTerritory(ctx context.Context, q *queries.Queries, territory string, opt ReportOptions) ([]string, error) {
	m, err := buildReport(ctx, q, territory, opt)
	if err != nil {
		return nil, err
	}
	base := fmt.Sprintf("proximite-%s-%s-%s", slug(territory), opt.Month.Format("2006-01"), opt.Lang)
	var files []string
	p := filepath.Join(opt.OutDir, base+".pdf")
	if err := writePDF(p, m); err != nil {
		return nil, err
	}
	files = append(files, p)
	if opt.ByNeighbourhood {
		written, err := neighbourhoodPDFs(ctx, m, opt)
		files = append(files, written...)
		if err != nil {
			return files, err
		}
	}
	if opt.HTML {
		site, err := writeSite(ctx, q, m, opt)
		if err != nil {
			return files, err
		}
		files = append(files, site)
	}
	id := reportID(territory, opt)
	return files, q.PublishValues(ctx, id, territory, opt.Month, opt.Now())
}

func reportID(territory string, opt ReportOptions) string {
	return territory + "/" + opt.Month.Format("2006-01") + "/" + opt.Lang
}

// neighbourhoodPDFs writes one PDF per neighbourhood of the report.
func neighbourhoodPDFs(ctx context.Context, m reports.Report, opt ReportOptions) ([]string, error) {
	var files []string
	for _, s := range m.Neighbourhoods {
		if err := ctx.Err(); err != nil {
			return files, err
		}
		one := m
		one.Territory, one.Overview, one.Neighbourhoods = s.Area, s, nil
		p := filepath.Join(opt.OutDir, fmt.Sprintf("proximite-%s-%s-%s.pdf", slug(s.Area.Code+"-"+s.Area.Name), opt.Month.Format("2006-01"), opt.Lang))
		if err := writePDF(p, one); err != nil {
			return files, err
		}
		files = append(files, p)
	}
	return files, nil
}

// writePDF renders into a temporary file beside path (a hidden name that
// does not end in .pdf), flushes it to disk, then renames it: path holds
// a whole PDF or nothing.
func writePDF(path string, m reports.Report) error {
	tmp, err := createTemp(path)
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = reports.RenderPDF(tmp, m)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("render %s: %w", filepath.Base(path), err)
	}
	return os.Rename(tmp.Name(), path)
}

// writeSite renders the HTML site into a temporary folder, then swaps it
// for the previous one.
func writeSite(ctx context.Context, q *queries.Queries, m reports.Report, opt ReportOptions) (string, error) {
	cmp, err := comparison(ctx, q, opt.Month)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(opt.OutDir, "site", slug(m.Territory.Code)+"-"+opt.Lang)
	tmp, err := mkdirTemp(dir)
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	if err := reports.RenderSite(tmp, reports.Site{Report: m, Comparison: cmp, OtherLang: otherLangSite(dir, m.Territory.Code, opt)}); err != nil {
		return "", fmt.Errorf("render site: %w", err)
	}
	return dir, replaceDir(tmp, dir)
}

// maxSlug caps the length of a slug, so that a file name derived from a
// name of any length stays far below the 255 bytes file systems allow.
const maxSlug = 60

// slug folds a name to lower-case ASCII letters, digits and hyphens, for
// file names. A name cut to maxSlug, or with nothing left (only emoji, say),
// gets the start of its SHA-256 appended, so that two names stay two files.
func slug(s string) string {
	folded := fold(s)
	if len(folded) <= maxSlug && folded != "" {
		return folded
	}
	sum := sha256.Sum256([]byte(s))
	short := strings.TrimSuffix(folded[:min(len(folded), maxSlug)], "-")
	if short == "" {
		return hex.EncodeToString(sum[:4])
	}
	return short + "-" + hex.EncodeToString(sum[:4])
}

// fold is the uncapped slug.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(t, s)
	if err != nil {
		folded = s
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(folded) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		if ok {
			b.WriteRune(r)
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = !ok
	}
	return strings.TrimSuffix(b.String(), "-")
}
