-- active_partners (distinct; rolled up by _distinct.sql): the partner_id of
-- every active activity, counted once per area and period.
SELECT neighbourhood, activity_date AS day, partner_id AS x
FROM activities
WHERE status = 'active' AND partner_id IS NOT NULL
