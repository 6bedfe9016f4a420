-- dq_rows_loaded: rows stored by the loads started in each calendar month
-- (local time), whole dataset only.
WITH agg AS (
    SELECT date_trunc('month', l.started_at)::DATE AS month_start, sum(f.rows_loaded) AS n
    FROM ingest_manifest f JOIN loads l USING (load_id)
    GROUP BY ALL
)
SELECT 'dq_rows_loaded' AS indicator, '' AS breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(agg.n, 0)::DOUBLE AS numerator, NULL::DOUBLE AS denominator, coalesce(agg.n, 0)::DOUBLE AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
LEFT JOIN agg ON agg.month_start = g.period_start
WHERE g.area_level = 'all' AND g.period_type = 'month'
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
