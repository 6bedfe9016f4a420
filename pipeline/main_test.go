package pipeline

import (
	"os"
	"testing"
)

// TestMain lets the test binary serve as the snapshot writer that Publish
// starts: under go test, os.Executable() is this binary.
func TestMain(m *testing.M) {
	if code, ok := SnapshotWriterMain(); ok {
		os.Exit(code)
	}
	os.Exit(m.Run())
}
