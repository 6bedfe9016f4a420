package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// snapshotState is what a publish folder holds: every file's bytes.
func snapshotState(t testing.TB, dir string) map[string]string {
	t.Helper()
	state := map[string]string{}
	for _, f := range filesUnder(t, dir) {
		state[f] = readFile(t, filepath.Join(dir, f))
	}
	return state
}

// TestPublishWriterFailureLeavesPreviousSnapshot publishes a month, then
// publishes it again with a snapshot writer that fails, one that is killed
// after writing part of its output, and one still running when the
// publish is cancelled: each publish fails naming the output file, with
// the writer's stderr, and leaves the folder exactly as the first publish
// left it — no partial file, no staged copy, the snapshot, codebook,
// Parquet files and manifest as they were.
func TestPublishWriterFailureLeavesPreviousSnapshot(t *testing.T) {
	db, _ := smallTerritory(t)
	month := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	opt := publishOpt(t, month)
	sum, err := Publish(context.Background(), db, opt)
	if err != nil {
		t.Fatal(err)
	}
	before := snapshotState(t, opt.Dir)
	if len(before) < 10 {
		t.Fatalf("first publish wrote %d files", len(before))
	}
	tmp := sum.Snapshot + ".tmp"
	cases := []struct {
		name, script string
		cancel       bool
		want         []string
	}{
		{"fails", `echo "disk full" >&2; exit 3`, false, []string{"exit status 3", "disk full"}},
		{"killed", `printf partial > "$2"; kill -9 $$`, false, []string{"signal: killed"}},
		{"cancelled", `printf partial > "$2"; exec sleep 60`, true, []string{context.Canceled.Error()}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := opt
			o.writer = []string{"/bin/sh", "-c", c.script, "sh"}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if c.cancel {
				go cancelWhenExists(ctx, cancel, tmp)
			}
			start := time.Now()
			_, err := Publish(ctx, db, o)
			if err == nil {
				t.Fatal("publish succeeded with a failing writer")
			}
			for _, w := range append(c.want, tmp) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if c.cancel && (!errors.Is(err, context.Canceled) || time.Since(start) > 30*time.Second) {
				t.Errorf("cancelled publish: err %v after %v, want context.Canceled at once", err, time.Since(start))
			}
			after := snapshotState(t, opt.Dir)
			if got, want := slices.Sorted(mapKeys(after)), slices.Sorted(mapKeys(before)); !slices.Equal(got, want) {
				t.Fatalf("files after the failed publish:\n%q\nwant\n%q", got, want)
			}
			for f, b := range before {
				if after[f] != b {
					t.Errorf("%s changed", f)
				}
			}
		})
	}
}

// cancelWhenExists cancels once path exists: the writer has started.
func cancelWhenExists(ctx context.Context, cancel context.CancelFunc, path string) {
	for ctx.Err() == nil {
		if _, err := os.Stat(path); err == nil {
			cancel()
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestSnapshotWriterGetsOnlyPaths runs a writer that reports its
// arguments and environment: the two paths, the writer's switch and the
// allocator settings — not the parent's environment (keys, secrets).
func TestSnapshotWriterGetsOnlyPaths(t *testing.T) {
	t.Setenv("PROXIMITE_PSEUDONYM_KEY", "parent-secret-key")
	dir := t.TempDir()
	stage, out := filepath.Join(dir, "stage"), filepath.Join(dir, "out")
	err := writeInChild(context.Background(), []string{"/bin/sh", "-c", `{ echo "args:$#:$1:$2"; env; } >&2; exit 1`, "sh"}, stage, out)
	if err == nil {
		t.Fatal("writer exited 1, publish saw no error")
	}
	msg := err.Error()
	if !strings.Contains(msg, "args:2:"+stage+":"+out) {
		t.Errorf("writer's arguments: %s", msg)
	}
	if strings.Contains(msg, "parent-secret-key") {
		t.Errorf("the writer received the parent's environment: %s", msg)
	}
	for _, w := range append([]string{snapshotWriterEnv + "=1"}, zeroedAllocators...) {
		if !strings.Contains(msg, w) {
			t.Errorf("writer's environment lacks %s: %s", w, msg)
		}
	}
}

// TestSnapshotWriterRefusesABadStage runs the real writer (this test
// binary, through TestMain) on a file that is not a DuckDB database: it
// fails with DuckDB's message and the output file name, and leaves no output.
func TestSnapshotWriterRefusesABadStage(t *testing.T) {
	dir := t.TempDir()
	stage, out := filepath.Join(dir, "stage"), filepath.Join(dir, "out")
	if err := os.WriteFile(stage, []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeInChild(context.Background(), nil, stage, out)
	if err == nil || !strings.Contains(err.Error(), out) || !strings.Contains(err.Error(), "exit status 1") ||
		!strings.Contains(err.Error(), "stage") {
		t.Fatalf("err = %v, want the writer's failure naming %s and the stage", err, out)
	}
	if got := filesUnder(t, dir); !slices.Equal(got, []string{"stage"}) {
		t.Errorf("files left: %q", got)
	}
}
