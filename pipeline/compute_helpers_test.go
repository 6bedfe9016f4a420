package pipeline

import (
	"bytes"
	"database/sql"
	"fmt"
	"math"
	"strconv"
)

type sqlFloat = sql.NullFloat64

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// compareCell returns "" when got matches want (nil: not checked, NULL:
// must be NULL, else a number within relTol), or a got-before-want message.
func compareCell(got sqlFloat, want *string, relTol float64) string {
	if want == nil {
		return ""
	}
	if *want == "NULL" {
		if got.Valid {
			return fmt.Sprintf("= %v, want NULL", got.Float64)
		}
		return ""
	}
	w, err := strconv.ParseFloat(*want, 64)
	if err != nil {
		return fmt.Sprintf("expected %q is no number", *want)
	}
	if !got.Valid {
		return fmt.Sprintf("= NULL, want %v", w)
	}
	if math.Abs(got.Float64-w) > relTol*math.Max(math.Abs(w), 1e-12) && !(w == 0 && got.Float64 == 0) {
		return fmt.Sprintf("= %v, want %v", got.Float64, w)
	}
	return ""
}
