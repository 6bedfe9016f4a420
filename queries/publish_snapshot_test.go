package queries

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCodebookParts(t *testing.T) {
	line := strings.Repeat("é", 30) + "\n" // 61 bytes
	long := strings.Repeat("à", 5000)      // one 10 000-byte line
	cases := []struct {
		name  string
		text  string
		parts int
		whole bool // every part but the last ends a line
	}{
		{"empty", "", 0, true},
		{"short", "a\nb", 1, true},
		{"lines", strings.Repeat(line, 200), 4, true}, // 12 200 bytes; 65 lines (3 965 bytes) a part
		{"one long line", long, 3, false},
		{"not UTF-8", strings.Repeat("\x80", 9000), 3, false},
	}
	for _, c := range cases {
		parts := CodebookParts(c.text)
		if len(parts) != c.parts {
			t.Errorf("%s: %d parts, want %d", c.name, len(parts), c.parts)
		}
		if got := strings.Join(parts, ""); got != c.text {
			t.Errorf("%s: parts do not put back the text", c.name)
		}
		for i, p := range parts {
			if len(p) >= CodebookPartBytes || p == "" {
				t.Errorf("%s: part %d of %d bytes", c.name, i, len(p))
			}
			if c.whole && i < len(parts)-1 && !strings.HasSuffix(p, "\n") {
				t.Errorf("%s: part %d does not end a line", c.name, i)
			}
			if utf8.ValidString(c.text) && !utf8.ValidString(p) {
				t.Errorf("%s: part %d cuts a character", c.name, i)
			}
		}
	}
}
