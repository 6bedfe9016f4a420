-- name: AsOfCrisisEventVersions :exec
-- Crisis event versions exported before the cutoff about days up to the
-- end of the as-of month.
INSERT INTO work.main.crisis_event_versions
SELECT * FROM crisis_event_versions
WHERE exported_at < $cutoff AND event_date <= $month_end
ORDER BY file_id, line
