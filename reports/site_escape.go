package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// zwsp is the zero-width space inert inserts: invisible on the canvas, it
// breaks the sequences ECharts and go-echarts would interpret.
const zwsp = "\u200b"

// inert makes a string that came from data (an area name, a label) unable
// to act as anything but text once it is inside an ECharts option:
//   - no two underscores touch, so go-echarts' "__f__" function markers
//     (which its renderer turns into raw JavaScript) cannot appear;
//   - no "{" is followed by a name, so ECharts' formatter templates
//     ({a}, {b}, {@dim}) and rich-text runs ({style|text}) never match.
//
// HTML and script escaping are separate (scriptJSON, html/template); inert
// only removes meaning ECharts would give to plain characters.
func inert(s string) string {
	if !strings.Contains(s, "__") && !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	prev := rune(0)
	for _, r := range s {
		if r == '_' && prev == '_' {
			b.WriteString(zwsp)
		}
		b.WriteRune(r)
		if r == '{' {
			b.WriteString(zwsp)
		}
		prev = r
	}
	return b.String()
}

// inertTree applies inert to every string value (not to object keys) of a
// decoded JSON tree, in place where it can, and returns the tree.
func inertTree(v any) any {
	switch t := v.(type) {
	case string:
		return inert(t)
	case map[string]any:
		for k, e := range t {
			t[k] = inertTree(e)
		}
	case []any:
		for i, e := range t {
			t[i] = inertTree(e)
		}
	}
	return v
}

// jsonTree round-trips v through JSON into plain maps, slices, strings,
// json.Number and booleans, so that options built with go-echarts' structs
// can be inspected and amended as one tree.
func jsonTree(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("chart options: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("chart options: %w", err)
	}
	return out, nil
}

// scriptJSON encodes v for a <script type="application/json"> element:
// '<', '>' and '&' become \u003c, \u003e and \u0026 (so no "</script>" or
// "<!--" can end or change the element) and U+2028/U+2029 are escaped, as
// encoding/json does by default; the result is then parsed by JSON.parse,
// never evaluated.
func scriptJSON(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("chart options: %w", err)
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

// csvFormulaStart lists the first characters that make a spreadsheet read
// a cell as a formula (or, for tab and CR, hide one), after OWASP's CSV
// injection advice.
const csvFormulaStart = "=+-@\t\r"

// csvCell neutralizes a cell that a spreadsheet would read as a formula by
// prefixing an apostrophe, which Excel and LibreOffice show as text. A
// number we formatted ourselves ("−3,5" uses U+2212, never '-') never
// needs it.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune(csvFormulaStart, rune(s[0])) {
		return "'" + s
	}
	return s
}
