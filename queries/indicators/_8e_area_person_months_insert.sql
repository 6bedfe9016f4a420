-- Stores the rows _8e_area_person_months_redo.sql recomputed from the
-- first dirty month on.
INSERT INTO compute_area_person_months (area_id, person_id, mi, sessions, next_mi, la_code, nts_code, next_s, m1, g)
SELECT area_id, person_id, mi, sessions, next_mi, la_code, nts_code, next_s, m1, g
FROM apm_redo
