-- name: ReportComparison :many
-- Per neighbourhood over the 12 months ending with the report month: crisis
-- events and person-years, persons reached living alone and residents living alone.
SELECT n.code, n.name,
       coalesce(c.numerator, 0)::BIGINT, coalesce(c.denominator, 0),
       coalesce(r.numerator, 0)::BIGINT, coalesce(r.denominator, 0)
FROM neighbourhoods n
LEFT JOIN indicator_values c
  ON c.indicator = 'crisis_rate' AND c.area_level = 'neighbourhood' AND c.area_code = n.code
 AND c.period_type = 'rolling_12m' AND c.period_start = $period_start AND c.breakdown = ''
LEFT JOIN indicator_values r
  ON r.indicator = 'reach_isolated_rate' AND r.area_level = 'neighbourhood' AND r.area_code = n.code
 AND r.period_type = 'rolling_12m' AND r.period_start = $period_start AND r.breakdown = ''
ORDER BY n.name, n.code;
