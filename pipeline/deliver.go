package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"proximite/queries"
)

// Delivery channels and statuses in the deliveries ledger.
const (
	ChannelFolder = "folder"
	ChannelEmail  = "email"
	// ChannelManager is the notice telling the manager a month is held.
	ChannelManager = "manager"
	// ChannelGaveUpPrefix starts the channel of the notice telling the
	// manager that a delivery gave up: gave_up:<recipient>/<channel>.
	ChannelGaveUpPrefix = "gave_up:"

	DeliverySent   = "sent"
	DeliveryFailed = "failed"
	DeliveryGaveUp = "gave_up"
	// DeliveryHeld is the status older stores gave the held-month notice.
	DeliveryHeld = "held"
)

// Recipient is who receives the reports of some territories.
type Recipient struct {
	Name        string
	Territories []string
	// Folder, when set, receives a copy of each PDF.
	Folder string
	// Email, when set (and SMTP is configured), receives the PDFs attached.
	Email []string
}

// DeliverOptions configures the delivery of a month's reports.
type DeliverOptions struct {
	Recipients []Recipient
	SMTP       *SMTPOptions
	// Manager is told when a month is held by the data-quality gate and
	// when a delivery gave up.
	Manager     Recipient
	MaxAttempts int
	Backoff     time.Duration
	Now         func() time.Time
	// Lang is the language of the e-mails and notices: fr (default) or en.
	Lang string
	// Resend names a recipient whose channels are delivered again on
	// purpose, whatever the ledger says.
	Resend string
	// Window is how long after its report was written a month is still
	// delivered by the deliver job (retries, new recipients); 62 days by default.
	Window time.Duration
}

func deliverDefaults(opt DeliverOptions) DeliverOptions {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.MaxAttempts == 0 {
		opt.MaxAttempts = 5
	}
	if opt.Backoff == 0 {
		opt.Backoff = 10 * time.Minute
	}
	if opt.Lang == "" {
		opt.Lang = "fr"
	}
	if opt.Window == 0 {
		opt.Window = 62 * 24 * time.Hour
	}
	return opt
}

// DeliverJob delivers every recently reported month that has something
// left to deliver (a new recipient, a retry, a notice), oldest first. A
// held month is a warning of the run, not a failure: the manager is told.
func DeliverJob(opt DeliverOptions, month MonthFunc) JobFunc {
	return func(ctx context.Context, db *queries.DB) (JobResult, error) {
		opt := deliverDefaults(opt)
		if _, err := month(ctx, db); err != nil {
			if res, none := noData(err); none {
				return res, nil
			}
			return JobResult{}, fmt.Errorf("deliver: %w", err)
		}
		months, err := deliverMonths(ctx, queries.New(db), opt)
		if err != nil {
			return JobResult{}, fmt.Errorf("deliver: %w", err)
		}
		var res JobResult
		var errs []error
		var details []string
		for _, m := range months {
			r, err := Deliver(ctx, db, m, opt)
			res.Files += r.Files
			details = append(details, r.Detail)
			if errors.Is(err, ErrQualityGate) {
				res.Warnings = append(res.Warnings, err.Error())
			} else if err != nil {
				errs = append(errs, err)
			}
		}
		res.Detail = strings.Join(details, "; ")
		if len(months) == 0 {
			res.Detail = "nothing to deliver"
		}
		return res, errors.Join(errs...)
	}
}

// deliverMonths lists the reported months within the window that have
// something left to do, oldest first.
func deliverMonths(ctx context.Context, q *queries.Queries, opt DeliverOptions) ([]time.Time, error) {
	reported, err := q.ReportedMonths(ctx)
	if err != nil {
		return nil, err
	}
	states, err := q.DeliveryStates(ctx)
	if err != nil {
		return nil, err
	}
	var out []time.Time
	for _, r := range reported {
		if opt.Now().Sub(r.Newest) <= opt.Window && unsettled(states, monthDate(r.Month), opt) {
			out = append(out, monthDate(r.Month))
		}
	}
	return out, nil
}

// unsettled reports whether a month has a delivery not yet settled (never
// tried, or failed with attempts left) or a gave-up delivery whose notice
// is not settled.
func unsettled(states []queries.Delivery, month time.Time, opt DeliverOptions) bool {
	for _, k := range expectedChannels(opt) {
		d, seen := findState(states, month, k)
		if !seen || d.Status == DeliveryFailed {
			return true
		}
		if d.Status == DeliveryGaveUp {
			n, told := findState(states, month, noticeKey(opt, k))
			if !told || n.Status == DeliveryFailed {
				return true
			}
		}
	}
	h, held := findState(states, month, ledgerKey{opt.Manager.Name, ChannelManager})
	return held && h.Status == DeliveryFailed
}

