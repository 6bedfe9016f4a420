-- 0005: placebo interrupted time series for the comparison neighbourhoods,
-- and the cluster-robust interval of the difference in differences.
--
-- A comparison neighbourhood has no outreach, so an interruption placed at
-- the date outreach began nearby should show no change. If it does, the drop
-- seen in the outreach neighbourhoods may be a change common to the whole
-- territory (a secular trend, a new service, a coding change), not outreach.

ALTER TABLE crisis_its ADD COLUMN placebo BOOLEAN DEFAULT false;
COMMENT ON TABLE crisis_its IS 'Interrupted time series of monthly crisis events (quasi-Poisson segmented regression, offset log person-time, provisional months left out), per outreach neighbourhood, per territory (its outreach neighbourhoods) and for the outreach group; and a placebo test per comparison neighbourhood (see placebo).';
COMMENT ON COLUMN crisis_its.placebo IS 'Placebo test of a comparison neighbourhood (no outreach): the same model with t0 = the earliest outreach start of the outreach neighbourhoods of its territory (of the whole store when its territory has none). Its level change should include 1; a drop there too means the change seen elsewhere may not be due to outreach.';
COMMENT ON COLUMN crisis_its.outreach_start IS 'Month of outreach start (t0); for an aggregate the earliest of its neighbourhoods; for a placebo the placebo t0 (see placebo).';
COMMENT ON COLUMN crisis_its.area_level IS 'neighbourhood, territory or group (placebo rows: neighbourhood).';
COMMENT ON COLUMN crisis_its_series.counterfactual IS 'Expected count had outreach not started (post terms set to 0); for a placebo, had nothing changed at the placebo t0. NULL when refused.';

ALTER TABLE crisis_did ADD COLUMN cluster_ci_low DOUBLE;
ALTER TABLE crisis_did ADD COLUMN cluster_ci_high DOUBLE;
ALTER TABLE crisis_did ADD COLUMN cluster_p DOUBLE;
COMMENT ON COLUMN crisis_did.ci_low IS 'Lower 95% bound of ratio, quasi-Poisson (model standard error × √φ).';
COMMENT ON COLUMN crisis_did.ci_high IS 'Upper 95% bound of ratio, quasi-Poisson (model standard error × √φ).';
COMMENT ON COLUMN crisis_did.p IS 'Two-sided p-value, quasi-Poisson (t distribution on the residual degrees of freedom).';
COMMENT ON COLUMN crisis_did.cluster_ci_low IS 'Lower 95% bound of ratio with a cluster-robust (by neighbourhood) standard error; NULL when refused.';
COMMENT ON COLUMN crisis_did.cluster_ci_high IS 'Upper 95% bound of ratio with a cluster-robust (by neighbourhood) standard error; NULL when refused.';
COMMENT ON COLUMN crisis_did.cluster_p IS 'Two-sided p-value with the cluster-robust standard error (normal distribution); NULL when refused.';
