-- 0008: honest statistics (issue 11).
--
-- The effect of an aggregate (territory, outreach group, all) is no longer a
-- single series with one interruption at the earliest start, which counted
-- later starters as "before" and hid the effect: it is one model over the
-- area's outreach neighbourhoods, each switching at its own start (model =
-- 'pooled'). Cluster-robust inference uses a t reference on clusters − 1
-- degrees of freedom. Periods cut by the start of the data are marked
-- incomplete, and every revision names its load.

ALTER TABLE crisis_its ADD COLUMN model VARCHAR DEFAULT 'its';
ALTER TABLE crisis_its ADD COLUMN inference VARCHAR DEFAULT 'quasi_poisson';
ALTER TABLE crisis_its ADD COLUMN clusters INTEGER DEFAULT 1;
ALTER TABLE crisis_its ADD COLUMN t_df INTEGER;
COMMENT ON TABLE crisis_its IS 'Crisis-event models. model = its: interrupted time series of one outreach neighbourhood (quasi-Poisson segmented regression, offset log person-time, provisional months left out), or the placebo test of a comparison neighbourhood (see placebo). model = pooled: the effect of a territory (its outreach neighbourhoods), of the outreach group or of all (area_code all): one quasi-Poisson model over the neighbourhoods'' monthly series with neighbourhood fixed effects, a common month trend, and the level and slope-change terms switching on at each neighbourhood''s own outreach start; for the comparison group, the same pooled model as a placebo (each comparison neighbourhood at its placebo start).';
COMMENT ON COLUMN crisis_its.model IS 'its (one neighbourhood''s series) or pooled (several neighbourhoods, staggered starts, neighbourhood fixed effects).';
COMMENT ON COLUMN crisis_its.inference IS 'How the intervals and p-values were computed: quasi_poisson (model standard error × √φ, normal-quantile interval, t-test p on the residual df) or cluster_t (cluster-robust by neighbourhood, statsmodels'' small-sample factor, Student t on clusters − 1 df; pooled models with at least 3 neighbourhoods).';
COMMENT ON COLUMN crisis_its.clusters IS 'Neighbourhoods in the model (1 for model its).';
COMMENT ON COLUMN crisis_its.t_df IS 'Degrees of freedom of the t distribution behind level_p and slope_p (and the interval when inference = cluster_t); NULL when refused.';
COMMENT ON COLUMN crisis_its.area_level IS 'neighbourhood (model its, placebo included), or territory, group or all (model pooled).';
COMMENT ON COLUMN crisis_its.outreach_start IS 'Month of outreach start (t0); for a pooled model the earliest of its neighbourhoods (each enters at its own); for a placebo the placebo t0.';
COMMENT ON COLUMN crisis_its.months_before IS 'Months in the fit before t0; for a pooled model neighbourhood-months before each one''s own start, summed.';
COMMENT ON COLUMN crisis_its.months_after IS 'Months in the fit from t0 on; for a pooled model neighbourhood-months from each one''s own start, summed.';
COMMENT ON COLUMN crisis_its.level_rr IS 'Level change: rate ratio exp(β2) at the (own) outreach start.';
COMMENT ON COLUMN crisis_its.phi IS 'Quasi-Poisson dispersion φ = Pearson χ² ÷ residual degrees of freedom.';
COMMENT ON COLUMN crisis_its_series.area_level IS 'As crisis_its.area_level; for a pooled model the observed, fitted and counterfactual counts are summed over its neighbourhoods.';

ALTER TABLE crisis_did ADD COLUMN cluster_df INTEGER;
COMMENT ON COLUMN crisis_did.cluster_ci_low IS 'Lower 95% bound of ratio with a cluster-robust (by neighbourhood) standard error and Student t on cluster_df degrees of freedom; NULL when refused.';
COMMENT ON COLUMN crisis_did.cluster_ci_high IS 'Upper 95% bound of ratio with a cluster-robust (by neighbourhood) standard error and Student t on cluster_df degrees of freedom; NULL when refused.';
COMMENT ON COLUMN crisis_did.cluster_p IS 'Two-sided p-value with the cluster-robust standard error, Student t on cluster_df degrees of freedom; NULL when refused.';
COMMENT ON COLUMN crisis_did.cluster_df IS 'Neighbourhoods in the model − 1: degrees of freedom of the cluster-robust t reference.';

ALTER TABLE area_periods ADD COLUMN complete BOOLEAN DEFAULT true;
COMMENT ON COLUMN area_periods.complete IS 'Every month of the period is in the calendar (false for a quarter, fiscal year or rolling window cut by the first month of data or by the as-of month).';
COMMENT ON COLUMN area_periods.months IS 'Months of the calendar the period covers (fewer than its length when complete is false).';
COMMENT ON COLUMN area_periods.provisional IS 'The period covers a provisional month, ends after the as-of month or is incomplete.';

COMMENT ON COLUMN indicator_values.provisional IS 'The period includes one of the last provisional_months months, ends after the as-of month, or is incomplete (area_periods.complete = false: a quarter, fiscal year or rolling window cut by the first month of data; area_periods.months gives the months it covers): later loads may still change it, and the value covers fewer months than the period''s length.';

UPDATE indicator_revisions r SET load_id = (
    SELECT max(l.load_id) FROM loads l WHERE coalesce(l.finished_at, l.started_at) <= r.detected_at)
WHERE r.load_id IS NULL;
UPDATE indicator_revisions SET load_id = (SELECT min(load_id) FROM loads) WHERE load_id IS NULL;
COMMENT ON COLUMN indicator_revisions.load_id IS 'Load whose data caused the change (loads.load_id): the load given to compute, else the latest load when it ran; never NULL (rows recorded before 0008 got the latest load finished at detected_at).';
ALTER TABLE indicator_revisions ALTER COLUMN load_id SET NOT NULL;
