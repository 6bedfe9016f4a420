-- Scratch table of an incremental computation (dropped once the indicators
-- are written): the areas and persons whose rows of
-- compute_area_person_months change, those met in a month of
-- compute_dirty_months, now (contacts) or before (the rows kept). Another
-- person's months in an area depend on no contact of those months.
CREATE OR REPLACE TEMP TABLE apm_touched AS
SELECT i.area_id, c.person_id
FROM contacts c
JOIN areas a USING (neighbourhood)
JOIN area_index i USING (area_level, area_code)
WHERE c.month_start IN (SELECT month_start FROM compute_dirty_months)
UNION
SELECT area_id, person_id
FROM compute_area_person_months
WHERE mi IN (SELECT (year(month_start) * 12 + month(month_start) - 1)::INTEGER FROM compute_dirty_months)
