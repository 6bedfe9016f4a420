-- dq_rows_loaded: rows stored by the loads started in each calendar month
-- (local time), whole dataset only (AreaValues: agg goes on the grid
-- through _emit.sql, at the declared level all and period month).
WITH agg AS (
    SELECT 'all' AS area_level, 'all' AS area_code, 'month' AS period_type,
           date_trunc('month', l.started_at)::DATE AS period_start, NULL::VARCHAR AS cell,
           sum(f.rows_loaded) AS num, NULL::BIGINT AS den
    FROM ingest_manifest f JOIN loads l USING (load_id)
    GROUP BY ALL
)
