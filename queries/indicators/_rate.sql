-- The rates per 1,000 residents (catalogue Rollup rate), written once. The
-- indicator's own file ends with agg (area_level, area_code, period_type,
-- period_start, num): persons per area and period. The denominator is the
-- grid's population or population living alone, as the catalogue's
-- RateBase says ($base). The Go wrapper puts the file first, then this text.
-- Value: 1000 × num ÷ denominator, NULL when the denominator is 0 or
-- unknown; unstable when num is under 10.
base AS (
    SELECT *, CASE $base WHEN 'population' THEN population WHEN 'living_alone' THEN living_alone END AS den
    FROM area_periods
)
SELECT $indicator AS indicator, '' AS breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(agg.num, 0)::DOUBLE AS numerator,
       g.den::DOUBLE AS denominator,
       CASE WHEN coalesce(g.den, 0) > 0 THEN 1000.0 * coalesce(agg.num, 0) / g.den END AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, coalesce(agg.num, 0) < 10 AND coalesce(g.den, 0) > 0 AS unstable, false AS flagged
FROM base g
LEFT JOIN agg
  ON agg.area_level = g.area_level AND agg.area_code = g.area_code
 AND agg.period_type = g.period_type AND agg.period_start = g.period_start
WHERE list_contains(string_split($levels, ','), g.area_level)
  AND list_contains(string_split($periods, ','), g.period_type)
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
