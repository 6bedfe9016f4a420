package pipeline

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"time"

	"proximite/queries"
)

// Centre identifies the centre a store belongs to; its id goes into the
// snapshot file names and qualifies area codes in comparisons.
type Centre struct {
	ID, Name string
}

// PublishOptions configures a research snapshot.
type PublishOptions struct {
	// Month is the as-of month (its first day).
	Month time.Time
	// Dir receives the snapshot, its Parquet export, codebook and checksums.
	Dir string
	// Centre is the configured centre (recorded in the store by the first publish).
	Centre Centre
	// Recipient, when set, re-keys every identifier for that recipient only,
	// so that two recipients cannot join their files. It must be one of
	// Recipients and safe as a file name.
	Recipient   string
	Recipients  []string
	RekeySecret []byte
	// Coarse lists the recipients who get birth years as age bands.
	Coarse []string
	// Compute is the configuration the snapshot's indicators are computed
	// with (provisional months, models); its AsOf and ComputedAt are set by Publish.
	Compute ComputeOptions
	// SuppressionThreshold is recorded for the researchers: values in the
	// snapshot are exact and must be suppressed below it before publication.
	SuppressionThreshold int
	// Location is the time zone of the data (month boundaries, the cutoff).
	Location *time.Location
	Version  string
	// Now stamps the live store's ledger of snapshots (never the snapshot).
	Now func() time.Time
	// writer is the snapshot writer's command, paths appended; empty means
	// this executable (see publish_writer.go). Tests set another.
	writer []string
}

// PublishSummary says what Publish wrote.
type PublishSummary struct {
	Snapshot, Parquet, Codebook, Checksums string
	Tables                                 int
	SHA256                                 string
	Cutoff                                 time.Time
}

