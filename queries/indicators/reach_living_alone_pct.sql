-- reach_living_alone_pct for every area × period, from reach_counts (persons
-- de-duplicated over the area's neighbourhoods, attributes by the latest
-- non-empty rule). AreaValues (a ratio): agg goes on the grid through
-- _emit.sql.
WITH agg AS (
    SELECT area_level, area_code, period_type, period_start, NULL::VARCHAR AS cell,
           lives_alone_yes AS num, lives_alone_known AS den
    FROM reach_counts
)
