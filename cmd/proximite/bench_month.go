package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A small month is the size of month issue 17 sets its 5-second target for
// (about 100 000 rows at scale 10): every smallMonthEvery-th activity of
// the held-back month, with its attendance, and all that month's crisis
// events, moved one month later under new ids, so that it lands as a new
// month on the store the held-back month was added to, with the same
// workers, neighbourhoods and returning persons.
const smallMonthEvery = 10

// smallMonthFile is how one kind of file of the held-back month becomes the
// small month's: the id column whose month part changes, and the date
// columns moved one month later.
type smallMonthFile struct {
	kind      string
	id, date  string
	keepEvery bool // keep every smallMonthEvery-th row (activities)
	byID      bool // keep the rows of the kept activities (attendance)
}

var smallMonthFiles = []smallMonthFile{
	{kind: "activities", id: "activity_id", date: "activity_date", keepEvery: true},
	{kind: "attendance", id: "activity_id", byID: true},
	{kind: "crisis_events", id: "event_id", date: "event_date"},
}

// writeSmallMonth writes, into dir, the small month derived from the files
// of month (YYYY-MM) in monthDir, and returns the next month and the number
// of rows written.
func writeSmallMonth(monthDir, month, dir string) (string, int, error) {
	from, err := time.Parse("2006-01", month)
	if err != nil {
		return "", 0, fmt.Errorf("small month: %w", err)
	}
	next := from.AddDate(0, 1, 0).Format("2006-01")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", 0, err
	}
	kept := map[string]bool{}
	total := 0
	for _, f := range smallMonthFiles {
		src := filepath.Join(monthDir, f.kind+"_"+month+".csv")
		dst := filepath.Join(dir, f.kind+"_"+next+".csv")
		n, err := f.rewrite(src, dst, month, next, kept)
		if err != nil {
			return "", 0, fmt.Errorf("small month from %s: %w", src, err)
		}
		total += n
	}
	return next, total, nil
}

// rewrite copies the rows of src that f keeps into dst, moved to month
// next; kept collects (activities) or selects (attendance) the held-back
// month's activity ids.
func (f smallMonthFile) rewrite(src, dst, month, next string, kept map[string]bool) (int, error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	r := csv.NewReader(in)
	header, err := r.Read()
	if err != nil {
		return 0, err
	}
	cols := columnIndex(header)
	var buf strings.Builder
	w := csv.NewWriter(&buf)
	if err := w.Write(header); err != nil {
		return 0, err
	}
	n := 0
	for line := 1; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, err // a *csv.ParseError: it names the line and column
		}
		if !f.keeps(rec, cols, line, kept) {
			continue
		}
		if f.keepEvery {
			kept[rec[cols[f.id]]] = true
		}
		f.move(rec, cols, month, next)
		if err := w.Write(rec); err != nil {
			return 0, err
		}
		n++
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return 0, err
	}
	return n, os.WriteFile(dst, []byte(buf.String()), 0o600)
}

// keeps says whether the line-th data row rec goes into the small month.
func (f smallMonthFile) keeps(rec []string, cols map[string]int, line int, kept map[string]bool) bool {
	switch {
	case f.keepEvery:
		return line%smallMonthEvery == 0
	case f.byID:
		return kept[rec[cols[f.id]]]
	}
	return true
}

// move gives rec its new id and moves its dates and export time one month
// later (the 31st to the month's last day). A value that is not a date or
// a time (the fixture plants some) stays as it is, to be rejected as the
// held-back month's was.
func (f smallMonthFile) move(rec []string, cols map[string]int, month, next string) {
	rec[cols[f.id]] = nextID(rec[cols[f.id]], month, next)
	if f.date != "" {
		if d, err := time.Parse(time.DateOnly, rec[cols[f.date]]); err == nil {
			rec[cols[f.date]] = oneMonthLater(d).Format(time.DateOnly)
		}
	}
	if i, ok := cols["exported_at"]; ok {
		if t, err := time.Parse(time.RFC3339, rec[i]); err == nil {
			rec[i] = oneMonthLater(t).Format(time.RFC3339)
		}
	}
}

// nextID replaces the month part (YYYYMM) of a fixture id with next's.
func nextID(id, month, next string) string {
	return strings.Replace(id, compactMonth(month), compactMonth(next), 1)
}

func compactMonth(m string) string { return strings.ReplaceAll(m, "-", "") }

// oneMonthLater is t a calendar month later, on the same day or the new
// month's last day.
func oneMonthLater(t time.Time) time.Time {
	first := time.Date(t.Year(), t.Month(), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	next := first.AddDate(0, 1, 0)
	last := next.AddDate(0, 1, -1).Day()
	return next.AddDate(0, 0, min(t.Day(), last)-1)
}

func columnIndex(header []string) map[string]int {
	cols := make(map[string]int, len(header))
	for i, h := range header {
		cols[strings.TrimPrefix(h, "\ufeff")] = i
	}
	return cols
}
