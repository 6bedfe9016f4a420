-- name: DeleteIndicators :exec
DELETE FROM indicators
