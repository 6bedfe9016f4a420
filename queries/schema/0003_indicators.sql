-- 0003: the indicator engine: the catalogue, the calendar and areas the
-- computation runs on, the dense table of indicator values, the crisis
-- models (ITS, DiD), the SPC points, and what reports published with the
-- revisions later loads made to it.

CREATE TABLE indicators (
    indicator      VARCHAR PRIMARY KEY,
    section        INTEGER NOT NULL,
    title_fr       VARCHAR NOT NULL,
    title_en       VARCHAR NOT NULL,
    definition_fr  VARCHAR NOT NULL,
    definition_en  VARCHAR NOT NULL,
    numerator_fr   VARCHAR NOT NULL,
    numerator_en   VARCHAR NOT NULL,
    denominator_fr VARCHAR,
    denominator_en VARCHAR,
    unit_fr        VARCHAR NOT NULL,
    unit_en        VARCHAR NOT NULL,
    direction      VARCHAR NOT NULL,
    breakdowns     VARCHAR NOT NULL,
    period_types   VARCHAR NOT NULL,
    area_levels    VARCHAR NOT NULL
);
COMMENT ON TABLE indicators IS 'The indicator catalogue (written from internal/catalogue on every compute, so definitions and numbers never drift).';
COMMENT ON COLUMN indicators.indicator IS 'Indicator id (snake_case), as in indicator_values.indicator.';
COMMENT ON COLUMN indicators.section IS 'Section of the catalogue: 1 reach, 2 practice, 3 groups, 4 partners, 5 clinical support, 6 crisis, 8 data quality.';
COMMENT ON COLUMN indicators.title_fr IS 'Title in French.';
COMMENT ON COLUMN indicators.title_en IS 'Title in English.';
COMMENT ON COLUMN indicators.definition_fr IS 'Definition in French.';
COMMENT ON COLUMN indicators.definition_en IS 'Definition in English.';
COMMENT ON COLUMN indicators.numerator_fr IS 'What the numerator counts, in French.';
COMMENT ON COLUMN indicators.numerator_en IS 'What the numerator counts, in English.';
COMMENT ON COLUMN indicators.denominator_fr IS 'What the denominator counts, in French; NULL for a count.';
COMMENT ON COLUMN indicators.denominator_en IS 'What the denominator counts, in English; NULL for a count.';
COMMENT ON COLUMN indicators.unit_fr IS 'Unit of value, in French.';
COMMENT ON COLUMN indicators.unit_en IS 'Unit of value, in English.';
COMMENT ON COLUMN indicators.direction IS 'Direction that means improvement: up, down or none.';
COMMENT ON COLUMN indicators.breakdowns IS 'Comma-separated dimensions the indicator is split by besides the total (empty when none).';
COMMENT ON COLUMN indicators.period_types IS 'Comma-separated period types the indicator is computed for.';
COMMENT ON COLUMN indicators.area_levels IS 'Comma-separated area levels the indicator is computed for.';

CREATE TABLE areas (
    area_level    VARCHAR NOT NULL,
    area_code     VARCHAR NOT NULL,
    neighbourhood VARCHAR NOT NULL
);
COMMENT ON TABLE areas IS 'Which neighbourhoods make up each area, rebuilt by compute: each neighbourhood alone, each territory, the outreach and comparison groups, and all.';
COMMENT ON COLUMN areas.area_level IS 'neighbourhood, territory, group or all.';
COMMENT ON COLUMN areas.area_code IS 'Neighbourhood code, territory name, outreach or comparison (group), or all.';
COMMENT ON COLUMN areas.neighbourhood IS 'A neighbourhood code belonging to the area.';

CREATE TABLE months (
    month_start DATE PRIMARY KEY,
    month_end   DATE NOT NULL,
    days        INTEGER NOT NULL,
    provisional BOOLEAN NOT NULL
);
COMMENT ON TABLE months IS 'Calendar of the last compute: every month from the first month with any record to the as-of month.';
COMMENT ON COLUMN months.month_start IS 'First day of the month.';
COMMENT ON COLUMN months.month_end IS 'Last day of the month.';
COMMENT ON COLUMN months.days IS 'Number of days in the month.';
COMMENT ON COLUMN months.provisional IS 'The month is one of the last provisional_months months before the as-of date (included).';

