-- name: TouchedMonths :many
-- Months a computation must rewrite because of the files received after
-- file $watermark: the months of their versions and of every other version
-- of the records they carry (the version a re-export replaces may sit in
-- another month, or neighbourhood). An attendance row touches the month of
-- its session, in every version of the activity. Read from the versions
-- tables, which every current record comes from. The versions are found by
-- file_id > $watermark too, a constant the scans compare with each row
-- group's range of file ids, so that they skip the older files' rows.
WITH news AS (
    SELECT file_id FROM ingest_manifest WHERE file_id > $watermark
),
activity_ids AS (
    SELECT activity_id FROM activity_versions WHERE file_id > $watermark AND file_id IN (SELECT file_id FROM news)
    UNION
    SELECT activity_id FROM attendance_versions WHERE file_id > $watermark AND file_id IN (SELECT file_id FROM news)
),
event_ids AS (
    SELECT event_id FROM crisis_event_versions WHERE file_id > $watermark AND file_id IN (SELECT file_id FROM news)
)
SELECT date_trunc('month', activity_date)::DATE AS month_start
FROM activity_versions WHERE activity_id IN (SELECT activity_id FROM activity_ids)
UNION
SELECT date_trunc('month', event_date)::DATE
FROM crisis_event_versions WHERE event_id IN (SELECT event_id FROM event_ids)
ORDER BY 1
