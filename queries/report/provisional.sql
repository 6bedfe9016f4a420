-- name: ReportProvisional :many
SELECT month_start FROM months WHERE provisional ORDER BY month_start;
