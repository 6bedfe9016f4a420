-- Puts agg (area_level, area_code, period_type, period_start, cell, num,
-- den: sums per area, period and breakdown code) on the grid, written once
-- for the count and ratio indicators (agg from _rollup.sql) and for those
-- whose own file computes agg (catalogue: AreaValues). The Go wrapper puts
-- the CTEs that end with agg first, then this text.
-- Every area × period of area_periods at the declared $levels and $periods
-- gets a row per cell, 0 when agg has nothing. Cells are the total then the
-- codes of the vocabulary $vocabulary, written from the catalogue. The
-- total sums every cell, or only agg's rows without a cell when $own_total.
-- Counts: numerator = value = sum ÷ $divisor (sums stay integers until then,
-- so the result does not depend on the order of addition). Ratios: value =
-- 100 × numerator ÷ denominator, NULL when the denominator is 0.
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
 AND ((c.cell IS NULL AND (NOT $own_total OR agg.cell IS NULL)) OR agg.cell = c.cell)
WHERE list_contains(string_split($levels, ','), g.area_level)
  AND list_contains(string_split($periods, ','), g.period_type)
GROUP BY c.breakdown, g.area_level, g.area_code, g.period_type, g.period_start, g.period_end, g.provisional
ORDER BY c.breakdown, g.area_level, g.area_code, g.period_type, g.period_start
