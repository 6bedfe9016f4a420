-- name: IndicatorValues :many
-- Stored indicator values, filtered by any of indicator, area code, period
-- type and period start (NULL parameter = any).
SELECT indicator, breakdown, area_level, area_code, period_type, period_start, period_end,
       numerator, denominator, value, ci_low, ci_high, provisional, computed_at, unstable, flagged
FROM indicator_values
WHERE ($indicator IS NULL OR indicator = $indicator)
  AND ($area_code IS NULL OR area_code = $area_code)
  AND ($period_type IS NULL OR period_type = $period_type)
  AND ($period_start IS NULL OR period_start = $period_start::DATE)
ORDER BY indicator, breakdown, area_level, area_code, period_type, period_start
