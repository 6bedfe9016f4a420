-- 0012: the catalogue declares how each indicator is computed and which
-- small cells are suppressed, and the closed lists of codes (vocabularies)
-- that the exports, the breakdowns and the labels share. Both are written
-- from internal/catalogue on every compute, like the rest of the catalogue.

ALTER TABLE indicators ADD COLUMN shape VARCHAR;
ALTER TABLE indicators ADD COLUMN rollup VARCHAR;
ALTER TABLE indicators ADD COLUMN unit_code VARCHAR;
ALTER TABLE indicators ADD COLUMN additive BOOLEAN;
ALTER TABLE indicators ADD COLUMN suppressible BOOLEAN;
ALTER TABLE indicators ADD COLUMN numerator_of VARCHAR;
ALTER TABLE indicators ADD COLUMN breakdown_vocabulary VARCHAR;
COMMENT ON COLUMN indicators.shape IS 'How the indicator is computed: count (a sum over records), ratio (100 × numerator ÷ denominator of record counts), person_count (distinct persons, or a rate or share of them) or custom.';
COMMENT ON COLUMN indicators.rollup IS 'Which shared query of queries/indicators completes the indicator''s own: sum (records summed by month, area and period), distinct (counted once per area and period), emit (the indicator computes its sums per area and period), latest (days since the latest record), rate (per 1,000 of the population), or empty (its own query computes every row).';
COMMENT ON COLUMN indicators.unit_code IS 'Machine form of the unit: count, pct, per_1000, per_1000_alone, per_1000_py, ratio, hours, days or zscore.';
COMMENT ON COLUMN indicators.additive IS 'An area''s value is the sum of its neighbourhoods'' values (events, activities, hours), unlike de-duplicated persons and ratios.';
COMMENT ON COLUMN indicators.suppressible IS 'Small cells are suppressed in reports and exports: the indicator counts persons or events about persons, or is derived from such counts. False for partners, sectors, joint actions, hours, days and data-quality counts.';
COMMENT ON COLUMN indicators.numerator_of IS 'For a rate, the id of the count indicator that is its numerator (hidden whenever that count is); NULL otherwise.';
COMMENT ON COLUMN indicators.breakdown_vocabulary IS 'The vocabulary (table vocabularies) whose codes are the breakdown cells; NULL when there is no breakdown or the cells come from the data.';

CREATE TABLE vocabularies (
    vocabulary VARCHAR NOT NULL,
    position   INTEGER NOT NULL,
    code       VARCHAR NOT NULL,
    label_fr   VARCHAR NOT NULL,
    label_en   VARCHAR NOT NULL,
    PRIMARY KEY (vocabulary, code)
);
COMMENT ON TABLE vocabularies IS 'Closed lists of codes of the export contract and of the indicator breakdowns, with labels (written from internal/catalogue on every compute).';
COMMENT ON COLUMN vocabularies.vocabulary IS 'Name of the list, e.g. activity_kind, group_format, referral_service, crisis_service, partner_sector.';
COMMENT ON COLUMN vocabularies.position IS 'Order of the code in its list (1 first), the order reports print breakdowns in.';
COMMENT ON COLUMN vocabularies.code IS 'The code as it appears in the exports and in indicator_values.breakdown after the = sign.';
COMMENT ON COLUMN vocabularies.label_fr IS 'Label in French.';
COMMENT ON COLUMN vocabularies.label_en IS 'Label in English.';
