-- A full computation keeps the scratch table apm_full (see
-- _8c_area_person_months.sql) in compute_area_person_months, emptied
-- before, in one bulk copy, for the next incremental computation.
INSERT INTO compute_area_person_months (area_id, person_id, mi, sessions, next_mi, la_code, nts_code, next_s, m1, g)
SELECT area_id, person_id, mi, sessions, next_mi, la_code, nts_code, next_s, m1, g
FROM apm_full
