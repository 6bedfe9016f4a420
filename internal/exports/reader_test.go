package exports

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestKindOf(t *testing.T) {
	tests := []struct {
		path string
		want Kind
		ok   bool
	}{
		{"in/activities_2024-03.csv", Activities, true},
		{"ACTIVITIES.CSV", Activities, true},
		{"attendance-march.csv", Attendance, true},
		{"/x/crisis_events_2024.csv", CrisisEvents, true},
		{"neighbourhoods.csv", Neighbourhoods, true},
		{"Population_2021.Csv", Population, true},
		{"partners.csv", Partners, true},
		{"activities.txt", "", false},
		{"my_activities.csv", "", false},
		{"crisis.csv", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, ok := KindOf(tt.path)
			if got != tt.want || ok != tt.ok {
				t.Errorf("KindOf(%q) = %q, %v; want %q, %v", tt.path, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestColumns(t *testing.T) {
	want := map[Kind]string{
		Activities:     "activity_id activity_date worker_id neighbourhood kind setting planned initiated_by duration_min person_key new_to_services lives_alone birth_year sex group_id group_format participants partner_id referral_to status exported_at",
		Attendance:     "activity_id person_key new_to_services lives_alone birth_year sex status exported_at",
		CrisisEvents:   "event_id event_date neighbourhood service person_key status exported_at",
		Neighbourhoods: "code name territory outreach_start",
		Population:     "neighbourhood year population living_alone low_income age_65_plus social_deprivation_quintile material_deprivation_quintile",
		Partners:       "partner_id name sector",
	}
	for k, w := range want {
		if got := strings.Join(Columns(k), " "); got != w {
			t.Errorf("Columns(%s) = %s; want %s", k, got, w)
		}
	}
	if got := Columns("visits"); got != nil {
		t.Errorf("Columns(visits) = %v; want nil", got)
	}
}

// TestColumnIndexes checks the per-kind index constants against the
// column lists they stand for.
func TestColumnIndexes(t *testing.T) {
	tests := []struct {
		kind Kind
		idx  map[int]string
	}{
		{Activities, map[int]string{actActivityID: "activity_id", actDuration: "duration_min", actPersonKey: "person_key", actSex: "sex", actReferralTo: "referral_to", actExportedAt: "exported_at"}},
		{Attendance, map[int]string{attPersonKey: "person_key", attSex: "sex", attExportedAt: "exported_at"}},
		{CrisisEvents, map[int]string{criService: "service", criPersonKey: "person_key", criExportedAt: "exported_at"}},
		{Neighbourhoods, map[int]string{nbhOutreachStart: "outreach_start"}},
		{Population, map[int]string{popYear: "year", popMaterialQuintile: "material_deprivation_quintile"}},
		{Partners, map[int]string{parSector: "sector"}},
	}
	for _, tt := range tests {
		cols := Columns(tt.kind)
		for i, want := range tt.idx {
			if cols[i] != want {
				t.Errorf("%s column %d = %s; want %s", tt.kind, i, cols[i], want)
			}
		}
	}
	if n := len(Columns(Activities)); n != actExportedAt+1 {
		t.Errorf("activities has %d columns; want %d", n, actExportedAt+1)
	}
}

func TestActivityValues(t *testing.T) {
	res := readAll(t, Activities, "activities.csv", actFile(nil), testOptions(t))
	if len(res.records) != 1 {
		t.Fatalf("got %d records, errors %v %v; want 1", len(res.records), res.rowErrs, res.fileErr)
	}
	want := []any{"A1", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), "W7", "JF", "individual", "home",
		false, "worker", int64(45), testPseudonym("ABC1234"), true, nil, int64(1948), "F", nil, nil,
		nil, nil, nil, "active", time.Date(2024, 4, 1, 2, 10, 0, 0, time.UTC)}
	got := res.records[0]
	if !reflect.DeepEqual(got.Values, want) {
		t.Errorf("values = %#v\nwant %#v", got.Values, want)
	}
	if got.Line != 2 || got.Key != "A1" {
		t.Errorf("line, key = %d, %q; want 2, A1", got.Line, got.Key)
	}
}

// TestEncodings reads the same neighbourhoods in each accepted encoding
// (the Windows-1252 file holds real single-byte accents, CRLF and ';').
func TestEncodings(t *testing.T) {
	tests := []struct {
		file  string
		enc   string
		delim rune
	}{
		{"neighbourhoods_utf8.csv", EncodingUTF8, ','},
		{"neighbourhoods_utf8bom.csv", EncodingUTF8BOM, ';'},
		{"neighbourhoods_cp1252.csv", EncodingWindows1252, ';'},
	}
	wantNames := []string{"Jardins-Fleuris", "Îlot-Desranleau", "Montée-de-l'Église§ secteur « nord »", "Cœur-du-Village"}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			res := readAll(t, Neighbourhoods, tt.file, string(data), testOptions(t))
			if res.fileErr != nil || len(res.rowErrs) > 0 {
				t.Fatalf("errors %v %v", res.fileErr, res.rowErrs)
			}
			if res.info.Encoding != tt.enc || res.info.Delimiter != tt.delim {
				t.Errorf("encoding, delimiter = %s, %q; want %s, %q", res.info.Encoding, res.info.Delimiter, tt.enc, tt.delim)
			}
			if got := res.info.Header[0]; got != "code" {
				t.Errorf("first header field = %q; want code (no BOM)", got)
			}
			var got []string
			for _, r := range res.records {
				got = append(got, r.Values[nbhName].(string))
			}
			want := strings.Join(wantNames, "|")
			want = strings.ReplaceAll(want, "§", string(tt.delim))
			if g := strings.Join(got, "|"); g != want {
				t.Errorf("names = %s; want %s", g, want)
			}
			if got := res.records[3].Values[nbhTerritory]; got != "CLSC de l’Est" {
				t.Errorf("territory = %q; want CLSC de l’Est", got)
			}
		})
	}
}

func TestDelimiters(t *testing.T) {
	tests := []struct {
		name, data string
		want       rune
	}{
		{"comma", "partner_id,name,sector\nP1,Le Phare,community\n", ','},
		{"semicolon", "partner_id;name;sector\nP1;Le Phare, inc.;community\n", ';'},
		{"quoted header semicolons", "\"partner_id\",\"name\",\"sector\",\"note;x;y\"\nP1,A,school,\n", ','},
		{"blank first line", "\n\npartner_id;name;sector\nP1;A;school\n", ';'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readAll(t, Partners, "partners.csv", tt.data, testOptions(t))
			if res.info.Delimiter != tt.want {
				t.Errorf("delimiter = %q; want %q", res.info.Delimiter, tt.want)
			}
			if len(res.records) != 1 {
				t.Errorf("got %d records, errors %v %v; want 1", len(res.records), res.fileErr, res.rowErrs)
			}
		})
	}
}

