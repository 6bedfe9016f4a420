-- name: ReportNeighbourhoods :many
SELECT code, name, territory, outreach_start FROM neighbourhoods
WHERE $territory IS NULL OR territory = $territory
ORDER BY territory, name, code;