// DeliverDue says the deliver job has work now: a reported month with a
// delivery never tried (unless the month is held), a retry whose time has
// come, or a notice to the manager to send or retry.
func DeliverDue(opt DeliverOptions) DueFunc {
	return func(ctx context.Context, db *queries.DB, now time.Time) (bool, error) {
		opt := deliverDefaults(opt)
		opt.Now = func() time.Time { return now }
		q := queries.New(db)
		months, err := deliverMonths(ctx, q, opt)
		if err != nil || len(months) == 0 {
			return false, err
		}
		states, err := q.DeliveryStates(ctx)
		if err != nil {
			return false, err
		}
		held, err := q.HeldMonths(ctx)
		if err != nil {
			return false, err
		}
		for _, m := range months {
			if dueNow(states, m, isHeld(held, m), opt, now) {
				return true, nil
			}
		}
		return false, nil
	}
}

func dueNow(states []queries.Delivery, month time.Time, held bool, opt DeliverOptions, now time.Time) bool {
	if d, seen := findState(states, month, ledgerKey{opt.Manager.Name, ChannelManager}); held && seen {
		return due(d, seen, now)
	}
	for _, k := range expectedChannels(opt) {
		d, seen := findState(states, month, k)
		if !held && due(d, seen, now) {
			return true
		}
		if n, told := findState(states, month, noticeKey(opt, k)); d.Status == DeliveryGaveUp && due(n, told, now) {
			return true
		}
	}
	return false
}

func isHeld(held []queries.HeldMonth, month time.Time) bool {
	for _, h := range held {
		if monthDate(h.Month).Equal(month) && !h.ReleasedAt.Valid {
			return true
		}
	}
	return false
}

// expectedChannels lists the (recipient, channel) pairs the configuration asks for.
func expectedChannels(opt DeliverOptions) []ledgerKey {
	var out []ledgerKey
	for _, r := range opt.Recipients {
		for _, ch := range recipientChannels(r, opt) {
			out = append(out, ledgerKey{r.Name, ch})
		}
	}
	return out
}

func recipientChannels(r Recipient, opt DeliverOptions) []string {
	var out []string
	if r.Folder != "" {
		out = append(out, ChannelFolder)
	}
	if len(r.Email) > 0 && opt.SMTP != nil {
		out = append(out, ChannelEmail)
	}
	return out
}

// noticeKey is the ledger key of the notice telling the manager that k gave up.
func noticeKey(opt DeliverOptions, k ledgerKey) ledgerKey {
	return ledgerKey{opt.Manager.Name, ChannelGaveUpPrefix + k.recipient + "/" + k.channel}
}

func findState(states []queries.Delivery, month time.Time, k ledgerKey) (queries.Delivery, bool) {
	for _, d := range states {
		if monthDate(d.Month).Equal(month) && d.Recipient == k.recipient && d.Channel == k.channel {
			return d, true
		}
	}
	return queries.Delivery{}, false
}

// Deliver sends month's recorded report PDFs to each recipient, each only
// its territories, recording every attempt; after a recipient's last
// attempt fails, the manager is told. A month that fails the data-quality
// gate is held (ErrQualityGate) until the gate passes or a person releases
// it; the manager is told why.
func Deliver(ctx context.Context, db *queries.DB, month time.Time, opt DeliverOptions) (JobResult, error) {
	opt = deliverDefaults(opt)
	month = monthDate(month)
	q := queries.New(db)
	if res, err := gate(ctx, q, month, opt); err != nil {
		return res, err
	}
	outputs, err := q.ReportOutputs(ctx, month)
	if err != nil {
		return JobResult{}, fmt.Errorf("deliver: %w", err)
	}
	states, err := q.DeliveryStates(ctx)
	if err != nil {
		return JobResult{}, fmt.Errorf("deliver: %w", err)
	}
	var res JobResult
	var errs []error
	for _, r := range opt.Recipients {
		n, err := deliverTo(ctx, q, month, r, outputs, states, opt)
		res.Files += n
		errs = append(errs, err)
	}
	errs = append(errs, tellGaveUp(ctx, q, month, opt))
	res.Detail = fmt.Sprintf("%s: %d sent", month.Format("2006-01"), res.Files)
	if err := errors.Join(errs...); err != nil {
		return res, fmt.Errorf("deliver %s: %w", month.Format("2006-01"), err)
	}
	return res, nil
}

