-- name: ReportedMonths :many
-- Each month with report files, and when its newest file was written.
SELECT month, max(written_at)
FROM report_outputs
GROUP BY month
ORDER BY month;
