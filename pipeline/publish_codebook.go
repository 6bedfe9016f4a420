package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
)

// writeCodebook writes the Markdown codebook of the snapshot's tables and
// views from their comments; it returns how many it described.
func writeCodebook(ctx context.Context, conn *sql.Conn, path string, opt PublishOptions) (int, error) {
	rows, err := conn.QueryContext(ctx, `
		SELECT t.table_name, coalesce(t.comment, ''), c.column_name, c.data_type, coalesce(c.comment, '')
		FROM (SELECT table_name, comment FROM duckdb_tables() WHERE database_name = 'snap'
		      UNION ALL SELECT view_name, comment FROM duckdb_views() WHERE database_name = 'snap' AND NOT internal) t
		JOIN duckdb_columns() c ON c.database_name = 'snap' AND c.table_name = t.table_name
		ORDER BY t.table_name, c.column_index`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "# Proximité research snapshot %s — codebook\n\n", opt.Month.Format("2006-01"))
	b.WriteString("Open the snapshot read-only, e.g. `duckdb -readonly proximite-YYYY-MM.duckdb`,\n")
	b.WriteString("`duckdb.connect(path, read_only=True)` in Python or `dbConnect(duckdb(), path, read_only = TRUE)` in R.\n")
	b.WriteString("Persons appear only as pseudonyms (`person_key`).\n")
	tables, last := 0, ""
	for rows.Next() {
		var tbl, tcomment, col, typ, ccomment string
		if err := rows.Scan(&tbl, &tcomment, &col, &typ, &ccomment); err != nil {
			return 0, err
		}
		if tbl != last {
			fmt.Fprintf(&b, "\n## %s\n\n%s\n\n| column | type | meaning |\n|---|---|---|\n", tbl, tcomment)
			tables, last = tables+1, tbl
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", col, typ, strings.ReplaceAll(ccomment, "|", "\\|"))
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return tables, os.WriteFile(path, []byte(b.String()), 0o644)
}
