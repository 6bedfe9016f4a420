//go:build !duckdb_arrow

package pipeline

// buildLoader returns the loader of a build without the duckdb_arrow tag,
// whose driver has no Arrow interface: DuckDB's Appender, row by row.
func buildLoader() fileLoader { return appendRows }

// readsAhead says whether the run reads record files ahead (readAhead):
// always with the Appender.
func readsAhead(IngestOptions) bool { return true }
