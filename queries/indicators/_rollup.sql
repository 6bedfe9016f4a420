-- The roll-up of every count and ratio indicator (catalogue shapes count
-- and ratio), written once. The indicator's own file lists its facts, one
-- row per record: neighbourhood, day (a DATE), cell (the breakdown code or
-- NULL), num and den (den is read for ratios only). The Go wrapper puts
-- that file first as "WITH f AS (...)", then this text, then _emit.sql.
-- Records are summed by neighbourhood and month (the one place that buckets
-- dates into months), then over the neighbourhoods and months of each area
-- and period, into agg, the input of _emit.sql.
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
)
