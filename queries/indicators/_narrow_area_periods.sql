-- The area × period grid of the periods _narrow_periods.sql kept, as a
-- temporary table that hides the stored grid from the indicator files on
-- this connection. area_periods is bound to the stored table (the
-- temporary one does not exist yet), periods to the temporary one.
CREATE TEMP TABLE area_periods AS
SELECT g.*
FROM area_periods g
SEMI JOIN periods p USING (period_type, period_start)
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
