INSERT INTO vocabularies (vocabulary, position, code, label_fr, label_en)
VALUES ($vocabulary, $position, $code, $label_fr, $label_en)
