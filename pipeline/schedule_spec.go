package pipeline

import (
	"fmt"
	"time"

	"github.com/robfig/cron/v3"
)

// ParseSpec parses a cron spec in loc. Unless allowDST, a spec that can fire
// between 02:00 and 03:00 local time is refused (ErrDSTWindow). The schedule
// never fires twice for one wall-clock time (robfig fires twice when the
// clocks fall back).
func ParseSpec(spec string, loc *time.Location, seconds, allowDST bool) (cron.Schedule, error) {
	fields := cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor
	if seconds {
		fields |= cron.Second
	}
	sched, err := cron.NewParser(fields).Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("cron spec %q: %w", spec, err)
	}
	if s, ok := sched.(*cron.SpecSchedule); ok {
		s.Location = loc
	}
	if !allowDST && firesInDSTWindow(sched, loc) {
		return nil, fmt.Errorf("cron spec %q: %w", spec, ErrDSTWindow)
	}
	return noRepeat{sched}, nil
}

// firesInDSTWindow reports whether sched fires in 02:00–03:00 on any of the
// next 400 days (a monthly or yearly spec shows within that span).
func firesInDSTWindow(sched cron.Schedule, loc *time.Location) bool {
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, loc)
	for i := 0; i < 400; i++ {
		d := day.AddDate(0, 0, i)
		from := time.Date(d.Year(), d.Month(), d.Day(), 2, 0, 0, 0, loc).Add(-time.Second)
		to := time.Date(d.Year(), d.Month(), d.Day(), 3, 0, 0, 0, loc)
		if from.Hour() != 1 { // 02:00 does not exist that day (clocks spring forward)
			continue
		}
		if next := sched.Next(from); !next.IsZero() && next.Before(to) {
			return true
		}
	}
	return false
}

// noRepeat skips a firing whose wall-clock time already fired an hour
// earlier (the hour the clocks fall back repeats).
type noRepeat struct{ cron.Schedule }

// Next returns the next firing after t that is not a repeated wall-clock time.
func (n noRepeat) Next(t time.Time) time.Time {
	for i := 0; i < 4; i++ {
		next := n.Schedule.Next(t)
		if next.IsZero() || !repeatedWallClock(next) {
			return next
		}
		t = next
	}
	return time.Time{}
}

// repeatedWallClock reports whether the local time t also happened an hour earlier.
func repeatedWallClock(t time.Time) bool {
	const layout = "2006-01-02 15:04:05"
	return t.Add(-time.Hour).Format(layout) == t.Format(layout)
}

// PreviousRun returns the latest firing of sched in (now-lookback, now].
func PreviousRun(sched cron.Schedule, now time.Time, lookback time.Duration) (time.Time, bool) {
	var prev time.Time
	t := now.Add(-lookback)
	for i := 0; i < 100_000; i++ {
		next := sched.Next(t)
		if next.IsZero() || next.After(now) {
			break
		}
		prev, t = next, next
	}
	return prev, !prev.IsZero()
}
