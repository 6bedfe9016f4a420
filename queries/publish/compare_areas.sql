-- name: CompareAreas :many
-- Every neighbourhood of every centre with, for one period, the numerator
-- and denominator of the crisis rate, the reach rate and the reach into
-- the isolated population (0 when the centre has no value there).
SELECT n.centre_id, n.code, n.name, n.outreach_start IS NOT NULL,
       coalesce(c.numerator, 0)::BIGINT, coalesce(c.denominator, 0),
       coalesce(r.numerator, 0)::BIGINT, coalesce(r.denominator, 0),
       coalesce(i.numerator, 0)::BIGINT, coalesce(i.denominator, 0)
FROM cmp.main.centres AS k
JOIN cmp.main.neighbourhoods AS n ON n.centre_id = k.centre_id
LEFT JOIN cmp.main.indicator_values AS c
  ON c.indicator = 'crisis_rate' AND c.area_level = 'neighbourhood' AND c.area_code = n.code AND c.breakdown = ''
 AND c.period_type = $period_type AND c.period_start = $period_start
LEFT JOIN cmp.main.indicator_values AS r
  ON r.indicator = 'reach_rate' AND r.area_level = 'neighbourhood' AND r.area_code = n.code AND r.breakdown = ''
 AND r.period_type = $period_type AND r.period_start = $period_start
LEFT JOIN cmp.main.indicator_values AS i
  ON i.indicator = 'reach_isolated_rate' AND i.area_level = 'neighbourhood' AND i.area_code = n.code AND i.breakdown = ''
 AND i.period_type = $period_type AND i.period_start = $period_start
ORDER BY k.centre_id, n.name, n.code
