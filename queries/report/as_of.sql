-- name: ReportAsOf :one
-- The data as-of instant: the latest exported_at among the records, so the
-- same data give the same report whenever they were loaded.
SELECT max(t) FROM (
    SELECT max(exported_at) AS t FROM activities
    UNION ALL SELECT max(exported_at) FROM crisis_events
    UNION ALL SELECT max(exported_at) FROM attendance
);
