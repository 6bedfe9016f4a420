-- 0013: each record is stored once (issue 17). The versions tables become the
-- only physical record store; superseded_versions lists the versions a newer
-- one replaced (re-exports are rare, so it stays small); and activities,
-- attendance and crisis_events become views, with the same names and columns,
-- of the versions not superseded. Ingest no longer copies every row into a
-- current table nor deletes from it.
--
-- The pseudonym is stored as its 32 bytes (BLOB) instead of 64 hex
-- characters; snapshots and exports carry lower(hex(person_key)), the text
-- they carried before.
--
-- An existing store migrates without loss: a version is marked superseded
-- when its (file_id, line) is not in the current table, and a current row
-- that no version holds (none should) is first added to the versions, so
-- each view shows exactly the rows the table held.

CREATE TABLE superseded_versions (
    file_id    BIGINT NOT NULL,
    line       BIGINT NOT NULL,
    by_file_id BIGINT
);
COMMENT ON TABLE superseded_versions IS 'Record versions (of activity_versions, attendance_versions or crisis_event_versions) that a newer version of the same record replaced: a later exported_at, or an equal one from a later-loaded file or a later line of the same file. Appended by ingest in the transaction of the file that brings the newer version; the views activities, attendance and crisis_events are the versions not listed here.';
COMMENT ON COLUMN superseded_versions.file_id IS 'File of the superseded version (ingest_manifest.file_id); file ids are unique across kinds, so (file_id, line) names one version.';
COMMENT ON COLUMN superseded_versions.line IS 'Line of that file where the superseded version starts.';
COMMENT ON COLUMN superseded_versions.by_file_id IS 'File whose load marked the version superseded (ingest_manifest.file_id): the file of the newer version, or the version''s own file when it arrived older than the current one or was repeated later in that file. The versions of a load and those it superseded are what the load changed. NULL when marked by migration 0013 or in a snapshot''s work store.';

INSERT INTO superseded_versions (file_id, line)
SELECT v.file_id, v.line FROM activity_versions AS v
ANTI JOIN activities AS c ON c.file_id = v.file_id AND c.line = v.line
WHERE v.file_id IS NOT NULL AND v.line IS NOT NULL;
INSERT INTO superseded_versions (file_id, line)
SELECT v.file_id, v.line FROM attendance_versions AS v
ANTI JOIN attendance AS c ON c.file_id = v.file_id AND c.line = v.line
WHERE v.file_id IS NOT NULL AND v.line IS NOT NULL;
INSERT INTO superseded_versions (file_id, line)
SELECT v.file_id, v.line FROM crisis_event_versions AS v
ANTI JOIN crisis_events AS c ON c.file_id = v.file_id AND c.line = v.line
WHERE v.file_id IS NOT NULL AND v.line IS NOT NULL;

INSERT INTO activity_versions
SELECT c.* FROM activities AS c
ANTI JOIN activity_versions AS v ON v.file_id = c.file_id AND v.line = c.line;
INSERT INTO attendance_versions
SELECT c.* FROM attendance AS c
ANTI JOIN attendance_versions AS v ON v.file_id = c.file_id AND v.line = c.line;
INSERT INTO crisis_event_versions
SELECT c.* FROM crisis_events AS c
ANTI JOIN crisis_event_versions AS v ON v.file_id = c.file_id AND v.line = c.line;

DROP TABLE activities;
DROP TABLE attendance;
DROP TABLE crisis_events;

-- unhex fails on a value that is not hex, so a store holding anything but
-- pseudonyms there stops the migration instead of losing them.
ALTER TABLE activity_versions ALTER COLUMN person_key SET DATA TYPE BLOB USING unhex(person_key);
ALTER TABLE attendance_versions ALTER COLUMN person_key SET DATA TYPE BLOB USING unhex(person_key);
ALTER TABLE crisis_event_versions ALTER COLUMN person_key SET DATA TYPE BLOB USING unhex(person_key);
COMMENT ON COLUMN activity_versions.person_key IS 'Keyed pseudonym of the person met (HMAC-SHA-256, its 32 bytes; snapshots and exports show it as 64 lowercase hex characters, lower(hex(person_key))), for individual activities; NULL otherwise. The raw client_id is never stored.';
COMMENT ON COLUMN attendance_versions.person_key IS 'Keyed pseudonym of the participant (HMAC-SHA-256, its 32 bytes; snapshots and exports show it as 64 lowercase hex characters, lower(hex(person_key))). The raw client_id is never stored.';
COMMENT ON COLUMN crisis_event_versions.person_key IS 'Keyed pseudonym of the person (HMAC-SHA-256, its 32 bytes; shown as lower(hex(person_key))), NULL when not identified.';
COMMENT ON TABLE activity_versions IS 'Every version of activities ever received, including corrected and cancelled ones, in the order received: the only copy of the records (activities is the view of the versions not superseded).';
COMMENT ON TABLE attendance_versions IS 'Every version of attendance ever received, including corrected and cancelled ones, in the order received: the only copy of the records (attendance is the view of the versions not superseded).';
COMMENT ON TABLE crisis_event_versions IS 'Every version of crisis_events ever received, including corrected and cancelled ones, in the order received: the only copy of the records (crisis_events is the view of the versions not superseded).';

