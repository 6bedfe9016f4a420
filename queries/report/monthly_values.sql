-- name: ReportMonthlyValues :many
-- Every monthly total (no breakdown) of one area up to the report month.
SELECT indicator, period_start, numerator, denominator, value, ci_low, ci_high, provisional
FROM indicator_values
WHERE area_level = $area_level AND area_code = $area_code
  AND period_type = 'month' AND breakdown = '' AND period_start <= $month
ORDER BY indicator, period_start;
