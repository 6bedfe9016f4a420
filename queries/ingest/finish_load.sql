-- name: FinishLoad :exec
UPDATE loads SET finished_at = $finished_at WHERE load_id = $load_id;
