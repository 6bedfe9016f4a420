package pipeline

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"proximite/queries"
)

// IndicatorFilter selects stored indicator values; empty fields match all.
type IndicatorFilter struct {
	Indicator  string
	AreaCode   string
	PeriodType string // month, quarter, fiscal_year or rolling_12m
	// Period names one period of PeriodType: 2024-03 (the month, or the
	// quarter, fiscal year or 12 months that contain / end with it),
	// 2024-Q1 for a quarter, 2024-2025 for a fiscal year.
	Period string
}

// IndicatorValue is one stored indicator value as plain data; nil means NULL.
type IndicatorValue struct {
	Indicator   string    `json:"indicator"`
	Breakdown   string    `json:"breakdown"`
	AreaLevel   string    `json:"area_level"`
	AreaCode    string    `json:"area_code"`
	PeriodType  string    `json:"period_type"`
	PeriodStart time.Time `json:"period_start"`
	PeriodEnd   time.Time `json:"period_end"`
	Numerator   *float64  `json:"numerator"`
	Denominator *float64  `json:"denominator"`
	Value       *float64  `json:"value"`
	CILow       *float64  `json:"ci_low"`
	CIHigh      *float64  `json:"ci_high"`
	Provisional bool      `json:"provisional"`
	Unstable    bool      `json:"unstable"`
	Flagged     bool      `json:"flagged"`
	ComputedAt  time.Time `json:"computed_at"`
}

// ReadIndicators returns the stored values matching filter, in a total order.
func ReadIndicators(ctx context.Context, db *queries.DB, filter IndicatorFilter) ([]IndicatorValue, error) {
	f := queries.ValueFilter{Indicator: filter.Indicator, AreaCode: filter.AreaCode, PeriodType: filter.PeriodType}
	if filter.Period != "" {
		start, err := PeriodStart(filter.PeriodType, filter.Period)
		if err != nil {
			return nil, fmt.Errorf("read indicators: %w", err)
		}
		f.PeriodStart = start
	}
	rows, err := queries.New(db).IndicatorValues(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("read indicators: %w", err)
	}
	out := make([]IndicatorValue, len(rows))
	for i, r := range rows {
		out[i] = IndicatorValue{Indicator: r.Indicator, Breakdown: r.Breakdown, AreaLevel: r.AreaLevel,
			AreaCode: r.AreaCode, PeriodType: r.PeriodType, PeriodStart: r.PeriodStart, PeriodEnd: r.PeriodEnd,
			Numerator: ptr(r.Numerator.Float64, r.Numerator.Valid), Denominator: ptr(r.Denominator.Float64, r.Denominator.Valid),
			Value: ptr(r.Value.Float64, r.Value.Valid), CILow: ptr(r.CILow.Float64, r.CILow.Valid),
			CIHigh: ptr(r.CIHigh.Float64, r.CIHigh.Valid), Provisional: r.Provisional, Unstable: r.Unstable,
			Flagged: r.Flagged, ComputedAt: r.ComputedAt.UTC()}
	}
	return out, nil
}

func ptr(f float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &f
}

// PeriodStart returns the first day of the period of type periodType named
// by label (see IndicatorFilter.Period); an empty type means month.
func PeriodStart(periodType, label string) (time.Time, error) {
	if y, q, ok := strings.Cut(label, "-Q"); ok && (periodType == "quarter" || periodType == "") {
		year, err1 := strconv.Atoi(y)
		n, err2 := strconv.Atoi(q)
		if err1 != nil || err2 != nil || n < 1 || n > 4 {
			return time.Time{}, fmt.Errorf("period %q: %w", label, ErrBadPeriod)
		}
		return time.Date(year, time.Month(3*n-2), 1, 0, 0, 0, 0, time.UTC), nil
	}
	if a, b, ok := strings.Cut(label, "-"); ok && len(a) == 4 && len(b) == 4 && periodType == "fiscal_year" {
		y1, err1 := strconv.Atoi(a)
		y2, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || y2 != y1+1 {
			return time.Time{}, fmt.Errorf("period %q: %w", label, ErrBadPeriod)
		}
		return time.Date(y1, time.April, 1, 0, 0, 0, 0, time.UTC), nil
	}
	m, err := time.Parse("2006-01", label)
	if err != nil {
		return time.Time{}, fmt.Errorf("period %q: %w", label, ErrBadPeriod)
	}
	return periodContaining(periodType, m), nil
}

// periodContaining returns the start of the period of the given type that
// contains month m (for rolling_12m: the 12 months ending with m).
func periodContaining(periodType string, m time.Time) time.Time {
	switch periodType {
	case "quarter":
		return time.Date(m.Year(), (m.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
	case "fiscal_year":
		y := m.Year()
		if m.Month() < time.April {
			y--
		}
		return time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC)
	case "rolling_12m":
		return m.AddDate(0, -11, 0)
	}
	return m
}
