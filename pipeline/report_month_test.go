package pipeline

import (
	"testing"
	"time"
)

// TestMonthDate guards the scheduled report: its month is local midnight
// (America/Montreal), the store's dates scan as UTC midnight.
func TestMonthDate(t *testing.T) {
	loc, _ := time.LoadLocation("America/Montreal")
	local := time.Date(2026, time.October, 1, 0, 0, 0, 0, loc)
	want := time.Date(2026, time.October, 1, 0, 0, 0, 0, time.UTC)
	if got := monthDate(local); !got.Equal(want) {
		t.Errorf("monthDate(%v) = %v, want %v", local, got, want)
	}
	if got := monthDate(time.Date(2026, time.October, 17, 23, 0, 0, 0, loc)); !got.Equal(want) {
		t.Errorf("monthDate(mid-month) = %v, want %v", got, want)
	}
}
