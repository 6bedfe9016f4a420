package pipeline

import "errors"

// ErrDSTWindow means a cron spec fires between 02:00 and 03:00 local time,
// where a daylight-saving change skips or repeats the run.
var ErrDSTWindow = errors.New("fires between 02:00 and 03:00 (daylight-saving window); move it or set allow_dst_window")

// ErrQualityGate means the month failed the data-quality gate: nothing is
// delivered and the manager is told why.
var ErrQualityGate = errors.New("month failed the data-quality gate")

// ErrNoReport means no report run recorded files for the month (or the
// recipient's territories): there is nothing to deliver yet.
var ErrNoReport = errors.New("no report recorded")
