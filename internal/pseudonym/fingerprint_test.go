package pseudonym

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

func TestFingerprint(t *testing.T) {
	key := []byte("0123456789abcdef0123")
	// Independent computation: HMAC-SHA-256 of the label, by the standard library directly.
	m := hmac.New(sha256.New, key)
	m.Write([]byte("proximite key fingerprint v1"))
	want := hex.EncodeToString(m.Sum(nil))[:16]
	if got := Fingerprint(key); got != want {
		t.Errorf("Fingerprint = %s, want %s", got, want)
	}
	if Fingerprint(key) == Fingerprint([]byte("0123456789abcdef0124")) {
		t.Error("two keys one byte apart have the same fingerprint")
	}
	// Pseudonyms are made of normalized identifiers only (upper case, no
	// spaces): the label is none, so no client id has the fingerprint as the
	// start of its pseudonym.
	if Normalize(fingerprintLabel) == fingerprintLabel {
		t.Errorf("the label %q is a normalized identifier", fingerprintLabel)
	}
}
