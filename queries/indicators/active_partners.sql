-- active_partners: distinct partner_id across all active activities, de-duplicated over the area
-- (AreaValues: agg goes on the grid through _emit.sql).
WITH f AS (
    SELECT DISTINCT neighbourhood, month_of(activity_date) AS month_start, partner_id AS x
    FROM activities
    WHERE status = 'active' AND partner_id IS NOT NULL
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, NULL::VARCHAR AS cell,
           count(DISTINCT f.x) AS num, NULL::BIGINT AS den
    FROM f
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
)
