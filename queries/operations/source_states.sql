-- name: SourceStates :many
SELECT source, coalesce(etag, ''), coalesce(last_modified, ''), checked_at, status, coalesce(error, '')
FROM source_state
ORDER BY source;
