-- Numbers the persons of contacts_merged (_6m_contacts_merged.sql: those met
-- in the months of compute_dirty_months) that compute_persons does not know
-- yet, after its greatest number, in the order of a 64-bit hash of the
-- pseudonym, then the pseudonym (which a sort mostly need not read). A full
-- computation empties compute_persons first, so it numbers every person
-- from 1 in that order. _6_contacts.sql then reads the numbers.
INSERT INTO compute_persons
WITH news AS (
    SELECT DISTINCT m.person_key
    FROM contacts_merged m
    ANTI JOIN compute_persons p ON p.person_key = m.person_key
)
SELECT person_key,
       ((SELECT coalesce(max(person_id), 0) FROM compute_persons)
        + dense_rank() OVER (ORDER BY hash(person_key), person_key))::INTEGER
FROM news
