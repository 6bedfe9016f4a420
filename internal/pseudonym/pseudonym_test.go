package pseudonym

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{" trem 5512-3409 ", "TREM55123409"},
		{"TREM55123409", "TREM55123409"},
		{"a-b c", "ABC"},
	} {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestKeysDiffer(t *testing.T) {
	a, _ := New([]byte("0123456789abcdef"))
	b, _ := New([]byte("fedcba9876543210"))
	if a.Key("ABC") == b.Key("ABC") {
		t.Error("two keys give the same pseudonym")
	}
	if a.Key("ABC") != a.Key("ABC") {
		t.Error("Key is not stable across calls")
	}
}

// TestKeyMatchesOpenSSL compares with an independent implementation:
// printf 'TREM55123409' | openssl dgst -sha256 -hmac '0123456789abcdef'
func TestKeyMatchesOpenSSL(t *testing.T) {
	const want = "4656ec695d46c870927f44d5c98d856156102088584254fbdde1af0d262ee498"
	k, _ := New([]byte("0123456789abcdef"))
	if got := k.Key("TREM55123409"); got != want {
		t.Errorf("Key = %s, want %s", got, want)
	}
}

func TestNewRefusesMissingOrShortKey(t *testing.T) {
	if _, err := New(nil); !errors.Is(err, ErrNoKey) {
		t.Errorf("New(nil) err = %v, want ErrNoKey", err)
	}
	if _, err := New([]byte("short")); !errors.Is(err, ErrShortKey) {
		t.Errorf("New(short) err = %v, want ErrShortKey", err)
	}
}

func TestLoadKey(t *testing.T) {
	p := filepath.Join(t.TempDir(), "key")
	os.WriteFile(p, []byte("0123456789abcdef0123\n"), 0o600)
	got, err := LoadKey("", p)
	if err != nil || string(got) != "0123456789abcdef0123" {
		t.Errorf("LoadKey(file) = %q, %v", got, err)
	}
	got, err = LoadKey("from-the-environment!", p)
	if err != nil || string(got) != "from-the-environment!" {
		t.Errorf("LoadKey(env) = %q, %v; env must win", got, err)
	}
	if _, err := LoadKey("", ""); !errors.Is(err, ErrNoKey) {
		t.Errorf("LoadKey() err = %v, want ErrNoKey", err)
	}
}

// TestWeakKeys refuses keys whose bytes carry fewer than MinKeyBits, in
// New, from the environment and from a file; the estimates are worked by
// hand: 16 × log2(1) = 0, 16 × log2(2) = 16, 16 × log2(16) = 64.
func TestWeakKeys(t *testing.T) {
	for _, c := range []struct {
		key  string
		weak bool
	}{
		{"aaaaaaaaaaaaaaaa", true},
		{strings.Repeat("a", 64), true},
		{"abababababababab", true},
		{"1234567890123456", true}, // 16 × log2(10) = 53.2
		{"0123456789abcdef", false},
		{"4656ec695d46c870927f44d5c98d856156102088584254fbdde1af0d262ee498", false},
	} {
		_, errNew := New([]byte(c.key))
		_, errEnv := LoadKey(c.key, "")
		if got := errors.Is(errNew, ErrWeakKey) && errors.Is(errEnv, ErrWeakKey); got != c.weak {
			t.Errorf("%q: New err %v, LoadKey err %v; want weak %v", c.key, errNew, errEnv, c.weak)
		}
	}
	if got := EstimatedBits([]byte("abababababababab")); got != 16 {
		t.Errorf("EstimatedBits(abab…) = %v, want 16", got)
	}
}

func TestKeyFileMode(t *testing.T) {
	p := filepath.Join(t.TempDir(), "key")
	os.WriteFile(p, []byte("0123456789abcdef0123\n"), 0o600)
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604} {
		os.Chmod(p, mode)
		if _, err := LoadKey("", p); !errors.Is(err, ErrKeyFileMode) || !strings.Contains(err.Error(), "chmod 600") {
			t.Errorf("mode %04o: err %v; want ErrKeyFileMode", mode, err)
		}
	}
	os.Chmod(p, 0o400)
	if _, err := LoadKey("", p); err != nil {
		t.Errorf("mode 0400: %v", err)
	}
}

// TestSumCachedEqualsUncached compares every pseudonym of a cached Keyer,
// asked twice, with an uncached HMAC computed here, including past the
// cache's bound (where the Keyer stops adding entries).
func TestSumCachedEqualsUncached(t *testing.T) {
	key := []byte("0123456789abcdef")
	k, _ := New(key)
	k.limit = 3
	ids := []string{"A1", "B2", "A1", "C3", "D4", "E5", "D4", "B2", "E5"}
	for round := 0; round < 2; round++ {
		for _, id := range ids {
			m := hmac.New(sha256.New, key)
			m.Write([]byte(id))
			if got, want := k.Sum(id), m.Sum(nil); !bytes.Equal(got, want) {
				t.Fatalf("round %d, Sum(%s) = %x, want %x", round, id, got, want)
			}
			if got, want := k.Key(id), hex.EncodeToString(m.Sum(nil)); got != want {
				t.Fatalf("Key(%s) = %s, want %s", id, got, want)
			}
		}
	}
	if len(k.cache) != 3 {
		t.Errorf("cache holds %d entries, want the bound 3", len(k.cache))
	}
}

// TestSumIsStableWhenCached checks that a cached pseudonym is not
// overwritten by later calls (the slice is shared with the caller).
func TestSumIsStableWhenCached(t *testing.T) {
	k, _ := New([]byte("0123456789abcdef"))
	a := k.Sum("TREM55123409")
	keep := bytes.Clone(a)
	k.Sum("OTHER1")
	k.Sum("OTHER2")
	if !bytes.Equal(a, keep) || hex.EncodeToString(a) != "4656ec695d46c870927f44d5c98d856156102088584254fbdde1af0d262ee498" {
		t.Errorf("pseudonym changed after other calls: %x", a)
	}
}

// TestKeyerNeverPrintsItsCache formats and logs a Keyer that cached an
// identifier: neither the identifier nor its pseudonym may appear.
func TestKeyerNeverPrintsItsCache(t *testing.T) {
	k, _ := New([]byte("0123456789abcdef"))
	pk := k.Key("TREM55123409")
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	log.Info("keyer", "keyer", k)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("keyer", "keyer", k)
	fmt.Fprintf(&buf, "%v %+v %#v %s", k, k, k, k)
	out := buf.String()
	for _, secret := range []string{"TREM55123409", pk, pk[:16]} {
		if strings.Contains(out, secret) {
			t.Fatalf("a formatted or logged Keyer shows %q: %s", secret, out)
		}
	}
	if !strings.Contains(out, "cached: 1") {
		t.Errorf("formatted Keyer = %q, want its count of cached entries", out)
	}
}

// BenchmarkSum pseudonymizes 1,000 persons with 20 records each, with the
// cache and (limit 0) without it.
func BenchmarkSum(b *testing.B) {
	ids := make([]string, 1000)
	for i := range ids {
		ids[i] = fmt.Sprintf("TREM%08d", i)
	}
	for _, limit := range []int{MaxCached, 0} {
		b.Run(fmt.Sprintf("limit=%d", limit), func(b *testing.B) {
			for b.Loop() {
				k, _ := New([]byte("0123456789abcdef"))
				k.limit = limit
				for range 20 {
					for _, id := range ids {
						k.Sum(id)
					}
				}
			}
		})
	}
}
