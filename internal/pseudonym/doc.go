// Package pseudonym turns a person's direct identifier (a file number or a
// health-insurance number) into a keyed pseudonym: HMAC-SHA-256 of the
// normalized value under a secret key that lives outside the database and the
// repository. It owns the normalization rule and the key checks; it never
// writes, logs or returns the identifier itself. A Keyer keeps the
// identifiers it has seen in memory only, as the keys of its cache of
// pseudonyms, for as long as it lives (one ingest run).
package pseudonym
