-- Reference data are replaced whole on reload: keep only this file's rows,
-- and of a key given twice in it, the last line.
DELETE FROM neighbourhoods
WHERE file_id <> $file_id
   OR line NOT IN (SELECT max(line) FROM neighbourhoods WHERE file_id = $file_id GROUP BY code);