CREATE TABLE periods (
    period_type  VARCHAR NOT NULL,
    period_start DATE NOT NULL,
    period_end   DATE NOT NULL,
    month_start  DATE NOT NULL
);
COMMENT ON TABLE periods IS 'Which calendar months make up each period of the last compute. Only months of the months calendar are listed, so a period cut by the first month of data or the as-of month covers fewer months than its length.';
COMMENT ON COLUMN periods.period_type IS 'month, quarter, fiscal_year (April to March) or rolling_12m (12 months ending with the month).';
COMMENT ON COLUMN periods.period_start IS 'First day of the period.';
COMMENT ON COLUMN periods.period_end IS 'Last day of the period (inclusive).';
COMMENT ON COLUMN periods.month_start IS 'A month (months.month_start) belonging to the period.';

CREATE TABLE neighbourhood_months (
    neighbourhood VARCHAR NOT NULL,
    month_start   DATE NOT NULL,
    population    BIGINT,
    living_alone  BIGINT,
    person_days   BIGINT NOT NULL,
    person_years  DOUBLE NOT NULL
);
COMMENT ON TABLE neighbourhood_months IS 'Population applicable to each neighbourhood and month of the calendar: the latest profile whose year is not after the month''s year (the earliest profile for earlier years).';
COMMENT ON COLUMN neighbourhood_months.neighbourhood IS 'Neighbourhood code.';
COMMENT ON COLUMN neighbourhood_months.month_start IS 'Month (months.month_start).';
COMMENT ON COLUMN neighbourhood_months.population IS 'Residents; NULL when the neighbourhood has no profile.';
COMMENT ON COLUMN neighbourhood_months.living_alone IS 'Residents aged 15 and over living alone; NULL when no profile.';
COMMENT ON COLUMN neighbourhood_months.person_days IS 'Population × days of the month (0 without a profile): an exact integer, so sums do not depend on the order of addition.';
COMMENT ON COLUMN neighbourhood_months.person_years IS 'Person-time of the month: population × days ÷ 365.25 (0 without a profile).';

CREATE TABLE area_periods (
    area_level   VARCHAR NOT NULL,
    area_code    VARCHAR NOT NULL,
    period_type  VARCHAR NOT NULL,
    period_start DATE NOT NULL,
    period_end   DATE NOT NULL,
    months       INTEGER NOT NULL,
    population   BIGINT,
    living_alone BIGINT,
    person_years DOUBLE NOT NULL,
    provisional  BOOLEAN NOT NULL
);
COMMENT ON TABLE area_periods IS 'The grid every indicator is computed on (areas × periods of the last compute) with its denominators.';
COMMENT ON COLUMN area_periods.area_level IS 'Area level.';
COMMENT ON COLUMN area_periods.area_code IS 'Area code.';
COMMENT ON COLUMN area_periods.period_type IS 'Period type.';
COMMENT ON COLUMN area_periods.period_start IS 'First day of the period.';
COMMENT ON COLUMN area_periods.period_end IS 'Last day of the period (inclusive).';
COMMENT ON COLUMN area_periods.months IS 'Months of the calendar the period covers.';
COMMENT ON COLUMN area_periods.population IS 'Sum over the area''s neighbourhoods of the population of the profile applicable to the year the period starts; NULL when none has a profile.';
COMMENT ON COLUMN area_periods.living_alone IS 'Same for residents living alone.';
COMMENT ON COLUMN area_periods.person_years IS 'Person-time: sum over the covered months of population × days ÷ 365.25 (day by day, each day with the profile of its year).';
COMMENT ON COLUMN area_periods.provisional IS 'The period covers a provisional month or ends after the as-of month.';

