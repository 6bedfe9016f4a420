-- month_of(d) is the first day of d's month. date_trunc('month', d)::DATE
-- goes through a timestamp, which cost a quarter of a second per ten
-- million activities in every indicator that groups them by month. The
-- macro is temporary: it lives on the computation's connection.
CREATE OR REPLACE TEMP MACRO month_of(d) AS d - (dayofmonth(d) - 1)::INTEGER;
