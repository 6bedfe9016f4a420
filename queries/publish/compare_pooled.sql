-- name: ComparePooled :many
-- Each centre's pooled crisis model over all its outreach neighbourhoods
-- (model pooled, area level all, not a placebo); a centre without one has
-- no row.
SELECT centre_id, status, coalesce(reason, ''), coalesce(inference, ''), coalesce(clusters, 0), coalesce(t_df, 0),
       level_rr, level_ci_low, level_ci_high, level_p
FROM cmp.main.crisis_its
WHERE model = 'pooled' AND area_level = 'all' AND NOT placebo
ORDER BY centre_id
