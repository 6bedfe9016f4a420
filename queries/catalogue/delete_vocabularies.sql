DELETE FROM vocabularies
