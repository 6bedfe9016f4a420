-- The roll-up of the indicators that count distinct things (catalogue
-- Rollup distinct), written once. The indicator's own file lists its facts:
-- neighbourhood, day (a DATE) and x, the thing counted; _month_distinct.sql
-- has de-duplicated x per neighbourhood and month into
-- compute_month_distinct. The Go wrapper puts "WITH" first, then this
-- text, then _emit.sql. x is counted once over the neighbourhoods and
-- months of each area and period, into agg.
m AS (
    SELECT neighbourhood, month_start, x
    FROM compute_month_distinct
    WHERE indicator = $indicator
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, NULL::VARCHAR AS cell,
           count(DISTINCT m.x) AS num, NULL::BIGINT AS den
    FROM m
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
)
