SELECT coalesce(etag, ''), coalesce(last_modified, '') FROM source_state WHERE source = $source;
