-- 0002: the records of the export contract (docs/exports.md).
-- Column order matches internal/exports.Columns.

CREATE TABLE activities (
    activity_id VARCHAR,
    activity_date DATE,
    worker_id VARCHAR,
    neighbourhood VARCHAR,
    kind VARCHAR,
    setting VARCHAR,
    planned BOOLEAN,
    initiated_by VARCHAR,
    duration_min BIGINT,
    person_key VARCHAR,
    new_to_services BOOLEAN,
    lives_alone BOOLEAN,
    birth_year BIGINT,
    sex VARCHAR,
    group_id VARCHAR,
    group_format VARCHAR,
    participants BIGINT,
    partner_id VARCHAR,
    referral_to VARCHAR,
    status VARCHAR,
    exported_at TIMESTAMPTZ,
    file_id BIGINT,
    line BIGINT
);
COMMENT ON TABLE activities IS 'One row per outreach activity: the current version of each activity_id (latest exported_at wins; on a tie the later-loaded file). Cancelled activities stay here with status cancelled and count in no indicator.';
COMMENT ON COLUMN activities.activity_id IS 'Identifier in the source system, stable across re-exports.';
COMMENT ON COLUMN activities.activity_date IS 'Day the activity took place (local date).';
COMMENT ON COLUMN activities.worker_id IS 'Staff code of the outreach worker.';
COMMENT ON COLUMN activities.neighbourhood IS 'Code of the neighbourhood where the activity took place (neighbourhoods.code).';
COMMENT ON COLUMN activities.kind IS 'individual, group, collective, organizational or clinical_support.';
COMMENT ON COLUMN activities.setting IS 'home, public_space, commercial, community_facility, partner_premises (the person''s living environment), clsc, phone or virtual.';
COMMENT ON COLUMN activities.planned IS 'false = without appointment (informal, unplanned).';
COMMENT ON COLUMN activities.initiated_by IS 'Who started the contact: worker (proactive outreach), neighbour, partner, self, family or other.';
COMMENT ON COLUMN activities.duration_min IS 'Minutes spent, 1 to 1440.';
COMMENT ON COLUMN activities.person_key IS 'Keyed pseudonym (HMAC-SHA-256, hex) of the person met, for individual activities; NULL otherwise. The raw client_id is never stored.';
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

CREATE TABLE activity_versions (
    activity_id VARCHAR,
    activity_date DATE,
    worker_id VARCHAR,
    neighbourhood VARCHAR,
    kind VARCHAR,
    setting VARCHAR,
    planned BOOLEAN,
    initiated_by VARCHAR,
    duration_min BIGINT,
    person_key VARCHAR,
    new_to_services BOOLEAN,
    lives_alone BOOLEAN,
    birth_year BIGINT,
    sex VARCHAR,
    group_id VARCHAR,
    group_format VARCHAR,
    participants BIGINT,
    partner_id VARCHAR,
    referral_to VARCHAR,
    status VARCHAR,
    exported_at TIMESTAMPTZ,
    file_id BIGINT,
    line BIGINT
);
COMMENT ON TABLE activity_versions IS 'Every version of activities ever received, including corrected and cancelled ones, in the order received.';
COMMENT ON COLUMN activity_versions.activity_id IS 'Identifier in the source system, stable across re-exports.';
COMMENT ON COLUMN activity_versions.activity_date IS 'Day the activity took place (local date).';
COMMENT ON COLUMN activity_versions.worker_id IS 'Staff code of the outreach worker.';
COMMENT ON COLUMN activity_versions.neighbourhood IS 'Code of the neighbourhood where the activity took place (neighbourhoods.code).';
COMMENT ON COLUMN activity_versions.kind IS 'individual, group, collective, organizational or clinical_support.';
COMMENT ON COLUMN activity_versions.setting IS 'home, public_space, commercial, community_facility, partner_premises (the person''s living environment), clsc, phone or virtual.';
COMMENT ON COLUMN activity_versions.planned IS 'false = without appointment (informal, unplanned).';
COMMENT ON COLUMN activity_versions.initiated_by IS 'Who started the contact: worker (proactive outreach), neighbour, partner, self, family or other.';
COMMENT ON COLUMN activity_versions.duration_min IS 'Minutes spent, 1 to 1440.';
COMMENT ON COLUMN activity_versions.person_key IS 'Keyed pseudonym (HMAC-SHA-256, hex) of the person met, for individual activities; NULL otherwise. The raw client_id is never stored.';
COMMENT ON COLUMN activity_versions.new_to_services IS 'The person had no open file with the CSSS in the previous 24 months; NULL = unknown.';
COMMENT ON COLUMN activity_versions.lives_alone IS 'The person lives alone; NULL = unknown.';
COMMENT ON COLUMN activity_versions.birth_year IS 'Birth year of the person; NULL = unknown.';
COMMENT ON COLUMN activity_versions.sex IS 'F, M, X or U; NULL = unknown.';
COMMENT ON COLUMN activity_versions.group_id IS 'Group or series the session belongs to (group activities).';
COMMENT ON COLUMN activity_versions.group_format IS 'open, closed or event (group activities).';
COMMENT ON COLUMN activity_versions.participants IS 'Everyone present at a group or collective activity, including people who gave no name.';
COMMENT ON COLUMN activity_versions.partner_id IS 'Partner organization involved (partners.partner_id); for an individual activity initiated by a partner, the referring partner.';
COMMENT ON COLUMN activity_versions.referral_to IS 'Specialized service the person was referred to, NULL if none.';
COMMENT ON COLUMN activity_versions.status IS 'active or cancelled.';
COMMENT ON COLUMN activity_versions.exported_at IS 'When the source system produced this version.';
COMMENT ON COLUMN activity_versions.file_id IS 'File this version came from (ingest_manifest.file_id).';
COMMENT ON COLUMN activity_versions.line IS 'Line of that file where the row starts.';

