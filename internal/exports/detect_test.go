package exports

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// TestScanFastPath checks that the scan's eight-bytes-at-a-time path
// finds what a byte-by-byte scan finds: files of printable text sprinkled
// with newlines, CRs, blanks, control bytes, bytes Windows-1252 leaves
// undefined and UTF-8, fed in pieces of random sizes.
func TestScanFastPath(t *testing.T) {
	alphabet := []string{"a", "Z", "0", ",", "\"", "~", "\x7f", " ", "\t", "\n", "\r", "\r\n", "\x01", "\x1a", "\x00",
		"\x81", "\x9d", "é", "\xc3", "\xef\xbb\xbf", "abcdefgh", "0123456789,", "        "}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 2000 {
		var b strings.Builder
		for range rng.IntN(200) {
			// mostly long plain runs, so the fast path is taken
			if rng.IntN(4) > 0 {
				b.WriteString("plain text, 123;")
				continue
			}
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		data := []byte(b.String())
		maxLine := 20 + rng.IntN(100)
		fast := &scan{first: true, maxLine: maxLine}
		slow := &scan{first: true, maxLine: maxLine}
		for p := data; len(p) > 0; {
			k := min(len(p), 1+rng.IntN(40))
			fast.bytes(p[:k])
			slow.eachByte(p[:k])
			p = p[k:]
		}
		fast.carry, slow.carry = nil, nil
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("input %d %q: fast scan %+v, byte-by-byte %+v", n, data, *fast, *slow)
		}
	}
}

// TestPlainASCII checks the eight-byte test on every byte value at every
// place in the word.
func TestPlainASCII(t *testing.T) {
	for c := range 256 {
		for at := range 8 {
			x := uint64(0x4141414141414141)
			x = x&^(0xff<<(8*at)) | uint64(c)<<(8*at)
			if got, want := plainASCII(x), c >= 0x20 && c < 0x80; got != want {
				t.Errorf("byte %#x at %d: plainASCII = %v, want %v", c, at, got, want)
			}
		}
	}
}

// TestNormalizeASCIIFastPath checks that the ids the fast path returns
// as they are, the rune-by-rune mapping leaves unchanged, and that the
// usual ids take it.
func TestNormalizeASCIIFastPath(t *testing.T) {
	for c := range 0x80 {
		s := "AB" + string(rune(c)) + "12"
		slow := strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || r == '-' {
				return -1
			}
			return unicode.ToUpper(r)
		}, s)
		if normalASCII(s) && slow != s {
			t.Errorf("%q: normalASCII = %v, mapping gives %q", s, normalASCII(s), slow)
		}
		if got := NormalizeClientID(s); got != slow {
			t.Errorf("NormalizeClientID(%q) = %q, want %q", s, got, slow)
		}
	}
	for _, s := range []string{"ABC1234", "CL000123", "X_9.8"} {
		if !normalASCII(s) {
			t.Errorf("normalASCII(%q) = false, want true", s)
		}
	}
}
