package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestTakeCopyReadsOnceWithoutGrowing copies files just under, at and over
// copyInMemory: each is read into one buffer of its size, never into a
// grown one (which doubled a 64 MiB buffer to 128 MiB for a file over it,
// and took an ingest's memory up by a quarter of a gigabyte).
func TestTakeCopyReadsOnceWithoutGrowing(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{copyInMemory - 1, copyInMemory, copyInMemory + 1, copyInMemory + 4096} {
		p := filepath.Join(dir, "activities.csv")
		want := bytes.Repeat([]byte("a"), size)
		if err := os.WriteFile(p, want, 0o600); err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		c, err := takeCopyInto(p, dir, nil)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > copyInMemory+8<<20 {
			t.Errorf("size %d: the copy allocated %d MiB, more than one buffer of the file", size, got>>20)
		}
		if c.size != int64(size) || (size <= copyInMemory) != (c.mem != nil) {
			t.Errorf("size %d: copy of %d bytes, in memory %v", size, c.size, c.mem != nil)
		}
		c.Close()
	}
}
