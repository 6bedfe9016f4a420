package pipeline

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"proximite/queries"
)

// parquetRows are hand-written indicator_values rows: NULL and zero
// denominators, a fiscal year that starts in the year before it ends, and
// an area code with a space, an apostrophe and accents to escape.
const parquetRows = `INSERT INTO indicator_values VALUES
	('reach', '', 'all', 'all', 'month', DATE '2023-12-01', DATE '2023-12-31', 3, NULL, 3, NULL, NULL, false, TIMESTAMPTZ '2024-05-01 12:00:00+00', false, false),
	('reach', '', 'all', 'all', 'month', DATE '2024-01-01', DATE '2024-01-31', 0, NULL, 0, NULL, NULL, true, TIMESTAMPTZ '2024-05-01 12:00:00+00', false, false),
	('share_alone', 'kind=group', 'territory', 'CLSC de l''Érablière', 'quarter', DATE '2024-01-01', DATE '2024-03-31', 2, 0, NULL, NULL, NULL, true, TIMESTAMPTZ '2024-05-01 12:00:00+00', true, true),
	('share_alone', '', 'neighbourhood', 'SJB', 'fiscal_year', DATE '2023-04-01', DATE '2024-03-31', 7, 20, 35, 15.4, 59.2, false, TIMESTAMPTZ '2024-05-01 12:00:00.123456+00', true, false)`

// testMeta is the provenance the test exports carry.
var testMeta = arrow.NewMetadata([]string{"proximite.as_of", "proximite.centre_id"}, []string{"2024-03", "est"})

// exportTestValues fills a fresh store with parquetRows (and an about table,
// which snapshots have) and exports it into dir/out, returning the store and
// the folder of the indicator_values partitions.
func exportTestValues(t testing.TB) (*queries.DB, string) {
	t.Helper()
	db := openStore(t)
	ctx := context.Background()
	for _, s := range []string{parquetRows, `CREATE TABLE about (key VARCHAR, value VARCHAR)`, `INSERT INTO about VALUES ('as_of', '2024-03')`} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	dir := filepath.Join(t.TempDir(), "out")
	if err := exportParquet(ctx, conn, dir, testMeta); err != nil {
		t.Fatalf("exportParquet: %v", err)
	}
	return db, filepath.Join(dir, "indicator_values")
}

// readBack is the export read as researchers read it.
func readBack(dir string) string {
	return `read_parquet(` + quoteLiteral(filepath.Join(dir, "**", "*.parquet")) + `, hive_partitioning = true)`
}

