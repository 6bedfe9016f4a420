package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
)

// copyInMemory is the largest file kept in memory; a larger one is copied
// to a private temporary file (one more write of its bytes to disk).
const copyInMemory = 64 << 20

// copyPattern names the private copies, so that a run can remove the
// ones a killed run left behind.
const copyPattern = ".proximite-ingest-*.tmp"

// privateCopy is a private, immutable copy of an input file taken in one read:
// its hash, its encoding scan and its parse all see the same bytes, even if
// the file is appended to or replaced while it is ingested.
type privateCopy struct {
	io.ReadSeeker
	sha256 string
	size   int64
	mem    []byte // the buffer of an in-memory copy, nil for a spilled one
	close  func() error
}

// Close releases the copy (and removes its temporary file).
func (s *privateCopy) Close() error { return s.close() }

// takeCopy reads path once, hashing it, into memory or, past
// copyInMemory bytes, into a private (0600) temporary file in dir
// (the system's temporary folder when dir is empty).
func takeCopy(path, dir string) (*privateCopy, error) { return takeCopyInto(path, dir, nil) }

// takeCopyInto is takeCopy reusing buf for an in-memory copy when it is
// large enough; the copy's mem is the buffer it used. The buffer is sized
// from the file's size, so that the copy is read without growing it.
func takeCopyInto(path, dir string, buf []byte) (*privateCopy, error) {
	src, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	// A file larger than copyInMemory is read up to one byte past it (to
	// know it is larger); ReadFrom then still wants MinRead bytes free, so
	// a buffer one byte short doubled to 128 MiB while the first was live.
	if st, err := src.Stat(); err == nil {
		if size := int(min(st.Size(), copyInMemory+1)) + bytes.MinRead; size > cap(buf) {
			buf = make([]byte, 0, size)
		}
	}
	h := sha256.New()
	in := io.TeeReader(src, h)
	b := bytes.NewBuffer(buf[:0])
	if _, err := b.ReadFrom(io.LimitReader(in, copyInMemory+1)); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	head := b.Bytes()
	if len(head) <= copyInMemory {
		return &privateCopy{ReadSeeker: bytes.NewReader(head), sha256: hex.EncodeToString(h.Sum(nil)),
			size: int64(len(head)), mem: head[:0], close: func() error { return nil }}, nil
	}
	return spill(io.MultiReader(bytes.NewReader(head), in), h, dir)
}

// spill copies r into a private temporary file and hashes it with h.
func spill(r io.Reader, h hash.Hash, dir string) (*privateCopy, error) {
	tmp, err := os.CreateTemp(dir, copyPattern)
	if err != nil {
		return nil, fmt.Errorf("private copy: %w", err)
	}
	drop := func() error { return errors.Join(tmp.Close(), os.Remove(tmp.Name())) }
	n, err := io.Copy(tmp, r)
	if err == nil {
		_, err = tmp.Seek(0, io.SeekStart)
	}
	if err != nil {
		drop()
		return nil, fmt.Errorf("private copy: %w", err)
	}
	return &privateCopy{ReadSeeker: tmp, sha256: hex.EncodeToString(h.Sum(nil)), size: n, close: drop}, nil
}

// removeStaleCopies removes the private copies a killed run left in dir.
func removeStaleCopies(dir string) error {
	if dir == "" {
		return nil
	}
	stale, err := filepath.Glob(filepath.Join(dir, copyPattern))
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range stale {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
