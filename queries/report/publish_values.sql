-- name: PublishValues :exec
-- Remember what a report showed, so later loads that change it are listed
-- as revisions: the monthly totals of the report's areas up to its month.
INSERT INTO published_values
SELECT $report_id, indicator, breakdown, area_level, area_code, period_type, period_start, value, $published_at
FROM indicator_values
WHERE period_type = 'month' AND breakdown = '' AND period_start <= $month
  AND (area_code = $territory OR area_code IN (SELECT code FROM neighbourhoods WHERE territory = $territory))
ORDER BY indicator, area_level, area_code, period_start;
