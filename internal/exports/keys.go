package exports

import (
	"hash/maphash"
	"slices"
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

// keyWatch gathers a KeySummary as records are returned. It keeps a hash
// of each key and sorts them when asked: cheaper than a set, which pays a
// cache miss per record.
type keyWatch struct {
	sum    KeySummary
	seed   maphash.Seed
	hashes []uint64
	sorted int // hashes[:sorted] are sorted and hold no two equal
}

func newKeyWatch() keyWatch { return keyWatch{seed: maphash.MakeSeed()} }

func (w *keyWatch) add(key string) {
	first, _, _ := strings.Cut(key, "\x00")
	if w.sum.Records == 0 || first < w.sum.Least {
		w.sum.Least = first
	}
	if w.sum.Records == 0 || first > w.sum.Greatest {
		w.sum.Greatest = first
	}
	w.sum.Records++
	if !w.sum.Repeated {
		w.hashes = append(w.hashes, maphash.String(w.seed, key))
	}
}

// summary sorts the hashes gathered so far to find a repeated one.
func (w *keyWatch) summary() KeySummary {
	if w.sum.Repeated || w.sorted == len(w.hashes) {
		return w.sum
	}
	slices.Sort(w.hashes)
	for i := 1; i < len(w.hashes); i++ {
		if w.hashes[i] == w.hashes[i-1] {
			w.sum.Repeated, w.hashes = true, nil
			return w.sum
		}
	}
	w.sorted = len(w.hashes)
	return w.sum
}

// Keys describes the keys of the records returned so far.
func (r *Reader) Keys() KeySummary { return r.keys.summary() }
