-- 0004: what the scheduled server did: job runs, report deliveries,
-- published snapshots and the state of each remote source (conditional GET).

CREATE SEQUENCE job_run_id_seq START 1;
CREATE SEQUENCE delivery_id_seq START 1;

CREATE TABLE job_runs (
    run_id        BIGINT PRIMARY KEY,
    job           VARCHAR NOT NULL,
    trigger       VARCHAR NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    status        VARCHAR NOT NULL,
    error         VARCHAR,
    rows          BIGINT NOT NULL DEFAULT 0,
    files         BIGINT NOT NULL DEFAULT 0,
    detail        VARCHAR
);
COMMENT ON TABLE job_runs IS 'One row per run of a job of proximite serve (pull, compute, report, publish, deliver): when, how it ended and what it touched.';
COMMENT ON COLUMN job_runs.run_id IS 'Identifier of the run.';
COMMENT ON COLUMN job_runs.job IS 'Job name as declared in config.yaml (pull, compute, report, publish, deliver).';
COMMENT ON COLUMN job_runs.trigger IS 'What started the run: schedule, catch_up (a monthly run missed while the server was down) or after:<job> (chained after a run of that job that changed something).';
COMMENT ON COLUMN job_runs.started_at IS 'When the run started.';
COMMENT ON COLUMN job_runs.finished_at IS 'When the run ended; NULL while running.';
COMMENT ON COLUMN job_runs.status IS 'running, ok, failed, panicked, or interrupted (the server stopped or died during the run; nothing half-written was kept).';
COMMENT ON COLUMN job_runs.error IS 'Error message of a failed, panicked or interrupted run; NULL otherwise.';
COMMENT ON COLUMN job_runs.rows IS 'Rows the run loaded or wrote (0 when not applicable).';
COMMENT ON COLUMN job_runs.files IS 'Files the run took, wrote or sent.';
COMMENT ON COLUMN job_runs.detail IS 'Short human-readable summary of the run.';

CREATE TABLE deliveries (
    delivery_id   BIGINT PRIMARY KEY,
    month         DATE NOT NULL,
    recipient     VARCHAR NOT NULL,
    channel       VARCHAR NOT NULL,
    file_name     VARCHAR NOT NULL,
    attempt       INTEGER NOT NULL,
    attempted_at  TIMESTAMPTZ NOT NULL,
    status        VARCHAR NOT NULL,
    error         VARCHAR,
    next_attempt_at TIMESTAMPTZ
);
COMMENT ON TABLE deliveries IS 'Ledger of every attempt to deliver a monthly report to a recipient: one row per attempt, failures included.';
COMMENT ON COLUMN deliveries.delivery_id IS 'Identifier of the attempt.';
COMMENT ON COLUMN deliveries.month IS 'First day of the month the report covers.';
COMMENT ON COLUMN deliveries.recipient IS 'Recipient name as declared in config.yaml.';
COMMENT ON COLUMN deliveries.channel IS 'folder (copied to the recipient folder), email (sent by SMTP) or manager (the data-quality gate held the month back and the manager was told).';
COMMENT ON COLUMN deliveries.file_name IS 'Base name of the PDF delivered (or held back).';
COMMENT ON COLUMN deliveries.attempt IS 'Attempt number for this month, recipient and channel, from 1.';
COMMENT ON COLUMN deliveries.attempted_at IS 'When the attempt was made.';
COMMENT ON COLUMN deliveries.status IS 'sent, failed (will be retried at next_attempt_at), gave_up (no retry left) or held (not sent: the month failed the data-quality gate).';
COMMENT ON COLUMN deliveries.error IS 'Why the attempt failed or the month was held; NULL when sent.';
COMMENT ON COLUMN deliveries.next_attempt_at IS 'Earliest time of the next attempt after a failure (exponential back-off); NULL otherwise.';

CREATE TABLE snapshots (
    month        DATE NOT NULL,
    recipient    VARCHAR NOT NULL,
    path         VARCHAR NOT NULL,
    sha256       VARCHAR NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (month, recipient)
);
COMMENT ON TABLE snapshots IS 'Read-only research snapshots written by proximite publish, one per month and recipient (the latest write wins).';
COMMENT ON COLUMN snapshots.month IS 'First day of the month the snapshot is as of.';
COMMENT ON COLUMN snapshots.recipient IS 'Recipient whose pseudonyms the snapshot was re-keyed for; empty when the store''s own pseudonyms are kept.';
COMMENT ON COLUMN snapshots.path IS 'Path of the snapshot file.';
COMMENT ON COLUMN snapshots.sha256 IS 'SHA-256 of the snapshot file, hex.';
COMMENT ON COLUMN snapshots.created_at IS 'When the snapshot was written.';

CREATE TABLE source_state (
    source        VARCHAR PRIMARY KEY,
    etag          VARCHAR,
    last_modified VARCHAR,
    checked_at    TIMESTAMPTZ NOT NULL,
    status        VARCHAR NOT NULL
);
COMMENT ON TABLE source_state IS 'Per remote (HTTP) source, what the last fetch saw, for conditional GET (If-None-Match, If-Modified-Since).';
COMMENT ON COLUMN source_state.source IS 'Source URL as declared in config.yaml.';
COMMENT ON COLUMN source_state.etag IS 'ETag header of the last 200 response; NULL if none.';
COMMENT ON COLUMN source_state.last_modified IS 'Last-Modified header of the last 200 response, verbatim; NULL if none.';
COMMENT ON COLUMN source_state.checked_at IS 'When the source was last fetched.';
COMMENT ON COLUMN source_state.status IS 'Outcome of the last fetch: fetched, not_modified or failed.';
