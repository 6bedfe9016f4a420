package pipeline

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"proximite/queries"
)

// e2eActivities is a small March export for the outreach neighbourhood JF
// (and ME, so the data-quality gate passes).
func e2eActivities() string {
	var b strings.Builder
	b.WriteString("activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,status,exported_at\n")
	for i := 0; i < 30; i++ {
		hood := []string{"JF", "ME"}[i%2]
		fmt.Fprintf(&b, "E%d,2024-03-%02d,W1,%s,individual,home,N,worker,30,CLIENT %03d,active,2024-04-02T08:00:00-04:00\n", i, 1+i%28, hood, i%11)
	}
	return b.String()
}

// TestScheduledPipelineEndToEnd runs the scheduler with second-level
// schedules: reference data from an HTTP source, an export dropped in the
// inbox, then compute, the real report renderer and delivery to a folder and
// by e-mail through a loopback SMTP server.
func TestScheduledPipelineEndToEnd(t *testing.T) {
	open, _ := storeOpener(t)
	runsOf(t, open, "")
	opt := pullDirs(t)
	export := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Disposition", `attachment; filename="neighbourhoods.csv"`)
		io.WriteString(w, "code,name,territory,outreach_start\nJF,Jardins-Fleuris,Est,2023-01-01\nME,Montée-de-l'Église,Est,2023-06-01\nID,Îlot-Desranleau,Ouest,\n")
	}))
	defer export.Close()
	opt.URLs = []HTTPSource{{URL: export.URL + "/ref"}}
	smtpSrv, pool := startSMTP(t)
	out := t.TempDir()
	reportsDir := filepath.Join(out, "reports")
	month := func(context.Context, *queries.DB) (time.Time, error) {
		return time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), nil
	}
	render := func(ctx context.Context, db *queries.DB, m time.Time, territory, dir string) ([]string, error) {
		return Report(ctx, db, ReportOptions{Month: m, Lang: "fr", Territory: territory, OutDir: dir, Threshold: 5, Now: fixedNow})
	}
	deliver := DeliverOptions{Now: fixedNow,
		SMTP: &SMTPOptions{Host: "127.0.0.1", Port: smtpSrv.port(), User: "u", Password: "p", From: "proximite@example.org",
			TLS: &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}},
		Recipients: []Recipient{{Name: "est", Territories: []string{"Est"}, Folder: filepath.Join(out, "est"), Email: []string{"est@example.org"}}}}
	jobs := []Job{
		{Name: "pull", Spec: "* * * * * *", AllowDSTWindow: true, Run: PullJob(opt)},
		{Name: "compute", After: "pull", Run: ComputeJob(DefaultComputeOptions())},
		{Name: "report", After: "compute", Run: ReportJob(ReportJobOptions{Render: render, Month: month, Territories: []string{"Est"}, Dir: reportsDir, Now: fixedNow})},
		{Name: "deliver", After: "report", Run: DeliverJob(deliver, month)},
	}
	s, err := NewScheduler(jobs, SchedulerOptions{Location: time.UTC, Seconds: true, Open: open, Log: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	// The reference data arrives over HTTP first; the export is dropped a little later.
	time.Sleep(1500 * time.Millisecond)
	write(t, opt.Folders[0], "activities_2024-03.csv", e2eActivities(), false)
	// Stop once both deliveries are done: the e-mail can arrive while the
	// deliver job is still copying to the folder.
	delivered := func() []string {
		d, _ := filepath.Glob(filepath.Join(out, "est", "2024-03", "*.pdf"))
		return d
	}
	for (len(smtpSrv.received()) == 0 || len(delivered()) == 0) && ctx.Err() == nil {
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	<-done
	msgs := smtpSrv.received()
	if len(msgs) != 1 {
		t.Fatalf("messages = %d, want 1 (runs: %v %v %v %v)", len(msgs), runsOf(t, open, "pull"), runsOf(t, open, "compute"), runsOf(t, open, "report"), runsOf(t, open, "deliver"))
	}
	pdf := attachmentBytes(t, msgs[0].Data)
	if text := pdfToText(t, pdf); !strings.Contains(text, "Jardins-Fleuris") {
		t.Errorf("mailed PDF does not name Jardins-Fleuris:\n%.300s", text)
	}
	db, err := open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := count(t, db, `SELECT count(*) FROM indicator_values WHERE area_code = 'JF' AND period_start = DATE '2024-03-01' AND value > 0`); got == 0 {
		t.Error("no positive indicator value for JF in March 2024")
	}
	if d := delivered(); len(d) != 1 {
		t.Errorf("folder delivery = %v, want one PDF", d)
	}
}

// attachmentBytes returns the first attachment of a MIME message, decoded.
func attachmentBytes(t testing.TB, data string) []byte {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	_, params, _ := mime.ParseMediaType(m.Header.Get("Content-Type"))
	r := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err != nil {
			t.Fatal("no attachment")
		}
		if p.FileName() != "" {
			b, _ := io.ReadAll(base64.NewDecoder(base64.StdEncoding, p))
			return b
		}
	}
}

// pdfToText extracts the text of a PDF with pdftotext.
func pdfToText(t testing.TB, pdf []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "a.pdf")
	os.WriteFile(p, pdf, 0o644)
	out, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		t.Skipf("pdftotext: %v", err)
	}
	return string(out)
}

