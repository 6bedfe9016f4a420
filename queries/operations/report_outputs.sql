-- name: ReportOutputs :many
SELECT month, territory, path, sha256, written_at
FROM report_outputs
WHERE month = $month
ORDER BY territory, path;
