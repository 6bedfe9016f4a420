-- Deletes the rows of compute_area_person_months that
-- _8e_area_person_months_redo.sql recomputed: those of the areas and persons
-- of apm_touched from the first dirty month (month index $d0_mi) on.
DELETE FROM compute_area_person_months p
USING apm_touched t
WHERE p.area_id = t.area_id AND p.person_id = t.person_id
  AND p.mi >= $d0_mi