func TestQuoting(t *testing.T) {
	tests := []struct {
		name, data string
		wantName   []string
		wantLine   []int
	}{
		{"delimiter in quotes", "partner_id,name,sector\nP1,\"Le Phare, inc.\",community\n", []string{"Le Phare, inc."}, []int{2}},
		{"doubled quote", "partner_id,name,sector\nP1,\"Le \"\"Phare\"\"\",community\n", []string{`Le "Phare"`}, []int{2}},
		{"newline in quotes", "partner_id,name,sector\nP1,\"Le Phare\nsecteur 2\",community\nP2,B,school\n", []string{"Le Phare\nsecteur 2", "B"}, []int{2, 4}},
		{"CRLF", "partner_id,name,sector\r\nP1,A,community\r\nP2,\"B\r\nC\",school\r\n", []string{"A", "B\nC"}, []int{2, 3}},
		{"space before quote", "partner_id,name,sector\nP1, \"A, B\",community\n", []string{"A, B"}, []int{2}},
		{"no final newline", "partner_id,name,sector\nP1,A,community", []string{"A"}, []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readAll(t, Partners, "partners.csv", tt.data, testOptions(t))
			var names []string
			var lines []int
			for _, r := range res.records {
				names = append(names, r.Values[parName].(string))
				lines = append(lines, r.Line)
			}
			if !reflect.DeepEqual(names, tt.wantName) || !reflect.DeepEqual(lines, tt.wantLine) {
				t.Errorf("names %q lines %v (errors %v %v); want %q %v", names, lines, res.fileErr, res.rowErrs, tt.wantName, tt.wantLine)
			}
		})
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		in   string
		want any
	}{
		{"Y", true}, {"y", true}, {"O", true}, {"o", true}, {"1", true}, {" Y ", true},
		{"N", false}, {"n", false}, {"0", false},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			res := readAll(t, Activities, "activities.csv", actFile(map[string]string{"planned": tt.in, "lives_alone": tt.in}), testOptions(t))
			if tt.want == nil {
				if len(res.rowErrs) != 1 || res.rowErrs[0].Reason != ReasonMissingValue {
					t.Fatalf("empty planned: errors %v; want missing_value", res.rowErrs)
				}
				return
			}
			if len(res.records) != 1 {
				t.Fatalf("errors %v %v", res.fileErr, res.rowErrs)
			}
			if got := column(t, Activities, res.records[0], "planned"); got != tt.want {
				t.Errorf("planned = %v; want %v", got, tt.want)
			}
			if got := column(t, Activities, res.records[0], "lives_alone"); got != tt.want {
				t.Errorf("lives_alone = %v; want %v", got, tt.want)
			}
		})
	}
}

