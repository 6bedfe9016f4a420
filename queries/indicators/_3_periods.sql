-- Period membership of the calendar months: month, calendar quarter,
-- fiscal year (April 1 – March 31) and the 12 months ending with each month.
INSERT INTO periods
WITH fy AS (
    SELECT month_start, make_date(year(month_start) - CASE WHEN month(month_start) < 4 THEN 1 ELSE 0 END, 4, 1) AS fy_start
    FROM months
)
SELECT 'month', month_start, month_end, month_start FROM months
UNION ALL
SELECT 'quarter', date_trunc('quarter', month_start)::DATE,
       last_day((date_trunc('quarter', month_start) + INTERVAL 2 MONTH)::DATE), month_start
FROM months
UNION ALL
SELECT 'fiscal_year', fy_start, (fy_start + INTERVAL 1 YEAR - INTERVAL 1 DAY)::DATE, month_start FROM fy
UNION ALL
SELECT 'rolling_12m', (e.month_start - INTERVAL 11 MONTH)::DATE, e.month_end, m.month_start
FROM months e JOIN months m ON m.month_start BETWEEN e.month_start - INTERVAL 11 MONTH AND e.month_start
ORDER BY 1, 2, 4
