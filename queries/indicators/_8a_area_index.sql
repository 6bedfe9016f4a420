-- Scratch table (dropped once the indicators are written): the areas
-- numbered, so that the large aggregates and windows of the person-level
-- indicators group on integers only.
CREATE OR REPLACE TEMP TABLE area_index AS
SELECT area_level, area_code, row_number() OVER (ORDER BY area_level, area_code)::INTEGER AS area_id
FROM (SELECT DISTINCT area_level, area_code FROM areas)
