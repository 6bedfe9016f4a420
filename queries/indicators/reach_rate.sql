-- reach_rate (rate; completed by _rate.sql over the population): persons
-- reached, from reach_counts (de-duplicated over the area's neighbourhoods).
WITH agg AS (
    SELECT area_level, area_code, period_type, period_start, persons AS num
    FROM reach_counts
)
