-- Area membership: each neighbourhood, its territory, its group (outreach
-- when outreach_start is set, comparison otherwise) and all.
INSERT INTO areas
SELECT 'neighbourhood', code, code FROM neighbourhoods
UNION ALL
SELECT 'territory', territory, code FROM neighbourhoods
UNION ALL
SELECT 'group', CASE WHEN outreach_start IS NULL THEN 'comparison' ELSE 'outreach' END, code FROM neighbourhoods
UNION ALL
SELECT 'all', 'all', code FROM neighbourhoods
ORDER BY 1, 2, 3
