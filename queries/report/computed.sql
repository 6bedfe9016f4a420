-- name: ReportComputed :one
-- Whether the store holds any indicator value: a store loaded but never
-- computed has nothing to report.
SELECT EXISTS (SELECT 1 FROM indicator_values);
