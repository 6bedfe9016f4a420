-- name: ReportPartnerSectors :many
-- Distinct partners involved in the area's active activities in [from, to), by sector.
SELECT p.sector, count(DISTINCT p.partner_id)
FROM activities a
JOIN partners p USING (partner_id)
JOIN areas ar ON ar.neighbourhood = a.neighbourhood
WHERE ar.area_level = $area_level AND ar.area_code = $area_code
  AND a.status = 'active' AND a.activity_date >= $from AND a.activity_date < $to
GROUP BY p.sector
ORDER BY p.sector;
