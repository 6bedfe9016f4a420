-- name: ReportPortrait :one
-- The population profile that applies to the year: the latest one not after
-- it, or the earliest when all are later.
SELECT population, living_alone, coalesce(low_income, 0), coalesce(age_65_plus, 0),
       coalesce(social_deprivation_quintile, 0), coalesce(material_deprivation_quintile, 0)
FROM population
WHERE neighbourhood = $neighbourhood
ORDER BY (year <= $year) DESC, CASE WHEN year <= $year THEN -year ELSE year END
LIMIT 1;
