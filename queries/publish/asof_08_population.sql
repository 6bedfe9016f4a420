-- name: AsOfPopulation :exec
INSERT INTO work.main.population SELECT * FROM population ORDER BY file_id, line
