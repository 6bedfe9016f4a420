package exports

import (
	"strings"
	"testing"
	"time"
)

// Hostile and broken files (issue 15): each is rejected precisely, naming
// the file, the line (and column where there is one), quickly and without
// reading more than the limits allow.

const partnersHeader = "partner_id,name,sector\n"

// asciiLines returns n lines of plain partners rows, for pushing a
// problem past the scan's 64 KiB chunks.
func asciiLines(n int) string {
	return strings.Repeat("P1,Le Phare,school\n", n)
}

func TestHostileFiles(t *testing.T) {
	small := Limits{MaxColumns: 8, MaxFieldBytes: 16, MaxLineBytes: 100}
	tests := []struct {
		name   string
		data   string
		limits Limits
		want   FileError
	}{
		{"CR-only line endings", "partner_id,name,sector\rP1,A,school\rP2,B,school\r", Limits{},
			FileError{Line: 1, Reason: ReasonCROnly}},
		{"line too long", partnersHeader + "P1,A,school\n" + "P2," + strings.Repeat("x", 200) + ",school\n", small,
			FileError{Line: 3, Reason: ReasonLineTooLong}},
		{"header too wide", "partner_id,name,sector,a,b,c,d,e,f\nP1,A,school,,,,,,\n", small,
			FileError{Line: 1, Column: 9, Reason: ReasonTooManyColumns}},
		{"quote left open mid-file", partnersHeader + "P2,B,school\nP1,\"Le Phare,school\nP3,C,school\nP4,D,school\n", Limits{},
			FileError{Line: 3, Reason: ReasonUnterminatedQuote}},
		{"quote left open in a large file", partnersHeader + "P2,B,school\nP1,\"Le Phare,school\n" + asciiLines(2000), small,
			FileError{Line: 3, Reason: ReasonRecordTooLong}},
		{"BOM in the middle (files joined)", "\xEF\xBB\xBF" + partnersHeader + "P1,A,school\n\xEF\xBB\xBF" + partnersHeader + "P2,B,school\n", Limits{},
			FileError{Line: 3, Reason: ReasonMisplacedBOM}},
		{"BOM inside a key", partnersHeader + "P1,A,school\n\xEF\xBB\xBFP2,B,school\n", Limits{},
			FileError{Line: 3, Reason: ReasonMisplacedBOM}},
		{"UTF-8 then Windows-1252", partnersHeader + "P1,Montée,school\nP2,B,school\nP3,\xCElot,school\n", Limits{},
			FileError{Line: 4, Reason: ReasonMixedEncoding}},
		{"Windows-1252 then UTF-8", partnersHeader + "P1,Mont\xE9e,school\nP2,B,school\nP3,Îlot,school\n", Limits{},
			FileError{Line: 4, Reason: ReasonMixedEncoding}},
		{"mixed beyond the first chunk", partnersHeader + "P1,Montée,school\n" + asciiLines(5000) + "P3,\xCElot,school\n", Limits{},
			FileError{Line: 5003, Reason: ReasonMixedEncoding}},
		{"BOM beyond the first chunk", partnersHeader + asciiLines(5000) + "P3,\xEF\xBB\xBFA,school\n", Limits{},
			FileError{Line: 5002, Reason: ReasonMisplacedBOM}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := testOptions(t)
			opt.Limits = tt.limits
			res := readAll(t, Partners, "f.csv", tt.data, opt)
			if res.fileErr == nil {
				t.Fatalf("no file error (records %d, row errors %v); want %+v", len(res.records), res.rowErrs, tt.want)
			}
			tt.want.File = "f.csv"
			if *res.fileErr != tt.want {
				t.Errorf("got %+v; want %+v", *res.fileErr, tt.want)
			}
		})
	}
}

// TestDoubleCRIsNotCROnly: CR CR LF (some Windows tools) ends lines with
// an LF; the stray CR is white space at the end of the last field.
func TestDoubleCRIsNotCROnly(t *testing.T) {
	res := readAll(t, Partners, "f.csv", "partner_id,name,sector\r\r\nP1,A,school\r\r\n", testOptions(t))
	if res.fileErr != nil || len(res.records) != 1 {
		t.Errorf("file error %v, %d records; want 1 record", res.fileErr, len(res.records))
	}
}

