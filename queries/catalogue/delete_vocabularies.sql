-- name: DeleteVocabularies :exec
DELETE FROM vocabularies
