package pipeline

import "errors"

// ErrRejected means the ingest finished but some rows or whole files were
// rejected; the summary says which and why.
var ErrRejected = errors.New("some rows or files were rejected")

// ErrNoInput means none of the paths given held an export file.
var ErrNoInput = errors.New("no export file found")

// ErrMonthOutOfRange means a snapshot was asked for a month the store
// cannot honour: outside the data, or before any record was exported.
var ErrMonthOutOfRange = errors.New("month cannot be published")

// ErrRecipient means a snapshot's recipient or centre name was refused:
// not configured, not safe as a file name, or not the store's centre.
var ErrRecipient = errors.New("snapshot recipient or centre refused")

// ErrCompare means snapshots cannot be compared: fewer than two, a centre
// without an id, the same centre twice, or different as-of months.
var ErrCompare = errors.New("snapshots cannot be compared")
