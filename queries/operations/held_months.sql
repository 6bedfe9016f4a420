-- name: HeldMonths :many
SELECT month, reason, held_at, released_at, coalesce(release_reason, '')
FROM held_months
ORDER BY month;