CREATE VIEW activities AS
SELECT v.* FROM activity_versions AS v
ANTI JOIN superseded_versions AS s ON s.file_id = v.file_id AND s.line = v.line;
COMMENT ON VIEW activities IS 'One row per outreach activity: the current version of each activity_id (latest exported_at wins; on a tie the later-loaded file, then the later line), that is activity_versions without superseded_versions. Cancelled activities stay here with status cancelled and count in no indicator.';
COMMENT ON COLUMN activities.activity_id IS 'Identifier in the source system, stable across re-exports.';
COMMENT ON COLUMN activities.activity_date IS 'Day the activity took place (local date).';
COMMENT ON COLUMN activities.worker_id IS 'Staff code of the outreach worker.';
COMMENT ON COLUMN activities.neighbourhood IS 'Code of the neighbourhood where the activity took place (neighbourhoods.code).';
COMMENT ON COLUMN activities.kind IS 'individual, group, collective, organizational or clinical_support.';
COMMENT ON COLUMN activities.setting IS 'home, public_space, commercial, community_facility, partner_premises (the person''s living environment), clsc, phone or virtual.';
COMMENT ON COLUMN activities.planned IS 'false = without appointment (informal, unplanned).';
COMMENT ON COLUMN activities.initiated_by IS 'Who started the contact: worker (proactive outreach), neighbour, partner, self, family or other.';
COMMENT ON COLUMN activities.duration_min IS 'Minutes spent, 1 to 1440.';
COMMENT ON COLUMN activities.person_key IS 'Keyed pseudonym of the person met (HMAC-SHA-256, its 32 bytes; snapshots and exports show it as 64 lowercase hex characters, lower(hex(person_key))), for individual activities; NULL otherwise. The raw client_id is never stored.';
COMMENT ON COLUMN activities.new_to_services IS 'The person had no open file with the CSSS in the previous 24 months; NULL = unknown.';
COMMENT ON COLUMN activities.lives_alone IS 'The person lives alone; NULL = unknown.';
COMMENT ON COLUMN activities.birth_year IS 'Birth year of the person; NULL = unknown.';
COMMENT ON COLUMN activities.sex IS 'F, M, X or U; NULL = unknown.';
COMMENT ON COLUMN activities.group_id IS 'Group or series the session belongs to (group activities).';
COMMENT ON COLUMN activities.group_format IS 'open, closed or event (group activities).';
COMMENT ON COLUMN activities.participants IS 'Everyone present at a group or collective activity, including people who gave no name.';
COMMENT ON COLUMN activities.partner_id IS 'Partner organization involved (partners.partner_id); for an individual activity initiated by a partner, the referring partner.';
COMMENT ON COLUMN activities.referral_to IS 'Specialized service the person was referred to, NULL if none.';
COMMENT ON COLUMN activities.status IS 'active or cancelled.';
COMMENT ON COLUMN activities.exported_at IS 'When the source system produced this version.';
COMMENT ON COLUMN activities.file_id IS 'File this version came from (ingest_manifest.file_id).';
COMMENT ON COLUMN activities.line IS 'Line of that file where the row starts.';

CREATE VIEW attendance AS
SELECT v.* FROM attendance_versions AS v
ANTI JOIN superseded_versions AS s ON s.file_id = v.file_id AND s.line = v.line;
COMMENT ON VIEW attendance IS 'Registered participants of group sessions: the current version of each (activity_id, person_key), that is attendance_versions without superseded_versions. A row whose activity is not (yet) a known group activity is kept but counts nowhere.';
COMMENT ON COLUMN attendance.activity_id IS 'The group activity (activities.activity_id).';
COMMENT ON COLUMN attendance.person_key IS 'Keyed pseudonym of the participant (HMAC-SHA-256, its 32 bytes; snapshots and exports show it as 64 lowercase hex characters, lower(hex(person_key))). The raw client_id is never stored.';
COMMENT ON COLUMN attendance.new_to_services IS 'The participant had no open file with the CSSS in the previous 24 months; NULL = unknown.';
COMMENT ON COLUMN attendance.lives_alone IS 'The participant lives alone; NULL = unknown.';
COMMENT ON COLUMN attendance.birth_year IS 'Birth year; NULL = unknown.';
COMMENT ON COLUMN attendance.sex IS 'F, M, X or U; NULL = unknown.';
COMMENT ON COLUMN attendance.status IS 'active or cancelled.';
COMMENT ON COLUMN attendance.exported_at IS 'When the source system produced this version.';
COMMENT ON COLUMN attendance.file_id IS 'File this version came from (ingest_manifest.file_id).';
COMMENT ON COLUMN attendance.line IS 'Line of that file where the row starts.';

CREATE VIEW crisis_events AS
SELECT v.* FROM crisis_event_versions AS v
ANTI JOIN superseded_versions AS s ON s.file_id = v.file_id AND s.line = v.line;
COMMENT ON VIEW crisis_events IS 'Crisis-type services received by residents of the territory, whoever delivered them: the current version of each event_id, that is crisis_event_versions without superseded_versions.';
COMMENT ON COLUMN crisis_events.event_id IS 'Identifier in the source system, stable across re-exports.';
COMMENT ON COLUMN crisis_events.event_date IS 'Day of the event (local date).';
COMMENT ON COLUMN crisis_events.neighbourhood IS 'Neighbourhood of residence of the person (neighbourhoods.code).';
COMMENT ON COLUMN crisis_events.service IS 'crisis_intervention, crisis_line, ed_psychosocial, police_mental_health or other.';
COMMENT ON COLUMN crisis_events.person_key IS 'Keyed pseudonym of the person (HMAC-SHA-256, its 32 bytes; shown as lower(hex(person_key))), NULL when not identified.';
COMMENT ON COLUMN crisis_events.status IS 'active or cancelled.';
COMMENT ON COLUMN crisis_events.exported_at IS 'When the source system produced this version.';
COMMENT ON COLUMN crisis_events.file_id IS 'File this version came from (ingest_manifest.file_id).';
COMMENT ON COLUMN crisis_events.line IS 'Line of that file where the row starts.';
