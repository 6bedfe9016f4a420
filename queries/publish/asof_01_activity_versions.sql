-- name: AsOfActivityVersions :exec
-- The activity versions exported before the cutoff about days up to the
-- end of the as-of month, in the order received.
INSERT INTO work.main.activity_versions
SELECT * FROM activity_versions
WHERE exported_at < $cutoff AND activity_date <= $month_end
ORDER BY file_id, line
