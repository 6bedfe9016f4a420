package exports

import (
	"fmt"
	"strings"
	"testing"
)

// TestNoRawClientID reads files where a client id sits in every position
// it can (accepted rows, rejected rows, ignored values, broken rows) and
// checks that neither the raw nor the normalized id comes back anywhere.
func TestNoRawClientID(t *testing.T) {
	const raw = "trem-4801 0112"
	tests := []struct {
		name string
		kind Kind
		data string
	}{
		{"activities", Activities, actFile(
			map[string]string{"activity_id": "A1", "client_id": raw},
			map[string]string{"activity_id": "A2", "client_id": raw, "status": "bad"},
			map[string]string{"activity_id": "A3", "client_id": raw, "kind": "collective", "participants": "9"},
			map[string]string{"activity_id": "A4", "client_id": raw, "kind": "visit"},
		) + "A5,2024-03-05,W7,JF,individual,home,N,worker,45,\"" + raw + "\"x,,,,,,,,,,active,2024-03-31\n" +
			"A6,2024-03-05,W7,JF,individual,home,N,worker,45," + raw + "\n"},
		{"attendance", Attendance, "activity_id;client_id;status;exported_at\nG1;" + raw + ";active;2024-03-01T10:00:00\nG1;" + raw + ";gone;2024-03-01T10:00:00\nG2;" + raw + ";active\n"},
		{"crisis", CrisisEvents, "event_id,event_date,neighbourhood,service,client_id,status,exported_at\nE1,2024-02-01,JF,other," + raw + ",active,2024-03-01T10:00:00Z\nE2,2024-02-01,ZZ,other," + raw + ",active,2024-03-01T10:00:00Z\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readAll(t, tt.kind, "f.csv", tt.data, testOptions(t))
			if len(res.records) == 0 || len(res.rowErrs) == 0 {
				t.Fatalf("%d records, %d row errors (%v); want some of each", len(res.records), len(res.rowErrs), res.fileErr)
			}
			for _, s := range exposed(res) {
				assertNoClientID(t, s, raw)
			}
		})
	}
}

// exposed lists every string a caller can see from a read.
func exposed(res result) []string {
	out := append([]string{res.info.Encoding}, res.info.Header...)
	out = append(out, res.info.Ignored...)
	for _, r := range res.records {
		out = append(out, r.Key)
		for _, v := range r.Values {
			out = append(out, fmt.Sprint(v))
		}
	}
	for _, e := range res.rowErrs {
		out = append(out, e.Error(), fmt.Sprintf("%#v", *e))
	}
	if res.fileErr != nil {
		out = append(out, res.fileErr.Error())
	}
	for k := range res.warnings {
		out = append(out, k)
	}
	return out
}

func assertNoClientID(tb testing.TB, s, raw string) {
	tb.Helper()
	for _, id := range []string{raw, NormalizeClientID(raw), strings.TrimSpace(raw)} {
		if strings.Contains(strings.ToUpper(s), strings.ToUpper(id)) {
			tb.Errorf("client id exposed in %q", s)
		}
	}
}
