-- 0016: compute keeps, between computations, the latest day of each
-- neighbourhood and month of the freshness indicators (catalogue rollup
-- latest), as it keeps the monthly sums and distinct things (0015): a new
-- month reads that month's records only, instead of every record, to know
-- the latest day up to each period's end.

CREATE TABLE compute_month_latest (
    indicator     VARCHAR NOT NULL,
    neighbourhood VARCHAR,
    month_start   DATE NOT NULL,
    last_date     DATE NOT NULL
);
COMMENT ON TABLE compute_month_latest IS 'The latest day of the facts of each freshness indicator (catalogue rollup latest) per neighbourhood and month, from which compute gives every area and period the days since the latest day up to its end. Rewritten for the months a computation recomputes (every month when full). Internal to compute.';
COMMENT ON COLUMN compute_month_latest.indicator IS 'Indicator id (indicators.id).';
COMMENT ON COLUMN compute_month_latest.neighbourhood IS 'Neighbourhood code of the records (as in the record tables).';
COMMENT ON COLUMN compute_month_latest.month_start IS 'First day of the month of the records.';
COMMENT ON COLUMN compute_month_latest.last_date IS 'The latest day of the month with a fact (a record that counts).';
