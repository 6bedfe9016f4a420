-- Scratch table (dropped once the indicators are written): the rows of
-- compute_area_person_months (see _8c_area_person_months.sql) from the
-- month of $from on, what the reach and group indicators read. $from is
-- the first day of the earliest period the computation rewrites (every
-- month when full): a person's months before are in none of those periods,
-- and each value compares with a period's start only what falls within
-- the period.
CREATE OR REPLACE TEMP TABLE area_person_months AS
SELECT area_id, mi, sessions, next_mi, la_code, nts_code, next_s, g
FROM compute_area_person_months
WHERE mi >= (year($from::DATE) * 12 + month($from::DATE) - 1)::INTEGER
