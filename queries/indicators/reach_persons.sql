-- reach_persons for every area × period, from reach_counts (persons
-- de-duplicated over the area's neighbourhoods). AreaValues: agg goes on the
-- grid through _emit.sql.
WITH agg AS (
    SELECT area_level, area_code, period_type, period_start, NULL::VARCHAR AS cell, persons AS num, NULL::BIGINT AS den
    FROM reach_counts
)
