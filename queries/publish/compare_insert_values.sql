-- name: CompareInsertValues :exec
-- A snapshot's indicator values, area codes qualified by its centre.
INSERT INTO cmp.main.indicator_values
SELECT $centre_id, indicator, breakdown, area_level, $centre_id || ':' || area_code, period_type, period_start, period_end,
       numerator, denominator, value, ci_low, ci_high, provisional, unstable, flagged
FROM %[1]s.main.indicator_values
ORDER BY indicator, breakdown, area_level, area_code, period_type, period_start
