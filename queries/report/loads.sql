-- name: ReportLoads :many
-- The latest ingest runs with what they loaded and rejected.
SELECT l.load_id, l.started_at,
       coalesce(sum(m.rows_loaded), 0), coalesce(sum(m.rows_rejected), 0),
       count(*) FILTER (WHERE m.status = 'rejected')
FROM loads l
JOIN ingest_manifest m USING (load_id)
GROUP BY l.load_id, l.started_at
ORDER BY l.load_id DESC
LIMIT 6;
