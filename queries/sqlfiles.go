package queries

import (
	"embed"
	"fmt"
)

//go:embed ingest/*.sql report/*.sql operations/*.sql catalogue/*.sql bench/*.sql
var sqlFS embed.FS

// mustSQL returns the text of queries/<dir>/<name>.sql. The names are fixed
// at compile time, so a missing file is a bug, not a run-time condition.
func mustSQL(dir, name string) string {
	b, err := sqlFS.ReadFile(dir + "/" + name + ".sql")
	if err != nil {
		panic(fmt.Sprintf("queries: no %s query %s: %v", dir, name, err))
	}
	return string(b)
}

// ingestSQL returns the text of queries/ingest/<name>.sql.
func ingestSQL(name string) string { return mustSQL("ingest", name) }

// reportSQL returns the text of queries/report/<name>.sql.
func reportSQL(name string) string { return mustSQL("report", name) }

// operationsSQL returns the text of queries/operations/<name>.sql.
func operationsSQL(name string) string { return mustSQL("operations", name) }

// catalogueSQL returns the text of queries/catalogue/<name>.sql.
func catalogueSQL(name string) string { return mustSQL("catalogue", name) }
