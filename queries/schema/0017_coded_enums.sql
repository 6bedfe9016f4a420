-- 0017: the coded columns of the record versions (kind, setting,
-- initiated_by, sex, group_format, referral_to, status, service) become
-- ENUM types of the contract's codes. A code is then one byte in the store
-- instead of a string: ingest appends it without a call into DuckDB per
-- value and without compressing strings (measured on twelve months of the
-- scale-10 fixture, 2026-12-04: ingest 9.9 s against 12.2 s wall, 16.5 s
-- against 20.7 s CPU, median of three runs each), the store is smaller,
-- and R and Python read the columns as factors / categoricals.
--
-- Each type lists the codes of the export contract (the reader rejects any
-- other value) in alphabetical order, so that ORDER BY on a coded column
-- sorts as it did on the strings. A code added to the contract needs a
-- migration that widens its type; TestCodedColumnsAreContractEnums fails
-- until there is one. Queries written for the strings keep working:
-- DuckDB compares a coded column with any string (one that is not a code
-- matches no row) and casts it to text where text is expected.
--
-- The views of the current versions are created again so that they show the
-- new types (DuckDB keeps a view's column types from when it was created),
-- with the comments of 0013, which CREATE OR REPLACE drops.

CREATE TYPE activity_kind AS ENUM ('clinical_support', 'collective', 'group', 'individual', 'organizational');
CREATE TYPE activity_setting AS ENUM ('clsc', 'commercial', 'community_facility', 'home', 'partner_premises', 'phone', 'public_space', 'virtual');
CREATE TYPE activity_initiator AS ENUM ('family', 'neighbour', 'other', 'partner', 'self', 'worker');
CREATE TYPE person_sex AS ENUM ('F', 'M', 'U', 'X');
CREATE TYPE group_format AS ENUM ('closed', 'event', 'open');
CREATE TYPE referral_service AS ENUM ('addiction', 'employment', 'food_security', 'home_care', 'housing', 'legal', 'medical', 'mental_health', 'other', 'youth_protection');
CREATE TYPE record_status AS ENUM ('active', 'cancelled');
CREATE TYPE crisis_service AS ENUM ('crisis_intervention', 'crisis_line', 'ed_psychosocial', 'other', 'police_mental_health');

ALTER TABLE activity_versions ALTER COLUMN kind SET DATA TYPE activity_kind;
ALTER TABLE activity_versions ALTER COLUMN setting SET DATA TYPE activity_setting;
ALTER TABLE activity_versions ALTER COLUMN initiated_by SET DATA TYPE activity_initiator;
ALTER TABLE activity_versions ALTER COLUMN sex SET DATA TYPE person_sex;
ALTER TABLE activity_versions ALTER COLUMN group_format SET DATA TYPE group_format;
ALTER TABLE activity_versions ALTER COLUMN referral_to SET DATA TYPE referral_service;
ALTER TABLE activity_versions ALTER COLUMN status SET DATA TYPE record_status;
ALTER TABLE attendance_versions ALTER COLUMN sex SET DATA TYPE person_sex;
ALTER TABLE attendance_versions ALTER COLUMN status SET DATA TYPE record_status;
ALTER TABLE crisis_event_versions ALTER COLUMN service SET DATA TYPE crisis_service;
ALTER TABLE crisis_event_versions ALTER COLUMN status SET DATA TYPE record_status;

CREATE OR REPLACE VIEW activities AS
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

CREATE OR REPLACE VIEW attendance AS
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

CREATE OR REPLACE VIEW crisis_events AS
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
