package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"proximite/queries"
)

// Delivery channels and statuses in the deliveries ledger.
const (
	ChannelFolder  = "folder"
	ChannelEmail   = "email"
	ChannelManager = "manager"

	DeliverySent   = "sent"
	DeliveryFailed = "failed"
	DeliveryGaveUp = "gave_up"
	DeliveryHeld   = "held"
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
	// Reports holds the report job's output: Reports/YYYY-MM/<territory>/*.pdf.
	Reports    string
	Recipients []Recipient
	SMTP       *SMTPOptions
	// Manager is told, instead of the recipients, when the month fails the data-quality gate.
	Manager     Recipient
	MaxAttempts int
	Backoff     time.Duration
	Now         func() time.Time
}

// DeliverJob delivers the chosen month's reports; run it after the report
// job and on a schedule, so failed attempts are retried with back-off.
func DeliverJob(opt DeliverOptions, month MonthFunc) JobFunc {
	return func(ctx context.Context, db *queries.DB) (JobResult, error) {
		m, err := month(ctx, db)
		if res, none := noData(err); none {
			return res, nil
		}
		if err != nil {
			return JobResult{}, fmt.Errorf("deliver: %w", err)
		}
		return Deliver(ctx, db, m, opt)
	}
}

// Deliver sends month's PDFs to each recipient, each only its territories,
// recording every attempt. A month that fails the data-quality gate is
// held: nothing goes out and the manager is told why (ErrQualityGate).
func Deliver(ctx context.Context, db *queries.DB, month time.Time, opt DeliverOptions) (JobResult, error) {
	opt = deliverDefaults(opt)
	q := queries.New(db)
	missing, err := q.QualityGate(ctx, month)
	if err != nil {
		return JobResult{}, fmt.Errorf("deliver: quality gate: %w", err)
	}
	if len(missing) > 0 {
		return holdMonth(ctx, q, month, missing, opt)
	}
	states, err := ledgerStates(ctx, q, month)
	if err != nil {
		return JobResult{}, fmt.Errorf("deliver: %w", err)
	}
	var res JobResult
	var errs []error
	for _, r := range opt.Recipients {
		n, err := deliverTo(ctx, q, month, r, states, opt)
		res.Files += n
		if err != nil {
			errs = append(errs, err)
		}
	}
	res.Detail = fmt.Sprintf("%s: %d sent", month.Format("2006-01"), res.Files)
	if len(errs) > 0 {
		return res, fmt.Errorf("deliver: %w", errors.Join(errs...))
	}
	return res, nil
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
	return opt
}

// ledgerKey identifies a delivery: recipient and channel.
type ledgerKey struct{ recipient, channel string }

func ledgerStates(ctx context.Context, q *queries.Queries, month time.Time) (map[ledgerKey]queries.Delivery, error) {
	all, err := q.DeliveryStates(ctx)
	if err != nil {
		return nil, err
	}
	out := map[ledgerKey]queries.Delivery{}
	for _, d := range all {
		if d.Month.Format("2006-01-02") == month.Format("2006-01-02") {
			out[ledgerKey{d.Recipient, d.Channel}] = d
		}
	}
	return out, nil
}

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
func deliverTo(ctx context.Context, q *queries.Queries, month time.Time, r Recipient, states map[ledgerKey]queries.Delivery, opt DeliverOptions) (int64, error) {
	files, err := recipientFiles(opt.Reports, month, r.Territories)
	if err != nil || len(files) == 0 {
		return 0, fmt.Errorf("%s: no report for %s in %v: %w", r.Name, month.Format("2006-01"), r.Territories, errors.Join(err, os.ErrNotExist))
	}
	channels := map[string]func() error{}
	if r.Folder != "" {
		channels[ChannelFolder] = func() error { return copyFiles(files, filepath.Join(r.Folder, month.Format("2006-01"))) }
	}
	if len(r.Email) > 0 && opt.SMTP != nil {
		channels[ChannelEmail] = func() error { return sendReports(ctx, *opt.SMTP, r, month, files) }
	}
	var sent int64
	var errs []error
	for _, ch := range sortedKeys(channels) {
		prev, seen := states[ledgerKey{r.Name, ch}]
		if !due(prev, seen, opt.Now()) {
			continue
		}
		err := channels[ch]()
		if rerr := record(ctx, q, month, r.Name, ch, files, prev.Attempt+1, err, opt); rerr != nil {
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

// record writes one attempt to the ledger, with the back-off of a failure.
func record(ctx context.Context, q *queries.Queries, month time.Time, recipient, channel string, files []string, attempt int, err error, opt DeliverOptions) error {
	d := queries.Delivery{Month: month, Recipient: recipient, Channel: channel, File: baseNames(files),
		AttemptedAt: opt.Now(), Status: DeliverySent}
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

// holdMonth tells the manager, once per month, why nothing was sent.
func holdMonth(ctx context.Context, q *queries.Queries, month time.Time, missing []string, opt DeliverOptions) (JobResult, error) {
	why := fmt.Sprintf("reports of %s held back: outreach neighbourhoods with no activity this month: %s",
		month.Format("2006-01"), strings.Join(missing, ", "))
	states, err := ledgerStates(ctx, q, month)
	if err != nil {
		return JobResult{}, err
	}
	if _, told := states[ledgerKey{opt.Manager.Name, ChannelManager}]; !told {
		if err := tellManager(ctx, opt, month, why); err != nil {
			why += " (telling the manager failed: " + err.Error() + ")"
		}
		if err := q.InsertDelivery(ctx, queries.Delivery{Month: month, Recipient: opt.Manager.Name, Channel: ChannelManager,
			File: "", AttemptedAt: opt.Now(), Status: DeliveryHeld, Error: why}); err != nil {
			return JobResult{}, err
		}
	}
	return JobResult{Detail: why}, fmt.Errorf("deliver %s: %w: %s", month.Format("2006-01"), ErrQualityGate, strings.Join(missing, ", "))
}

// tellManager writes the reason to the manager's folder and e-mails it when configured.
func tellManager(ctx context.Context, opt DeliverOptions, month time.Time, why string) error {
	var errs []error
	if opt.Manager.Folder != "" {
		dir := filepath.Join(opt.Manager.Folder, month.Format("2006-01"))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			errs = append(errs, err)
		} else if err := os.WriteFile(filepath.Join(dir, "HELD.txt"), []byte(why+"\n"), 0o644); err != nil {
			errs = append(errs, err)
		}
	}
	if len(opt.Manager.Email) > 0 && opt.SMTP != nil {
		errs = append(errs, sendMail(ctx, *opt.SMTP, opt.Manager.Email, "Proximité "+month.Format("2006-01")+": reports held back", why, nil))
	}
	return errors.Join(errs...)
}

// recipientFiles lists the PDFs of the recipient's territories for month.
func recipientFiles(reports string, month time.Time, territories []string) ([]string, error) {
	var out []string
	for _, t := range territories {
		m, err := filepath.Glob(filepath.Join(reports, month.Format("2006-01"), filepath.Base(t), "*.pdf"))
		if err != nil {
			return nil, err
		}
		out = append(out, m...)
	}
	sort.Strings(out)
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
