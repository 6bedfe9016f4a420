package suppression

import "errors"

// ErrThreshold is returned when a threshold is below 1.
var ErrThreshold = errors.New("suppression threshold must be at least 1")

// ErrShape is returned when a table's rows, totals or lines do not fit
// together (ragged rows, a total slice of the wrong length, an index out of
// range).
var ErrShape = errors.New("table shape mismatch")

// ErrNegative is returned when a count is negative.
var ErrNegative = errors.New("negative count")
