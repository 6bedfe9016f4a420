-- Scratch view (dropped once the indicators are written) of a full
-- computation: every row of compute_area_person_months, just rewritten (see
-- _8c_area_person_months.sql), what the reach and group indicators read;
-- an incremental computation reads only its rows from the first period
-- it rewrites on (_8f_area_person_months_scratch.sql), through a filter a
-- full one need not pay for.
CREATE OR REPLACE TEMP VIEW area_person_months AS
SELECT area_id, mi, sessions, next_mi, la_code, nts_code, next_s, g
FROM compute_area_person_months