CREATE TABLE attendance (
    activity_id VARCHAR,
    person_key VARCHAR,
    new_to_services BOOLEAN,
    lives_alone BOOLEAN,
    birth_year BIGINT,
    sex VARCHAR,
    status VARCHAR,
    exported_at TIMESTAMPTZ,
    file_id BIGINT,
    line BIGINT
);
COMMENT ON TABLE attendance IS 'Registered participants of group sessions: the current version of each (activity_id, person_key). A row whose activity is not (yet) a known group activity is kept but counts nowhere.';
COMMENT ON COLUMN attendance.activity_id IS 'The group activity (activities.activity_id).';
COMMENT ON COLUMN attendance.person_key IS 'Keyed pseudonym (HMAC-SHA-256, hex) of the participant. The raw client_id is never stored.';
COMMENT ON COLUMN attendance.new_to_services IS 'The participant had no open file with the CSSS in the previous 24 months; NULL = unknown.';
COMMENT ON COLUMN attendance.lives_alone IS 'The participant lives alone; NULL = unknown.';
COMMENT ON COLUMN attendance.birth_year IS 'Birth year; NULL = unknown.';
COMMENT ON COLUMN attendance.sex IS 'F, M, X or U; NULL = unknown.';
COMMENT ON COLUMN attendance.status IS 'active or cancelled.';
COMMENT ON COLUMN attendance.exported_at IS 'When the source system produced this version.';
COMMENT ON COLUMN attendance.file_id IS 'File this version came from (ingest_manifest.file_id).';
COMMENT ON COLUMN attendance.line IS 'Line of that file where the row starts.';

CREATE TABLE attendance_versions (
    activity_id VARCHAR,
    person_key VARCHAR,
    new_to_services BOOLEAN,
    lives_alone BOOLEAN,
    birth_year BIGINT,
    sex VARCHAR,
    status VARCHAR,
    exported_at TIMESTAMPTZ,
    file_id BIGINT,
    line BIGINT
);
COMMENT ON TABLE attendance_versions IS 'Every version of attendance ever received, including corrected and cancelled ones, in the order received.';
COMMENT ON COLUMN attendance_versions.activity_id IS 'The group activity (activities.activity_id).';
COMMENT ON COLUMN attendance_versions.person_key IS 'Keyed pseudonym (HMAC-SHA-256, hex) of the participant. The raw client_id is never stored.';
COMMENT ON COLUMN attendance_versions.new_to_services IS 'The participant had no open file with the CSSS in the previous 24 months; NULL = unknown.';
COMMENT ON COLUMN attendance_versions.lives_alone IS 'The participant lives alone; NULL = unknown.';
COMMENT ON COLUMN attendance_versions.birth_year IS 'Birth year; NULL = unknown.';
COMMENT ON COLUMN attendance_versions.sex IS 'F, M, X or U; NULL = unknown.';
COMMENT ON COLUMN attendance_versions.status IS 'active or cancelled.';
COMMENT ON COLUMN attendance_versions.exported_at IS 'When the source system produced this version.';
COMMENT ON COLUMN attendance_versions.file_id IS 'File this version came from (ingest_manifest.file_id).';
COMMENT ON COLUMN attendance_versions.line IS 'Line of that file where the row starts.';

CREATE TABLE crisis_events (
    event_id VARCHAR,
    event_date DATE,
    neighbourhood VARCHAR,
    service VARCHAR,
    person_key VARCHAR,
    status VARCHAR,
    exported_at TIMESTAMPTZ,
    file_id BIGINT,
    line BIGINT
);
COMMENT ON TABLE crisis_events IS 'Crisis-type services received by residents of the territory, whoever delivered them: the current version of each event_id.';
COMMENT ON COLUMN crisis_events.event_id IS 'Identifier in the source system, stable across re-exports.';
COMMENT ON COLUMN crisis_events.event_date IS 'Day of the event (local date).';
COMMENT ON COLUMN crisis_events.neighbourhood IS 'Neighbourhood of residence of the person (neighbourhoods.code).';
COMMENT ON COLUMN crisis_events.service IS 'crisis_intervention, crisis_line, ed_psychosocial, police_mental_health or other.';
COMMENT ON COLUMN crisis_events.person_key IS 'Keyed pseudonym of the person, NULL when not identified.';
COMMENT ON COLUMN crisis_events.status IS 'active or cancelled.';
COMMENT ON COLUMN crisis_events.exported_at IS 'When the source system produced this version.';
COMMENT ON COLUMN crisis_events.file_id IS 'File this version came from (ingest_manifest.file_id).';
COMMENT ON COLUMN crisis_events.line IS 'Line of that file where the row starts.';

