package pipeline

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"proximite/internal/suppression"
	"proximite/queries"
	"proximite/reports"
)

// compareMeasures are the rates the comparison shows: indicator id, the
// name of its denominator, and whether its charts leave out the comparison
// neighbourhoods (reach: they get no outreach).
var compareMeasures = [...]struct {
	id           string
	exposure     reports.Text
	outreachOnly bool
}{
	{"crisis_rate", reports.Text{FR: "personnes-années", EN: "person-years"}, false},
	{"reach_rate", reports.Text{FR: "résidents", EN: "residents"}, true},
	{"reach_isolated_rate", reports.Text{FR: "population vivant seule", EN: "population living alone"}, true},
}

// readComparison reads from the comparison store at path what the table
// and the site show (language left unset).
func readComparison(ctx context.Context, path string, threshold int) (reports.CompareSite, error) {
	site := reports.CompareSite{Threshold: threshold, Catalogue: reportCatalogue()}
	mem, err := queries.Open(ctx, ":memory:", queries.Options{Threads: 1})
	if err != nil {
		return site, err
	}
	defer mem.Close()
	conn, err := mem.Conn(ctx)
	if err != nil {
		return site, err
	}
	defer conn.Close()
	q := queries.New(conn)
	if err := q.Attach(ctx, path, "cmp", true); err != nil {
		return site, err
	}
	defer q.Detach(context.WithoutCancel(ctx), "cmp")
	if err := readCentres(ctx, q, &site); err != nil {
		return site, err
	}
	p, ok, err := q.ComparisonPeriod(ctx)
	if err != nil {
		return site, err
	}
	if !ok {
		return site, fmt.Errorf("%w: %w", ErrCompare, errNoPeriod)
	}
	site.Period = periodText(p)
	if err := readAreas(ctx, q, p, &site); err != nil {
		return site, err
	}
	return site, readPooled(ctx, q, &site)
}

// errNoPeriod says why there is nothing to compare.
var errNoPeriod = fmt.Errorf("no month, quarter or 12 months is final (neither provisional nor incomplete) in every centre")

func readCentres(ctx context.Context, q *queries.Queries, site *reports.CompareSite) error {
	centres, err := q.ComparisonCentres(ctx)
	if err != nil {
		return err
	}
	for _, c := range centres {
		site.Centres = append(site.Centres, reports.CompareCentre{ID: c.ID, Name: c.Name, AsOf: c.AsOf,
			ProgramVersion: c.ProgramVersion, Snapshot: c.Snapshot})
		site.AsOf = c.AsOf
	}
	return nil
}

// periodText names a period in both languages.
func periodText(p queries.ComparedPeriod) reports.Text {
	from, to := p.Start.Format("2006-01"), p.End.Format("2006-01")
	switch p.Type {
	case "rolling_12m":
		return reports.Text{FR: "12 mois, " + from + " à " + to, EN: "12 months, " + from + " to " + to}
	case "quarter":
		return reports.Text{FR: "trimestre, " + from + " à " + to, EN: "quarter, " + from + " to " + to}
	}
	return reports.Text{FR: "mois de " + from, EN: "month of " + from}
}

// readAreas reads every neighbourhood and its rates' terms; the store's
// names carry the centre's name ("Centre — name"), the site prints it
// apart.
func readAreas(ctx context.Context, q *queries.Queries, p queries.ComparedPeriod, site *reports.CompareSite) error {
	rows, err := q.ComparisonAreas(ctx, p)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, c := range site.Centres {
		names[c.ID] = c.Name
	}
	site.Measures = make([]reports.CompareMeasure, len(compareMeasures))
	for i, m := range compareMeasures {
		site.Measures[i] = reports.CompareMeasure{Indicator: m.id, Exposure: m.exposure, OutreachOnly: m.outreachOnly}
	}
	for _, r := range rows {
		name := strings.TrimPrefix(r.Name, names[r.CentreID]+" — ")
		site.Areas = append(site.Areas, reports.CompareArea{Centre: r.CentreID, Area: reports.Area{Code: r.Code, Name: name}, Outreach: r.Outreach})
		for i, v := range []struct {
			n int64
			e float64
		}{{r.CrisisEvents, r.PersonYears}, {r.Reached, r.Population}, {r.IsolatedReached, r.LivingAlone}} {
			site.Measures[i].Counts = append(site.Measures[i].Counts, v.n)
			site.Measures[i].Exposures = append(site.Measures[i].Exposures, v.e)
		}
	}
	return nil
}

