-- name: ReferralsToServices :many
-- referrals_to_services: activities with referral_to, in total and per service.
WITH f AS (
    SELECT neighbourhood, month_of(activity_date) AS month_start,
           referral_to AS cell, count(*) AS n
    FROM activities
    WHERE status = 'active' AND referral_to IS NOT NULL
    GROUP BY ALL
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, f.cell, sum(f.n) AS n
    FROM f
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
),
cells(breakdown, cell) AS (
    VALUES
        ('', NULL::VARCHAR),
        ('service=mental_health', 'mental_health'),
        ('service=addiction', 'addiction'),
        ('service=youth_protection', 'youth_protection'),
        ('service=home_care', 'home_care'),
        ('service=housing', 'housing'),
        ('service=food_security', 'food_security'),
        ('service=employment', 'employment'),
        ('service=medical', 'medical'),
        ('service=legal', 'legal'),
        ('service=other', 'other')
)
SELECT 'referrals_to_services' AS indicator, c.breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(sum(agg.n), 0)::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
       coalesce(sum(agg.n), 0)::DOUBLE AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
CROSS JOIN cells c
LEFT JOIN agg
  ON agg.area_level = g.area_level AND agg.area_code = g.area_code
 AND agg.period_type = g.period_type AND agg.period_start = g.period_start
 AND (c.cell IS NULL OR agg.cell = c.cell)
GROUP BY c.breakdown, g.area_level, g.area_code, g.period_type, g.period_start, g.period_end, g.provisional
ORDER BY c.breakdown, g.area_level, g.area_code, g.period_type, g.period_start
