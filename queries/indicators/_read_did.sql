-- name: ReadDiD :many
-- The stored difference in differences (one row after a computation).
SELECT status, coalesce(reason, '') AS reason, ratio, ci_low, ci_high, p,
       cluster_ci_low, cluster_ci_high, cluster_p, coalesce(cluster_df, 0) AS cluster_df, phi, n_outreach, n_comparison, months
FROM crisis_did
ORDER BY status, ratio, n_outreach, n_comparison, months
