-- name: PartnerIDs :many
SELECT partner_id FROM partners ORDER BY partner_id;