// ledgerKey identifies a delivery: recipient and channel.
type ledgerKey struct{ recipient, channel string }

// due reports whether a channel needs an attempt now.
func due(d queries.Delivery, seen bool, now time.Time) bool {
	switch {
	case !seen:
		return true
	case d.Status == DeliveryFailed:
		return !d.NextAttemptAt.Valid || !now.Before(d.NextAttemptAt.Time)
	default: // sent, gave up or held
		return false
	}
}

// deliverTo runs the due channels of one recipient; it returns the files sent.
func deliverTo(ctx context.Context, q *queries.Queries, month time.Time, r Recipient, outputs []queries.ReportOutput, states []queries.Delivery, opt DeliverOptions) (int64, error) {
	channels := recipientChannels(r, opt)
	if len(channels) == 0 {
		return 0, nil
	}
	files, err := recipientFiles(outputs, r.Territories)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", r.Name, err)
	}
	var sent int64
	var errs []error
	for _, ch := range channels {
		prev, seen := findState(states, month, ledgerKey{r.Name, ch})
		if !due(prev, seen, opt.Now()) && opt.Resend != r.Name {
			continue
		}
		id := messageID(month, r.Name, ch, baseNames(files), opt)
		err := send(ctx, ch, r, month, files, id, opt)
		if rerr := record(ctx, q, month, r.Name, ch, baseNames(files), id, prev.Attempt+1, err, opt); rerr != nil {
			return sent, rerr
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s by %s: %w", r.Name, ch, err))
			continue
		}
		sent += int64(len(files))
	}
	return sent, errors.Join(errs...)
}

func send(ctx context.Context, channel string, r Recipient, month time.Time, files []string, id string, opt DeliverOptions) error {
	if channel == ChannelFolder {
		return copyFiles(files, filepath.Join(r.Folder, month.Format("2006-01")))
	}
	return sendReports(ctx, *opt.SMTP, r, month, files, id, opt)
}

// record writes one attempt to the ledger, with the back-off of a failure;
// a failure with no attempt left is gave_up.
func record(ctx context.Context, q *queries.Queries, month time.Time, recipient, channel, files, id string, attempt int, err error, opt DeliverOptions) error {
	d := queries.Delivery{Month: month, Recipient: recipient, Channel: channel, File: files,
		AttemptedAt: opt.Now(), Status: DeliverySent, MessageID: id}
	if err != nil {
		d.Status, d.Error = DeliveryFailed, err.Error()
		if attempt >= opt.MaxAttempts {
			d.Status = DeliveryGaveUp
		} else {
			d.NextAttemptAt = nullTime(opt.Now().Add(opt.Backoff << (attempt - 1)))
		}
	}
	return q.InsertDelivery(ctx, d)
}

// gate holds a month that fails the data-quality gate, unless a person
// released it; a held month whose gate now passes is released by itself.
func gate(ctx context.Context, q *queries.Queries, month time.Time, opt DeliverOptions) (JobResult, error) {
	held, err := q.HeldMonths(ctx)
	if err != nil {
		return JobResult{}, fmt.Errorf("deliver: %w", err)
	}
	h, wasHeld := findHeld(held, month)
	if wasHeld && h.ReleasedAt.Valid {
		return JobResult{}, nil
	}
	missing, err := q.QualityGate(ctx, month)
	if err != nil {
		return JobResult{}, fmt.Errorf("deliver: quality gate: %w", err)
	}
	if len(missing) == 0 {
		if wasHeld {
			err = q.ReleaseMonth(ctx, month, "the data-quality gate passes now", opt.Now())
		}
		return JobResult{}, err
	}
	return holdMonth(ctx, q, month, missing, opt)
}

func findHeld(held []queries.HeldMonth, month time.Time) (queries.HeldMonth, bool) {
	for _, h := range held {
		if monthDate(h.Month).Equal(month) {
			return h, true
		}
	}
	return queries.HeldMonth{}, false
}

