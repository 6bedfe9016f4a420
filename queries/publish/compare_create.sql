-- name: CompareCreate :exec
-- The comparison store: the snapshots of several centres side by side,
-- every area code qualified by its centre (centre_id:code).
CREATE TABLE cmp.main.centres (centre_id VARCHAR NOT NULL, centre_name VARCHAR NOT NULL, as_of VARCHAR NOT NULL,
    key_fingerprint VARCHAR NOT NULL, program_version VARCHAR NOT NULL, snapshot VARCHAR NOT NULL);
COMMENT ON TABLE cmp.main.centres IS 'One row per centre compared: the snapshot it came from and what it is.';
COMMENT ON COLUMN cmp.main.centres.centre_id IS 'Centre id (centre.id of its configuration); qualifies its area codes.';
COMMENT ON COLUMN cmp.main.centres.centre_name IS 'Centre name.';
COMMENT ON COLUMN cmp.main.centres.as_of IS 'As-of month of its snapshot (YYYY-MM); all centres compared share it.';
COMMENT ON COLUMN cmp.main.centres.key_fingerprint IS 'Fingerprint of its pseudonymization key: person_key values of two centres with different fingerprints are unrelated.';
COMMENT ON COLUMN cmp.main.centres.program_version IS 'Version of proximite that wrote its snapshot.';
COMMENT ON COLUMN cmp.main.centres.snapshot IS 'Base name of the snapshot file.';
CREATE TABLE cmp.main.neighbourhoods (centre_id VARCHAR NOT NULL, code VARCHAR NOT NULL, name VARCHAR NOT NULL,
    territory VARCHAR NOT NULL, outreach_start DATE);
COMMENT ON TABLE cmp.main.neighbourhoods IS 'Neighbourhoods of every centre compared.';
COMMENT ON COLUMN cmp.main.neighbourhoods.centre_id IS 'Centre the neighbourhood belongs to.';
COMMENT ON COLUMN cmp.main.neighbourhoods.code IS 'Neighbourhood code qualified by its centre: centre_id:code.';
COMMENT ON COLUMN cmp.main.neighbourhoods.name IS 'Centre name and neighbourhood name.';
COMMENT ON COLUMN cmp.main.neighbourhoods.territory IS 'Territory qualified by its centre: centre_id:territory.';
COMMENT ON COLUMN cmp.main.neighbourhoods.outreach_start IS 'Date outreach began there; NULL = comparison neighbourhood.';
CREATE TABLE cmp.main.indicator_values (centre_id VARCHAR NOT NULL, indicator VARCHAR NOT NULL, breakdown VARCHAR NOT NULL,
    area_level VARCHAR NOT NULL, area_code VARCHAR NOT NULL, period_type VARCHAR NOT NULL, period_start DATE NOT NULL,
    period_end DATE NOT NULL, numerator DOUBLE, denominator DOUBLE, value DOUBLE, ci_low DOUBLE, ci_high DOUBLE,
    provisional BOOLEAN NOT NULL, unstable BOOLEAN NOT NULL, flagged BOOLEAN NOT NULL);
COMMENT ON TABLE cmp.main.indicator_values IS 'The indicator values of every centre compared, exact (unsuppressed): suppress before publication.';
COMMENT ON COLUMN cmp.main.indicator_values.centre_id IS 'Centre the value comes from.';
COMMENT ON COLUMN cmp.main.indicator_values.indicator IS 'Indicator id (see the codebook of the snapshots).';
COMMENT ON COLUMN cmp.main.indicator_values.breakdown IS 'Breakdown cell, empty for the total.';
COMMENT ON COLUMN cmp.main.indicator_values.area_level IS 'neighbourhood, territory, group or all (of its centre).';
COMMENT ON COLUMN cmp.main.indicator_values.area_code IS 'Area code qualified by its centre: centre_id:code.';
COMMENT ON COLUMN cmp.main.indicator_values.period_type IS 'month, quarter, fiscal_year or rolling_12m.';
COMMENT ON COLUMN cmp.main.indicator_values.period_start IS 'First day of the period.';
COMMENT ON COLUMN cmp.main.indicator_values.period_end IS 'Last day of the period.';
COMMENT ON COLUMN cmp.main.indicator_values.numerator IS 'Numerator, exact.';
COMMENT ON COLUMN cmp.main.indicator_values.denominator IS 'Denominator, exact; NULL for a count.';
COMMENT ON COLUMN cmp.main.indicator_values.value IS 'Value in the indicator''s unit.';
COMMENT ON COLUMN cmp.main.indicator_values.ci_low IS 'Lower bound of the 95% interval, when there is one.';
COMMENT ON COLUMN cmp.main.indicator_values.ci_high IS 'Upper bound of the 95% interval, when there is one.';
COMMENT ON COLUMN cmp.main.indicator_values.provisional IS 'The period includes a provisional month of its centre.';
COMMENT ON COLUMN cmp.main.indicator_values.unstable IS 'A rate on a numerator under 10: interpret with caution.';
COMMENT ON COLUMN cmp.main.indicator_values.flagged IS 'Outlier against the area''s own history.';
CREATE TABLE cmp.main.crisis_its (centre_id VARCHAR NOT NULL, area_level VARCHAR NOT NULL, area_code VARCHAR NOT NULL,
    model VARCHAR NOT NULL, placebo BOOLEAN NOT NULL, status VARCHAR NOT NULL, reason VARCHAR, inference VARCHAR,
    clusters INTEGER, t_df INTEGER, level_rr DOUBLE, level_ci_low DOUBLE, level_ci_high DOUBLE, level_p DOUBLE);
COMMENT ON TABLE cmp.main.crisis_its IS 'The crisis models of every centre compared (its crisis_its table), level change only; area codes qualified by centre.';
COMMENT ON COLUMN cmp.main.crisis_its.centre_id IS 'Centre the model was fitted for, on its own data.';
COMMENT ON COLUMN cmp.main.crisis_its.area_level IS 'neighbourhood, territory, group or all (of its centre).';
COMMENT ON COLUMN cmp.main.crisis_its.area_code IS 'Area code qualified by its centre: centre_id:code.';
COMMENT ON COLUMN cmp.main.crisis_its.model IS 'its (one neighbourhood''s own series) or pooled (staggered starts, one model over the outreach neighbourhoods of the area).';
COMMENT ON COLUMN cmp.main.crisis_its.placebo IS 'A placebo fit (comparison neighbourhoods or a false start): not an effect of outreach.';
COMMENT ON COLUMN cmp.main.crisis_its.status IS 'fitted, or why not (refused, failed).';
COMMENT ON COLUMN cmp.main.crisis_its.reason IS 'Why the model was not fitted.';
COMMENT ON COLUMN cmp.main.crisis_its.inference IS 'How the interval was computed: quasi_poisson or cluster_t (cluster-robust by neighbourhood).';
COMMENT ON COLUMN cmp.main.crisis_its.clusters IS 'Outreach neighbourhoods in the model.';
COMMENT ON COLUMN cmp.main.crisis_its.t_df IS 'Degrees of freedom of the cluster-robust t interval.';
COMMENT ON COLUMN cmp.main.crisis_its.level_rr IS 'Level change at the start of outreach as a rate ratio, exp(beta2).';
COMMENT ON COLUMN cmp.main.crisis_its.level_ci_low IS 'Lower bound of its 95% interval.';
COMMENT ON COLUMN cmp.main.crisis_its.level_ci_high IS 'Upper bound of its 95% interval.';
COMMENT ON COLUMN cmp.main.crisis_its.level_p IS 'p-value of the level change.'
