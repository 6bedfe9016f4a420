package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestDemoSummaryPage checks page 1 of the demo's PDFs against the values
// stored in the demo database, read back with `proximite indicators`:
// the headline month is the latest complete one, and the reach and crisis
// sentences state the stored numbers and intervals. The expected
// sentences are assembled here from the CSV, independently of the
// report code; the interval of a change over a year is the ratio of two
// Poisson counts, exp(ln(a/b) ± 1.96·√(1/a + 1/b)).
func TestDemoSummaryPage(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	needTool(t, "pdftotext")
	dir := t.TempDir()
	if r := runBin(t, dir, nil, "demo", "--out", "out"); r.code != exitOK {
		t.Fatalf("demo exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	const territory = "CLSC de l'Érablière"
	fr := pageOne(t, filepath.Join(dir, "out", "proximite-clsc-de-l-erabliere-2026-10-fr.pdf"))
	en := pageOne(t, filepath.Join(dir, "out", "proximite-clsc-de-l-erabliere-2026-10-en.pdf"))

	vals := storedValues(t, dir, "2026-08", "2025-08", "2026-09", "2026-10")
	if vals.provisional("reach_persons", territory, "2026-08") || !vals.provisional("reach_persons", territory, "2026-09") {
		t.Fatalf("the store's provisional months are not September and October 2026: the test's premise is wrong")
	}
	checkText(t, fr, "Ce résumé porte sur août 2026, dernier mois complet. Septembre 2026 et octobre 2026 : mois provisoires (p)")
	checkText(t, en, "This summary is about August 2026, the latest complete month.")

	cur, last := vals.value("reach_persons", territory, "2026-08"), vals.value("reach_persons", territory, "2025-08")
	r, lo, hi := poissonChange(cur, last)
	checkText(t, fr, fmt.Sprintf("Personnes rejointes : %s en août 2026 contre %s en août 2025 (%s, IC 95 %% %s à %s)",
		frInt(cur), frInt(last), frPct(r), frPct(lo), frPct(hi)))
	checkText(t, en, fmt.Sprintf("Persons reached: %s in August 2026 against %s in August 2025", enInt(cur), enInt(last)))

	outreach, placebo := crisisModels(t, dir, map[string]string{"PB": "Petite-Bourgogne", "SJB": "Saint-Jean-Baptiste", "ID": "Îlot-Desranleau", "PL": "Pointe-aux-Lièvres"})
	if len(outreach) != 3 || len(placebo) != 1 {
		t.Fatalf("got %d outreach and %d placebo models, want 3 and 1", len(outreach), len(placebo))
	}
	sort.Slice(outreach, func(i, j int) bool { return outreach[i].rr < outreach[j].rr })
	dropped := 0
	for _, m := range outreach {
		if m.hi < 1 {
			dropped++
		}
	}
	first := outreach[0]
	checkText(t, fr, fmt.Sprintf("le taux de crise baisse dans %d quartiers d’intervention sur 3 (%s à %s, IC 95 %% %s à %s",
		dropped, frPct(first.rr-1), first.area, frPct(first.lo-1), frPct(first.hi-1)))
	p := placebo[0]
	checkText(t, fr, fmt.Sprintf("Dans le quartier de comparaison %s, sans intervention, pas de changement au même moment (rapport de taux %s, IC 95 %% %s à %s)",
		p.area, frDec(p.rr), frDec(p.lo), frDec(p.hi)))
	checkText(t, fr, "Tableau de bord", "À surveiller", "Personnes rejointes nombre", "Rejoint de la population isolée pour 1 000 résidents vivant seuls")
	checkText(t, en, "Summary matrix", "To watch", "Clinical support per worker hours per worker")
}

// pageOne is the text of a PDF's first page, spaces collapsed.
func pageOne(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-f", "1", "-l", "1", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(string(out), "\u00a0", " ")), " ")
}

type stored map[string][]string

func (s stored) row(id, territory, month string) []string {
	r, ok := s[id+"|"+territory+"|"+month]
	if !ok {
		panic(fmt.Sprintf("no stored value of %s for %s in %s", id, territory, month))
	}
	return r
}

// value is the value column of a territory's month.
func (s stored) value(id, territory, month string) float64 {
	v, err := strconv.ParseFloat(s.row(id, territory, month)[9], 64)
	if err != nil {
		panic(err)
	}
	return v
}

func (s stored) provisional(id, territory, month string) bool {
	return s.row(id, territory, month)[12] == "true"
}

// storedValues reads every monthly value of the given months.
func storedValues(t *testing.T, dir string, months ...string) stored {
	t.Helper()
	out := stored{}
	for _, m := range months {
		r := runBin(t, dir, nil, "indicators", "--db", "out/demo.duckdb", "--period", m, "--period-type", "month", "--format", "csv")
		if r.code != exitOK {
			t.Fatalf("indicators exit %d: %s", r.code, r.stderr)
		}
		rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows[1:] {
			if row[1] == "" && row[2] == "territory" {
				out[row[0]+"|"+row[3]+"|"+m] = row
			}
		}
	}
	return out
}

type model struct {
	area         string
	rr, lo, hi   float64
	placeboModel bool
}

// crisisModels reads the fitted crisis ITS of the named neighbourhoods.
func crisisModels(t *testing.T, dir string, names map[string]string) (outreach, placebo []model) {
	t.Helper()
	r := runBin(t, dir, nil, "indicators", "--db", "out/demo.duckdb", "--models", "--format", "csv")
	if r.code != exitOK {
		t.Fatalf("indicators --models exit %d: %s", r.code, r.stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		name, ok := names[row[2]]
		if row[0] != "its" || row[1] != "neighbourhood" || !ok || row[4] != "fitted" {
			continue
		}
		f := func(s string) float64 {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		m := model{area: name, rr: f(row[10]), lo: f(row[11]), hi: f(row[12]), placeboModel: row[3] == "true"}
		if m.placeboModel {
			placebo = append(placebo, m)
		} else {
			outreach = append(outreach, m)
		}
	}
	return outreach, placebo
}

func poissonChange(a, b float64) (r, lo, hi float64) {
	se := math.Sqrt(1/a + 1/b)
	return a/b - 1, math.Exp(math.Log(a/b)-1.96*se) - 1, math.Exp(math.Log(a/b)+1.96*se) - 1
}

// frPct prints a relative change as the French report does: −32 %.
func frPct(r float64) string {
	s := fmt.Sprintf("%.0f", math.Abs(100*r))
	switch {
	case s == "0":
	case r < 0:
		s = "−" + s
	default:
		s = "+" + s
	}
	return s + " %"
}

func frDec(v float64) string { return strings.Replace(fmt.Sprintf("%.2f", v), ".", ",", 1) }

func frInt(v float64) string { return groupDigits(int64(math.Round(v)), " ") }

func enInt(v float64) string { return groupDigits(int64(math.Round(v)), ",") }

func groupDigits(n int64, sep string) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}