// safeName is what a centre id or a recipient name may look like: it
// becomes part of a file name.
var safeName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$`)

// Publish writes the research snapshot as of opt.Month: the records
// exported before the cutoff (the first day of the second month after
// opt.Month) about days up to the end of opt.Month, with every indicator,
// model and flag computed as of opt.Month from those records alone; only
// research tables, in a total order, so that the same store and month give
// the same bytes. Beside it: a Parquet export with provenance in its
// metadata, the codebook and a SHA256SUMS manifest. Months outside the data
// are refused (ErrMonthOutOfRange).
func Publish(ctx context.Context, db *queries.DB, opt PublishOptions) (PublishSummary, error) {
	opt = publishDefaults(opt)
	if err := checkPublishNames(opt); err != nil {
		return PublishSummary{}, err
	}
	sum := snapshotPaths(opt)
	q := queries.New(db)
	ident, err := storeIdentity(ctx, q, opt.Centre)
	if err != nil {
		return sum, fmt.Errorf("publish: %w", err)
	}
	if sum.Cutoff, err = asOfCutoff(ctx, q, opt); err != nil {
		return sum, fmt.Errorf("publish: %w", err)
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return sum, fmt.Errorf("publish: %w", err)
	}
	facts, err := buildSnapshot(ctx, db, &sum, opt, ident)
	if err != nil {
		return sum, fmt.Errorf("publish %s: %w", sum.Snapshot, err)
	}
	if err := writeBeside(ctx, &sum, opt, facts); err != nil {
		return sum, fmt.Errorf("publish %s: %w", sum.Snapshot, err)
	}
	err = q.PutSnapshot(ctx, queries.Snapshot{Month: opt.Month, Recipient: opt.Recipient,
		Path: sum.Snapshot, SHA256: sum.SHA256, CreatedAt: opt.Now()})
	return sum, err
}

func publishDefaults(opt PublishOptions) PublishOptions {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Location == nil {
		opt.Location = time.UTC
	}
	opt.Month = time.Date(opt.Month.Year(), opt.Month.Month(), 1, 0, 0, 0, 0, time.UTC)
	return opt
}

// checkPublishNames refuses a centre id or recipient that is not safe as a
// file name, and a recipient that is not configured or has no secret.
func checkPublishNames(opt PublishOptions) error {
	if opt.Centre.ID != "" && !safeName.MatchString(opt.Centre.ID) {
		return fmt.Errorf("%w: centre id %q: letters, digits, - and _ only", ErrRecipient, opt.Centre.ID)
	}
	if opt.Recipient == "" {
		return nil
	}
	switch {
	case !safeName.MatchString(opt.Recipient):
		return fmt.Errorf("%w: %q is not a safe name (letters, digits, - and _ only)", ErrRecipient, opt.Recipient)
	case !slices.Contains(opt.Recipients, opt.Recipient):
		return fmt.Errorf("%w: %q is not listed in publish.rekey", ErrRecipient, opt.Recipient)
	case len(opt.RekeySecret) == 0:
		return fmt.Errorf("%w: re-keying for %q needs the re-keying secret", ErrRecipient, opt.Recipient)
	}
	return nil
}

// snapshotPaths names the files: proximite-[CENTRE-]YYYY-MM[-RECIPIENT].
func snapshotPaths(opt PublishOptions) PublishSummary {
	name := "proximite-"
	if opt.Centre.ID != "" {
		name += opt.Centre.ID + "-"
	}
	name += opt.Month.Format("2006-01")
	if opt.Recipient != "" {
		name += "-" + opt.Recipient
	}
	base := filepath.Join(opt.Dir, name)
	return PublishSummary{Snapshot: base + ".duckdb", Parquet: base + "-parquet",
		Codebook: base + "-codebook.md", Checksums: base + "-SHA256SUMS"}
}

// storeIdentity records the configured centre in a store that has none
// and refuses a centre other than the recorded one.
func storeIdentity(ctx context.Context, q *queries.Queries, c Centre) (queries.StoreIdentity, error) {
	id, ok, err := q.StoreIdentity(ctx)
	if err != nil || !ok {
		return id, err
	}
	if id.CentreID == "" && c.ID != "" {
		if err := q.PutStoreCentre(ctx, c.ID, c.Name); err != nil {
			return id, err
		}
		id.CentreID, id.CentreName = c.ID, c.Name
	}
	if id.CentreID != c.ID {
		return id, fmt.Errorf("%w: the store belongs to centre %q, the configuration names %q", ErrRecipient, id.CentreID, c.ID)
	}
	return id, nil
}

// asOfCutoff refuses a month outside the data and returns the cutoff of
// the exports: the first day of the second month after opt.Month, local
// time, so that the month's own export (made in the days after it ends) is in.
func asOfCutoff(ctx context.Context, q *queries.Queries, opt PublishOptions) (time.Time, error) {
	first, last, ok, err := q.DataRange(ctx)
	if err != nil {
		return time.Time{}, err
	}
	if !ok {
		return time.Time{}, ErrNoData
	}
	if opt.Month.After(last) {
		return time.Time{}, fmt.Errorf("%w: %s is after the data, which runs from %s to %s",
			ErrMonthAwaited, opt.Month.Format("2006-01"), first.Format("2006-01"), last.Format("2006-01"))
	}
	if opt.Month.Before(first) {
		return time.Time{}, fmt.Errorf("%w: %s is outside the data, which runs from %s to %s",
			ErrMonthOutOfRange, opt.Month.Format("2006-01"), first.Format("2006-01"), last.Format("2006-01"))
	}
	return time.Date(opt.Month.Year(), opt.Month.Month()+2, 1, 0, 0, 0, 0, opt.Location), nil
}

// rekeySalt derives the recipient's salt from the secret: without the
// secret, two recipients' identifiers cannot be matched.
func rekeySalt(secret []byte, recipient string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("proximite snapshot rekey\x00" + recipient))
	return hex.EncodeToString(m.Sum(nil))
}

// removeDB removes a DuckDB file and its write-ahead log.
func removeDB(path string) error {
	err := os.Remove(path)
	if werr := os.Remove(path + ".wal"); !errors.Is(werr, os.ErrNotExist) && werr != nil {
		return werr
	}
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
