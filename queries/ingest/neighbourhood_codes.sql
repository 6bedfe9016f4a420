-- name: NeighbourhoodCodes :many
SELECT code FROM neighbourhoods ORDER BY code;
