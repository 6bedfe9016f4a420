package exports

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// errPattern is the only shape an error may take: positions, a column
// name of the schema and a reason code; no room for a value.
var errPattern = regexp.MustCompile(`^f\.csv:\d+:\d+: ([a-z0-9_]+: )?[a-z_]+$`)

// FuzzReader reads arbitrary bytes as each kind. It must never panic, must
// only return the documented error types, and no returned value may carry
// a client id: person_key must be a pseudonym, and every other string
// value must be the (trimmed, canonically spelled) field of its own
// column, as found by an independent csv parse.
func FuzzReader(f *testing.F) {
	f.Add(uint8(0), []byte(actFile(nil, map[string]string{"kind": "group", "group_id": "G", "group_format": "open", "participants": "4"})))
	f.Add(uint8(1), []byte("activity_id;client_id;status;exported_at\r\nG1;abc-1;active;2024-03-01T10:00:00\r\n"))
	f.Add(uint8(2), []byte("event_id,event_date,neighbourhood,service,client_id,status,exported_at\nE1,2024-02-01,JF,other,\"x,y\",active,2024-03-01T10:00:00Z\n"))
	f.Fuzz(func(t *testing.T, k uint8, data []byte) {
		kind := kinds[int(k)%len(kinds)]
		opt := testOptions(t)
		issued := map[string]bool{}
		opt.Pseudonym = func(n string) []byte {
			p := hanPseudonym(n)
			issued[p] = true
			return []byte(p)
		}
		r, err := NewReader(bytes.NewReader(data), "f.csv", kind, opt)
		if err != nil {
			checkErr(t, err)
			return
		}
		raw := rawRows(t, data, r.Info())
		for i := 0; ; i++ {
			if i > len(data)+1 {
				t.Fatal("Next does not reach the end")
			}
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				checkErr(t, err)
				if errors.As(err, new(*FileError)) {
					return // sticky: the whole file is rejected
				}
				continue
			}
			checkRecord(t, kind, rec, raw[rec.Line], r.Info().Header, issued)
		}
	})
}

// hanPseudonym spells a hash in CJK ideographs, so it can never contain
// an ASCII client id.
func hanPseudonym(n string) string {
	sum := sha256.Sum256([]byte(n))
	rs := make([]rune, 8)
	for i := range rs {
		rs[i] = 0x4E00 + rune(sum[i])
	}
	return string(rs)
}

func checkErr(t *testing.T, err error) {
	t.Helper()
	var re *RowError
	var fe *FileError
	if !errors.As(err, &re) && !errors.As(err, &fe) {
		t.Fatalf("error of unexpected type %T: %v", err, err)
	}
	if !errPattern.MatchString(err.Error()) {
		t.Fatalf("error %q does not have the expected shape", err)
	}
}

// rawRows parses the decoded file independently, by starting line.
func rawRows(t *testing.T, data []byte, info FileInfo) map[int][]string {
	t.Helper()
	text := io.Reader(bytes.NewReader(data))
	switch info.Encoding {
	case EncodingUTF8BOM:
		text = bytes.NewReader(data[3:])
	case EncodingWindows1252:
		text = charmap.Windows1252.NewDecoder().Reader(text)
	}
	c := csv.NewReader(text)
	c.Comma, c.FieldsPerRecord, c.TrimLeadingSpace = info.Delimiter, -1, true
	rows := map[int][]string{}
	for {
		rec, err := c.Read()
		if err == io.EOF {
			return rows
		}
		if err == nil {
			line, _ := c.FieldPos(0)
			rows[line] = rec
		}
	}
}

func checkRecord(t *testing.T, kind Kind, rec Record, raw, header []string, issued map[string]bool) {
	t.Helper()
	cols := Columns(kind)
	if len(rec.Values) != len(cols) || raw == nil {
		t.Fatalf("line %d: %d values for %d columns (raw row found: %v)", rec.Line, len(rec.Values), len(cols), raw != nil)
	}
	for i, v := range rec.Values {
		switch v := v.(type) {
		case nil, int64, bool, time.Time:
		case string:
			checkString(t, cols[i], v, raw, header, issued)
		case []byte:
			if cols[i] != "person_key" || !issued[string(v)] {
				t.Fatalf("%s: bytes that are no pseudonym", cols[i])
			}
		default:
			t.Fatalf("%s: value of type %T", cols[i], v)
		}
	}
	if kind == Attendance && rec.Key != rec.Values[0].(string)+"\x00"+string(rec.Values[1].([]byte)) {
		t.Fatalf("attendance key is not activity_id + person_key")
	}
}

// checkString checks that a string value came from its own column.
func checkString(t *testing.T, col, v string, raw, header []string, issued map[string]bool) {
	t.Helper()
	if col == "person_key" {
		if !issued[v] {
			t.Fatalf("person_key %q is not a pseudonym", v)
		}
		return
	}
	for j, h := range header {
		if strings.EqualFold(h, col) {
			if !strings.EqualFold(strings.TrimSpace(raw[j]), v) {
				t.Fatalf("%s = %q; the field holds %q", col, v, raw[j])
			}
			return
		}
	}
	t.Fatalf("%s has a value but no column", col)
}
