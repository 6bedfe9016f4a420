-- The facts of f_all (an indicator's file, put first by the Go wrapper of
-- _month_sums.sql and _month_distinct.sql) from $lo to $hi, used in place
-- of _month_facts_dirty.sql when every calendar month is dirty (a full
-- computation): the calendar's months follow one another, so the range is
-- the same filter without a join on compute_dirty_months per fact.
f AS (
    SELECT * FROM f_all
    WHERE day BETWEEN $lo::DATE AND $hi::DATE
)
