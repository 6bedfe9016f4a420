package pseudonym

import (
	"errors"
	"os"
	"path/filepath"
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