// TestEnums checks canonical spelling after case-insensitive matching.
func TestEnums(t *testing.T) {
	res := readAll(t, Activities, "activities.csv", actFile(map[string]string{
		"kind": " Group ", "setting": "PUBLIC_SPACE", "initiated_by": "Neighbour", "sex": " x",
		"group_id": "G1", "group_format": "Open", "participants": "12", "referral_to": "Food_Security",
		"status": "CANCELLED", "client_id": "",
	}), testOptions(t))
	if len(res.records) != 1 {
		t.Fatalf("errors %v %v", res.fileErr, res.rowErrs)
	}
	rec := res.records[0]
	for name, want := range map[string]any{"kind": "group", "setting": "public_space", "initiated_by": "neighbour",
		"sex": "X", "group_format": "open", "referral_to": "food_security", "status": "cancelled", "participants": int64(12)} {
		if got := column(t, Activities, rec, name); got != want {
			t.Errorf("%s = %#v; want %#v", name, got, want)
		}
	}
}

func TestRowErrors(t *testing.T) {
	col := func(name string) int {
		for i, c := range actColumns {
			if c == name {
				return i + 1
			}
		}
		return -1
	}
	tests := []struct {
		name   string
		over   map[string]string
		field  string
		reason string
	}{
		{"missing id", map[string]string{"activity_id": " "}, "activity_id", ReasonMissingValue},
		{"bad date", map[string]string{"activity_date": "2024-02-30"}, "activity_date", ReasonInvalidDate},
		{"date not ISO", map[string]string{"activity_date": "05/03/2024"}, "activity_date", ReasonInvalidDate},
		{"unknown neighbourhood", map[string]string{"neighbourhood": "jf"}, "neighbourhood", ReasonUnknownNeighbourhood},
		{"bad kind", map[string]string{"kind": "visit"}, "kind", ReasonInvalidValue},
		{"bad setting", map[string]string{"setting": "park"}, "setting", ReasonInvalidValue},
		{"bad planned", map[string]string{"planned": "oui"}, "planned", ReasonInvalidFlag},
		{"bad initiated_by", map[string]string{"initiated_by": "police"}, "initiated_by", ReasonInvalidValue},
		{"duration not integer", map[string]string{"duration_min": "1.5"}, "duration_min", ReasonInvalidInteger},
		{"duration zero", map[string]string{"duration_min": "0"}, "duration_min", ReasonOutOfRange},
		{"duration too long", map[string]string{"duration_min": "1441"}, "duration_min", ReasonOutOfRange},
		{"individual without client", map[string]string{"client_id": ""}, "client_id", ReasonMissingValue},
		{"client only hyphens", map[string]string{"client_id": " - -"}, "client_id", ReasonMissingValue},
		{"group without group_id", map[string]string{"kind": "group", "group_format": "open", "participants": "3"}, "group_id", ReasonMissingValue},
		{"group without format", map[string]string{"kind": "group", "group_id": "G", "participants": "3"}, "group_format", ReasonMissingValue},
		{"group bad format", map[string]string{"kind": "group", "group_id": "G", "group_format": "weekly", "participants": "3"}, "group_format", ReasonInvalidValue},
		{"group without participants", map[string]string{"kind": "group", "group_id": "G", "group_format": "open"}, "participants", ReasonMissingValue},
		{"collective without participants", map[string]string{"kind": "collective"}, "participants", ReasonMissingValue},
		{"participants too many", map[string]string{"kind": "collective", "participants": "5001"}, "participants", ReasonOutOfRange},
		{"organizational without partner", map[string]string{"kind": "organizational"}, "partner_id", ReasonMissingValue},
		{"organizational unknown partner", map[string]string{"kind": "organizational", "partner_id": "P9"}, "partner_id", ReasonUnknownPartner},
		{"bad status", map[string]string{"status": "deleted"}, "status", ReasonInvalidValue},
		{"missing exported_at", map[string]string{"exported_at": ""}, "exported_at", ReasonMissingValue},
		{"bad exported_at", map[string]string{"exported_at": "2024-03-31T25:00:00"}, "exported_at", ReasonInvalidTimestamp},
		{"first error wins", map[string]string{"activity_date": "x", "status": "x"}, "activity_date", ReasonInvalidDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := actFile(map[string]string{"activity_id": "A0"}, tt.over)
			res := readAll(t, Activities, "activities_2024-03.csv", data, testOptions(t))
			if len(res.rowErrs) != 1 || len(res.records) != 1 || res.rowsRead != 2 {
				t.Fatalf("records %d, rows read %d, errors %v %v; want 1 record, 2 rows, 1 row error", len(res.records), res.rowsRead, res.fileErr, res.rowErrs)
			}
			got := *res.rowErrs[0]
			want := RowError{File: "activities_2024-03.csv", Line: 3, Column: col(tt.field), Field: tt.field, Reason: tt.reason}
			if got != want {
				t.Errorf("got %+v; want %+v", got, want)
			}
		})
	}
}

