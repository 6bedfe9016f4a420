-- name: LatestSnapshot :one
SELECT path FROM snapshots WHERE recipient = ''
ORDER BY month DESC, created_at DESC LIMIT 1;
