-- partner_sectors: distinct sectors of the active partners (partners unknown to
-- partners.csv have no sector); AreaValues: agg goes on the grid through _emit.sql.
WITH f AS (
    SELECT DISTINCT a.neighbourhood, month_of(a.activity_date) AS month_start, pa.sector AS x
    FROM activities a
    JOIN partners pa ON pa.partner_id = a.partner_id
    WHERE a.status = 'active'
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, NULL::VARCHAR AS cell,
           count(DISTINCT f.x) AS num, NULL::BIGINT AS den
    FROM f
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
)