// readPooled reads each centre's pooled crisis model; a cluster-robust
// interval is shown as such, a quasi-Poisson one as the model-based one.
func readPooled(ctx context.Context, q *queries.Queries, site *reports.CompareSite) error {
	rows, err := q.ComparisonPooled(ctx)
	if err != nil {
		return err
	}
	f := func(v sql.NullFloat64) *float64 {
		if !v.Valid {
			return nil
		}
		return &v.Float64
	}
	for _, r := range rows {
		e := reports.ModelEffect{Status: r.Status, Reason: r.Reason, Ratio: f(r.RR), P: f(r.P), Outreach: r.Clusters}
		if r.Inference == "cluster_t" {
			e.RobustLo, e.RobustHi = f(r.Lo), f(r.Hi)
		} else {
			e.Lo, e.Hi = f(r.Lo), f(r.Hi)
		}
		site.Pooled = append(site.Pooled, reports.CentreEffect{Centre: r.CentreID, Effect: e, DF: r.TDF})
	}
	return nil
}

// writeComparisonTable writes one row per neighbourhood to f (then closes
// it): its code, centre, name and the period, then for each rate its
// count, denominator and rate per 1,000. Counts are suppressed exactly as
// on the site ("<T" or "x", rate left empty).
func writeComparisonTable(f *os.File, site reports.CompareSite) error {
	statuses, err := reports.CompareSuppression(site)
	if err != nil {
		f.Close()
		return err
	}
	centre := map[string]string{}
	for _, c := range site.Centres {
		centre[c.ID] = c.Name
	}
	rows := [][]string{{"area_code", "centre", "area", "period", "crisis_events", "person_years", "crisis_rate_per_1000",
		"reached", "population", "reach_rate_per_1000", "isolated_reached", "living_alone", "isolated_reached_per_1000"}}
	for i, a := range site.Areas {
		row := []string{inertCell(a.Area.Code), inertCell(centre[a.Centre]), inertCell(a.Area.Name), site.Period.EN}
		for k, m := range site.Measures {
			row = append(row, cells(m.Counts[i], m.Exposures[i], statuses[k][i], site.Threshold)...)
		}
		rows = append(rows, row)
	}
	w := csv.NewWriter(f)
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// inertCell prefixes with ' a name that a spreadsheet would read as a
// formula, as the site's CSVs do.
func inertCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// cells formats a count, its exposure and its rate per 1,000.
func cells(n int64, exposure float64, st suppression.Status, threshold int) []string {
	e := strconv.FormatFloat(exposure, 'f', 1, 64)
	if st.Suppressed() {
		return []string{suppression.Symbol(st, threshold), e, ""}
	}
	rate := ""
	if exposure > 0 {
		rate = strconv.FormatFloat(1000*float64(n)/exposure, 'f', 2, 64)
	}
	return []string{strconv.FormatInt(n, 10), e, rate}
}

// checkSnapshotSum compares a snapshot with the checksum publish wrote for it
// in the SHA256SUMS file beside it (NAME-SHA256SUMS for NAME.duckdb), when
// that file is there: a half-copied or altered snapshot is refused.
func checkSnapshotSum(path string) error {
	manifest := strings.TrimSuffix(path, ".duckdb") + "-SHA256SUMS"
	want, ok, err := snapshotSum(manifest, filepath.Base(path))
	if err != nil || !ok {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCompare, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("%w: %w", ErrCompare, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		return fmt.Errorf("%w: its SHA-256 is not the one in %s: half-copied or altered (copy it again)", ErrCompare, filepath.Base(manifest))
	}
	return nil
}

// snapshotSum returns the checksum listed for name in manifest; false
// when there is no manifest or it does not list name.
func snapshotSum(manifest, name string) (string, bool, error) {
	f, err := os.Open(manifest)
	if os.IsNotExist(err) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, file, ok := strings.Cut(sc.Text(), "  ")
		if ok && file == name {
			return sum, true, nil
		}
	}
	return "", false, sc.Err()
}