CREATE TABLE contacts (
    neighbourhood   VARCHAR NOT NULL,
    month_start     DATE NOT NULL,
    person_key      VARCHAR NOT NULL,
    first_date      DATE NOT NULL,
    last_date       DATE NOT NULL,
    lives_alone     BOOLEAN,
    lives_alone_key HUGEINT,
    new_to_services BOOLEAN,
    new_key         HUGEINT
);
COMMENT ON TABLE contacts IS 'Persons reached (individual activities and registered attendance of group activities, active records only), one row per neighbourhood, month and pseudonym, rebuilt by compute.';
COMMENT ON COLUMN contacts.neighbourhood IS 'Neighbourhood of the activity.';
COMMENT ON COLUMN contacts.month_start IS 'Month of the activity.';
COMMENT ON COLUMN contacts.person_key IS 'Pseudonym of the person.';
COMMENT ON COLUMN contacts.first_date IS 'Earliest contact date of the person in the neighbourhood and month.';
COMMENT ON COLUMN contacts.last_date IS 'Latest contact date of the person in the neighbourhood and month.';
COMMENT ON COLUMN contacts.lives_alone IS 'Most recent non-empty lives_alone of the person in the neighbourhood and month.';
COMMENT ON COLUMN contacts.lives_alone_key IS 'Recency key of that value (activity date, then exported_at, then Y over N); NULL when unknown. The maximum key wins at every level.';
COMMENT ON COLUMN contacts.new_to_services IS 'Most recent non-empty new_to_services, as lives_alone.';
COMMENT ON COLUMN contacts.new_key IS 'Recency key of new_to_services, as lives_alone_key.';

CREATE TABLE reach_counts (
    area_level      VARCHAR NOT NULL,
    area_code       VARCHAR NOT NULL,
    period_type     VARCHAR NOT NULL,
    period_start    DATE NOT NULL,
    persons         BIGINT NOT NULL,
    lives_alone_known BIGINT NOT NULL,
    lives_alone_yes BIGINT NOT NULL,
    new_known       BIGINT NOT NULL,
    new_yes         BIGINT NOT NULL
);
COMMENT ON TABLE reach_counts IS 'Distinct persons reached per area and period (de-duplicated over the area''s neighbourhoods), with their attributes by the latest non-empty rule; rebuilt by compute and read by the reach indicators.';
COMMENT ON COLUMN reach_counts.area_level IS 'Area level.';
COMMENT ON COLUMN reach_counts.area_code IS 'Area code.';
COMMENT ON COLUMN reach_counts.period_type IS 'Period type.';
COMMENT ON COLUMN reach_counts.period_start IS 'First day of the period.';
COMMENT ON COLUMN reach_counts.persons IS 'Distinct persons reached.';
COMMENT ON COLUMN reach_counts.lives_alone_known IS 'Of them, persons whose lives_alone is known.';
COMMENT ON COLUMN reach_counts.lives_alone_yes IS 'Of them, persons living alone.';
COMMENT ON COLUMN reach_counts.new_known IS 'Persons whose new_to_services is known.';
COMMENT ON COLUMN reach_counts.new_yes IS 'Persons new to services.';

CREATE TABLE indicator_values (
    indicator    VARCHAR NOT NULL,
    breakdown    VARCHAR NOT NULL,
    area_level   VARCHAR NOT NULL,
    area_code    VARCHAR NOT NULL,
    period_type  VARCHAR NOT NULL,
    period_start DATE NOT NULL,
    period_end   DATE NOT NULL,
    numerator    DOUBLE,
    denominator  DOUBLE,
    value        DOUBLE,
    ci_low       DOUBLE,
    ci_high      DOUBLE,
    provisional  BOOLEAN NOT NULL,
    computed_at  TIMESTAMPTZ NOT NULL,
    unstable     BOOLEAN NOT NULL DEFAULT false,
    flagged      BOOLEAN NOT NULL DEFAULT false
);
COMMENT ON TABLE indicator_values IS 'One row per indicator × breakdown × area × period, dense from the first month of data to the as-of month: a count with nothing to count is 0, a ratio whose denominator is 0 has a NULL value (never NaN nor infinity). Exact values: suppression applies when they leave the team.';
COMMENT ON COLUMN indicator_values.indicator IS 'Indicator id (indicators.indicator).';
COMMENT ON COLUMN indicator_values.breakdown IS 'Breakdown cell as dimension=value (e.g. kind=group); empty for the total.';
COMMENT ON COLUMN indicator_values.area_level IS 'neighbourhood, territory, group or all (areas.area_level).';
COMMENT ON COLUMN indicator_values.area_code IS 'Area code (areas.area_code).';
COMMENT ON COLUMN indicator_values.period_type IS 'month, quarter, fiscal_year or rolling_12m.';
COMMENT ON COLUMN indicator_values.period_start IS 'First day of the period.';
COMMENT ON COLUMN indicator_values.period_end IS 'Last day of the period (inclusive).';
COMMENT ON COLUMN indicator_values.numerator IS 'Numerator, or the count itself for a count indicator.';
COMMENT ON COLUMN indicator_values.denominator IS 'Denominator (population, person-years, persons with the attribute known...); NULL for a count.';
COMMENT ON COLUMN indicator_values.value IS 'Value in the indicator''s unit; percentages on a 0–100 scale; NULL when the denominator is 0 or the value is undefined.';
COMMENT ON COLUMN indicator_values.ci_low IS 'Lower bound of the 95% confidence interval, when the indicator has one.';
COMMENT ON COLUMN indicator_values.ci_high IS 'Upper bound of the 95% confidence interval, when the indicator has one.';
COMMENT ON COLUMN indicator_values.provisional IS 'The period includes one of the last provisional_months months, or ends after the as-of month: later loads may still change it.';
COMMENT ON COLUMN indicator_values.computed_at IS 'Time of the computation (the load time given to compute, not the wall clock), the same for every row of a run.';
COMMENT ON COLUMN indicator_values.unstable IS 'A rate or ratio whose numerator is under 10: interpret with caution.';
COMMENT ON COLUMN indicator_values.flagged IS 'Data-quality signal: an outlier (modified z-score above 3.5) or a gap.';

