package reports

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// utf8BOM makes Excel read the file as UTF-8 (without it, French Excel
// reads Windows-1252 and breaks every accent).
const utf8BOM = "\ufeff"

// csvBytes encodes a chart's data table as Excel in the page's language
// opens it: UTF-8 with a BOM, ';' between fields in French (where ',' is
// the decimal mark) and ',' in English, headers in the language, values
// rounded as printed, and every cell that a spreadsheet would run as a
// formula neutralized.
func csvBytes(t dataTable, l locale) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(utf8BOM)
	w := csv.NewWriter(&buf)
	if l.fr() {
		w.Comma = ';'
	}
	w.UseCRLF = true
	rec := make([]string, len(t.Header))
	for i, h := range t.Header {
		rec[i] = csvCell(h)
	}
	if err := w.Write(rec); err != nil {
		return nil, err
	}
	for _, r := range t.Rows {
		rec = rec[:0]
		for _, c := range r {
			rec = append(rec, csvValue(c.CSV))
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// csvValue keeps a plain number as is (a leading '-' is a sign there, not
// a formula) and neutralizes anything else.
func csvValue(s string) string {
	if numberLike(s) {
		return s
	}
	return csvCell(s)
}

func writeCSVFile(path string, t dataTable, l locale) error {
	b, err := csvBytes(t, l)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// maxSlug bounds a file name's stem (file systems allow 255 bytes).
const maxSlug = 80

// fileSlug folds a title to lower-case ASCII words joined by hyphens
// ("Taux d’interventions de crise" → "taux-d-interventions-de-crise"), cut
// at a word boundary so the name stays short.
func fileSlug(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	if folded, _, err := transform.String(t, s); err == nil {
		s = folded
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		switch {
		case ok:
			b.WriteRune(r)
		case !dash && b.Len() > 0:
			b.WriteByte('-')
		}
		dash = !ok
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > maxSlug {
		out = out[:maxSlug]
		if i := strings.LastIndexByte(out, '-'); i > maxSlug/2 {
			out = out[:i]
		}
	}
	if out == "" {
		out = "donnees"
	}
	return out
}

// csvNames gives each chart a readable, unique CSV file name in the
// site's language: "<page>-<chart title>.csv".
type csvNames map[string]bool

func (n csvNames) name(page, title string) string {
	stem := fileSlug(page + " " + title)
	name := stem + ".csv"
	for i := 2; n[name]; i++ {
		name = stem + "-" + strconv.Itoa(i) + ".csv"
	}
	n[name] = true
	return name
}
