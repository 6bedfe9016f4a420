-- name: ReportRevisions :many
-- Monthly values of the territory's areas that changed after they were
-- published, detected since this territory's previous report.
SELECT r.indicator, r.area_code, r.period_start, r.old_value, r.new_value
FROM indicator_revisions r
WHERE r.period_type = 'month' AND r.breakdown = ''
  AND (r.area_code = $territory OR r.area_code IN (SELECT code FROM neighbourhoods WHERE territory = $territory))
  AND r.detected_at > coalesce((SELECT max(published_at) FROM published_values
                                WHERE report_id LIKE $territory || '/%' AND report_id <> $report_id),
                               '-infinity'::TIMESTAMPTZ)
ORDER BY r.period_start, r.indicator, r.area_code;
