-- name: GroupRetentionPct :many
-- group_retention_pct: registered attendees with 3 or more sessions in the
-- period (over the area's neighbourhoods) ÷ registered attendees; quarter and
-- longer periods only. For rolling 12-month windows, a person's session count
-- in the window ending at month m only changes when a month with sessions
-- enters (m = i) or leaves (m = i + 12); between two such changes the person
-- is an attendee (count > 0) and retained (count ≥ 3) or not, and those
-- stretches are summed as +1/−1 steps per area.
-- Areas and periods are numbered first, so that the large aggregates and
-- windows group on integers only.
WITH cal AS (
    SELECT month_start, year(month_start) * 12 + month(month_start) - 1 AS mi FROM months
),
area_ids AS (
    SELECT area_level, area_code, row_number() OVER (ORDER BY area_level, area_code)::INTEGER AS area_id
    FROM (SELECT DISTINCT area_level, area_code FROM areas)
),
members AS (
    SELECT i.area_id, a.neighbourhood FROM areas a JOIN area_ids i USING (area_level, area_code)
),
period_ids AS (
    SELECT period_type, period_start, row_number() OVER (ORDER BY period_type, period_start)::INTEGER AS period_id
    FROM (SELECT DISTINCT period_type, period_start FROM periods WHERE period_type IN ('quarter', 'fiscal_year'))
),
period_months AS (
    SELECT i.period_id, p.month_start FROM periods p JOIN period_ids i USING (period_type, period_start)
),
pm AS (
    SELECT m.area_id, cal.mi, t.month_start, t.person_id, sum(t.group_sessions) AS sessions
    FROM contacts t
    JOIN members m USING (neighbourhood)
    JOIN cal USING (month_start)
    WHERE t.group_sessions > 0
    GROUP BY ALL
),
short AS (
    SELECT area_id, period_id, count(*) FILTER (WHERE sessions >= 3) AS num, count(*) AS den
    FROM (
        SELECT pm.area_id, p.period_id, pm.person_id, sum(pm.sessions) AS sessions
        FROM pm JOIN period_months p USING (month_start)
        GROUP BY ALL
    )
    GROUP BY ALL
),
changes AS (
    -- A month entering and another leaving at the same t are not merged: in
    -- either order they make a zero-length stretch, whose +1 and −1 steps
    -- cancel out.
    SELECT area_id, person_id, mi AS t, sessions AS d FROM pm
    UNION ALL
    SELECT area_id, person_id, mi + 12, -sessions FROM pm
),
stretches AS (
    SELECT area_id, t AS lo,
           lead(t) OVER w AS hi,
           sum(d) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS sessions
    FROM changes
    WINDOW w AS (PARTITION BY area_id, person_id ORDER BY t)
),
steps AS (
    SELECT area_id, step_mi, sum(dn) AS dn, sum(dd) AS dd
    FROM (SELECT area_id, lo AS step_mi, (sessions >= 3)::INT AS dn, 1 AS dd FROM stretches WHERE sessions > 0
          UNION ALL
          SELECT area_id, hi, -(sessions >= 3)::INT, -1 FROM stretches WHERE sessions > 0 AND hi IS NOT NULL)
    GROUP BY ALL
),
rolling AS (
    SELECT g.area_id, cal.month_start,
           sum(coalesce(s.dn, 0)) OVER r AS num, sum(coalesce(s.dd, 0)) OVER r AS den
    FROM area_ids g
    CROSS JOIN cal
    LEFT JOIN steps s ON s.area_id = g.area_id AND s.step_mi = cal.mi
    WINDOW r AS (PARTITION BY g.area_id ORDER BY cal.mi ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, s.num, s.den
    FROM short s JOIN area_ids a USING (area_id) JOIN period_ids p USING (period_id)
    UNION ALL
    SELECT a.area_level, a.area_code, 'rolling_12m', (r.month_start - INTERVAL 11 MONTH)::DATE, r.num, r.den
    FROM rolling r JOIN area_ids a USING (area_id)
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
