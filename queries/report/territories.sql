-- name: ReportTerritories :many
SELECT DISTINCT territory FROM neighbourhoods ORDER BY territory;
