package pipeline

import "errors"

// ErrUnknownJob means a job name matches no declared job.
var ErrUnknownJob = errors.New("unknown job")

// ErrDSTWindow means a cron spec fires between 02:00 and 03:00 local time,
// where a daylight-saving change skips or repeats the run.
var ErrDSTWindow = errors.New("fires between 02:00 and 03:00 (daylight-saving window); move it or set allow_dst_window")

// ErrQualityGate means the month failed the data-quality gate: nothing is
// delivered and the manager is told why.
var ErrQualityGate = errors.New("month failed the data-quality gate")

// ErrNotReady means a source file is still being written.
var ErrNotReady = errors.New("file not complete yet")
