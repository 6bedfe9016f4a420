-- Scratch table (dropped once the indicators are written): every period of
-- the calendar numbered, with each of its months as a month index
-- (year × 12 + month − 1) and the indices of its first and last months.
CREATE OR REPLACE TEMP TABLE period_index AS
SELECT p.period_type, p.period_start,
       dense_rank() OVER (ORDER BY p.period_type, p.period_start)::INTEGER AS period_id,
       p.month_start,
       (year(p.month_start) * 12 + month(p.month_start) - 1)::INTEGER AS mi,
       (year(p.period_start) * 12 + month(p.period_start) - 1)::INTEGER AS start_mi,
       (year(p.period_end) * 12 + month(p.period_end) - 1)::INTEGER AS end_mi
FROM periods p
