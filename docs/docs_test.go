package docs

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"proximite/internal/catalogue"
)

var update = flag.Bool("update", false, "rewrite docs/indicators.md from the catalogue")

// TestIndicatorsDoc fails when the committed indicators.md is not what the
// catalogue generates (run go test ./docs -run TestIndicatorsDoc -update).
func TestIndicatorsDoc(t *testing.T) {
	want := catalogue.Markdown()
	if *update {
		if err := os.WriteFile("indicators.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("indicators.md")
	if err != nil {
		t.Fatalf("read indicators.md (generate it with -update): %v", err)
	}
	if string(got) != want {
		t.Errorf("docs/indicators.md is stale: run go test ./docs -run TestIndicatorsDoc -update and commit it")
	}
}

// mdLink matches an inline Markdown link or image target: [text](target).
var mdLink = regexp.MustCompile(`!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)

// TestRelativeLinksResolve checks every relative link of README.md and
// docs/*.md: the file exists inside the repository and, for a link into a
// Markdown file, the #fragment names one of its headings.
func TestRelativeLinksResolve(t *testing.T) {
	files, err := filepath.Glob("*.md")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join("..", "README.md"))
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range files {
		checked += checkLinks(t, root, f)
	}
	if checked == 0 {
		t.Fatal("no relative link found: the link pattern is broken")
	}
}

func checkLinks(t *testing.T, root, file string) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range mdLink.FindAllStringSubmatch(stripCode(string(b)), -1) {
		target := m[1]
		if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
			continue
		}
		n++
		if err := resolve(root, file, target); err != "" {
			t.Errorf("%s: link %q: %s", file, target, err)
		}
	}
	return n
}

// resolve returns why target, linked from file, does not resolve, or "".
func resolve(root, file, target string) string {
	path, frag, _ := strings.Cut(target, "#")
	dest := file
	if path != "" {
		dest = filepath.Join(filepath.Dir(file), filepath.FromSlash(path))
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err.Error()
	}
	if abs != root && !strings.HasPrefix(abs, root+string(filepath.Separator)) {
		return "points outside the repository"
	}
	if _, err := os.Stat(abs); err != nil {
		return "no such file"
	}
	if frag == "" || !strings.HasSuffix(abs, ".md") {
		return ""
	}
	b, err := os.ReadFile(abs)
	if err != nil {
		return err.Error()
	}
	for _, h := range headingRe.FindAllStringSubmatch(stripCode(string(b)), -1) {
		if slug(h[1]) == frag {
			return ""
		}
	}
	return "no heading #" + frag
}

var (
	headingRe = regexp.MustCompile(`(?m)^#{1,6}\s+(.+?)\s*$`)
	fenceRe   = regexp.MustCompile("(?ms)^```.*?^```")
)

// stripCode removes fenced code blocks, whose # lines and brackets are not
// Markdown.
func stripCode(s string) string { return fenceRe.ReplaceAllString(s, "") }

// slug is GitHub's anchor of a heading: lower case, punctuation dropped
// (but - and _), spaces to hyphens.
func slug(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && r != '—' && r != '–' && r != '’':
			b.WriteRune(r)
		}
	}
	return b.String()
}
