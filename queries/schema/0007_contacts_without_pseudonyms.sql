-- 0007: compute numbers persons by a 64-bit hash of their pseudonym while it
-- groups their records (see queries/indicators/_6_contacts.sql), so the
-- persons table, a copy of every pseudonym reached, is no longer needed.

DROP TABLE persons;
COMMENT ON COLUMN contacts.person_id IS 'Number of the person in this computation (in the order of a 64-bit hash of the pseudonym, which is not stored here); the same person has the same number in every neighbourhood and month of one computation only.';
COMMENT ON COLUMN contacts.lives_alone_key IS 'Recency key of that value: orders by activity date, then exported_at (by rank among the winning export times of this computation), then Y over N, and its lowest bit is the value; NULL when unknown. The maximum key wins at every level.';
