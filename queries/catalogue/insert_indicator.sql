INSERT INTO indicators (indicator, section, title_fr, title_en, definition_fr, definition_en,
    numerator_fr, numerator_en, denominator_fr, denominator_en, unit_fr, unit_en, direction,
    breakdowns, period_types, area_levels, shape, rollup, unit_code, additive, suppressible, numerator_of,
    breakdown_vocabulary)
VALUES ($indicator, $section, $title_fr, $title_en, $definition_fr, $definition_en,
    $numerator_fr, $numerator_en, $denominator_fr, $denominator_en, $unit_fr, $unit_en, $direction,
    $breakdowns, $period_types, $area_levels, $shape, $rollup, $unit_code, $additive, $suppressible, $numerator_of,
    $breakdown_vocabulary)
