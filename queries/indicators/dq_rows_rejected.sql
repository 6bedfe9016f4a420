-- dq_rows_rejected: rows refused by the loads started in each calendar month
-- (local time), in total and per reason ever seen, whole dataset only.
WITH r AS (
    SELECT date_trunc('month', l.started_at)::DATE AS month_start, rr.reason
    FROM rejected_rows rr
    JOIN ingest_manifest f USING (file_id)
    JOIN loads l ON l.load_id = f.load_id
),
cells AS (
    SELECT '' AS breakdown, NULL::VARCHAR AS cell
    UNION ALL
    SELECT DISTINCT 'reason=' || reason, reason FROM r
),
agg AS (
    SELECT month_start, reason, count(*) AS n FROM r GROUP BY ALL
)
SELECT 'dq_rows_rejected' AS indicator, c.breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(sum(agg.n), 0)::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
       coalesce(sum(agg.n), 0)::DOUBLE AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
CROSS JOIN cells c
LEFT JOIN agg ON agg.month_start = g.period_start AND (c.cell IS NULL OR agg.reason = c.cell)
WHERE g.area_level = 'all' AND g.period_type = 'month'
GROUP BY c.breakdown, g.area_level, g.area_code, g.period_type, g.period_start, g.period_end, g.provisional
ORDER BY c.breakdown, g.area_level, g.area_code, g.period_type, g.period_start
