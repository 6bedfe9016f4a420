-- 0014: compute recomputes only what the loads since the last computation
-- touched. It records what each computation covered (compute_runs), keeps
-- the persons it numbered between computations (compute_persons), so that
-- contacts, rewritten month by month, keep one number per person.

CREATE TABLE compute_runs (
    run_id         BIGINT PRIMARY KEY,
    mode           VARCHAR NOT NULL,
    reason         VARCHAR NOT NULL,
    file_watermark BIGINT NOT NULL,
    load_watermark BIGINT NOT NULL,
    as_of          DATE NOT NULL,
    first_month    DATE NOT NULL,
    options_hash   VARCHAR NOT NULL,
    reference_hash VARCHAR NOT NULL,
    program_hash   VARCHAR NOT NULL,
    dirty_months   VARCHAR NOT NULL,
    computed_at    TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE compute_runs IS 'One row per committed computation of indicator_values: what it covered, so that the next one recomputes only the months loads touched since, or everything when that is not safe. A cancelled computation leaves no row.';
COMMENT ON COLUMN compute_runs.run_id IS 'Number of the computation, in order.';
COMMENT ON COLUMN compute_runs.mode IS 'full (every month recomputed) or incremental (only dirty_months and the periods that contain or follow them).';
COMMENT ON COLUMN compute_runs.reason IS 'Why the computation was full (first computation, --full, options, reference data, catalogue or schema changed, as-of moved back...); empty when incremental.';
COMMENT ON COLUMN compute_runs.file_watermark IS 'Greatest ingest_manifest.file_id the computation saw (0: none): versions of later files are the next computation''s news.';
COMMENT ON COLUMN compute_runs.load_watermark IS 'Greatest loads.load_id the computation saw (0: none).';
COMMENT ON COLUMN compute_runs.as_of IS 'First day of the as-of month (last month of the calendar).';
COMMENT ON COLUMN compute_runs.first_month IS 'First month of the calendar (months.month_start).';
COMMENT ON COLUMN compute_runs.options_hash IS 'SHA-256 of the compute options (provisional months, ITS and SPC settings): another value forces a full computation.';
COMMENT ON COLUMN compute_runs.reference_hash IS 'MD5 of the content of neighbourhoods, population, partners and vocabularies: another value forces a full computation.';
COMMENT ON COLUMN compute_runs.program_hash IS 'SHA-256 of the indicator SQL, the catalogue, the compute version and the applied schema migrations: another value forces a full computation.';
COMMENT ON COLUMN compute_runs.dirty_months IS 'Months whose records were recomputed, YYYY-MM separated by commas (every calendar month when full).';
COMMENT ON COLUMN compute_runs.computed_at IS 'Stamp of the rows the computation wrote (indicator_values.computed_at).';

-- The pseudonym column copies the type the record tables give person_key;
-- a full computation re-creates the table from them the same way.
CREATE TABLE compute_persons AS
SELECT person_key, 0::INTEGER AS person_id FROM activity_versions WHERE false;
COMMENT ON TABLE compute_persons IS 'Persons reached, numbered by compute: a full computation numbers them in the order of a 64-bit hash of the pseudonym, then the pseudonym; an incremental one numbers the persons it meets for the first time after the greatest number. Internal to compute.';
COMMENT ON COLUMN compute_persons.person_key IS 'Pseudonym of the person (as in the record tables).';
COMMENT ON COLUMN compute_persons.person_id IS 'Number of the person (contacts.person_id).';

COMMENT ON TABLE contacts IS 'Persons reached (individual activities and registered attendance of group activities, active records only), one row per neighbourhood, month and person; a full computation rewrites every month, an incremental one the months loads touched.';
COMMENT ON COLUMN contacts.person_id IS 'The person (compute_persons.person_id): the same number in every neighbourhood and month, across computations until the next full one.';
COMMENT ON COLUMN contacts.lives_alone_key IS 'Recency key of that value: orders by activity date, then exported_at (by rank among the winning export times of the computation that wrote the month), then Y over N, and its lowest bit is the value; NULL when unknown. Compared only within one month; the maximum key wins at every level.';
