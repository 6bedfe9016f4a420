-- name: ReleaseMonth :one
UPDATE held_months
SET released_at = $released_at, release_reason = $release_reason
WHERE month = $month AND released_at IS NULL
RETURNING month;
