package pipeline

// End-to-end tests of unattended operation: the scheduler with the real
// jobs on a store file, a real SMTP server with STARTTLS on loopback, and a
// clock the test moves (no wall-clock waits, so a loaded machine does not
// make them flaky).

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"proximite/queries"
)

// testClock is the one clock of a test: scheduler, ingest and deliveries.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// monthActivities is an activities export for month with n active
// activities in JF and one in ME (so the data-quality gate passes).
func monthActivities(month time.Time, n int) string {
	var b strings.Builder
	b.WriteString("activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,status,exported_at\n")
	m := month.Format("2006-01")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%s-J%d,%s-%02d,W1,JF,individual,home,N,worker,30,CLIENT %03d,active,%s-28T08:00:00-04:00\n", m, i, m, 1+i, i, m)
	}
	fmt.Fprintf(&b, "%s-M0,%s-03,W2,ME,individual,home,N,worker,30,CLIENT 900,active,%s-28T08:00:00-04:00\n", m, m, m)
	return b.String()
}

// ingestFiles loads files (name → content) through the real ingest at the clock's time.
func ingestFiles(t testing.TB, db *queries.DB, clk *testClock, files map[string]string) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		write(t, dir, name, content, name == "neighbourhoods.csv")
	}
	opt := testOptions()
	opt.Now = clk.now
	if _, err := Ingest(context.Background(), db, []string{dir}, opt); err != nil {
		t.Fatal(err)
	}
}

// withStore runs fn on the store file at path.
func withStore(t testing.TB, path string, fn func(db *queries.DB)) {
	t.Helper()
	db, err := queries.Open(context.Background(), path, queries.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fn(db)
}

// fakeRender writes one small PDF per territory and month: the tests here
// are about what runs when and what is sent, not about the PDF layout.
func fakeRender(ctx context.Context, db *queries.DB, m time.Time, territory, dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	p := filepath.Join(dir, "proximite-"+slug(territory)+"-"+m.Format("2006-01")+"-fr.pdf")
	return []string{p}, os.WriteFile(p, []byte("%PDF-1.4 "+territory+" "+m.Format("2006-01")+"\n"), 0o644)
}

// unattended is a store, an SMTP server and the jobs of serve around them.
type unattended struct {
	path    string
	open    func(context.Context) (*queries.DB, error)
	clk     *testClock
	smtp    *smtpServer
	deliver DeliverOptions
	out     string
}

func newUnattended(t *testing.T, start time.Time) *unattended {
	t.Helper()
	open, path := storeOpener(t)
	srv, pool := startSMTP(t)
	u := &unattended{path: path, open: open, clk: &testClock{t: start}, smtp: srv, out: t.TempDir()}
	u.deliver = DeliverOptions{Now: u.clk.now, Backoff: time.Minute, MaxAttempts: 3, Lang: "fr",
		SMTP: &SMTPOptions{Host: "127.0.0.1", Port: srv.port(), User: "u", Password: "p", From: "Proximité <proximite@example.org>",
			TLS: &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}},
		Manager:    Recipient{Name: "manager", Folder: filepath.Join(u.out, "manager"), Email: []string{"gestion@example.org"}},
		Recipients: []Recipient{{Name: "est", Territories: []string{"CLSC Est", "CLSC Ouest"}, Email: []string{"est@example.org"}}}}
	return u
}

// jobs are serve's compute, report and deliver jobs, state-based as in serve.
func (u *unattended) jobs() []Job {
	month := CalendarMonth(u.clk.now)
	report := ReportJobOptions{Render: fakeRender, Month: month, Territories: []string{"CLSC Est", "CLSC Ouest"},
		Dir: filepath.Join(u.out, "reports"), Now: u.clk.now}
	return []Job{
		{Name: "compute", Due: ComputeDue, Run: ComputeJob(DefaultComputeOptions())},
		{Name: "report", Spec: "0 0 6 2 * *", After: "compute", CatchUp: true, Due: OutputDue("report", month, true), Run: ReportJob(report)},
		{Name: "deliver", Spec: "0 30 * * * *", After: "report", AllowDSTWindow: true, Due: DeliverDue(u.deliver), Run: DeliverJob(u.deliver, month)},
	}
}

