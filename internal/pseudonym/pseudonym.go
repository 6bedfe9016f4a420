package pseudonym

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"log/slog"
	"math"
	"os"
	"strings"
)

// MinKeyBytes is the shortest key accepted: a shorter key could be guessed
// and the pseudonyms reversed by enumerating health-insurance numbers.
const MinKeyBytes = 16

// MinKeyBits is the least estimated entropy of an accepted key: its length
// times the empirical Shannon entropy of its bytes. Sixteen identical
// characters carry 0 bits, a repeated pair 16; a random key of 32 hex or
// 24 base64 characters always carries more than 64.
const MinKeyBits = 64

// MaxCached is how many identifiers a Keyer remembers the pseudonym of. A
// person usually has many records, so one HMAC per person instead of one
// per record saves most of the hashing; past this many distinct persons
// (about 30 MB of cache) the Keyer stops adding and hashes the others each
// time.
const MaxCached = 1 << 18

// Keyer computes pseudonyms under one key, and caches them per normalized
// identifier for as long as it lives: create one per ingest run and drop it
// at the end, so that the cache (which holds identifiers) never outlives
// the run. It prints and logs as its number of cached entries only. It is
// not safe for concurrent use: give each goroutine its own (New is cheap).
type Keyer struct {
	mac   hash.Hash
	cache map[string][]byte
	limit int
}

// New returns a Keyer for key, or ErrNoKey / ErrShortKey / ErrWeakKey.
func New(key []byte) (*Keyer, error) {
	if _, err := checkKey(key); err != nil {
		return nil, err
	}
	return &Keyer{mac: hmac.New(sha256.New, key), cache: map[string][]byte{}, limit: MaxCached}, nil
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

// Sum returns the HMAC-SHA-256 (32 bytes) of an already normalized
// identifier: the pseudonym as the store keeps it. The slice may be shared
// with earlier and later calls for the same identifier: do not modify it.
func (k *Keyer) Sum(normalized string) []byte {
	if sum, ok := k.cache[normalized]; ok {
		return sum
	}
	k.mac.Reset()
	k.mac.Write([]byte(normalized))
	sum := k.mac.Sum(make([]byte, 0, sha256.Size))
	if len(k.cache) < k.limit {
		k.cache[normalized] = sum
	}
	return sum
}

// Key returns the hex HMAC-SHA-256 of an already normalized identifier: the
// pseudonym as snapshots, exports and people see it.
func (k *Keyer) Key(normalized string) string { return hex.EncodeToString(k.Sum(normalized)) }

// String describes the Keyer without its key or cached identifiers.
func (k *Keyer) String() string { return fmt.Sprintf("pseudonym.Keyer{cached: %d}", len(k.cache)) }

// GoString is String, so that %#v does not print the cache either.
func (k *Keyer) GoString() string { return k.String() }

// LogValue is what log/slog records for a Keyer: its number of cached
// entries, never the identifiers.
func (k *Keyer) LogValue() slog.Value { return slog.IntValue(len(k.cache)) }

// LoadKey reads the key from the environment value env (used when not
// empty) or else from the file at path (trailing newline trimmed), which
// must be readable by its owner only (mode 0600 or stricter).
func LoadKey(env, path string) ([]byte, error) {
	if env != "" {
		return checkKey([]byte(env))
	}
	if path == "" {
		return nil, ErrNoKey
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read pseudonymization key: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read pseudonymization key: %w", err)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("%w: %s has mode %04o (run chmod 600 %s)", ErrKeyFileMode, path, perm, path)
	}
	b, err := io.ReadAll(io.LimitReader(f, 1<<16))
	if err != nil {
		return nil, fmt.Errorf("read pseudonymization key: %w", err)
	}
	return checkKey([]byte(strings.TrimRight(string(b), "\r\n")))
}

// checkKey refuses a missing, short or weak key.
func checkKey(b []byte) ([]byte, error) {
	switch {
	case len(b) == 0:
		return nil, ErrNoKey
	case len(b) < MinKeyBytes:
		return nil, ErrShortKey
	case EstimatedBits(b) < MinKeyBits:
		return nil, ErrWeakKey
	}
	return b, nil
}

// EstimatedBits is the length of key times the empirical Shannon entropy of
// its bytes: an upper bound of what it holds, low for repeated characters.
func EstimatedBits(key []byte) float64 {
	var counts [256]int
	for _, c := range key {
		counts[c]++
	}
	h := 0.0
	for _, n := range counts {
		if n > 0 {
			p := float64(n) / float64(len(key))
			h -= p * math.Log2(p)
		}
	}
	return h * float64(len(key))
}
