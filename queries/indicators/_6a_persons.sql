-- Numbers the persons of the months of compute_dirty_months that
-- compute_persons does not know yet, after its greatest number, in the order
-- of a 64-bit hash of the pseudonym, then the pseudonym (which a sort mostly
-- need not read). A full computation empties compute_persons first, so it
-- numbers every person from 1 in that order. The touch CTE is the same as
-- _6_contacts.sql's, which then reads the numbers.
INSERT INTO compute_persons
WITH touch AS (
    SELECT person_key
    FROM activities
    WHERE status = 'active' AND kind = 'individual' AND person_key IS NOT NULL
      AND activity_date BETWEEN $lo::DATE AND $hi::DATE
      AND month_of(activity_date) IN (SELECT month_start FROM compute_dirty_months)
      AND activity_date <= (SELECT max(month_end) FROM months)
    UNION ALL
    SELECT t.person_key
    FROM attendance t JOIN activities a ON a.activity_id = t.activity_id
    WHERE t.status = 'active' AND t.person_key IS NOT NULL AND a.status = 'active' AND a.kind = 'group'
      AND a.activity_date BETWEEN $lo::DATE AND $hi::DATE
      AND month_of(a.activity_date) IN (SELECT month_start FROM compute_dirty_months)
      AND a.activity_date <= (SELECT max(month_end) FROM months)
),
news AS (
    SELECT DISTINCT t.person_key
    FROM touch t
    ANTI JOIN compute_persons p ON p.person_key = t.person_key
)
SELECT person_key,
       ((SELECT coalesce(max(person_id), 0) FROM compute_persons)
        + dense_rank() OVER (ORDER BY hash(person_key), person_key))::INTEGER
FROM news
