-- The roll-up of every count and ratio indicator (catalogue shapes count
-- and ratio), written once. The indicator's own file lists its facts, one
-- row per record: neighbourhood, day (a DATE), cell (the breakdown code or
-- NULL), num and den (den is read for ratios only); _month_sums.sql has
-- summed them by neighbourhood and month (the one place that buckets dates
-- into months) into compute_month_sums. The Go wrapper puts "WITH" first,
-- then this text, then _emit.sql. The monthly sums are summed over the
-- neighbourhoods and months of each area and period, into agg, the input
-- of _emit.sql.
m AS (
    SELECT neighbourhood, month_start, cell, num, den
    FROM compute_month_sums
    WHERE indicator = $indicator
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, m.cell, sum(m.num) AS num, sum(m.den) AS den
    FROM m
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
)
