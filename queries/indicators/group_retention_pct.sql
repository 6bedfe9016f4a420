-- name: GroupRetentionPct :many
-- group_retention_pct: registered attendees with 3 or more sessions in the
-- period (over the area's neighbourhoods) ÷ registered attendees; quarter and
-- longer periods only. For rolling 12-month windows, a person's session count
-- in the window ending at month m only changes when a month with sessions
-- enters (m = i) or leaves (m = i + 12); between two such changes the person
-- is an attendee (count > 0) and retained (count ≥ 3) or not, and those
-- stretches are summed as +1/−1 steps per area.
WITH cal AS (
    SELECT month_start, year(month_start) * 12 + month(month_start) - 1 AS mi FROM months
),
pm AS (
    SELECT ar.area_level, ar.area_code, t.month_start, t.person_id, sum(t.sessions) AS sessions
    FROM attendees t
    JOIN areas ar ON ar.neighbourhood = t.neighbourhood
    GROUP BY ALL
),
short AS (
    SELECT area_level, area_code, period_type, period_start,
           count(*) FILTER (WHERE sessions >= 3) AS num, count(*) AS den
    FROM (
        SELECT pm.area_level, pm.area_code, p.period_type, p.period_start, pm.person_id, sum(pm.sessions) AS sessions
        FROM pm JOIN periods p ON p.month_start = pm.month_start AND p.period_type IN ('quarter', 'fiscal_year')
        GROUP BY ALL
    )
    GROUP BY ALL
),
changes AS (
    SELECT area_level, area_code, person_id, t, sum(d) AS d
    FROM (SELECT pm.area_level, pm.area_code, pm.person_id, cal.mi AS t, pm.sessions AS d FROM pm JOIN cal USING (month_start)
          UNION ALL
          SELECT pm.area_level, pm.area_code, pm.person_id, cal.mi + 12, -pm.sessions FROM pm JOIN cal USING (month_start))
    GROUP BY ALL
),
stretches AS (
    SELECT area_level, area_code, t AS lo,
           lead(t) OVER w AS hi,
           sum(d) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS sessions
    FROM changes
    WINDOW w AS (PARTITION BY area_level, area_code, person_id ORDER BY t)
),
steps AS (
    SELECT area_level, area_code, step_mi, sum(dn) AS dn, sum(dd) AS dd
    FROM (SELECT area_level, area_code, lo AS step_mi, (sessions >= 3)::INT AS dn, 1 AS dd FROM stretches WHERE sessions > 0
          UNION ALL
          SELECT area_level, area_code, hi, -(sessions >= 3)::INT, -1 FROM stretches WHERE sessions > 0 AND hi IS NOT NULL)
    GROUP BY ALL
),
rolling AS (
    SELECT g.area_level, g.area_code, 'rolling_12m' AS period_type, (cal.month_start - INTERVAL 11 MONTH)::DATE AS period_start,
           sum(coalesce(s.dn, 0)) OVER r AS num, sum(coalesce(s.dd, 0)) OVER r AS den
    FROM (SELECT DISTINCT area_level, area_code FROM areas) g
    CROSS JOIN cal
    LEFT JOIN steps s ON s.area_level = g.area_level AND s.area_code = g.area_code AND s.step_mi = cal.mi
    WINDOW r AS (PARTITION BY g.area_level, g.area_code ORDER BY cal.mi ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
agg AS (
    SELECT * FROM short
    UNION ALL
    SELECT * FROM rolling
)
SELECT 'group_retention_pct' AS indicator, '' AS breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(agg.num, 0)::DOUBLE AS numerator, coalesce(agg.den, 0)::DOUBLE AS denominator,
       CASE WHEN coalesce(agg.den, 0) > 0 THEN 100.0 * agg.num / agg.den END AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
LEFT JOIN agg
  ON agg.area_level = g.area_level AND agg.area_code = g.area_code
 AND agg.period_type = g.period_type AND agg.period_start = g.period_start
WHERE g.period_type <> 'month'
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