// holdMonth records the hold and tells the manager why (a ledger entry,
// retried like any delivery until it goes out).
func holdMonth(ctx context.Context, q *queries.Queries, month time.Time, missing []queries.Neighbourhood, opt DeliverOptions) (JobResult, error) {
	subject, why := heldNotice(opt.Lang, month, missing)
	if err := q.HoldMonth(ctx, month, why, opt.Now()); err != nil {
		return JobResult{}, err
	}
	nerr := notify(ctx, q, month, ledgerKey{opt.Manager.Name, ChannelManager}, "HELD.txt", subject, why, opt)
	codes := make([]string, len(missing))
	for i, n := range missing {
		codes[i] = n.Code
	}
	held := fmt.Errorf("deliver %s: %w: %s", month.Format("2006-01"), ErrQualityGate, strings.Join(codes, ", "))
	return JobResult{Detail: month.Format("2006-01") + ": held"}, errors.Join(held, nerr)
}

// tellGaveUp tells the manager about each delivery of month that gave up.
func tellGaveUp(ctx context.Context, q *queries.Queries, month time.Time, opt DeliverOptions) error {
	states, err := q.DeliveryStates(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, k := range expectedChannels(opt) {
		d, seen := findState(states, month, k)
		if !seen || d.Status != DeliveryGaveUp {
			continue
		}
		subject, text := gaveUpNotice(opt.Lang, month, d, opt.MaxAttempts)
		file := "GAVE-UP-" + k.recipient + "-" + k.channel + ".txt"
		errs = append(errs, notify(ctx, q, month, noticeKey(opt, k), file, subject, text, opt))
	}
	return errors.Join(errs...)
}

// notify sends a notice to the manager when its ledger entry is due, and
// records the attempt.
func notify(ctx context.Context, q *queries.Queries, month time.Time, k ledgerKey, file, subject, text string, opt DeliverOptions) error {
	states, err := q.DeliveryStates(ctx)
	if err != nil {
		return err
	}
	prev, seen := findState(states, month, k)
	if !due(prev, seen, opt.Now()) {
		return nil
	}
	id := messageID(month, k.recipient, k.channel, file, opt)
	serr := tellManager(ctx, opt, month, file, subject, text, id)
	if err := record(ctx, q, month, k.recipient, k.channel, file, id, prev.Attempt+1, serr, opt); err != nil {
		return err
	}
	if serr != nil {
		return fmt.Errorf("telling the manager: %w", serr)
	}
	return nil
}

// tellManager writes the notice to the manager's folder and e-mails it when configured.
func tellManager(ctx context.Context, opt DeliverOptions, month time.Time, file, subject, text, id string) error {
	m := opt.Manager
	if m.Folder == "" && (len(m.Email) == 0 || opt.SMTP == nil) {
		return errors.New("the manager has neither a folder nor an e-mail address (with smtp configured)")
	}
	var errs []error
	if m.Folder != "" {
		errs = append(errs, writeNotice(filepath.Join(m.Folder, month.Format("2006-01")), file, text))
	}
	if len(m.Email) > 0 && opt.SMTP != nil {
		errs = append(errs, sendMail(ctx, *opt.SMTP, mailMessage{To: m.Email, Subject: subject, Body: text, ID: id, Date: opt.Now()}))
	}
	return errors.Join(errs...)
}

func writeNotice(dir, file, text string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	p := filepath.Join(dir, file)
	if err := os.WriteFile(p+".part", []byte(text), 0o644); err != nil {
		return err
	}
	return os.Rename(p+".part", p)
}

// recipientFiles picks the recorded PDFs of the territories, checking each
// is still the file the report run wrote.
func recipientFiles(outputs []queries.ReportOutput, territories []string) ([]string, error) {
	var out []string
	for _, t := range territories {
		n := len(out)
		for _, o := range outputs {
			if o.Territory != filepath.Base(t) && o.Territory != t {
				continue
			}
			sum, err := fileSHA256(o.Path)
			if err != nil {
				return nil, fmt.Errorf("report file of %s: %w", t, err)
			}
			if sum != o.SHA256 {
				return nil, fmt.Errorf("report file %s changed since the report run wrote it", o.Path)
			}
			out = append(out, o.Path)
		}
		if len(out) == n {
			return nil, fmt.Errorf("territory %s: %w", t, ErrNoReport)
		}
	}
	slices.Sort(out)
	return out, nil
}

// copyFiles copies files into dir, each written under a temporary name first.
func copyFiles(files []string, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.Base(f))
		if err := os.WriteFile(dst+".part", b, 0o644); err != nil {
			return err
		}
		if err := os.Rename(dst+".part", dst); err != nil {
			return err
		}
	}
	return nil
}

func baseNames(files []string) string {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = filepath.Base(f)
	}
	return strings.Join(names, ",")
}