func TestMonthlyJobsOnAnEmptyStoreDoNothing(t *testing.T) {
	db := openStore(t)
	render := func(context.Context, *queries.DB, time.Time, string, string) ([]string, error) {
		t.Error("rendered a report from an empty store")
		return nil, nil
	}
	jobs := map[string]JobFunc{
		"report":  ReportJob(ReportJobOptions{Render: render, Month: DataMonth, Dir: t.TempDir()}),
		"deliver": DeliverJob(DeliverOptions{Now: fixedNow}, DataMonth),
		"publish": PublishJob(PublishOptions{Dir: t.TempDir()}, DataMonth, nil),
		"compute": ComputeJob(DefaultComputeOptions()),
	}
	for _, name := range sortedKeys(jobs) {
		res, err := jobs[name](context.Background(), db)
		if err != nil || res.Changed || res.Detail != waitingForData {
			t.Errorf("%s on an empty store = %+v, %v; want %q and no error", name, res, err, waitingForData)
		}
	}
}

func TestReportJobFailsPerTerritory(t *testing.T) {
	db := openStore(t)
	loadBasics(t, db)
	month := func(context.Context, *queries.DB) (time.Time, error) {
		return time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), nil
	}
	render := func(ctx context.Context, db *queries.DB, m time.Time, territory, dir string) ([]string, error) {
		if territory == "Nowhere" {
			return nil, fmt.Errorf("territory %q: %w", territory, queries.ErrNotFound)
		}
		return fakeRender(ctx, db, m, territory, dir)
	}
	res, err := ReportJob(ReportJobOptions{Render: render, Month: month, Territories: []string{"CLSC Est", "Nowhere", "CLSC Ouest"},
		Dir: t.TempDir(), Now: fixedNow})(context.Background(), db)
	if err == nil || !strings.Contains(err.Error(), "Nowhere") {
		t.Errorf("err = %v, want the failing territory named", err)
	}
	if res.Files != 2 || count(t, db, `SELECT count(DISTINCT territory) FROM report_outputs`) != 2 {
		t.Errorf("files = %d, want the two other territories rendered and recorded", res.Files)
	}
}

func TestPublishJobWaitsForALateExport(t *testing.T) {
	db := openStore(t)
	loadBasics(t, db)
	_, last, ok, err := queries.New(db).DataRange(context.Background())
	if err != nil || !ok {
		t.Fatalf("data range: %v, %v", ok, err)
	}
	next := last.AddDate(0, 1, 0)
	month := func(context.Context, *queries.DB) (time.Time, error) { return next, nil }
	dir := t.TempDir()
	res, err := PublishJob(PublishOptions{Dir: dir}, month, nil)(context.Background(), db)
	want := waitingForData + ": " + next.Format("2006-01")
	if err != nil || res.Changed || res.Files != 0 || res.Detail != want {
		t.Errorf("publish of the month after the data = %+v, %v; want %q and no error", res, err, want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("publish of a month not yet in the data wrote %d entries", len(entries))
	}
}