CREATE TABLE crisis_event_versions (
    event_id VARCHAR,
    event_date DATE,
    neighbourhood VARCHAR,
    service VARCHAR,
    person_key VARCHAR,
    status VARCHAR,
    exported_at TIMESTAMPTZ,
    file_id BIGINT,
    line BIGINT
);
COMMENT ON TABLE crisis_event_versions IS 'Every version of crisis_events ever received, including corrected and cancelled ones, in the order received.';
COMMENT ON COLUMN crisis_event_versions.event_id IS 'Identifier in the source system, stable across re-exports.';
COMMENT ON COLUMN crisis_event_versions.event_date IS 'Day of the event (local date).';
COMMENT ON COLUMN crisis_event_versions.neighbourhood IS 'Neighbourhood of residence of the person (neighbourhoods.code).';
COMMENT ON COLUMN crisis_event_versions.service IS 'crisis_intervention, crisis_line, ed_psychosocial, police_mental_health or other.';
COMMENT ON COLUMN crisis_event_versions.person_key IS 'Keyed pseudonym of the person, NULL when not identified.';
COMMENT ON COLUMN crisis_event_versions.status IS 'active or cancelled.';
COMMENT ON COLUMN crisis_event_versions.exported_at IS 'When the source system produced this version.';
COMMENT ON COLUMN crisis_event_versions.file_id IS 'File this version came from (ingest_manifest.file_id).';
COMMENT ON COLUMN crisis_event_versions.line IS 'Line of that file where the row starts.';

CREATE TABLE neighbourhoods (
    code VARCHAR,
    name VARCHAR,
    territory VARCHAR,
    outreach_start DATE,
    file_id BIGINT,
    line BIGINT
);
COMMENT ON TABLE neighbourhoods IS 'Neighbourhoods of the territories (replaced whole on each reload).';
COMMENT ON COLUMN neighbourhoods.code IS 'Short stable code.';
COMMENT ON COLUMN neighbourhoods.name IS 'Display name, accents kept.';
COMMENT ON COLUMN neighbourhoods.territory IS 'CLSC/CSSS territory the neighbourhood belongs to.';
COMMENT ON COLUMN neighbourhoods.outreach_start IS 'Date outreach began there; NULL = comparison neighbourhood without outreach.';
COMMENT ON COLUMN neighbourhoods.file_id IS 'File this version came from (ingest_manifest.file_id).';
COMMENT ON COLUMN neighbourhoods.line IS 'Line of that file where the row starts.';

CREATE TABLE population (
    neighbourhood VARCHAR,
    year BIGINT,
    population BIGINT,
    living_alone BIGINT,
    low_income BIGINT,
    age_65_plus BIGINT,
    social_deprivation_quintile BIGINT,
    material_deprivation_quintile BIGINT,
    file_id BIGINT,
    line BIGINT
);
COMMENT ON TABLE population IS 'Population profile by neighbourhood and census year; a profile applies from its year until the next profile year (replaced whole on each reload).';
COMMENT ON COLUMN population.neighbourhood IS 'Neighbourhood code.';
COMMENT ON COLUMN population.year IS 'Profile year.';
COMMENT ON COLUMN population.population IS 'Residents.';
COMMENT ON COLUMN population.living_alone IS 'Residents aged 15 and over living alone.';
COMMENT ON COLUMN population.low_income IS 'Residents below the low-income measure; NULL = unknown.';
COMMENT ON COLUMN population.age_65_plus IS 'Residents aged 65 and over; NULL = unknown.';
COMMENT ON COLUMN population.social_deprivation_quintile IS '1 (least) to 5 (most) socially deprived; NULL = unknown.';
COMMENT ON COLUMN population.material_deprivation_quintile IS '1 (least) to 5 (most) materially deprived; NULL = unknown.';
COMMENT ON COLUMN population.file_id IS 'File this version came from (ingest_manifest.file_id).';
COMMENT ON COLUMN population.line IS 'Line of that file where the row starts.';

CREATE TABLE partners (
    partner_id VARCHAR,
    name VARCHAR,
    sector VARCHAR,
    file_id BIGINT,
    line BIGINT
);
COMMENT ON TABLE partners IS 'Partner organizations (replaced whole on each reload).';
COMMENT ON COLUMN partners.partner_id IS 'Code.';
COMMENT ON COLUMN partners.name IS 'Name.';
COMMENT ON COLUMN partners.sector IS 'community, school, municipal, medical, institutional, housing, police or other.';
COMMENT ON COLUMN partners.file_id IS 'File this version came from (ingest_manifest.file_id).';
COMMENT ON COLUMN partners.line IS 'Line of that file where the row starts.';
