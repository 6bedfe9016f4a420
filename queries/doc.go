// Package queries owns Proximité's DuckDB store: the numbered schema
// migrations, the indicator SQL files and the thin typed Go wrappers that run
// them. It returns errors and never logs; it does not import reports.
package queries
