// Package pseudonym turns a person's direct identifier (a file number or a
// health-insurance number) into a keyed pseudonym: HMAC-SHA-256 of the
// normalized value under a secret key that lives outside the database and the
// repository. It owns the normalization rule and the key checks; it never
// stores, logs or returns the identifier itself.
package pseudonym
