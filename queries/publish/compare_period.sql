-- name: ComparePeriod :many
-- The periods the comparison site may show: those in which every
-- neighbourhood value of the three rate indicators is final (not
-- provisional, not incomplete) in every centre compared. The latest rolling
-- 12 months comes first, then the latest quarter, then the latest month.
SELECT period_type, period_start, period_end
FROM cmp.main.indicator_values
WHERE indicator IN ('crisis_rate', 'reach_rate', 'reach_isolated_rate') AND area_level = 'neighbourhood' AND breakdown = ''
  AND period_type IN ('rolling_12m', 'quarter', 'month')
GROUP BY period_type, period_start, period_end
HAVING NOT bool_or(provisional)
   AND count(DISTINCT centre_id) = (SELECT count(*) FROM cmp.main.centres)
   AND count(DISTINCT indicator) = 3
ORDER BY CASE period_type WHEN 'rolling_12m' THEN 0 WHEN 'quarter' THEN 1 ELSE 2 END, period_end DESC, period_start DESC
LIMIT 1
