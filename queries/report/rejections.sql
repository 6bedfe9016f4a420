-- name: ReportRejections :many
SELECT reason, count(*) FROM rejected_rows GROUP BY reason ORDER BY count(*) DESC, reason;
