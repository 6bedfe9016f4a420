package pipeline

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"proximite/internal/catalogue"
	"proximite/queries"
)

// scenarioRoot holds the hand-checkable indicator cases.
const scenarioRoot = "../fixtures/scenarios"

// scenarioParams is a case's params.yaml.
type scenarioParams struct {
	AsOf              string `yaml:"as_of"`
	ProvisionalMonths int    `yaml:"provisional_months"`
	IngestNow         string `yaml:"ingest_now"`
}

// expectedRow is one line of expected.csv; nil fields are not checked.
type expectedRow struct {
	key                           queries.ValueFilter
	indicator, breakdown, level   string
	numerator, denominator, value *string
	ciLow, ciHigh                 *string
	relTol                        float64
	line                          int
}

// runScenario ingests a case folder through the real ingest path into an
// in-memory store and computes the catalogue.
func runScenario(t testing.TB, dir string) (*queries.DB, ComputeSummary) {
	t.Helper()
	ctx := context.Background()
	p := readParams(t, dir)
	db, err := queries.Open(ctx, ":memory:", queries.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	opt := testOptions()
	if p.IngestNow != "" {
		now, err := time.Parse(time.RFC3339, p.IngestNow)
		if err != nil {
			t.Fatalf("%s: ingest_now: %v", dir, err)
		}
		opt.Now = func() time.Time { return now }
	}
	if _, err := Ingest(ctx, db, []string{dir}, opt); err != nil {
		t.Fatalf("ingest %s: %v", dir, err)
	}
	sum, err := Compute(ctx, db, scenarioCompute(t, p))
	if err != nil {
		t.Fatalf("compute %s: %v", dir, err)
	}
	return db, sum
}

func scenarioCompute(t testing.TB, p scenarioParams) ComputeOptions {
	t.Helper()
	asOf, err := time.Parse("2006-01", p.AsOf)
	if err != nil {
		t.Fatalf("as_of: %v", err)
	}
	opt := DefaultComputeOptions()
	opt.AsOf, opt.ProvisionalMonths = asOf, p.ProvisionalMonths
	return opt
}

func readParams(t testing.TB, dir string) scenarioParams {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "params.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var p scenarioParams
	dec := yaml.NewDecoder(bytesReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("%s/params.yaml: %v", dir, err)
	}
	return p
}

// readExpected reads expected.csv: '#' lines say how the values were
// computed by hand; an empty cell is not checked; NULL must be NULL.
func readExpected(t testing.TB, dir string) []expectedRow {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "expected.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	r.FieldsPerRecord = 12
	if _, err := r.Read(); err != nil {
		t.Fatalf("%s/expected.csv header: %v", dir, err)
	}
	var out []expectedRow
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s/expected.csv: %v", dir, err)
		}
		out = append(out, parseExpected(t, rec, r))
	}
}

func parseExpected(t testing.TB, rec []string, r *csv.Reader) expectedRow {
	t.Helper()
	line, _ := r.FieldPos(0)
	start, err := time.Parse(time.DateOnly, rec[5])
	if err != nil {
		t.Fatalf("expected.csv line %d: %v", line, err)
	}
	e := expectedRow{key: queries.ValueFilter{Indicator: rec[0], AreaCode: rec[3], PeriodType: rec[4], PeriodStart: start},
		indicator: rec[0], breakdown: rec[1], level: rec[2], line: line, relTol: 1e-6,
		numerator: cell(rec[6]), denominator: cell(rec[7]), value: cell(rec[8]), ciLow: cell(rec[9]), ciHigh: cell(rec[10])}
	if rec[11] != "" {
		if e.relTol, err = strconv.ParseFloat(rec[11], 64); err != nil {
			t.Fatalf("expected.csv line %d: rel_tol: %v", line, err)
		}
	}
	return e
}

func cell(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// scenarioDirs lists the case folders.
func scenarioDirs(t testing.TB) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(scenarioRoot, "*", "expected.csv"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no scenario under %s (%v)", scenarioRoot, err)
	}
	for i := range dirs {
		dirs[i] = filepath.Dir(dirs[i])
	}
	return dirs
}

func TestScenarios(t *testing.T) {
	for _, dir := range scenarioDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			db, _ := runScenario(t, dir)
			q := queries.New(db)
			for _, e := range readExpected(t, dir) {
				checkExpected(t, q, e)
			}
		})
	}
}

func TestEveryIndicatorHasAScenario(t *testing.T) {
	covered := map[string]bool{}
	for _, dir := range scenarioDirs(t) {
		for _, e := range readExpected(t, dir) {
			covered[e.indicator] = true
		}
	}
	for _, id := range catalogue.IDs() {
		if !covered[id] {
			t.Errorf("indicator %s has no row in any fixtures/scenarios/*/expected.csv", id)
		}
	}
}

func checkExpected(t *testing.T, q *queries.Queries, e expectedRow) {
	t.Helper()
	rows, err := q.IndicatorValues(context.Background(), e.key)
	if err != nil {
		t.Fatal(err)
	}
	var got *queries.IndicatorValue
	for i := range rows {
		if rows[i].Breakdown == e.breakdown && rows[i].AreaLevel == e.level {
			got = &rows[i]
		}
	}
	name := e.indicator + " " + e.breakdown + " " + e.level + "/" + e.key.AreaCode + " " + e.key.PeriodType + " " + e.key.PeriodStart.Format(time.DateOnly)
	if got == nil {
		t.Errorf("line %d: %s: no row", e.line, name)
		return
	}
	for _, c := range []struct {
		col  string
		got  sqlFloat
		want *string
	}{{"numerator", got.Numerator, e.numerator}, {"denominator", got.Denominator, e.denominator},
		{"value", got.Value, e.value}, {"ci_low", got.CILow, e.ciLow}, {"ci_high", got.CIHigh, e.ciHigh}} {
		if msg := compareCell(c.got, c.want, e.relTol); msg != "" {
			t.Errorf("line %d: %s: %s %s", e.line, name, c.col, msg)
		}
	}
}