func TestRowErrorMessage(t *testing.T) {
	e := &RowError{File: "activities_2024-03.csv", Line: 17, Column: 5, Field: "neighbourhood", Reason: ReasonUnknownNeighbourhood}
	if got, want := e.Error(), "activities_2024-03.csv:17:5: neighbourhood: unknown_neighbourhood"; got != want {
		t.Errorf("Error() = %q; want %q", got, want)
	}
}

// TestRowShapeErrors covers the rejects that are about the row, not a
// value, and that reading goes on after them.
func TestRowShapeErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       []RowError
		records    int
	}{
		{"too few fields", "partner_id,name,sector\nP1,A\nP2,B,school\n",
			[]RowError{{File: "partners.csv", Line: 2, Reason: ReasonWrongFieldCount}}, 1},
		{"too many fields", "partner_id,name,sector\nP1,A,school,x\nP2,B,school\n",
			[]RowError{{File: "partners.csv", Line: 2, Reason: ReasonWrongFieldCount}}, 1},
		{"bare quote", "partner_id,name,sector\nP1,Le \"Phare\",school\nP2,B,school\n",
			[]RowError{{File: "partners.csv", Line: 2, Reason: ReasonMalformedQuotes}}, 1},
		{"text after closing quote", "partner_id,name,sector\nP1,\"Le\"Phare,school\nP2,B,school\n",
			[]RowError{{File: "partners.csv", Line: 2, Reason: ReasonMalformedQuotes}}, 1},
		{"unterminated quote on the last line", "partner_id,name,sector\nP2,B,school\nP1,\"Le Phare,school\n",
			[]RowError{{File: "partners.csv", Line: 3, Reason: ReasonMalformedQuotes}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readAll(t, Partners, "partners.csv", tt.data, testOptions(t))
			var got []RowError
			for _, e := range res.rowErrs {
				got = append(got, *e)
			}
			if !reflect.DeepEqual(got, tt.want) || len(res.records) != tt.records {
				t.Errorf("errors %+v, %d records; want %+v, %d", got, len(res.records), tt.want, tt.records)
			}
		})
	}
}