CREATE TABLE crisis_its (
    area_level      VARCHAR NOT NULL,
    area_code       VARCHAR NOT NULL,
    status          VARCHAR NOT NULL,
    reason          VARCHAR,
    outreach_start  DATE,
    months_before   INTEGER NOT NULL,
    months_after    INTEGER NOT NULL,
    seasonal        BOOLEAN NOT NULL,
    slope_change    BOOLEAN NOT NULL,
    level_rr        DOUBLE,
    level_ci_low    DOUBLE,
    level_ci_high   DOUBLE,
    level_p         DOUBLE,
    slope_rr_year   DOUBLE,
    slope_ci_low    DOUBLE,
    slope_ci_high   DOUBLE,
    slope_p         DOUBLE,
    pretrend_rr_year DOUBLE,
    phi             DOUBLE,
    computed_at     TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE crisis_its IS 'Interrupted time series of monthly crisis events (quasi-Poisson segmented regression, offset log person-time, provisional months left out), per outreach neighbourhood, per territory (its outreach neighbourhoods) and for the outreach group.';
COMMENT ON COLUMN crisis_its.area_level IS 'neighbourhood, territory or group.';
COMMENT ON COLUMN crisis_its.area_code IS 'Area code.';
COMMENT ON COLUMN crisis_its.status IS 'fitted, or refused (see reason).';
COMMENT ON COLUMN crisis_its.reason IS 'Why the model was refused (e.g. fewer than 12 months on one side); NULL when fitted.';
COMMENT ON COLUMN crisis_its.outreach_start IS 'Month of outreach start (t0); for an aggregate the earliest of its neighbourhoods.';
COMMENT ON COLUMN crisis_its.months_before IS 'Months in the fit before t0.';
COMMENT ON COLUMN crisis_its.months_after IS 'Months in the fit from t0 on.';
COMMENT ON COLUMN crisis_its.seasonal IS 'Fourier seasonal terms (k = 1, 2) were included.';
COMMENT ON COLUMN crisis_its.slope_change IS 'The slope-change term was included (false = level-only model).';
COMMENT ON COLUMN crisis_its.level_rr IS 'Level change: rate ratio exp(β2).';
COMMENT ON COLUMN crisis_its.level_ci_low IS 'Lower 95% bound of level_rr.';
COMMENT ON COLUMN crisis_its.level_ci_high IS 'Upper 95% bound of level_rr.';
COMMENT ON COLUMN crisis_its.level_p IS 'Two-sided p-value of β2.';
COMMENT ON COLUMN crisis_its.slope_rr_year IS 'Slope change per year: exp(12·β3).';
COMMENT ON COLUMN crisis_its.slope_ci_low IS 'Lower 95% bound of slope_rr_year.';
COMMENT ON COLUMN crisis_its.slope_ci_high IS 'Upper 95% bound of slope_rr_year.';
COMMENT ON COLUMN crisis_its.slope_p IS 'Two-sided p-value of β3.';
COMMENT ON COLUMN crisis_its.pretrend_rr_year IS 'Pre-outreach trend per year: exp(12·β1).';
COMMENT ON COLUMN crisis_its.phi IS 'Quasi-Poisson dispersion φ = Pearson χ² ÷ residual degrees of freedom.';
COMMENT ON COLUMN crisis_its.computed_at IS 'Time of the computation (as indicator_values.computed_at).';

CREATE TABLE crisis_its_series (
    area_level     VARCHAR NOT NULL,
    area_code      VARCHAR NOT NULL,
    month_start    DATE NOT NULL,
    observed       BIGINT NOT NULL,
    person_years   DOUBLE NOT NULL,
    in_fit         BOOLEAN NOT NULL,
    fitted         DOUBLE,
    counterfactual DOUBLE
);
COMMENT ON TABLE crisis_its_series IS 'Monthly series behind each crisis_its model, for the charts: observed counts, fitted and counterfactual (no outreach) expected counts.';
COMMENT ON COLUMN crisis_its_series.area_level IS 'As crisis_its.area_level.';
COMMENT ON COLUMN crisis_its_series.area_code IS 'As crisis_its.area_code.';
COMMENT ON COLUMN crisis_its_series.month_start IS 'Month.';
COMMENT ON COLUMN crisis_its_series.observed IS 'Crisis events in the month.';
COMMENT ON COLUMN crisis_its_series.person_years IS 'Person-time of the month (the offset).';
COMMENT ON COLUMN crisis_its_series.in_fit IS 'The month entered the fit (false for provisional months).';
COMMENT ON COLUMN crisis_its_series.fitted IS 'Expected count under the fitted model; NULL when refused.';
COMMENT ON COLUMN crisis_its_series.counterfactual IS 'Expected count had outreach not started (post terms set to 0); NULL when refused.';

CREATE TABLE crisis_did (
    status         VARCHAR NOT NULL,
    reason         VARCHAR,
    ratio          DOUBLE,
    ci_low         DOUBLE,
    ci_high        DOUBLE,
    p              DOUBLE,
    phi            DOUBLE,
    n_outreach     INTEGER NOT NULL,
    n_comparison   INTEGER NOT NULL,
    months         INTEGER NOT NULL,
    computed_at    TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE crisis_did IS 'Difference in differences of monthly crisis events: outreach against comparison neighbourhoods, Poisson regression with area and month fixed effects, offset log person-time and a post × outreach term (provisional months left out).';
COMMENT ON COLUMN crisis_did.status IS 'fitted, or refused (see reason).';
COMMENT ON COLUMN crisis_did.reason IS 'Why the model was refused; NULL when fitted.';
COMMENT ON COLUMN crisis_did.ratio IS 'Ratio of rate ratios exp(post × outreach coefficient).';
COMMENT ON COLUMN crisis_did.ci_low IS 'Lower 95% bound of ratio.';
COMMENT ON COLUMN crisis_did.ci_high IS 'Upper 95% bound of ratio.';
COMMENT ON COLUMN crisis_did.p IS 'Two-sided p-value.';
COMMENT ON COLUMN crisis_did.phi IS 'Dispersion used to scale the standard error.';
COMMENT ON COLUMN crisis_did.n_outreach IS 'Outreach neighbourhoods in the model.';
COMMENT ON COLUMN crisis_did.n_comparison IS 'Comparison neighbourhoods in the model.';
COMMENT ON COLUMN crisis_did.months IS 'Months in the model.';
COMMENT ON COLUMN crisis_did.computed_at IS 'Time of the computation.';

CREATE TABLE spc_points (
    indicator    VARCHAR NOT NULL,
    area_level   VARCHAR NOT NULL,
    area_code    VARCHAR NOT NULL,
    month_start  DATE NOT NULL,
    value        DOUBLE,
    centre       DOUBLE,
    lower_limit  DOUBLE,
    upper_limit  DOUBLE,
    near_lower   DOUBLE,
    near_upper   DOUBLE,
    signal       VARCHAR,
    assessment   VARCHAR,
    trial_limits BOOLEAN NOT NULL,
    computed_at  TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE spc_points IS 'XmR chart points (NHS Making Data Count rules) of the monthly series of crisis_rate, reach_persons and reach_isolated_rate, per area.';
COMMENT ON COLUMN spc_points.indicator IS 'crisis_rate, reach_persons or reach_isolated_rate.';
COMMENT ON COLUMN spc_points.area_level IS 'Area level.';
COMMENT ON COLUMN spc_points.area_code IS 'Area code.';
COMMENT ON COLUMN spc_points.month_start IS 'Month of the point.';
COMMENT ON COLUMN spc_points.value IS 'Monthly value of the indicator; NULL when undefined (then the series is not charted).';
COMMENT ON COLUMN spc_points.centre IS 'Centre line x̄.';
COMMENT ON COLUMN spc_points.lower_limit IS 'Lower process limit x̄ − 2.66·mR̄.';
COMMENT ON COLUMN spc_points.upper_limit IS 'Upper process limit x̄ + 2.66·mR̄.';
COMMENT ON COLUMN spc_points.near_lower IS 'Lower edge of the near-limit band x̄ − (2/3)·2.66·mR̄.';
COMMENT ON COLUMN spc_points.near_upper IS 'Upper edge of the near-limit band x̄ + (2/3)·2.66·mR̄.';
COMMENT ON COLUMN spc_points.signal IS 'Signal carried by the point (outside, trend, two_of_three, shift), NULL for none.';
COMMENT ON COLUMN spc_points.assessment IS 'improvement or concern, from the indicator''s direction; NULL without signal.';
COMMENT ON COLUMN spc_points.trial_limits IS 'Fewer than 13 points: the limits are trial limits.';
COMMENT ON COLUMN spc_points.computed_at IS 'Time of the computation.';

CREATE TABLE published_values (
    report_id    VARCHAR NOT NULL,
    indicator    VARCHAR NOT NULL,
    breakdown    VARCHAR NOT NULL,
    area_level   VARCHAR NOT NULL,
    area_code    VARCHAR NOT NULL,
    period_type  VARCHAR NOT NULL,
    period_start DATE NOT NULL,
    value        DOUBLE,
    published_at TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE published_values IS 'Values a report showed, so that later loads can be diffed against them and revisions listed.';
COMMENT ON COLUMN published_values.report_id IS 'Report that showed the value.';
COMMENT ON COLUMN published_values.indicator IS 'Indicator id.';
COMMENT ON COLUMN published_values.breakdown IS 'Breakdown cell; empty for the total.';
COMMENT ON COLUMN published_values.area_level IS 'Area level.';
COMMENT ON COLUMN published_values.area_code IS 'Area code.';
COMMENT ON COLUMN published_values.period_type IS 'Period type.';
COMMENT ON COLUMN published_values.period_start IS 'First day of the period.';
COMMENT ON COLUMN published_values.value IS 'Exact value shown (before suppression).';
COMMENT ON COLUMN published_values.published_at IS 'When the report was produced.';

CREATE TABLE indicator_revisions (
    indicator    VARCHAR NOT NULL,
    breakdown    VARCHAR NOT NULL,
    area_level   VARCHAR NOT NULL,
    area_code    VARCHAR NOT NULL,
    period_type  VARCHAR NOT NULL,
    period_start DATE NOT NULL,
    old_value    DOUBLE,
    new_value    DOUBLE,
    load_id      BIGINT,
    detected_at  TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE indicator_revisions IS 'Published values that a later computation changed: the next report lists them as revised.';
COMMENT ON COLUMN indicator_revisions.indicator IS 'Indicator id.';
COMMENT ON COLUMN indicator_revisions.breakdown IS 'Breakdown cell; empty for the total.';
COMMENT ON COLUMN indicator_revisions.area_level IS 'Area level.';
COMMENT ON COLUMN indicator_revisions.area_code IS 'Area code.';
COMMENT ON COLUMN indicator_revisions.period_type IS 'Period type.';
COMMENT ON COLUMN indicator_revisions.period_start IS 'First day of the period.';
COMMENT ON COLUMN indicator_revisions.old_value IS 'Value last published.';
COMMENT ON COLUMN indicator_revisions.new_value IS 'Value after the recomputation (NULL when now undefined).';
COMMENT ON COLUMN indicator_revisions.load_id IS 'Load whose data caused the change (loads.load_id), as given to compute.';
COMMENT ON COLUMN indicator_revisions.detected_at IS 'Time of the computation that found the change.';
