package main

import "path/filepath"

// benchCommand is a verb run and timed after the ingest by `proximite bench`.
type benchCommand struct {
	name   string
	args   []string
	target string // printed after the measure; empty for none
}

// benchAfterIngest lists the stages timed after ingest: compute over the
// whole store, then the report pack (PDF fr + HTML) of the latest month.
func benchAfterIngest(db string) []benchCommand {
	out := filepath.Join(filepath.Dir(db), "reports")
	return []benchCommand{
		{"compute", []string{"compute", "--db", db}, "target at SCALE=10: < 30 s, < 2048 MiB on 2 cores"},
		{"report (PDF fr + HTML)", []string{"report", "--db", db, "--month", benchMonth, "--lang", "fr", "--html", "--out", out}, ""},
	}
}

// benchMonth is the last month of the default fixture.
const benchMonth = "2026-10"