func TestFileErrors(t *testing.T) {
	tests := []struct {
		name string
		kind Kind
		data string
		want FileError
	}{
		{"empty", Partners, "", FileError{Reason: ReasonEmptyFile}},
		{"blank", Partners, " \r\n\n\t\n", FileError{Reason: ReasonEmptyFile}},
		{"BOM only", Partners, "\xEF\xBB\xBF\r\n", FileError{Reason: ReasonEmptyFile}},
		{"NUL byte", Partners, "partner_id,name,sector\nP1,A\x00,school\n", FileError{Line: 2, Reason: ReasonNotCSV}},
		{"binary", Partners, "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", FileError{Line: 3, Reason: ReasonNotCSV}},
		{"no header", Partners, "P1,Le Phare,community\nP2,B,school\n", FileError{Line: 1, Reason: ReasonNotCSV}},
		{"header bad quote", Partners, "partner_id,\"name,sector\n", FileError{Line: 1, Reason: ReasonNotCSV}},
		{"UTF-16", Partners, "\xFF\xFEp\x00a\x00", FileError{Reason: ReasonUndecodable}},
		{"undefined 1252 byte", Partners, "partner_id,name,sector\nP1,A\x81\xE9,school\n", FileError{Line: 2, Reason: ReasonUndecodable}},
		{"BOM then invalid UTF-8", Partners, "\xEF\xBB\xBFpartner_id,name,sector\nP1,Mont\xE9e,school\n", FileError{Line: 2, Reason: ReasonUndecodable}},
		{"missing column", Partners, "partner_id,name\nP1,A\n", FileError{Line: 1, Field: "sector", Reason: ReasonMissingColumn}},
		{"missing client_id column", Attendance, "activity_id,status,exported_at\nA1,active,2024-03-01T10:00:00\n", FileError{Line: 1, Field: "client_id", Reason: ReasonMissingColumn}},
		{"duplicate column", Partners, "partner_id,name,Name,sector\nP1,A,B,school\n", FileError{Line: 1, Column: 3, Field: "name", Reason: ReasonDuplicateColumn}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readAll(t, tt.kind, "f.csv", tt.data, testOptions(t))
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

// failingSeeker serves the file once for the scan and fails after n bytes
// on the second pass.
type failingSeeker struct {
	data  string
	n     int
	pos   int
	pass  int
	cause error
}

func (f *failingSeeker) Read(p []byte) (int, error) {
	if f.pos >= len(f.data) {
		return 0, io.EOF
	}
	end := len(f.data)
	if f.pass > 0 && f.pos >= f.n {
		return 0, f.cause
	}
	if f.pass > 0 {
		end = min(end, f.n)
	}
	n := copy(p, f.data[f.pos:end])
	f.pos += n
	return n, nil
}

func (f *failingSeeker) Seek(off int64, whence int) (int64, error) {
	f.pos, f.pass = int(off), f.pass+1
	return off, nil
}

func TestReadFailsMidway(t *testing.T) {
	data := "partner_id,name,sector\n" + strings.Repeat("P1,A,school\n", 20000)
	cause := errors.New("disk gone")
	r, err := NewReader(&failingSeeker{data: data, n: 100000, cause: cause}, "partners.csv", Partners, testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		_, err = r.Next()
		if err != nil {
			break
		}
		n++
	}
	var fe *FileError
	if !errors.As(err, &fe) || fe.Reason != ReasonReadFailed || !errors.Is(err, cause) {
		t.Fatalf("after %d records got %v; want a read_failed FileError wrapping %v", n, err, cause)
	}
	if _, again := r.Next(); again != err {
		t.Errorf("second call got %v; want the same error", again)
	}
}

func TestOptionErrors(t *testing.T) {
	opt := testOptions(t)
	if _, err := NewReader(strings.NewReader("x\n"), "v.csv", "visits", opt); !errors.Is(err, ErrUnknownKind) {
		t.Errorf("unknown kind: got %v; want ErrUnknownKind", err)
	}
	noKey := opt
	noKey.Pseudonym = nil
	if _, err := NewReader(strings.NewReader(actFile()), "a.csv", Activities, noKey); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("no pseudonym: got %v; want ErrInvalidOptions", err)
	}
	if _, err := NewReader(strings.NewReader("partner_id,name,sector\n"), "p.csv", Partners, Options{}); err != nil {
		t.Errorf("partners need no options: got %v", err)
	}
}

func TestIgnoredColumns(t *testing.T) {
	data := "Partner_ID , comment,name,sector,,Comment2\nP1,hello,A,school,,x\n"
	res := readAll(t, Partners, "partners.csv", data, testOptions(t))
	if len(res.records) != 1 {
		t.Fatalf("errors %v %v", res.fileErr, res.rowErrs)
	}
	if want := []string{"comment", "Comment2"}; !reflect.DeepEqual(res.info.Ignored, want) {
		t.Errorf("ignored = %q; want %q", res.info.Ignored, want)
	}
	if want := []any{"P1", "A", "school"}; !reflect.DeepEqual(res.records[0].Values, want) {
		t.Errorf("values = %q; want %q", res.records[0].Values, want)
	}
}

func TestTimestamps(t *testing.T) {
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return v.UTC()
	}
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-03-31T22:10:00-04:00", utc("2024-04-01T02:10:00Z")},
		{"2024-03-31T22:10:00Z", utc("2024-03-31T22:10:00Z")},
		{"2024-03-31T22:10:00.25+01:00", utc("2024-03-31T21:10:00.25Z")},
		{"2024-03-31T22:10:00.123456789z", utc("2024-03-31T22:10:00.123456789Z")},
		{"2024-03-31T22:10-0400", utc("2024-04-01T02:10:00Z")},
		{"2024-03-31T22:10:00-04", utc("2024-04-01T02:10:00Z")},
		{"2024-01-15T09:00:00", utc("2024-01-15T14:00:00Z")}, // local, EST
		{"2024-07-15 09:00:00", utc("2024-07-15T13:00:00Z")}, // local, EDT, space separator
		{"2024-07-15T09:00", utc("2024-07-15T13:00:00Z")},
		// 02:30 does not exist on 2024-03-10 in Montreal: time.Date reads it
		// with the offset after the change (−04:00).
		{"2024-03-10T02:30:00", utc("2024-03-10T06:30:00Z")},
		// 01:30 happens twice on 2024-11-03: the first (EDT) is taken.
		{"2024-11-03T01:30:00", utc("2024-11-03T05:30:00Z")},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			res := readAll(t, Activities, "activities.csv", actFile(map[string]string{"exported_at": tt.in}), testOptions(t))
			if len(res.records) != 1 {
				t.Fatalf("errors %v %v", res.fileErr, res.rowErrs)
			}
			got := column(t, Activities, res.records[0], "exported_at").(time.Time)
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("got %v; want %v", got, tt.want)
			}
		})
	}
}

