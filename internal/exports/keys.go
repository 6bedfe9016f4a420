package exports

import (
	"hash/maphash"
	"strings"
)

// KeySummary describes the keys of the records a Reader returned, so that
// the store can tell cheaply whether a file replaces anything: a file whose
// keys are all distinct, and whose key range no earlier version falls in,
// supersedes nothing.
type KeySummary struct {
	// Records is how many records were returned.
	Records int
	// Least and Greatest bound the first part of the keys (the part
	// before the first NUL byte: activity_id or event_id); both are empty
	// when no record was returned.
	Least, Greatest string
	// Repeated is true when two records may share a key. Keys are
	// compared by a 64-bit hash: false means that no two keys are equal;
	// true means that two are, or, very rarely, that two hashes are.
	Repeated bool
}

// keyWatch gathers a KeySummary as records are returned.
type keyWatch struct {
	sum    KeySummary
	seed   maphash.Seed
	hashes map[uint64]struct{}
}

func newKeyWatch() keyWatch {
	return keyWatch{seed: maphash.MakeSeed(), hashes: map[uint64]struct{}{}}
}

func (w *keyWatch) add(key string) {
	first, _, _ := strings.Cut(key, "\x00")
	if w.sum.Records == 0 || first < w.sum.Least {
		w.sum.Least = first
	}
	if w.sum.Records == 0 || first > w.sum.Greatest {
		w.sum.Greatest = first
	}
	w.sum.Records++
	if w.sum.Repeated {
		return
	}
	h := maphash.String(w.seed, key)
	if _, ok := w.hashes[h]; ok {
		w.sum.Repeated, w.hashes = true, nil
		return
	}
	w.hashes[h] = struct{}{}
}

// Keys describes the keys of the records returned so far.
func (r *Reader) Keys() KeySummary { return r.keys.sum }
