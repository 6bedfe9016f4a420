-- reach_rate for every area × period, from reach_counts (persons de-duplicated
-- over the area's neighbourhoods, attributes by the latest non-empty rule).
SELECT 'reach_rate' AS indicator, '' AS breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(r.persons, 0)::DOUBLE AS numerator,
       g.population::DOUBLE AS denominator,
       CASE WHEN coalesce(g.population, 0) > 0 THEN 1000.0 * coalesce(r.persons, 0) / g.population END AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, coalesce(r.persons, 0) < 10 AND coalesce(g.population, 0) > 0 AS unstable, false AS flagged
FROM area_periods g
LEFT JOIN reach_counts r
  ON r.area_level = g.area_level AND r.area_code = g.area_code
 AND r.period_type = g.period_type AND r.period_start = g.period_start
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