func TestInvalidTimestamps(t *testing.T) {
	for _, in := range []string{"2024-03-31", "2024-03-31T22", "2024-03-31T22:10:00+25:00", "2024-03-31T22:10:60",
		"2024-03-31T22:10:00.", "2024-03-31T22:10:00.1234567890", "2024-02-30T10:00:00", "2024-03-31T22:10:00 EST",
		"31/03/2024 22:10", "2024-03-31T22:10:00+04:0"} {
		t.Run(in, func(t *testing.T) {
			if _, ok := parseTimestamp(in, montreal(t)); ok {
				t.Errorf("parseTimestamp(%q) accepted; want rejected", in)
			}
		})
	}
}

func TestClientIDNormalization(t *testing.T) {
	data := actFile(
		map[string]string{"activity_id": "A1", "client_id": "abc 123-4"},
		map[string]string{"activity_id": "A2", "client_id": " ABC1234 "},
		map[string]string{"activity_id": "A3", "client_id": "a-b-c\u00a01\u20112\t34"},
	)
	res := readAll(t, Activities, "activities.csv", data, testOptions(t))
	if len(res.records) != 3 {
		t.Fatalf("errors %v %v", res.fileErr, res.rowErrs)
	}
	want := testPseudonym("ABC1234")
	for _, r := range res.records {
		if got := column(t, Activities, r, "person_key"); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: person_key = %v; want %v", r.Key, got, want)
		}
	}
}

