-- name: ParquetIndicatorValues :many
-- indicator_values with the hive partition keys (area, year), ordered by
-- partition and then by the table's key, so each partition's rows are
-- contiguous. %[1]s is the select list (quoted column names).
SELECT %[1]s,
       area_level || '-' || area_code AS area, year(period_start) AS year
FROM indicator_values
ORDER BY area, year, area_level, area_code, indicator, breakdown, period_type, period_start
