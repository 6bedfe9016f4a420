-- name: DataStamp :one
-- The latest export time among the records kept: it stamps the computation
-- and the snapshot, so the same data give the same bytes.
SELECT greatest(
    (SELECT max(exported_at) FROM activity_versions),
    (SELECT max(exported_at) FROM attendance_versions),
    (SELECT max(exported_at) FROM crisis_event_versions))
