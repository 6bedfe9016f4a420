-- Gives the rows kept before the first dirty month (month index $d0_mi) of
-- the areas and persons of apm_touched their new next month and, if they
-- had sessions, next month with sessions: a row whose next one was from
-- $d0_mi on (or none) now has the first of those
-- _8e_area_person_months_redo.sql recomputed (or none).
UPDATE compute_area_person_months p
SET next_mi = CASE WHEN p.next_mi IS NULL OR p.next_mi >= $d0_mi THEN f.first_mi ELSE p.next_mi END,
    next_s = CASE WHEN p.sessions > 0 AND (p.next_s IS NULL OR p.next_s >= $d0_mi) THEN f.first_s ELSE p.next_s END
FROM (
    SELECT t.area_id, t.person_id,
           min(r.mi) AS first_mi, min(r.mi) FILTER (WHERE r.sessions > 0) AS first_s
    FROM apm_touched t
    LEFT JOIN apm_redo r ON r.area_id = t.area_id AND r.person_id = t.person_id
    GROUP BY t.area_id, t.person_id
) f
WHERE p.area_id = f.area_id AND p.person_id = f.person_id AND p.mi < $d0_mi
  AND (((p.next_mi IS NULL OR p.next_mi >= $d0_mi) AND p.next_mi IS DISTINCT FROM f.first_mi)
       OR (p.sessions > 0 AND (p.next_s IS NULL OR p.next_s >= $d0_mi) AND p.next_s IS DISTINCT FROM f.first_s))
  -- The same bounds without f's columns: DuckDB then filters the table
  -- before the join instead of joining all of it.
  AND (p.next_mi IS NULL OR p.next_mi >= $d0_mi OR (p.sessions > 0 AND (p.next_s IS NULL OR p.next_s >= $d0_mi)))
