package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteSmallMonth derives the small month from a hand-made October of
// 20 activities (two of them, the 10th and the 20th, kept: one individual
// on the 31st, one group with two participants), attendance of the kept
// group and of a dropped one, and two crisis events, and checks by hand
// what November holds.
func TestWriteSmallMonth(t *testing.T) {
	month, out := t.TempDir(), t.TempDir()
	var acts strings.Builder
	acts.WriteString("activity_id,activity_date,kind,exported_at\n")
	for i := 1; i <= 20; i++ {
		day, kind := 1+i%28, "individual"
		switch i {
		case 10:
			day = 31
		case 19, 20:
			kind = "group"
		}
		fmt.Fprintf(&acts, "A202610-%06d,2026-10-%02d,%s,2026-11-06T03:17:00-05:00\n", i, day, kind)
	}
	writeFile(t, month, "activities_2026-10.csv", acts.String())
	writeFile(t, month, "attendance_2026-10.csv", "activity_id,client_id,exported_at\n"+
		"A202610-000019,AAAA 0000 0001,2026-11-06T03:17:00-05:00\n"+
		"A202610-000020,BBBB 0000 0002,2026-11-06T03:17:00-05:00\n"+
		"A202610-000020,CCCC 0000 0003,2026-11-30T23:00:00-05:00\n")
	writeFile(t, month, "crisis_events_2026-10.csv", "event_id,event_date,exported_at\n"+
		"CE202610-000001,2026-10-01,2026-11-07T03:17:00-05:00\n"+
		"CE202610-000002,2026-10-30,2026-11-07T03:17:00-05:00\n")

	next, rows, err := writeSmallMonth(month, "2026-10", out)
	if err != nil {
		t.Fatal(err)
	}
	if next != "2026-11" || rows != 6 {
		t.Errorf("writeSmallMonth = %s, %d rows, want 2026-11, 6 rows", next, rows)
	}
	want := map[string]string{
		"activities_2026-11.csv": "activity_id,activity_date,kind,exported_at\n" +
			"A202611-000010,2026-11-30,individual,2026-12-06T03:17:00-05:00\n" +
			"A202611-000020,2026-11-21,group,2026-12-06T03:17:00-05:00\n",
		"attendance_2026-11.csv": "activity_id,client_id,exported_at\n" +
			"A202611-000020,BBBB 0000 0002,2026-12-06T03:17:00-05:00\n" +
			"A202611-000020,CCCC 0000 0003,2026-12-30T23:00:00-05:00\n",
		"crisis_events_2026-11.csv": "event_id,event_date,exported_at\n" +
			"CE202611-000001,2026-11-01,2026-12-07T03:17:00-05:00\n" +
			"CE202611-000002,2026-11-30,2026-12-07T03:17:00-05:00\n",
	}
	for name, body := range want {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != body {
			t.Errorf("%s:\n%s\nwant:\n%s", name, got, body)
		}
	}
}

// TestWriteSmallMonthKeepsBadValues: a date that is not one stays as it
// is (the fixture plants such rows, for ingest to reject), and a file that
// is not CSV names the file, line and column.
func TestWriteSmallMonthKeepsBadValues(t *testing.T) {
	month, out := t.TempDir(), t.TempDir()
	writeFile(t, month, "activities_2026-10.csv", "activity_id,activity_date,exported_at\n"+
		strings.Repeat("A202610-000001,2026-10-01,2026-11-06T03:17:00-05:00\n", 9)+
		"A202610-000010,05/10/2026,yesterday\n")
	writeFile(t, month, "attendance_2026-10.csv", "activity_id,exported_at\n")
	writeFile(t, month, "crisis_events_2026-10.csv", "event_id,event_date,exported_at\n\"CE2026\"10,2026-10-01,x\n")
	_, _, err := writeSmallMonth(month, "2026-10", out)
	if err == nil || !strings.Contains(err.Error(), "crisis_events_2026-10.csv") || !strings.Contains(err.Error(), "line 2, column") {
		t.Errorf("err = %v, want the crisis file, line 2 and a column", err)
	}
	got, err := os.ReadFile(filepath.Join(out, "activities_2026-11.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "activity_id,activity_date,exported_at\nA202611-000010,05/10/2026,yesterday\n"; string(got) != want {
		t.Errorf("activities:\n%s\nwant:\n%s", got, want)
	}
}
