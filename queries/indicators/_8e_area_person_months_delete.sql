-- Deletes the rows of compute_area_person_months that
-- _8e_area_person_months_redo.sql recomputed: those of the areas and persons
-- of apm_touched from the first dirty month $d0 on.
DELETE FROM compute_area_person_months p
USING apm_touched t
WHERE p.area_id = t.area_id AND p.person_id = t.person_id
  AND p.mi >= (year($d0::DATE) * 12 + month($d0::DATE) - 1)::INTEGER
