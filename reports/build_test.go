package reports

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, rewriting it with -update.
func golden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read golden (run go test -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("%s: view differs from golden file (run go test -update and review the diff)", name)
	}
}

func TestBuildGolden(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			v, err := Build(fixtureReport(2, lang, 1))
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(v, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "view_"+lang+".json", append(got, '\n'))
		})
	}
}

// TestBuildSuppressesSmallCounts checks that a model made of small counts
// never shows a bare 1–4 where a count is expected.
func TestBuildSuppressesSmallCounts(t *testing.T) {
	v, err := Build(fixtureReport(2, "fr", 0.1))
	if err != nil {
		t.Fatal(err)
	}
	bare := regexp.MustCompile(`^[1-4]( \(p\))?$`)
	sawSymbol := false
	for _, s := range v.Sections {
		for _, r := range s.Key.Rows {
			if bare.MatchString(r.Value) {
				t.Errorf("%s %s: got %q, want <5", s.Title, r.Indicator, r.Value)
			}
			sawSymbol = sawSymbol || r.Value == "<5" || r.Value == "<5 (p)"
		}
		for _, c := range s.Charts {
			for _, ser := range c.Series {
				for _, p := range ser.Points {
					// Partners count organisations: never suppressed (TestBuildShowsOrganisationCounts).
					partners := strings.HasPrefix(ser.Name, "Partenaires actifs")
					if (ser.Role == RoleObserved || ser.Role == RoleBar) && c.Unit == "nombre" && !partners && bare.MatchString(p.Shown) {
						t.Errorf("%s %s %s: got %q, want <5", s.Title, c.ID, p.Label, p.Shown)
					}
				}
			}
		}
	}
	if !sawSymbol {
		t.Errorf("got no <5 in the key tables, want some")
	}
}

// TestHierarchySuppression checks that one hidden neighbourhood count is
// not recoverable from the territory total.
func TestHierarchySuppression(t *testing.T) {
	r := fixtureReport(3, "fr", 1)
	last := len(r.Overview.Crisis.Observed.Months) - 1
	set := func(s *Section, v float64) { // the key value and the rate's numerator agree
		s.Key[0].Current.Value = ptr(v)
		s.Crisis.Observed.Months[last].Numerator = ptr(int64(v))
	}
	for i, v := range []float64{3, 12, 40} {
		set(&r.Neighbourhoods[i], v)
	}
	set(&r.Overview, 55)
	v, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range v.Sections {
		got = append(got, s.Key.Rows[0].Value, strconv.FormatBool(strings.HasPrefix(s.Key.Rows[1].Value, "x")))
	}
	// each count, then whether the crisis rate built on it is hidden
	want := []string{"55 (p)", "false", "<5 (p)", "true", "x (p)", "true", "40 (p)", "false"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("area %d: got %q, want %q", i, got[i], want[i])
		}
	}
}
