package main

import (
	"context"
	"errors"
	"flag"

	"proximite/internal/pseudonym"
	"proximite/pipeline"
	"proximite/queries"
)

// Exit codes, listed in --help.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitRejected    = 3
	exitBusy        = 4
	exitNoKey       = 5
	exitInterrupted = 130
)

var exitCodes = []struct {
	code    int
	meaning string
}{
	{exitOK, "success"},
	{exitFailure, "failure (the message says what failed)"},
	{exitUsage, "usage or configuration error"},
	{exitRejected, "ingest finished but some rows or files were rejected (see the summary)"},
	{exitBusy, "database busy: another proximite process holds it"},
	{exitNoKey, "no usable pseudonymization key (missing, short, weak, a key file others can read, or not the key the store was loaded with)"},
	{exitInterrupted, "interrupted (SIGINT/SIGTERM); nothing half-written was kept"},
}

// errUsage marks a usage error (bad flags or arguments).
var errUsage = errors.New("usage error")

// exitCode is the one place errors become exit codes.
func exitCode(err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage), errors.Is(err, errConfig):
		return exitUsage
	case errors.Is(err, pipeline.ErrRejected):
		return exitRejected
	case errors.Is(err, queries.ErrBusy):
		return exitBusy
	case errors.Is(err, pseudonym.ErrNoKey), errors.Is(err, pseudonym.ErrShortKey),
		errors.Is(err, pseudonym.ErrWeakKey), errors.Is(err, pseudonym.ErrKeyFileMode), errors.Is(err, pseudonym.ErrKeyMismatch):
		return exitNoKey
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	default:
		return exitFailure
	}
}
