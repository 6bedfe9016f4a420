-- name: ReferenceHash :one
-- A digest of the content of the reference data and vocabularies the
-- indicators read (not of the file and line they came from): another value
-- than the last computation's means every month must be recomputed.
SELECT md5(concat_ws('|',
    (SELECT string_agg(concat_ws(',', code, name, territory, outreach_start), ';' ORDER BY code, name, territory, outreach_start)
     FROM neighbourhoods),
    (SELECT string_agg(concat_ws(',', neighbourhood, year, population, living_alone, low_income, age_65_plus,
                                 social_deprivation_quintile, material_deprivation_quintile), ';'
                       ORDER BY neighbourhood, year, population, living_alone, low_income, age_65_plus,
                                social_deprivation_quintile, material_deprivation_quintile)
     FROM population),
    (SELECT string_agg(concat_ws(',', partner_id, name, sector), ';' ORDER BY partner_id, name, sector) FROM partners),
    (SELECT string_agg(concat_ws(',', vocabulary, position, code, label_fr, label_en), ';' ORDER BY vocabulary, position, code)
     FROM vocabularies)))
