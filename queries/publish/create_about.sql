-- name: CreateAbout :exec
-- What the snapshot is, as key/value rows (written in a fixed order).
CREATE TABLE snap.main.about (key VARCHAR NOT NULL, value VARCHAR NOT NULL);
COMMENT ON TABLE snap.main.about IS 'What this snapshot is, one row per fact: centre, as-of month, cutoff of the exports, key fingerprint, recipient and level, program and DuckDB versions, and the configuration the indicators were computed with.';
COMMENT ON COLUMN snap.main.about.key IS 'Name of the fact (see the codebook).';
COMMENT ON COLUMN snap.main.about.value IS 'Its value, as text.';
CREATE TABLE snap.main.input_files (file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, kind VARCHAR NOT NULL);
COMMENT ON TABLE snap.main.input_files IS 'The export files the records of this snapshot came from, with their SHA-256: the snapshot can be rebuilt from them.';
COMMENT ON COLUMN snap.main.input_files.file_name IS 'Base name of the export file as received.';
COMMENT ON COLUMN snap.main.input_files.sha256 IS 'SHA-256 of the file bytes, hex.';
COMMENT ON COLUMN snap.main.input_files.kind IS 'Export kind: activities, attendance, crisis_events, neighbourhoods, population or partners.';
CREATE TABLE snap.main.codebook (part INTEGER NOT NULL, markdown VARCHAR NOT NULL);
COMMENT ON TABLE snap.main.codebook IS 'The codebook of this snapshot (the same text as the codebook file beside it), in Markdown, in parts cut at line ends: SELECT string_agg(markdown, '''' ORDER BY part) FROM codebook gives the whole text.';
COMMENT ON COLUMN snap.main.codebook.part IS 'Order of the part, from 1.';
COMMENT ON COLUMN snap.main.codebook.markdown IS 'A part of the codebook: whole lines, under 4000 bytes.'
