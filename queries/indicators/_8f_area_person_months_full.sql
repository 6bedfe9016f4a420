-- Scratch view (dropped once the indicators are written) of a full
-- computation: every row of the scratch table apm_full (see
-- _8c_area_person_months.sql), what the reach and group indicators read;
-- the same rows as compute_area_person_months, which an incremental
-- computation reads instead (_8f_area_person_months_scratch.sql), without
-- reading them back from the store.
CREATE OR REPLACE TEMP VIEW area_person_months AS
SELECT area_id, mi, sessions, next_mi, la_code, nts_code, next_s, g
FROM apm_full
