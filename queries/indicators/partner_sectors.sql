-- partner_sectors (distinct; rolled up by _distinct.sql): the sector of the
-- partner of every active activity, counted once per area and period
-- (partners unknown to partners.csv have no sector).
SELECT a.neighbourhood, a.activity_date AS day, pa.sector AS x
FROM activities a
JOIN partners pa ON pa.partner_id = a.partner_id
WHERE a.status = 'active'
