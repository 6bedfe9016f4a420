package exports

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// keysOf reads data to its end and returns the reader's key summary.
func keysOf(t *testing.T, kind Kind, data string) KeySummary {
	t.Helper()
	r, err := NewReader(strings.NewReader(data), "f.csv", kind, testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	for {
		_, err := r.Next()
		var re *RowError
		if err == io.EOF {
			return r.Keys()
		}
		if err != nil && !errors.As(err, &re) {
			t.Fatal(err)
		}
	}
}

func TestKeySummary(t *testing.T) {
	distinct := actFile(map[string]string{"activity_id": "A5"}, map[string]string{"activity_id": "A10"},
		map[string]string{"activity_id": "A7"})
	repeated := actFile(map[string]string{"activity_id": "A5"}, map[string]string{"activity_id": "A7"},
		map[string]string{"activity_id": "A5", "duration_min": "20"})
	// A rejected row (duration 0) counts in no key: its id is not a record's.
	rejected := actFile(map[string]string{"activity_id": "A5"}, map[string]string{"activity_id": "A5", "duration_min": "0"},
		map[string]string{"activity_id": "Z9", "duration_min": "0"})
	const attHeader = "activity_id,client_id,new_to_services,lives_alone,birth_year,sex,status,exported_at\n"
	att := attHeader +
		"G2,c1,,,,,active,2024-03-31T22:10:00-04:00\n" +
		"G1,c2,,,,,active,2024-03-31T22:10:00-04:00\n" +
		"G2,c2,,,,,active,2024-03-31T22:10:00-04:00\n"
	attRepeated := att + "G1,C 2,,,,,active,2024-04-01T22:10:00-04:00\n" // c2 normalized: the same person
	for _, c := range []struct {
		name string
		kind Kind
		data string
		want KeySummary
	}{
		// Byte order, as DuckDB compares VARCHAR: "A10" < "A5" < "A7".
		{"distinct", Activities, distinct, KeySummary{Records: 3, Least: "A10", Greatest: "A7"}},
		{"repeated", Activities, repeated, KeySummary{Records: 3, Least: "A5", Greatest: "A7", Repeated: true}},
		{"rejected rows", Activities, rejected, KeySummary{Records: 1, Least: "A5", Greatest: "A5"}},
		{"empty", Activities, actFile(), KeySummary{}},
		{"attendance: range of activity_id, repeat of the pair", Attendance, att, KeySummary{Records: 3, Least: "G1", Greatest: "G2"}},
		{"attendance: same pair twice", Attendance, attRepeated, KeySummary{Records: 4, Least: "G1", Greatest: "G2", Repeated: true}},
	} {
		if got := keysOf(t, c.kind, c.data); got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}
}
