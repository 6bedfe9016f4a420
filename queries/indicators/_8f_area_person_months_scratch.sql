-- Scratch view (dropped once the indicators are written): the rows of
-- compute_area_person_months (see _8c_area_person_months.sql) from the
-- month of apm_from on, what the reach and group indicators read. A
-- person's months before are in none of the periods the computation
-- rewrites, and each value compares with a period's start only what falls
-- within the period.
CREATE OR REPLACE TEMP VIEW area_person_months AS
SELECT area_id, mi, sessions, next_mi, la_code, nts_code, next_s, g
FROM compute_area_person_months
WHERE mi >= (SELECT mi FROM apm_from)
