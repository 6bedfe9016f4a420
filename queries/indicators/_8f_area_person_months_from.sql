-- Scratch table (dropped once the indicators are written): the month index
-- of $from, the first day of the earliest period the computation rewrites
-- (every month when full), from which the view area_person_months
-- (_8f_area_person_months_scratch.sql) shows compute_area_person_months.
CREATE OR REPLACE TEMP TABLE apm_from AS
SELECT (year($from::DATE) * 12 + month($from::DATE) - 1)::INTEGER AS mi
