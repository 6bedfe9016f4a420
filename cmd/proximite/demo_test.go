package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// needTool skips when a command-line tool is missing, except in CI where
// .ci/run installs it and its absence is a failure.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not installed (CI must install it)", name)
		}
		t.Skipf("%s not installed", name)
	}
}

// TestDemoEndToEnd runs the README's main job on the demo territory and
// checks what a manager receives: a French and an English PDF per
// territory, the HTML site, accents intact, and the same bytes when the
// same report is rendered again from the same database.
func TestDemoEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	needTool(t, "pdftotext")
	dir := t.TempDir()
	r := runBin(t, dir, nil, "demo", "--out", "out")
	if r.code != exitOK {
		t.Fatalf("demo exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	fr := filepath.Join(dir, "out", "proximite-clsc-des-faubourgs-2026-10-fr.pdf")
	en := filepath.Join(dir, "out", "proximite-clsc-des-faubourgs-2026-10-en.pdf")
	for _, p := range []string{fr, en, filepath.Join(dir, "out", "site", "clsc-des-faubourgs-fr", "index.html"),
		filepath.Join(dir, "out", "site", "clsc-des-faubourgs-fr", "echarts.min.js")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("demo did not write %s (stdout:\n%s)", p, r.stdout)
		}
	}
	checkText(t, pdfText(t, fr), "Indicateurs clés", "Montée-de-l'Église", "Jardins-Fleuris", "Côte-des-Neiges-Nord", "Annexe")
	checkText(t, pdfText(t, en), "Key indicators", "Montée-de-l'Église", "Methodology annex")
	again := filepath.Join(dir, "again")
	key, _ := os.ReadFile(filepath.Join(dir, "out", "demo-pseudonym.key"))
	env := []string{"PROXIMITE_PSEUDONYM_KEY=" + strings.TrimSpace(string(key))}
	for i := 0; i < 2; i++ {
		r := runBin(t, dir, env, "report", "--db", "out/demo.duckdb", "--month", "2026-10",
			"--territory", "CLSC des Faubourgs", "--out", filepath.Join(again, string(rune('a'+i))))
		if r.code != exitOK {
			t.Fatalf("report exit %d: %s", r.code, r.stderr)
		}
	}
	a, _ := os.ReadFile(filepath.Join(again, "a", filepath.Base(fr)))
	b, _ := os.ReadFile(filepath.Join(again, "b", filepath.Base(fr)))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("two renders of the same report differ (%d and %d bytes)", len(a), len(b))
	}
	orig, _ := os.ReadFile(fr)
	if !bytes.Equal(orig, a) {
		t.Errorf("the demo's PDF and a later render of the same month differ")
	}
	// October 2026 is provisional in the demo: page 1 headlines August,
	// the latest complete month, unless --provisional asks for October.
	checkText(t, pdfText(t, fr), "Résumé du mois — août 2026")
	r = runBin(t, dir, env, "report", "--db", "out/demo.duckdb", "--month", "2026-10",
		"--territory", "CLSC des Faubourgs", "--provisional", "--out", filepath.Join(again, "p"))
	if r.code != exitOK {
		t.Fatalf("report --provisional exit %d: %s", r.code, r.stderr)
	}
	checkText(t, pdfText(t, filepath.Join(again, "p", filepath.Base(fr))),
		"Résumé du mois — octobre 2026", "un mois provisoire (p), parce qu’il a été demandé")
}

func checkText(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
}
