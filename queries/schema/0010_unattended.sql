-- 0010: what unattended operation needs to be state-based and exactly-once:
-- the files each report run wrote, the months held by the data-quality gate
-- (and their release), the Message-ID of each e-mailed delivery, and the
-- reason a remote source last failed.

CREATE TABLE report_outputs (
    month       DATE NOT NULL,
    territory   VARCHAR NOT NULL,
    path        VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    written_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (month, territory, path)
);
COMMENT ON TABLE report_outputs IS 'The PDF files the last report run of each month and territory wrote; deliveries send exactly these files (never whatever else lies in the folder).';
COMMENT ON COLUMN report_outputs.month IS 'First day of the month the report covers.';
COMMENT ON COLUMN report_outputs.territory IS 'Territory the report covers.';
COMMENT ON COLUMN report_outputs.path IS 'Path of the PDF file written.';
COMMENT ON COLUMN report_outputs.sha256 IS 'SHA-256 of the file as written, hex.';
COMMENT ON COLUMN report_outputs.written_at IS 'When the report run wrote the file.';

CREATE TABLE held_months (
    month          DATE PRIMARY KEY,
    reason         VARCHAR NOT NULL,
    held_at        TIMESTAMPTZ NOT NULL,
    released_at    TIMESTAMPTZ,
    release_reason VARCHAR
);
COMMENT ON TABLE held_months IS 'Months whose reports the data-quality gate held back, and their release by a person (proximite release).';
COMMENT ON COLUMN held_months.month IS 'First day of the month held.';
COMMENT ON COLUMN held_months.reason IS 'Why the month was held (the outreach neighbourhoods with no activity).';
COMMENT ON COLUMN held_months.held_at IS 'When the gate first held the month.';
COMMENT ON COLUMN held_months.released_at IS 'When a person released the month for delivery; NULL while held.';
COMMENT ON COLUMN held_months.release_reason IS 'The reason the person gave for the release; NULL while held.';

ALTER TABLE deliveries ADD COLUMN message_id VARCHAR;
COMMENT ON COLUMN deliveries.message_id IS 'Message-ID of the e-mail (stable per month, recipient and file set, so a resent copy is recognisable); NULL for other channels.';

ALTER TABLE source_state ADD COLUMN error VARCHAR;
COMMENT ON COLUMN source_state.error IS 'Why the last fetch failed; NULL when it did not.';
