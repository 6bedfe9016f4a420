package pipeline

import (
	"context"
	"crypto/tls"
	"errors"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"proximite/queries"
)

// writeReports puts a fake PDF per territory where the report job would,
// and records it as the report job does.
func writeReports(t testing.TB, db *queries.DB, dir string, month time.Time, territories ...string) {
	t.Helper()
	for _, tr := range territories {
		d := filepath.Join(dir, month.Format("2006-01"), tr)
		os.MkdirAll(d, 0o755)
		p := filepath.Join(d, "rapport-"+tr+".pdf")
		if err := os.WriteFile(p, []byte("%PDF-1.4 "+tr+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := recordOutputs(context.Background(), db, month, tr, []string{p}, fixedNow()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDeliverFolderAndEmailPerTerritory(t *testing.T) {
	db := openStore(t)
	loadBasics(t, db) // outreach neighbourhoods JF and ME have activities in March 2024
	srv, pool := startSMTP(t)
	srv.failNext = 1 // the first message is refused: retried after back-off
	month := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	reports, out := t.TempDir(), t.TempDir()
	writeReports(t, db, reports, month, "T1", "T2")
	now := time.Date(2024, 4, 2, 8, 0, 0, 0, time.UTC)
	opt := DeliverOptions{
		Now: func() time.Time { return now }, Backoff: time.Minute,
		SMTP: &SMTPOptions{Host: "127.0.0.1", Port: srv.port(), User: "proximite", Password: "pw", From: "proximite@example.org",
			TLS: &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}},
		Recipients: []Recipient{
			{Name: "cisss", Territories: []string{"T1", "T2"}, Folder: filepath.Join(out, "cisss")},
			{Name: "clsc-t2", Territories: []string{"T2"}, Email: []string{"t2@example.org"}},
		},
	}
	if _, err := Deliver(context.Background(), db, month, opt); err == nil {
		t.Fatal("first delivery: nil error, want the refused e-mail reported")
	}
	if _, err := Deliver(context.Background(), db, month, opt); err != nil || len(srv.received()) != 0 {
		t.Fatalf("retry before back-off: err %v, %d messages; want no attempt", err, len(srv.received()))
	}
	now = now.Add(2 * time.Minute)
	if _, err := Deliver(context.Background(), db, month, opt); err != nil {
		t.Fatalf("retry after back-off: %v", err)
	}
	msgs := srv.received()
	if len(msgs) != 1 || !msgs[0].TLS || strings.Join(msgs[0].To, ",") != "t2@example.org" || msgs[0].Auth != "\x00proximite\x00pw" {
		t.Fatalf("messages = %+v, want one over TLS with AUTH PLAIN to t2@example.org", msgs)
	}
	if got := attachments(t, msgs[0].Data); strings.Join(got, ",") != "rapport-T2.pdf" {
		t.Errorf("attachments = %v, want only the T2 report", got)
	}
	for _, f := range []string{"rapport-T1.pdf", "rapport-T2.pdf"} {
		if _, err := os.Stat(filepath.Join(out, "cisss", "2024-03", f)); err != nil {
			t.Errorf("folder delivery: %v", err)
		}
	}
	if got := count(t, db, `SELECT count(*) FROM deliveries WHERE channel = 'email'`); got != 2 {
		t.Errorf("email attempts in the ledger = %d, want 2 (failed, sent)", got)
	}
}

// attachments returns the file names attached to a MIME message.
func attachments(t testing.TB, data string) []string {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	_, params, _ := mime.ParseMediaType(m.Header.Get("Content-Type"))
	r := multipart.NewReader(m.Body, params["boundary"])
	var out []string
	for {
		p, err := r.NextPart()
		if err != nil {
			return out
		}
		if p.FileName() != "" {
			out = append(out, p.FileName())
		}
	}
}

func TestDeliverHoldsAMonthThatFailsTheGate(t *testing.T) {
	db := openStore(t)
	loadBasics(t, db)
	month := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC) // no activity at all in April
	reports, out := t.TempDir(), t.TempDir()
	writeReports(t, db, reports, month, "T1")
	opt := DeliverOptions{Now: fixedNow,
		Manager:    Recipient{Name: "manager", Folder: filepath.Join(out, "manager")},
		Recipients: []Recipient{{Name: "cisss", Territories: []string{"T1"}, Folder: filepath.Join(out, "cisss")}}}
	_, err := Deliver(context.Background(), db, month, opt)
	if !errors.Is(err, ErrQualityGate) {
		t.Fatalf("err = %v, want ErrQualityGate", err)
	}
	if _, err := os.Stat(filepath.Join(out, "cisss")); err == nil {
		t.Error("a held month reached the recipient folder")
	}
	why, err := os.ReadFile(filepath.Join(out, "manager", "2024-04", "HELD.txt"))
	if err != nil || !strings.Contains(string(why), "Jardins-Fleuris (JF)") || !strings.Contains(string(why), "avril 2024") {
		t.Errorf("manager note = %q %v, want it to name Jardins-Fleuris (JF) and avril 2024", why, err)
	}
	ds, _ := queries.New(db).DeliveryStates(context.Background())
	if len(ds) != 1 || ds[0].Channel != ChannelManager || ds[0].Status != DeliverySent {
		t.Errorf("ledger = %+v, want one manager notice, sent", ds)
	}
	held, _ := queries.New(db).HeldMonths(context.Background())
	if len(held) != 1 || held[0].ReleasedAt.Valid {
		t.Errorf("held months = %+v, want April held", held)
	}
}

func TestDeliverSendsOnlyTheRecordedFiles(t *testing.T) {
	db := openStore(t)
	loadBasics(t, db)
	month := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	reports, out := t.TempDir(), t.TempDir()
	writeReports(t, db, reports, month, "T1")
	// A temporary file a crashed render left behind, and a stray PDF: not recorded.
	write(t, filepath.Join(reports, "2024-03", "T1"), ".tmp-123.pdf", "%PDF half", false)
	write(t, filepath.Join(reports, "2024-03", "T1"), "old.pdf", "%PDF old", false)
	opt := DeliverOptions{Now: fixedNow, Recipients: []Recipient{{Name: "cisss", Territories: []string{"T1"}, Folder: filepath.Join(out, "cisss")}}}
	if _, err := Deliver(context.Background(), db, month, opt); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadDir(filepath.Join(out, "cisss", "2024-03"))
	if len(got) != 1 || got[0].Name() != "rapport-T1.pdf" {
		t.Errorf("delivered %v, want only rapport-T1.pdf", got)
	}
	// A recorded file changed since the report run: refused, not sent.
	write(t, filepath.Join(reports, "2024-03", "T1"), "rapport-T1.pdf", "%PDF tampered", false)
	opt.Resend = "cisss"
	if _, err := Deliver(context.Background(), db, month, opt); err == nil || !strings.Contains(err.Error(), "changed since the report run") {
		t.Errorf("err = %v, want the changed file refused", err)
	}
}

func TestHeldNoticeIsRetriedLikeAnyDelivery(t *testing.T) {
	db := openStore(t)
	loadBasics(t, db)
	month := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC) // no activity in April: held
	out := t.TempDir()
	blocked := filepath.Join(out, "manager")
	write(t, out, "manager", "a file where the manager's folder should be", false)
	now := fixedNow()
	opt := DeliverOptions{Now: func() time.Time { return now }, Backoff: time.Minute,
		Manager: Recipient{Name: "manager", Folder: blocked}}
	if _, err := Deliver(context.Background(), db, month, opt); !errors.Is(err, ErrQualityGate) {
		t.Fatalf("err = %v, want ErrQualityGate", err)
	}
	ds, _ := queries.New(db).DeliveryStates(context.Background())
	if len(ds) != 1 || ds[0].Status != DeliveryFailed || !ds[0].NextAttemptAt.Valid {
		t.Fatalf("ledger = %+v, want the notice failed with a retry time", ds)
	}
	os.Remove(blocked) // the share is back
	now = now.Add(2 * time.Minute)
	Deliver(context.Background(), db, month, opt)
	ds, _ = queries.New(db).DeliveryStates(context.Background())
	if len(ds) != 1 || ds[0].Status != DeliverySent || ds[0].Attempt != 2 {
		t.Errorf("ledger = %+v, want the notice sent at attempt 2", ds)
	}
	if _, err := os.Stat(filepath.Join(blocked, "2024-04", "HELD.txt")); err != nil {
		t.Errorf("notice: %v", err)
	}
}
