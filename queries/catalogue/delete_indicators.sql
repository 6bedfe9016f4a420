DELETE FROM indicators
