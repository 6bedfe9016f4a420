package pipeline

import "errors"

// ErrRejected means the ingest finished but some rows or whole files were
// rejected; the summary says which and why.
var ErrRejected = errors.New("some rows or files were rejected")

// ErrNoInput means none of the paths given held an export file.
var ErrNoInput = errors.New("no export file found")
