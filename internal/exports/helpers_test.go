package exports

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the host's zoneinfo
)

// montreal is the contract's local time zone.
func montreal(tb testing.TB) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation("America/Montreal")
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

// testPseudonym is a keyed HMAC like the real one, with a test key.
func testPseudonym(n string) []byte {
	m := hmac.New(sha256.New, []byte("test key"))
	m.Write([]byte(n))
	return []byte("pk_" + hex.EncodeToString(m.Sum(nil))[:16])
}

func testOptions(tb testing.TB) Options {
	tb.Helper()
	return Options{
		Location:           montreal(tb),
		Year:               2024,
		Pseudonym:          testPseudonym,
		KnownNeighbourhood: func(c string) bool { return c == "JF" || c == "ID" || c == "ME" },
		KnownPartner:       func(id string) bool { return id == "P1" || id == "P2" },
	}
}

// result is everything read from one file.
type result struct {
	info     FileInfo
	records  []Record
	rowErrs  []*RowError
	fileErr  *FileError
	warnings map[string]int
	rowsRead int
}

// readAll reads a whole file and collects what came out; an error that is
// neither a RowError nor a FileError fails the test.
func readAll(tb testing.TB, kind Kind, name, data string, opt Options) result {
	tb.Helper()
	var res result
	r, err := NewReader(strings.NewReader(data), name, kind, opt)
	if err != nil {
		if !errors.As(err, &res.fileErr) {
			tb.Fatalf("NewReader: %v", err)
		}
		return res
	}
	res.info = r.Info()
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		var re *RowError
		switch {
		case errors.As(err, &re):
			res.rowErrs = append(res.rowErrs, re)
		case errors.As(err, &res.fileErr):
			return res
		case err != nil:
			tb.Fatalf("Next: %v", err)
		default:
			res.records = append(res.records, rec)
		}
	}
	res.warnings = r.Warnings()
	res.rowsRead = r.RowsRead()
	return res
}

// actColumns is the activities header in contract order.
var actColumns = []string{"activity_id", "activity_date", "worker_id", "neighbourhood", "kind",
	"setting", "planned", "initiated_by", "duration_min", "client_id", "new_to_services",
	"lives_alone", "birth_year", "sex", "group_id", "group_format", "participants", "partner_id",
	"referral_to", "status", "exported_at"}

// actBase is a valid individual activity.
var actBase = map[string]string{
	"activity_id": "A1", "activity_date": "2024-03-05", "worker_id": "W7", "neighbourhood": "JF",
	"kind": "individual", "setting": "home", "planned": "N", "initiated_by": "worker",
	"duration_min": "45", "client_id": "abc 123-4", "new_to_services": "Y", "lives_alone": "",
	"birth_year": "1948", "sex": "f", "group_id": "", "group_format": "", "participants": "",
	"partner_id": "", "referral_to": "", "status": "active", "exported_at": "2024-03-31T22:10:00-04:00",
}

// actRow returns actBase with some values replaced, joined by sep.
func actRow(sep string, over map[string]string) string {
	vals := make([]string, len(actColumns))
	for i, c := range actColumns {
		v, ok := over[c]
		if !ok {
			v = actBase[c]
		}
		vals[i] = v
	}
	return strings.Join(vals, sep)
}

// actFile is a header and rows separated by LF.
func actFile(rows ...map[string]string) string {
	var b strings.Builder
	b.WriteString(strings.Join(actColumns, ",") + "\n")
	for _, r := range rows {
		b.WriteString(actRow(",", r) + "\n")
	}
	return b.String()
}

// column returns the value of a named output column of a record.
func column(tb testing.TB, k Kind, rec Record, name string) any {
	tb.Helper()
	for i, c := range Columns(k) {
		if c == name {
			return rec.Values[i]
		}
	}
	tb.Fatalf("no column %s in %s", name, k)
	return nil
}
