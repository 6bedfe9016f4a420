-- name: HoldMonth :exec
INSERT INTO held_months (month, reason, held_at)
VALUES ($month, $reason, $held_at)
ON CONFLICT (month) DO NOTHING;
