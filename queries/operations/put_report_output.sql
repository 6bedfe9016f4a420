INSERT INTO report_outputs (month, territory, path, sha256, written_at)
VALUES ($month, $territory, $path, $sha256, $written_at);
