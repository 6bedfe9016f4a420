-- The freshness indicators (catalogue Rollup latest), written once. The
-- indicator's own file lists its facts: neighbourhood and day (a DATE) of
-- every record that counts, whose latest day per neighbourhood and month
-- RefreshMonthTables keeps in compute_month_latest (_month_latest.sql).
-- The Go wrapper puts "WITH" before this text.
-- Value: days from the latest day not after the end of the period to that
-- end, over the area's neighbourhoods; NULL when there is none. Every area ×
-- period of area_periods at the declared $levels and $periods gets a row.
last_per_month AS (
    SELECT neighbourhood, month_start, last_date
    FROM compute_month_latest
    WHERE indicator = $indicator
),
latest AS (
    SELECT g.area_level, g.area_code, g.period_type, g.period_start, max(l.last_date) AS last_date
    FROM area_periods g
    JOIN areas a ON a.area_level = g.area_level AND a.area_code = g.area_code
    JOIN last_per_month l ON l.neighbourhood = a.neighbourhood AND l.month_start <= g.period_end
    WHERE list_contains(string_split($periods, ','), g.period_type)
    GROUP BY ALL
)
SELECT $indicator AS indicator, '' AS breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       date_diff('day', l.last_date, g.period_end)::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
       date_diff('day', l.last_date, g.period_end)::DOUBLE AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
LEFT JOIN latest l
  ON l.area_level = g.area_level AND l.area_code = g.area_code
 AND l.period_type = g.period_type AND l.period_start = g.period_start
WHERE list_contains(string_split($levels, ','), g.area_level)
  AND list_contains(string_split($periods, ','), g.period_type)
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
