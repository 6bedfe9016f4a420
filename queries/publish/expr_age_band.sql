-- name: ExprAgeBand (select-list item)
-- Birth year coarsened to the age band reached in the as-of year.
CASE WHEN %[1]s IS NULL THEN NULL
     WHEN $as_of_year - %[1]s < 18 THEN '0-17'
     WHEN $as_of_year - %[1]s < 25 THEN '18-24'
     WHEN $as_of_year - %[1]s < 35 THEN '25-34'
     WHEN $as_of_year - %[1]s < 45 THEN '35-44'
     WHEN $as_of_year - %[1]s < 55 THEN '45-54'
     WHEN $as_of_year - %[1]s < 65 THEN '55-64'
     WHEN $as_of_year - %[1]s < 75 THEN '65-74'
     WHEN $as_of_year - %[1]s < 85 THEN '75-84'
     ELSE '85+' END AS age_band
