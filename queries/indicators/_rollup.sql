-- The roll-up of every count and ratio indicator (catalogue shapes count
-- and ratio), written once. The indicator's own file lists its facts, one
-- row per record: neighbourhood, day (a DATE), cell (the breakdown code or
-- NULL), num and den (den is read for ratios only). The Go wrapper puts
-- that file first as "WITH f AS (...)", then this text.
-- Records are summed by neighbourhood and month (the one place that buckets
-- dates into months), then over the neighbourhoods and months of each area
-- and period. Every area × period of area_periods gets a row per cell, 0
-- when nothing happened. Cells are the vocabulary $vocabulary, written from
-- the catalogue.
-- Counts: numerator = value = sum ÷ $divisor (sums stay integers until then,
-- so the result does not depend on the order of addition). Ratios: value =
-- 100 × numerator ÷ denominator, NULL when the denominator is 0.
m AS (
    SELECT neighbourhood, month_of(day) AS month_start, cell, sum(num) AS num, sum(den) AS den
    FROM f
    GROUP BY ALL
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, m.cell, sum(m.num) AS num, sum(m.den) AS den
    FROM m
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
),
cells AS (
    SELECT '' AS breakdown, NULL::VARCHAR AS cell
    UNION ALL
    SELECT $dimension || '=' || code, code FROM vocabularies WHERE vocabulary = $vocabulary
)
SELECT $indicator AS indicator, c.breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(sum(agg.num), 0)::DOUBLE / $divisor AS numerator,
       CASE WHEN $ratio THEN coalesce(sum(agg.den), 0)::DOUBLE END AS denominator,
       CASE WHEN NOT $ratio THEN coalesce(sum(agg.num), 0)::DOUBLE / $divisor
            WHEN coalesce(sum(agg.den), 0) > 0 THEN 100.0 * sum(agg.num) / sum(agg.den) END AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
CROSS JOIN cells c
LEFT JOIN agg
  ON agg.area_level = g.area_level AND agg.area_code = g.area_code
 AND agg.period_type = g.period_type AND agg.period_start = g.period_start
 AND (c.cell IS NULL OR agg.cell = c.cell)
WHERE list_contains(string_split($levels, ','), g.area_level)
  AND list_contains(string_split($periods, ','), g.period_type)
GROUP BY c.breakdown, g.area_level, g.area_code, g.period_type, g.period_start, g.period_end, g.provisional
ORDER BY c.breakdown, g.area_level, g.area_code, g.period_type, g.period_start
