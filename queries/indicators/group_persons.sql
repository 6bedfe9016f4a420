-- group_persons: distinct registered attendees of active group activities,
-- de-duplicated over the area. Read from area_person_months (see
-- _8c_area_person_months.sql): months, quarters and fiscal years count a
-- person on their last month with sessions in the period; rolling 12-month
-- windows are counted from each person's successive months with sessions
-- (see _9_reach_counts.sql) rather than by repeating every month 12 times.
-- AreaValues: agg goes on the grid through _emit.sql.
WITH cal AS (
    SELECT DISTINCT month_start, mi FROM period_index WHERE period_type = 'month'
),
grid AS (
    -- The periods of the grid as this connection sees it: an incremental
    -- computation narrows it to the periods it rewrites, whose persons
    -- alone need counting.
    SELECT p.* FROM period_index p SEMI JOIN periods g USING (period_type, period_start)
),
short AS (
    SELECT a.area_id, p.period_id, count(*) AS n
    FROM area_person_months a
    JOIN grid p ON p.mi = a.mi AND p.period_type <> 'rolling_12m'
    WHERE a.sessions > 0 AND (a.next_s IS NULL OR a.next_s > p.end_mi)
    GROUP BY a.area_id, p.period_id
),
range_counts AS (
    -- A person's months [mi, min(next_s, mi + 12)) counted per area and
    -- range first, so that the steps number a few per area and month
    -- instead of two per row.
    SELECT area_id, mi AS lo, least(coalesce(next_s, mi + 12), mi + 12) AS hi, count(*) AS n
    FROM area_person_months
    WHERE sessions > 0
    GROUP BY ALL
),
steps AS (
    SELECT area_id, step_mi, sum(d) AS d
    FROM (SELECT area_id, lo AS step_mi, n AS d FROM range_counts
          UNION ALL
          SELECT area_id, hi, -n FROM range_counts)
    GROUP BY ALL
),
rolling AS (
    SELECT g.area_id, cal.month_start,
           sum(coalesce(s.d, 0)) OVER (PARTITION BY g.area_id ORDER BY cal.mi
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS n
    FROM area_index g
    CROSS JOIN cal
    LEFT JOIN steps s ON s.area_id = g.area_id AND s.step_mi = cal.mi
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, NULL::VARCHAR AS cell, s.n AS num, NULL::BIGINT AS den
    FROM short s
    JOIN area_index a USING (area_id)
    JOIN (SELECT DISTINCT period_id, period_type, period_start FROM period_index) p USING (period_id)
    UNION ALL
    SELECT a.area_level, a.area_code, 'rolling_12m', (r.month_start - INTERVAL 11 MONTH)::DATE, NULL, r.n, NULL
    FROM rolling r JOIN area_index a USING (area_id)
)
