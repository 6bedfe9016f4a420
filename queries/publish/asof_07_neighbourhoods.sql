-- name: AsOfNeighbourhoods :exec
-- Reference tables are replaced whole on reload: only the current one exists.
INSERT INTO work.main.neighbourhoods SELECT * FROM neighbourhoods ORDER BY file_id, line
