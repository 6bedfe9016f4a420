-- reach_isolated_rate (rate; completed by _rate.sql over the population
-- living alone): persons reached living alone, from reach_counts
-- (de-duplicated over the area's neighbourhoods, attributes by the latest
-- non-empty rule).
WITH agg AS (
    SELECT area_level, area_code, period_type, period_start, lives_alone_yes AS num
    FROM reach_counts
)
