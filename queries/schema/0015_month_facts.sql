-- 0015: compute keeps, between computations, the monthly sums of the count
-- and ratio indicators (compute_month_sums) and the monthly distinct things
-- of the distinct-count indicators (compute_month_distinct), per
-- neighbourhood. A computation rewrites the months it recomputes (every
-- month when full) from the records, then rolls up every period it writes
-- from these tables: a new month reads that month's records only, instead
-- of every record of the twelve months the periods holding it span.

CREATE TABLE compute_month_sums (
    indicator     VARCHAR NOT NULL,
    neighbourhood VARCHAR,
    month_start   DATE NOT NULL,
    cell          VARCHAR,
    num           HUGEINT,
    den           HUGEINT
);
COMMENT ON TABLE compute_month_sums IS 'Sums of the facts of each count and ratio indicator (catalogue rollup sum) per neighbourhood, month and breakdown code, which compute rolls up into every area and period. Rewritten for the months a computation recomputes (every month when full). Internal to compute.';
COMMENT ON COLUMN compute_month_sums.indicator IS 'Indicator id (indicators.id).';
COMMENT ON COLUMN compute_month_sums.neighbourhood IS 'Neighbourhood code of the records (as in the record tables).';
COMMENT ON COLUMN compute_month_sums.month_start IS 'First day of the month of the records.';
COMMENT ON COLUMN compute_month_sums.cell IS 'Breakdown code of the facts (NULL: facts without one).';
COMMENT ON COLUMN compute_month_sums.num IS 'Sum of the facts'' numerators (integers, so that a sum of sums does not depend on their order).';
COMMENT ON COLUMN compute_month_sums.den IS 'Sum of the facts'' denominators (NULL for a count).';

CREATE TABLE compute_month_distinct (
    indicator     VARCHAR NOT NULL,
    neighbourhood VARCHAR,
    month_start   DATE NOT NULL,
    x             VARCHAR
);
COMMENT ON TABLE compute_month_distinct IS 'The distinct things each distinct-count indicator (catalogue rollup distinct) counts, per neighbourhood and month, which compute counts once over every area and period. Rewritten for the months a computation recomputes (every month when full). Internal to compute.';
COMMENT ON COLUMN compute_month_distinct.indicator IS 'Indicator id (indicators.id).';
COMMENT ON COLUMN compute_month_distinct.neighbourhood IS 'Neighbourhood code of the records (as in the record tables).';
COMMENT ON COLUMN compute_month_distinct.month_start IS 'First day of the month of the records.';
COMMENT ON COLUMN compute_month_distinct.x IS 'The thing counted (a partner id, a sector...), once per neighbourhood and month.';
