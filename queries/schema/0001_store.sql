-- 0001: the store of received data: reference tables, every version of every
-- record, the current version of each record, and the ingest manifest.

CREATE SEQUENCE load_id_seq START 1;
CREATE SEQUENCE file_id_seq START 1;

CREATE TABLE loads (
    load_id         BIGINT PRIMARY KEY,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    program_version VARCHAR NOT NULL
);
COMMENT ON TABLE loads IS 'One row per ingest run (a call of proximite ingest or a scheduled pull).';
COMMENT ON COLUMN loads.load_id IS 'Identifier of the ingest run.';
COMMENT ON COLUMN loads.started_at IS 'When the run started.';
COMMENT ON COLUMN loads.finished_at IS 'When the run finished; NULL while running or if it was interrupted.';
COMMENT ON COLUMN loads.program_version IS 'Version of proximite that ran the load.';

CREATE TABLE ingest_manifest (
    file_id        BIGINT PRIMARY KEY,
    load_id        BIGINT NOT NULL,
    file_name      VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    encoding       VARCHAR,
    delimiter      VARCHAR,
    rows_read      BIGINT NOT NULL,
    rows_loaded    BIGINT NOT NULL,
    rows_rejected  BIGINT NOT NULL,
    values_warned  BIGINT NOT NULL,
    status         VARCHAR NOT NULL,
    reason         VARCHAR,
    started_at     TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE ingest_manifest IS 'One row per export file received: what it was, what was detected and what was loaded. A file whose SHA-256 is already here is skipped, so loading the same file twice changes nothing.';
COMMENT ON COLUMN ingest_manifest.file_id IS 'Identifier of the received file; versions tables point to it.';
COMMENT ON COLUMN ingest_manifest.load_id IS 'Ingest run that received the file (loads.load_id).';
COMMENT ON COLUMN ingest_manifest.file_name IS 'Base name of the file as received.';
COMMENT ON COLUMN ingest_manifest.sha256 IS 'SHA-256 of the file bytes, hex.';
COMMENT ON COLUMN ingest_manifest.kind IS 'Export kind from the file name: activities, attendance, crisis_events, neighbourhoods, population or partners.';
COMMENT ON COLUMN ingest_manifest.encoding IS 'Encoding detected: utf-8, utf-8-bom or windows-1252.';
COMMENT ON COLUMN ingest_manifest.delimiter IS 'Field delimiter detected: , or ;.';
COMMENT ON COLUMN ingest_manifest.rows_read IS 'Data rows read (header excluded).';
COMMENT ON COLUMN ingest_manifest.rows_loaded IS 'Rows stored as versions.';
COMMENT ON COLUMN ingest_manifest.rows_rejected IS 'Rows rejected; see rejected_rows.';
COMMENT ON COLUMN ingest_manifest.values_warned IS 'Optional values read as empty because invalid; see ingest_warnings.';
COMMENT ON COLUMN ingest_manifest.status IS 'loaded, or rejected (the whole file: nothing from it was stored).';
COMMENT ON COLUMN ingest_manifest.reason IS 'Why the whole file was rejected (reason code and position), NULL when loaded.';
COMMENT ON COLUMN ingest_manifest.started_at IS 'When reading the file began.';
COMMENT ON COLUMN ingest_manifest.finished_at IS 'When the file was committed.';

CREATE TABLE rejected_rows (
    file_id     BIGINT NOT NULL,
    line        BIGINT NOT NULL,
    column_no   INTEGER,
    column_name VARCHAR,
    reason      VARCHAR NOT NULL
);
COMMENT ON TABLE rejected_rows IS 'Rows refused at ingest, with where and why. Never holds the refused value itself (it may be an identifier).';
COMMENT ON COLUMN rejected_rows.file_id IS 'File the row came from (ingest_manifest.file_id).';
COMMENT ON COLUMN rejected_rows.line IS 'Line of the file where the row starts (the header is line 1).';
COMMENT ON COLUMN rejected_rows.column_no IS '1-based position of the offending field, NULL when the whole row is at fault.';
COMMENT ON COLUMN rejected_rows.column_name IS 'Name of the offending column.';
COMMENT ON COLUMN rejected_rows.reason IS 'Reason code, e.g. missing_value, invalid_date, unknown_neighbourhood.';

CREATE TABLE ingest_warnings (
    file_id     BIGINT NOT NULL,
    column_name VARCHAR NOT NULL,
    values_read_as_empty BIGINT NOT NULL
);
COMMENT ON TABLE ingest_warnings IS 'Per file and column, how many optional values were invalid and read as empty (the row itself was kept), and unknown columns ignored (count 0).';
COMMENT ON COLUMN ingest_warnings.file_id IS 'File (ingest_manifest.file_id).';
COMMENT ON COLUMN ingest_warnings.column_name IS 'Column concerned.';
COMMENT ON COLUMN ingest_warnings.values_read_as_empty IS 'Number of values read as empty; 0 for an unknown column that was ignored.';
