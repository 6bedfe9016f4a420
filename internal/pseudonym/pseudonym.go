package pseudonym

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"os"
	"strings"
)

// MinKeyBytes is the shortest key accepted: a shorter key could be guessed
// and the pseudonyms reversed by enumerating health-insurance numbers.
const MinKeyBytes = 16

// ErrShortKey means the configured key is shorter than MinKeyBytes.
var ErrShortKey = fmt.Errorf("pseudonymization key shorter than %d bytes", MinKeyBytes)

// Keyer computes pseudonyms under one key. It is not safe for concurrent use:
// give each goroutine its own (New is cheap).
type Keyer struct {
	mac hash.Hash
	buf []byte
}

// New returns a Keyer for key, or ErrNoKey / ErrShortKey.
func New(key []byte) (*Keyer, error) {
	if len(key) == 0 {
		return nil, ErrNoKey
	}
	if len(key) < MinKeyBytes {
		return nil, ErrShortKey
	}
	return &Keyer{mac: hmac.New(sha256.New, key)}, nil
}

// Normalize applies the contract's rule: trimmed, upper-cased, spaces and
// hyphens removed.
func Normalize(raw string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(raw)))
}

// Key returns the hex HMAC-SHA-256 of an already normalized identifier.
func (k *Keyer) Key(normalized string) string {
	k.mac.Reset()
	k.mac.Write([]byte(normalized))
	k.buf = k.mac.Sum(k.buf[:0])
	return hex.EncodeToString(k.buf)
}

// LoadKey reads the key from the environment value env (used when not
// empty) or else from the file at path (trailing newline trimmed).
func LoadKey(env, path string) ([]byte, error) {
	if env != "" {
		return checkLen([]byte(env))
	}
	if path == "" {
		return nil, ErrNoKey
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read pseudonymization key: %w", err)
	}
	return checkLen([]byte(strings.TrimRight(string(b), "\r\n")))
}

func checkLen(b []byte) ([]byte, error) {
	if len(b) == 0 {
		return nil, ErrNoKey
	}
	if len(b) < MinKeyBytes {
		return nil, ErrShortKey
	}
	return b, nil
}