// TestMillionColumns reads a header of a million columns: it must be
// rejected at once, by the line-length bound (the default limits) or by
// the column bound (when lines may be long), never parsed column by column
// into warnings.
func TestMillionColumns(t *testing.T) {
	header := "partner_id,name,sector" + strings.Repeat(",c", 1_000_000) + "\nP1,A,school\n"
	for _, tt := range []struct {
		limits Limits
		want   FileError
	}{
		{Limits{}, FileError{File: "f.csv", Line: 1, Reason: ReasonLineTooLong}},
		{Limits{MaxLineBytes: 4 << 20}, FileError{File: "f.csv", Line: 1, Column: DefaultLimits().MaxColumns + 1, Reason: ReasonTooManyColumns}},
	} {
		opt := testOptions(t)
		opt.Limits = tt.limits
		start := time.Now()
		res := readAll(t, Partners, "f.csv", header, opt)
		if took := time.Since(start); took > 10*time.Second {
			t.Errorf("took %s to reject a million columns", took)
		}
		if res.fileErr == nil || *res.fileErr != tt.want {
			t.Errorf("got %+v; want %+v", res.fileErr, tt.want)
		}
	}
}

func TestFieldTooLong(t *testing.T) {
	opt := testOptions(t)
	opt.Limits = Limits{MaxFieldBytes: 10}
	data := partnersHeader + "P1,A,school\nP2,\"" + strings.Repeat("y", 11) + "\",school\nP3,C,school\n"
	res := readAll(t, Partners, "f.csv", data, opt)
	want := RowError{File: "f.csv", Line: 3, Column: 2, Field: "name", Reason: ReasonFieldTooLong}
	if len(res.rowErrs) != 1 || *res.rowErrs[0] != want || len(res.records) != 2 {
		t.Errorf("row errors %v, %d records; want [%+v], 2", res.rowErrs, len(res.records), want)
	}
}

// TestDateWindow bounds dates and export times to the configured window:
// one activity dated 2206 or an export time in 9999 is a row reject, not a
// period grid of two centuries.
func TestDateWindow(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	window := DateWindow{From: day("2000-01-01"), To: day("2025-12-31")}
	tests := []struct {
		name  string
		over  map[string]string
		field string // "" = accepted
	}{
		{"first day", map[string]string{"activity_date": "2000-01-01"}, ""},
		{"last day", map[string]string{"activity_date": "2025-12-31"}, ""},
		{"day before", map[string]string{"activity_date": "1999-12-31"}, "activity_date"},
		{"2206", map[string]string{"activity_date": "2206-03-05"}, "activity_date"},
		{"exported in 9999", map[string]string{"exported_at": "9999-12-31T23:59:59Z"}, "exported_at"},
		{"exported the last local day", map[string]string{"exported_at": "2025-12-31T23:30:00-05:00"}, ""},
		{"exported the day after, local", map[string]string{"exported_at": "2026-01-01T00:30:00"}, "exported_at"},
		{"exported in year 1", map[string]string{"exported_at": "0001-01-01T00:00:00Z"}, "exported_at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := testOptions(t)
			opt.Dates = window
			res := readAll(t, Activities, "f.csv", actFile(tt.over), opt)
			switch {
			case tt.field == "" && len(res.records) != 1:
				t.Errorf("rejected: %v %v", res.rowErrs, res.fileErr)
			case tt.field != "" && (len(res.rowErrs) != 1 || res.rowErrs[0].Field != tt.field || res.rowErrs[0].Reason != ReasonOutOfRange):
				t.Errorf("row errors %v; want %s out_of_range", res.rowErrs, tt.field)
			}
		})
	}
}

func TestOutreachStartOutOfWindow(t *testing.T) {
	opt := testOptions(t)
	opt.Dates = DateWindow{From: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	res := readAll(t, Neighbourhoods, "f.csv", "code,name,territory,outreach_start\nJF,Jardins,T1,9999-01-01\n", opt)
	if len(res.records) != 1 || res.records[0].Values[nbhOutreachStart] != nil || res.warnings["outreach_start"] != 1 {
		t.Errorf("records %v, warnings %v; want outreach_start read as empty with a warning", res.records, res.warnings)
	}
}
