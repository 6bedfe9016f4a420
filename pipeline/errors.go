package pipeline

import (
	"errors"
	"fmt"
)

// ErrRejected means the ingest finished but some rows or whole files were
// rejected; the summary says which and why.
var ErrRejected = errors.New("some rows or files were rejected")

// ErrNoInput means none of the paths given held an export file.
var ErrNoInput = errors.New("no export file found")

// ErrDSTWindow means a cron spec fires between 02:00 and 03:00 local time,
// where a daylight-saving change skips or repeats the run.
var ErrDSTWindow = errors.New("fires between 02:00 and 03:00 (daylight-saving window); move it or set allow_dst_window")

// ErrQualityGate means the month failed the data-quality gate: nothing is
// delivered and the manager is told why.
var ErrQualityGate = errors.New("month failed the data-quality gate")

// ErrNoData means the store holds no active activity nor crisis event, so
// there is no month to compute.
var ErrNoData = errors.New("no data to compute indicators from")

// ErrBadPeriod means a period label could not be read for its period type.
var ErrBadPeriod = errors.New("bad period")

// ErrMonthOutOfRange means a snapshot was asked for a month the store
// cannot honour: outside the data, or before any record was exported.
var ErrMonthOutOfRange = errors.New("month cannot be published")

// ErrMonthAwaited means the month asked for is after the last month in the
// store: its export has not arrived yet. It is an ErrMonthOutOfRange.
var ErrMonthAwaited = fmt.Errorf("%w: its export has not arrived", ErrMonthOutOfRange)

// ErrMonthBeforeData means a report was asked for a month before the first
// month of the data: there is nothing to draw.
var ErrMonthBeforeData = errors.New("month before the data")

// ErrNotComputed means a report was asked of a store that was loaded but
// never computed: every series would be drawn empty.
var ErrNotComputed = errors.New("no indicator value: the store was never computed (run compute first)")

// ErrRecipient means a snapshot's recipient or centre name was refused:
// not configured, not safe as a file name, or not the store's centre.
var ErrRecipient = errors.New("snapshot recipient or centre refused")

// ErrCompare means snapshots cannot be compared: fewer than two, a file
// that is not a whole snapshot, a centre without an id, the same centre
// twice, different as-of months, or no period final in every centre.
var ErrCompare = errors.New("snapshots cannot be compared")

// ErrNoReport means no report run recorded files for the month (or the
// recipient's territories): there is nothing to deliver yet.
var ErrNoReport = errors.New("no report recorded")
