-- The name of the main database (CopyDatabaseToSnapshot).
SELECT current_database()
