-- name: FillPersons :exec
-- Number the persons reached, in pseudonym order, so that the shared tables
-- group and join on integers rather than on 64-character pseudonyms.
INSERT INTO persons
SELECT row_number() OVER (ORDER BY person_key)::INTEGER, person_key
FROM (
    SELECT person_key FROM activities
    WHERE status = 'active' AND kind = 'individual' AND person_key IS NOT NULL
    UNION
    SELECT person_key FROM attendance
    WHERE status = 'active' AND person_key IS NOT NULL
)
