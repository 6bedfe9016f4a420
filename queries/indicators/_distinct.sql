-- The roll-up of the indicators that count distinct things (catalogue
-- Rollup distinct), written once. The indicator's own file lists its facts:
-- neighbourhood, day (a DATE) and x, the thing counted. The Go wrapper puts
-- that file first as "WITH f AS (...)", then this text, then _emit.sql.
-- x is de-duplicated per neighbourhood and month, then counted once over the
-- neighbourhoods and months of each area and period, into agg.
m AS (
    SELECT DISTINCT neighbourhood, month_of(day) AS month_start, x
    FROM f
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, NULL::VARCHAR AS cell,
           count(DISTINCT m.x) AS num, NULL::BIGINT AS den
    FROM m
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
)
