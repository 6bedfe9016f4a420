-- name: ReportITSSeries :many
-- The fitted and counterfactual monthly counts as rates per 1,000 person-years.
SELECT month_start,
       CASE WHEN person_years > 0 THEN 1000.0 * fitted / person_years END,
       CASE WHEN person_years > 0 THEN 1000.0 * counterfactual / person_years END
FROM crisis_its_series
WHERE area_level = $area_level AND area_code = $area_code AND month_start <= $month
ORDER BY month_start;
