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

-- The persons' months per area, with what the reach and group indicators
-- need of their other months (see queries/indicators/_8c_area_person_months.sql),
-- kept so that a new month updates the persons it meets instead of
-- re-reading a year of contacts.
CREATE TABLE compute_area_person_months (
    area_id   INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    mi        INTEGER NOT NULL,
    sessions  INTEGER,
    next_mi   INTEGER,
    la_code   INTEGER,
    nts_code  INTEGER,
    next_s    INTEGER,
    m1        INTEGER,
    g         INTEGER
);
COMMENT ON TABLE compute_area_person_months IS 'One row per area, person and month in which the person was reached in the area (contacts), with values computed over the person''s whole history in the area. A full computation rewrites it; an incremental one rewrites the months from the first recomputed month of the persons met in a recomputed month, and the next months of their rows before. Internal to compute.';
COMMENT ON COLUMN compute_area_person_months.area_id IS 'Number of the area in the order of (area_level, area_code) of the areas table (stable while the reference data is).';
COMMENT ON COLUMN compute_area_person_months.person_id IS 'The person (compute_persons.person_id).';
COMMENT ON COLUMN compute_area_person_months.mi IS 'Month index: year × 12 + month − 1.';
COMMENT ON COLUMN compute_area_person_months.sessions IS 'Group sessions attended in the month in the area (0: only met alone).';
COMMENT ON COLUMN compute_area_person_months.next_mi IS 'The person''s next month in the area (NULL: none).';
COMMENT ON COLUMN compute_area_person_months.la_code IS 'month index × 2 + value of the latest known lives_alone up to this month (NULL: never known so far).';
COMMENT ON COLUMN compute_area_person_months.nts_code IS 'month index × 2 + value of the latest known new_to_services up to this month (NULL: never known so far).';
COMMENT ON COLUMN compute_area_person_months.next_s IS 'The person''s next month with sessions in the area (NULL: none).';
COMMENT ON COLUMN compute_area_person_months.m1 IS 'The person''s previous month with sessions in the area (NULL: none).';
COMMENT ON COLUMN compute_area_person_months.g IS 'For a month with sessions, the latest month from which the sessions up to this month number 3 or more (NULL: fewer than 3 so far, or no sessions this month).';
