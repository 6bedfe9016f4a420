-- name: FillReachCounts :exec
-- Distinct persons per area and period: a person's attribute is the value
-- with the greatest recency key among their contacts in the area and period.
INSERT INTO reach_counts
WITH pp AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, c.person_key,
           arg_max(c.lives_alone, c.lives_alone_key) FILTER (WHERE c.lives_alone_key IS NOT NULL) AS lives_alone,
           arg_max(c.new_to_services, c.new_key) FILTER (WHERE c.new_key IS NOT NULL) AS new_to_services
    FROM contacts c
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
)
SELECT area_level, area_code, period_type, period_start,
       count(*),
       count(lives_alone), count(*) FILTER (WHERE lives_alone),
       count(new_to_services), count(*) FILTER (WHERE new_to_services)
FROM pp
GROUP BY ALL
ORDER BY 1, 2, 3, 4