func TestPublishParquetReadsBackAsTheTable(t *testing.T) {
	db, dir := exportTestValues(t)
	pq := readBack(dir)
	tableTypes := queryString(t, db, `SELECT string_agg(column_name || ' ' || column_type, ', ') FROM (DESCRIBE indicator_values)`)
	cases := []struct {
		name, query, want string
	}{
		{"rows", `SELECT count(*) FROM ` + pq, "4"},
		{"missing from export", `SELECT count(*) FROM (FROM indicator_values EXCEPT ALL SELECT * EXCLUDE (area, year) FROM ` + pq + `)`, "0"},
		{"not in table", `SELECT count(*) FROM (SELECT * EXCLUDE (area, year) FROM ` + pq + ` EXCEPT ALL FROM indicator_values)`, "0"},
		{"types", `SELECT string_agg(column_name || ' ' || column_type, ', ') FROM (DESCRIBE SELECT * FROM ` + pq + `)`,
			tableTypes + ", area VARCHAR, year BIGINT"},
		{"nulls", `SELECT count(*) FILTER (value IS NULL) || '/' || count(*) FILTER (denominator IS NULL) || '/' || count(*) FILTER (ci_low IS NULL) FROM ` + pq, "1/2/3"},
		{"zero denominator", `SELECT denominator || ' ' || coalesce(value::VARCHAR, 'NULL') || ' ' || unstable || ' ' || flagged FROM ` + pq + ` WHERE area_level = 'territory'`, "0.0 NULL true true"},
		{"fiscal year", `SELECT period_start || ' ' || period_end || ' ' || year || ' ' || ci_high FROM ` + pq + ` WHERE period_type = 'fiscal_year'`, "2023-04-01 2024-03-31 2023 59.2"},
		{"timestamp", `SELECT epoch_us(max(computed_at)) FROM ` + pq, "1714564800123456"},
		{"partition keys", `SELECT count(*) FROM ` + pq + ` WHERE area <> area_level || '-' || area_code OR year <> year(period_start)`, "0"},
		{"compression", `SELECT string_agg(DISTINCT compression, ',') FROM parquet_metadata(` + quoteLiteral(filepath.Join(dir, "**", "*.parquet")) + `)`, "ZSTD"},
		{"provenance", `SELECT string_agg(DISTINCT decode(key) || '=' || decode(value), ' ' ORDER BY decode(key) || '=' || decode(value)) FROM parquet_kv_metadata(` + quoteLiteral(filepath.Join(dir, "**", "*.parquet")) + `)`,
			"proximite.as_of=2024-03 proximite.centre_id=est proximite.table=indicator_values"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := queryString(t, db, c.query); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestPublishParquetPartitions(t *testing.T) {
	db, dir := exportTestValues(t)
	// DuckDB's own COPY … PARTITION_BY is the independent oracle for the layout and the escaping.
	oracle := filepath.Join(t.TempDir(), "duckdb")
	_, err := db.ExecContext(context.Background(), `COPY (SELECT *, area_level || '-' || area_code AS area, year(period_start) AS year
		FROM indicator_values) TO `+quoteLiteral(oracle)+` (FORMAT parquet, PARTITION_BY (area, year))`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"area=all-all/year=2023/data_0.parquet",
		"area=all-all/year=2024/data_0.parquet",
		"area=neighbourhood-SJB/year=2023/data_0.parquet",
		"area=territory-CLSC%20de%20l%27%C3%89rabli%C3%A8re/year=2024/data_0.parquet",
	}
	if got := filesUnder(t, dir); !slices.Equal(got, want) {
		t.Errorf("partitions = %q, want %q", got, want)
	}
	if got := filesUnder(t, oracle); !slices.Equal(got, want) {
		t.Errorf("DuckDB COPY writes %q, want %q", got, want)
	}
	if got := filesUnder(t, filepath.Dir(filepath.Dir(dir))); len(got) != len(want)+len(parquetTables) {
		t.Errorf("export folder's parent holds %q, want only the export (no temporary folder)", got)
	}
}

func TestPublishParquetReplacesAnOlderExport(t *testing.T) {
	db, dir := exportTestValues(t)
	stale := filepath.Join(dir, "area=all-all", "year=1999")
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := exportParquet(context.Background(), conn, filepath.Dir(dir), testMeta); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale partition after re-export: stat err = %v, want not exist", err)
	}
}

func TestPublishParquetHiveEscape(t *testing.T) {
	cases := []struct{ in, want string }{
		{"all-all", "all-all"},
		{"a b/c=d", "a%20b%2Fc%3Dd"},
		{"Île_~.x", "%C3%8Ele_~.x"},
	}
	for _, c := range cases {
		if got := hiveEscape(c.in); got != c.want {
			t.Errorf("hiveEscape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// filesUnder lists the files under dir, slash-separated and sorted.
func filesUnder(t testing.TB, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

// queryString is the single value of query, as text.
func queryString(t testing.TB, db *queries.DB, query string) string {
	t.Helper()
	var s string
	if err := db.QueryRowContext(context.Background(), query).Scan(&s); err != nil {
		t.Fatalf("%s: %v", strings.SplitN(query, "\n", 2)[0], err)
	}
	return s
}

// quoteLiteral quotes s for the test queries.
func quoteLiteral(s string) string { return queries.QuoteLiteral(s) }