// restart starts a new scheduler, as a restarted serve, and lets it catch up.
func (u *unattended) restart(t *testing.T) *Scheduler {
	t.Helper()
	s := newTestScheduler(t, u.jobs(), u.open, u.clk.now)
	s.CatchUp(context.Background())
	return s
}

// subjects returns the decoded subjects of the messages received by to.
func (u *unattended) subjects(t testing.TB, to string) []string {
	t.Helper()
	var out []string
	for _, m := range u.smtp.received() {
		if strings.Join(m.To, ",") != to {
			continue
		}
		msg, err := mail.ReadMessage(strings.NewReader(m.Data))
		if err != nil {
			t.Fatal(err)
		}
		s, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func TestUnattendedTwoMonthOutageReportsBothMonthsOnce(t *testing.T) {
	t.Parallel()
	feb, mar, apr := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
	u := newUnattended(t, time.Date(2024, 3, 2, 7, 0, 0, 0, time.UTC))
	withStore(t, u.path, func(db *queries.DB) {
		ingestFiles(t, db, u.clk, map[string]string{"neighbourhoods.csv": refNeighbourhoods, "activities_2024-02.csv": monthActivities(feb, 3)})
	})
	u.restart(t) // 2 March: February is computed, reported and sent
	if got := u.subjects(t, "est@example.org"); strings.Join(got, "|") != "Proximité — rapport mensuel, février 2024" {
		t.Fatalf("after 2 March: subjects %q, want February's report", got)
	}
	// Down from mid-March to 10 May: the 2 April and 2 May runs were missed.
	u.clk.set(time.Date(2024, 5, 10, 9, 0, 0, 0, time.UTC))
	withStore(t, u.path, func(db *queries.DB) {
		ingestFiles(t, db, u.clk, map[string]string{"activities_2024-03.csv": monthActivities(mar, 4), "activities_2024-04.csv": monthActivities(apr, 5)})
	})
	u.restart(t)
	u.clk.set(u.clk.now().Add(time.Hour))
	u.restart(t) // a second restart owes nothing
	want := "Proximité — rapport mensuel, février 2024|Proximité — rapport mensuel, mars 2024|Proximité — rapport mensuel, avril 2024"
	if got := u.subjects(t, "est@example.org"); strings.Join(got, "|") != want {
		t.Errorf("subjects %q, want each month once, in order:\n%s", got, want)
	}
	withStore(t, u.path, func(db *queries.DB) {
		if got := count(t, db, `SELECT count(DISTINCT month) FROM report_outputs`); got != 3 {
			t.Errorf("months reported = %d, want 3", got)
		}
		if got := count(t, db, `SELECT count(*) FROM deliveries WHERE channel = 'email' AND status = 'sent'`); got != 3 {
			t.Errorf("e-mails sent in the ledger = %d, want 3", got)
		}
	})
}

func TestUnattendedSMTPDropAfterDataSendsOnce(t *testing.T) {
	t.Parallel()
	mar := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	u := newUnattended(t, time.Date(2024, 4, 2, 7, 0, 0, 0, time.UTC))
	withStore(t, u.path, func(db *queries.DB) {
		ingestFiles(t, db, u.clk, map[string]string{"neighbourhoods.csv": refNeighbourhoods, "activities_2024-03.csv": monthActivities(mar, 3)})
	})
	u.smtp.set(func(s *smtpServer) { s.dropAfterData = 1 }) // accepted, then the QUIT reply is lost
	s := u.restart(t)
	for i := 0; i < 3; i++ { // later ticks and rechecks, past any back-off
		u.clk.set(u.clk.now().Add(time.Hour))
		s.runJob(context.Background(), "deliver", "schedule")
		s.RunDue(context.Background(), "recheck")
	}
	msgs := u.smtp.received()
	if len(msgs) != 1 {
		t.Fatalf("messages = %d, want exactly 1", len(msgs))
	}
	checkReportMail(t, msgs[0].Data)
	if got := runsOf(t, u.open, "deliver"); len(got) == 0 || got[0] != RunOK {
		t.Errorf("deliver runs = %v, want the first ok", got)
	}
}

// checkReportMail checks the headers and French text of the March report mail.
func checkReportMail(t *testing.T, data string) {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if id := m.Header.Get("Message-Id"); !strings.HasPrefix(id, "<proximite.2024-03.") || !strings.HasSuffix(id, "@example.org>") {
		t.Errorf("Message-ID = %q, want <proximite.2024-03.…@example.org>", id)
	}
	if d, err := m.Header.Date(); err != nil || !d.Equal(time.Date(2024, 4, 2, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("Date = %v %v, want the send time 2024-04-02 07:00 UTC", d, err)
	}
	if from := m.Header.Get("From"); from != "=?utf-8?q?Proximit=C3=A9?= <proximite@example.org>" {
		t.Errorf("From = %q, want the display name as an RFC 2047 encoded-word", from)
	}
	_, params, _ := mime.ParseMediaType(m.Header.Get("Content-Type"))
	part, err := multipart.NewReader(m.Body, params["boundary"]).NextPart()
	if err != nil {
		t.Fatal(err)
	}
	// The reader decodes quoted-printable itself and hides the header: check the raw text.
	if !strings.Contains(data, "Content-Transfer-Encoding: quoted-printable") || !strings.Contains(data, "Proximit=C3=A9 de mars 2024") {
		t.Errorf("text part is not quoted-printable:\n%.600s", data)
	}
	text, _ := io.ReadAll(part)
	if want := "Vous trouverez ci-joint le rapport mensuel Proximité de mars 2024 pour : CLSC Est, CLSC Ouest."; !strings.Contains(string(text), want) {
		t.Errorf("text = %q, want it to contain %q", text, want)
	}
}

func TestUnattendedExhaustedRetriesTellTheManager(t *testing.T) {
	t.Parallel()
	mar := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	u := newUnattended(t, time.Date(2024, 4, 2, 7, 0, 0, 0, time.UTC))
	withStore(t, u.path, func(db *queries.DB) {
		ingestFiles(t, db, u.clk, map[string]string{"neighbourhoods.csv": refNeighbourhoods, "activities_2024-03.csv": monthActivities(mar, 3)})
	})
	u.smtp.set(func(s *smtpServer) { s.refuse = "est@example.org" })
	s := u.restart(t) // attempt 1 (back-off 1 min, then 2 min)
	for _, wait := range []time.Duration{30 * time.Second, 31 * time.Second, 2 * time.Minute, time.Hour, time.Hour} {
		u.clk.set(u.clk.now().Add(wait))
		s.RunDue(context.Background(), "recheck") // only when a retry is due
	}
	withStore(t, u.path, func(db *queries.DB) {
		if got := count(t, db, `SELECT count(*) FROM deliveries WHERE recipient = 'est' AND channel = 'email'`); got != 3 {
			t.Errorf("attempts = %d, want 3 (max_attempts)", got)
		}
		ds, _ := queries.New(db).DeliveryStates(context.Background())
		if d, ok := findState(ds, mar, ledgerKey{"est", ChannelEmail}); !ok || d.Status != DeliveryGaveUp {
			t.Errorf("ledger state = %+v, want gave_up", d)
		}
	})
	told := u.subjects(t, "gestion@example.org")
	if len(told) != 1 || told[0] != "Proximité — échec de la livraison à est" {
		t.Fatalf("manager mails = %q, want one failure notice", told)
	}
	note, err := os.ReadFile(filepath.Join(u.out, "manager", "2024-03", "GAVE-UP-est-email.txt"))
	if err != nil || !strings.Contains(string(note), "proximite deliver --month 2024-03 --resend est") || !strings.Contains(string(note), "550") {
		t.Errorf("manager note = %q %v, want the error and the resend command", note, err)
	}
	// Fixed: the manager resends on purpose, once.
	u.smtp.set(func(s *smtpServer) { s.refuse = "" })
	withStore(t, u.path, func(db *queries.DB) {
		opt := u.deliver
		opt.Resend = "est"
		if _, err := Deliver(context.Background(), db, mar, opt); err != nil {
			t.Fatal(err)
		}
	})
	u.clk.set(u.clk.now().Add(time.Hour))
	s.RunDue(context.Background(), "recheck")
	if got := u.subjects(t, "est@example.org"); len(got) != 1 {
		t.Errorf("report mails after the resend = %d, want 1", len(got))
	}
}

func TestUnattendedKill9DuringComputeThenRestart(t *testing.T) {
	t.Parallel()
	mar, apr := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
	u := newUnattended(t, time.Date(2024, 4, 2, 7, 0, 0, 0, time.UTC))
	withStore(t, u.path, func(db *queries.DB) {
		ingestFiles(t, db, u.clk, map[string]string{"neighbourhoods.csv": refNeighbourhoods, "activities_2024-03.csv": monthActivities(mar, 3)})
	})
	u.restart(t)
	u.clk.set(time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC))
	withStore(t, u.path, func(db *queries.DB) { // April arrives (6 JF activities)...
		ingestFiles(t, db, u.clk, map[string]string{"activities_2024-04.csv": monthActivities(apr, 6)})
	})
	killDuringCompute(t, u.path) // ...and the server dies during its compute
	u.clk.set(u.clk.now().Add(time.Minute))
	u.restart(t)
	if got := runsOf(t, u.open, "compute"); strings.Join(got, ",") != "ok,interrupted,ok" {
		t.Errorf("compute runs = %v, want ok, interrupted (kill -9), ok (restart)", got)
	}
	withStore(t, u.path, func(db *queries.DB) {
		got := count(t, db, `SELECT value::INTEGER FROM indicator_values WHERE indicator = 'activities_by_kind' AND breakdown = ''
			AND area_code = 'JF' AND period_type = 'month' AND period_start = DATE '2024-04-01'`)
		if got != 6 { // the April file has 6 active JF activities
			t.Errorf("JF activities in April = %d, want 6", got)
		}
	})
}

// killDuringCompute runs, in a child process, a compute run that starts
// rewriting the indicators and hangs; it kills the child with SIGKILL.
func killDuringCompute(t *testing.T, store string) {
	t.Helper()
	marker := filepath.Join(t.TempDir(), "computing")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHangingCompute$")
	cmd.Env = append(os.Environ(), "PROXIMITE_HANG_COMPUTE="+store, "PROXIMITE_HANG_MARKER="+marker)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(marker); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child never started its compute")
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
}

// TestHelperHangingCompute is the child of killDuringCompute.
func TestHelperHangingCompute(t *testing.T) {
	store := os.Getenv("PROXIMITE_HANG_COMPUTE")
	if store == "" {
		t.Skip("child process of TestUnattendedKill9DuringComputeThenRestart")
	}
	open := func(ctx context.Context) (*queries.DB, error) { return queries.Open(ctx, store, queries.Options{}) }
	hang := Job{Name: "compute", Run: func(ctx context.Context, db *queries.DB) (JobResult, error) {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return JobResult{}, err
		}
		tx.ExecContext(ctx, `DELETE FROM indicator_values`) // half-way through a rewrite
		os.WriteFile(os.Getenv("PROXIMITE_HANG_MARKER"), nil, 0o644)
		select {}
	}}
	s, err := NewScheduler([]Job{hang}, SchedulerOptions{Open: open, Now: func() time.Time { return time.Date(2024, 5, 1, 9, 0, 30, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	s.runJob(context.Background(), "compute", "after:pull")
}

func TestUnattendedMissingInboxFailsThePullNotTheCompute(t *testing.T) {
	t.Parallel()
	open, _ := storeOpener(t)
	opt := pullDirs(t)
	write(t, opt.Folders[0], "neighbourhoods.csv", refNeighbourhoods, true)
	write(t, opt.Folders[0], "activities_2024-03.csv", monthActivities(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), 2), false)
	missing := filepath.Join(t.TempDir(), "unmounted-share")
	opt.Folders = append(opt.Folders, missing)
	jobs := []Job{
		{Name: "pull", Run: PullJob(opt)},
		{Name: "compute", After: "pull", Due: ComputeDue, Run: ComputeJob(DefaultComputeOptions())},
	}
	s := newTestScheduler(t, jobs, open, fixedNow)
	s.runJob(context.Background(), "pull", "schedule")
	st := s.Status()[0]
	if st.Last == nil || st.Last.Status != RunFailed || !strings.Contains(st.Last.Error, missing) || !strings.Contains(st.Last.Error, "missing") {
		t.Errorf("pull = %+v, want failed naming the missing inbox", st.Last)
	}
	if got := runsOf(t, open, "compute"); strings.Join(got, ",") != RunOK {
		t.Errorf("compute runs = %v, want one ok run (the other inbox's rows were loaded)", got)
	}
}

func TestUnattendedPipeInInboxIsQuarantined(t *testing.T) {
	t.Parallel()
	open, _ := storeOpener(t)
	opt := pullDirs(t)
	inbox := opt.Folders[0]
	write(t, inbox, "neighbourhoods.csv", refNeighbourhoods, true)
	fifo := filepath.Join(inbox, "activities_0-pipe.csv") // sorts before the real export
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	write(t, inbox, "activities_2024-03.csv", monthActivities(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), 2), false)
	s := newTestScheduler(t, []Job{{Name: "pull", Run: PullJob(opt)}}, open, fixedNow)
	done := make(chan struct{})
	go func() { s.runJob(context.Background(), "pull", "schedule"); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		os.WriteFile(fifo, nil, 0o644) // unblock a reader, if any
		t.Fatal("the pull hangs on a named pipe")
	}
	st := s.Status()[0]
	if st.Last == nil || st.Last.Status != RunWarning || !strings.Contains(st.Last.Error, "named pipe") {
		t.Errorf("pull = %+v, want a warning naming the pipe", st.Last)
	}
	if fi, err := os.Lstat(filepath.Join(opt.Quarantine, "activities_0-pipe.csv")); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("quarantined pipe: %v %v", fi, err)
	}
	if why, _ := os.ReadFile(filepath.Join(opt.Quarantine, "activities_0-pipe.csv.reason.txt")); !strings.Contains(string(why), "named pipe") {
		t.Errorf("reason = %q", why)
	}
	db, err := open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := count(t, db, `SELECT count(*) FROM activities`); got != 3 {
		t.Errorf("activities = %d, want 3 (the export after the pipe was loaded)", got)
	}
}

func TestUnattendedStoreHeldByAnotherProcessIsNamedAndRecorded(t *testing.T) {
	t.Parallel()
	open, path := storeOpener(t)
	runsOf(t, open, "") // create and migrate the store
	marker := filepath.Join(t.TempDir(), "holding")
	holder := exec.Command(os.Args[0], "-test.run=^TestHelperHoldingStore$")
	holder.Env = append(os.Environ(), "PROXIMITE_HOLD_STORE="+path, "PROXIMITE_HOLD_MARKER="+marker)
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Process.Kill()
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(marker); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the holder never opened the store")
		}
	}
	job := Job{Name: "pull", Run: func(context.Context, *queries.DB) (JobResult, error) { return JobResult{}, nil }}
	s, err := NewScheduler([]Job{job}, SchedulerOptions{Open: open, Now: fixedNow, BusyWait: time.Nanosecond, Log: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	s.runJob(context.Background(), "pull", "schedule")
	last := s.Status()[0].Last
	if pid := fmt.Sprintf("PID %d", holder.Process.Pid); last == nil || last.Status != RunFailed || !strings.Contains(last.Error, pid) {
		t.Errorf("run while held = %+v, want failed naming the holder (%s)", last, pid)
	}
	if last != nil && last.Finished.Before(last.Started) {
		t.Errorf("finished %v before started %v", last.Finished, last.Started)
	}
	holder.Process.Kill()
	holder.Wait()
	s.runJob(context.Background(), "pull", "schedule") // the store is free: both runs are recorded
	if got := runsOf(t, open, "pull"); strings.Join(got, ",") != "failed,ok" {
		t.Errorf("recorded runs = %v, want [failed ok]", got)
	}
}

// TestHelperHoldingStore is the child of the test above: it holds the store open.
func TestHelperHoldingStore(t *testing.T) {
	store := os.Getenv("PROXIMITE_HOLD_STORE")
	if store == "" {
		t.Skip("child process of TestUnattendedStoreHeldByAnotherProcessIsNamedAndRecorded")
	}
	db, err := queries.Open(context.Background(), store, queries.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	os.WriteFile(os.Getenv("PROXIMITE_HOLD_MARKER"), nil, 0o644)
	select {}
}
