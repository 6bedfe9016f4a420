-- name: CodebookIndicators :many
-- The indicator catalogue as the codebook lists it.
SELECT indicator, section, title_en, definition_en, numerator_en, coalesce(denominator_en, ''),
       unit_en, direction, breakdowns, period_types, area_levels
FROM main.indicators
ORDER BY section, indicator
