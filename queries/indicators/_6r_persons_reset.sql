-- A full computation numbers every person afresh: compute_persons is
-- re-created empty, its pseudonym column of the type the record tables give
-- person_key today (see queries/schema/0014_incremental_compute.sql).
CREATE OR REPLACE TABLE compute_persons AS
SELECT person_key, 0::INTEGER AS person_id FROM activity_versions WHERE false;
COMMENT ON TABLE compute_persons IS 'Persons reached, numbered by compute: a full computation numbers them in the order of a 64-bit hash of the pseudonym, then the pseudonym; an incremental one numbers the persons it meets for the first time after the greatest number. Internal to compute.';
COMMENT ON COLUMN compute_persons.person_key IS 'Pseudonym of the person (as in the record tables).';
COMMENT ON COLUMN compute_persons.person_id IS 'Number of the person (contacts.person_id).';
