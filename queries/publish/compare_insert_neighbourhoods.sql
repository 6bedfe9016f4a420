-- name: CompareInsertNeighbourhoods :exec
-- A snapshot's neighbourhoods, codes qualified by its centre. %[1]s is its quoted alias.
INSERT INTO cmp.main.neighbourhoods
SELECT $centre_id, $centre_id || ':' || code, $centre_name || ' — ' || name, $centre_id || ':' || territory, outreach_start
FROM %[1]s.main.neighbourhoods ORDER BY code