// TestKinds reads one valid and one rejected row of every other kind.
func TestKinds(t *testing.T) {
	tests := []struct {
		kind    Kind
		data    string
		key     string
		values  []any
		rowErr  RowError
		warning map[string]int
	}{
		{Attendance, "activity_id;client_id;sex;birth_year;status;exported_at;lives_alone\nG1;abc-1234;m;1890;active;2024-03-01T10:00:00Z;o\nG1;;F;;active;2024-03-01T10:00:00Z;\n",
			"G1\x00" + string(testPseudonym("ABC1234")),
			[]any{"G1", testPseudonym("ABC1234"), nil, true, nil, "M", "active", time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)},
			RowError{Line: 3, Column: 2, Field: "client_id", Reason: ReasonMissingValue}, map[string]int{"birth_year": 1}},
		{CrisisEvents, "event_id,event_date,neighbourhood,service,client_id,status,exported_at\nE1,2024-02-29,ID,Crisis_Line,,active,2024-03-01T10:00:00Z\nE2,2024-02-29,XX,crisis_line,,active,2024-03-01T10:00:00Z\n",
			"E1", []any{"E1", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), "ID", "crisis_line", nil, "active", time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)},
			RowError{Line: 3, Column: 3, Field: "neighbourhood", Reason: ReasonUnknownNeighbourhood}, map[string]int{}},
		{Neighbourhoods, "code,name,territory,outreach_start\nJF,Jardins-Fleuris,Centre,2023-13-01\n,X,Centre,\n",
			"JF", []any{"JF", "Jardins-Fleuris", "Centre", nil},
			RowError{Line: 3, Column: 1, Field: "code", Reason: ReasonMissingValue}, map[string]int{"outreach_start": 1}},
		{Population, "neighbourhood,year,population,living_alone,low_income,age_65_plus,social_deprivation_quintile,material_deprivation_quintile\nJF,2021,5200,830,-1,900,6,1\nJF,2021,5200,-830,,,,\n",
			"JF\x002021", []any{"JF", int64(2021), int64(5200), int64(830), nil, int64(900), nil, int64(1)},
			RowError{Line: 3, Column: 4, Field: "living_alone", Reason: ReasonOutOfRange}, map[string]int{"low_income": 1, "social_deprivation_quintile": 1}},
		{Partners, "partner_id,name,sector\nP1,Le Phare,Community\nP2,B,church\n",
			"P1", []any{"P1", "Le Phare", "community"},
			RowError{Line: 3, Column: 3, Field: "sector", Reason: ReasonInvalidValue}, map[string]int{}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			res := readAll(t, tt.kind, "f.csv", tt.data, testOptions(t))
			if len(res.records) != 1 || len(res.rowErrs) != 1 {
				t.Fatalf("%d records, errors %v %v; want 1 record, 1 row error", len(res.records), res.fileErr, res.rowErrs)
			}
			if got := res.records[0]; got.Key != tt.key || !reflect.DeepEqual(got.Values, tt.values) {
				t.Errorf("record %q %#v\nwant %q %#v", got.Key, got.Values, tt.key, tt.values)
			}
			tt.rowErr.File = "f.csv"
			if got := *res.rowErrs[0]; got != tt.rowErr {
				t.Errorf("row error %+v; want %+v", got, tt.rowErr)
			}
			if !reflect.DeepEqual(res.warnings, tt.warning) {
				t.Errorf("warnings %v; want %v", res.warnings, tt.warning)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	data := actFile(
		map[string]string{"activity_id": "A1", "birth_year": "2025", "sex": "female", "new_to_services": "maybe", "referral_to": "dentist"},
		map[string]string{"activity_id": "A2", "kind": "collective", "participants": "40", "client_id": "XYZ-1"},
		map[string]string{"activity_id": "A3", "partner_id": "P9", "initiated_by": "partner"},
		map[string]string{"activity_id": "A4", "partner_id": "P1", "birth_year": "nineteen"},
		// rejected rows add no warnings
		map[string]string{"activity_id": "A5", "sex": "female", "status": ""},
	)
	res := readAll(t, Activities, "activities.csv", data, testOptions(t))
	if len(res.records) != 4 || len(res.rowErrs) != 1 {
		t.Fatalf("%d records, errors %v %v", len(res.records), res.fileErr, res.rowErrs)
	}
	want := map[string]int{"birth_year": 2, "sex": 1, "new_to_services": 1, "referral_to": 1, "client_id": 1, "partner_id": 1}
	if !reflect.DeepEqual(res.warnings, want) {
		t.Errorf("warnings = %v; want %v", res.warnings, want)
	}
	if got := column(t, Activities, res.records[1], "person_key"); got != nil {
		t.Errorf("collective person_key = %v; want nil", got)
	}
	if got := column(t, Activities, res.records[3], "partner_id"); got != "P1" {
		t.Errorf("known partner on individual = %v; want P1", got)
	}
}

func TestEmptyLinesSkipped(t *testing.T) {
	data := "\npartner_id,name,sector\n\nP1,A,school\n\r\n , ,\n;;\nP2,B,school\n\n"
	res := readAll(t, Partners, "partners.csv", data, testOptions(t))
	var lines []int
	for _, r := range res.records {
		lines = append(lines, r.Line)
	}
	if !reflect.DeepEqual(lines, []int{4, 8}) || res.rowsRead != 3 || len(res.rowErrs) != 1 {
		t.Errorf("lines %v, rows read %d, errors %v; want [4 8], 3 and one wrong_field_count for ';;'", lines, res.rowsRead, res.rowErrs)
	}
}
