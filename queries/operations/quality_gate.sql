-- name: QualityGate :many
-- Outreach neighbourhoods (outreach started by the end of the month) with no
-- active activity in the month: a report without them would mislead.
SELECT n.code, coalesce(n.name, n.code)
FROM neighbourhoods n
WHERE n.outreach_start IS NOT NULL
  AND n.outreach_start < $month_start::DATE + INTERVAL 1 MONTH
  AND NOT EXISTS (
      SELECT 1 FROM activities a
      WHERE a.neighbourhood = n.code AND a.status = 'active'
        AND a.activity_date >= $month_start::DATE
        AND a.activity_date < $month_start::DATE + INTERVAL 1 MONTH)
ORDER BY n.code;
