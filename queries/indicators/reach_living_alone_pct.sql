-- reach_living_alone_pct for every area × period, from reach_counts (persons de-duplicated
-- over the area's neighbourhoods, attributes by the latest non-empty rule).
SELECT 'reach_living_alone_pct' AS indicator, '' AS breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(r.lives_alone_yes, 0)::DOUBLE AS numerator,
       coalesce(r.lives_alone_known, 0)::DOUBLE AS denominator,
       CASE WHEN coalesce(r.lives_alone_known, 0) > 0 THEN 100.0 * coalesce(r.lives_alone_yes, 0) / r.lives_alone_known END AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
LEFT JOIN reach_counts r
  ON r.area_level = g.area_level AND r.area_code = g.area_code
 AND r.period_type = g.period_type AND r.period_start = g.period_start
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
