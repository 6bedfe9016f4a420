-- 0006: compute works on integer person ids and integer recency keys, which
-- group, join and sort several times faster than 64-character pseudonyms
-- and HUGEINT keys; contacts also count group sessions for the group indicators.

CREATE TABLE persons (
    person_id  INTEGER NOT NULL,
    person_key VARCHAR NOT NULL
);
COMMENT ON TABLE persons IS 'Persons reached (individual activities and registered attendance, active records only), numbered by compute in pseudonym order; the ids are internal to one computation.';
COMMENT ON COLUMN persons.person_id IS 'Number of the person in this computation.';
COMMENT ON COLUMN persons.person_key IS 'Pseudonym of the person.';

DROP TABLE contacts;
CREATE TABLE contacts (
    neighbourhood   VARCHAR NOT NULL,
    month_start     DATE NOT NULL,
    person_id       INTEGER NOT NULL,
    first_date      DATE NOT NULL,
    last_date       DATE NOT NULL,
    lives_alone     BOOLEAN,
    lives_alone_key BIGINT,
    new_to_services BOOLEAN,
    new_key         BIGINT,
    group_sessions  BIGINT NOT NULL
);
COMMENT ON TABLE contacts IS 'Persons reached (individual activities and registered attendance of group activities, active records only), one row per neighbourhood, month and person, rebuilt by compute.';
COMMENT ON COLUMN contacts.neighbourhood IS 'Neighbourhood of the activity.';
COMMENT ON COLUMN contacts.month_start IS 'Month of the activity.';
COMMENT ON COLUMN contacts.person_id IS 'The person (persons.person_id).';
COMMENT ON COLUMN contacts.first_date IS 'Earliest contact date of the person in the neighbourhood and month.';
COMMENT ON COLUMN contacts.last_date IS 'Latest contact date of the person in the neighbourhood and month.';
COMMENT ON COLUMN contacts.lives_alone IS 'Most recent non-empty lives_alone of the person in the neighbourhood and month.';
COMMENT ON COLUMN contacts.lives_alone_key IS 'Recency key of that value: orders by activity date, then exported_at (by rank among the export times of this computation), then Y over N, and its lowest bit is the value; NULL when unknown. The maximum key wins at every level.';
COMMENT ON COLUMN contacts.new_to_services IS 'Most recent non-empty new_to_services, as lives_alone.';
COMMENT ON COLUMN contacts.new_key IS 'Recency key of new_to_services, as lives_alone_key.';
COMMENT ON COLUMN contacts.group_sessions IS 'Group activities the person attended (as a registered attendee) in the neighbourhood and month; 0 when only met in individual activities.';
