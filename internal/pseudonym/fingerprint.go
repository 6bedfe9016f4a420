package pseudonym

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// fingerprintLabel is the fixed message whose HMAC under the key is the
// key's fingerprint. It is not a normalized identifier (it has lower case
// and spaces), so it is never the message of a pseudonym.
const fingerprintLabel = "proximite key fingerprint v1"

// Fingerprint returns the first 16 hex digits of the HMAC-SHA-256 of a fixed
// label under key: equal keys give equal fingerprints, and the fingerprint
// reveals nothing of the key nor of any pseudonym.
func Fingerprint(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(fingerprintLabel))
	return hex.EncodeToString(m.Sum(nil))[:16]
}
