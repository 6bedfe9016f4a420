package pipeline

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"proximite/queries"
)

// The snapshot's DuckDB file is written by a child process that holds
// nothing but that snapshot. DuckDB 1.5.6 writes some bytes of a block as
// its buffer held them (the unused middle of a text block 80 % full or
// more, the end of a full one: string_uncompressed.cpp, FinalizeAppend), so
// a file written by the publishing process could carry that process's
// memory: different bytes from one publish to the next, and pieces of
// whatever it held before — in serve, another recipient's re-keying input.
// The parent stages the finished snapshot (as-of, re-keyed) in a private
// file; the child, started with nothing but the two paths, copies it into
// the output on one thread with every allocation zeroed. DuckDB's own
// allocator is the jemalloc built into the driver's library (its symbols
// are duckdb_je_*; it reads DUCKDB_JE_MALLOC_CONF when the process starts):
// zero:true makes it return zeroed memory, and abort_conf:true makes the
// child fail, rather than write unzeroed bytes, were that option ever
// missing. The rest of the C++ code allocates with glibc's malloc, zeroed
// by its perturb tunable, its per-thread cache (which skips perturbing) off.

// snapshotWriterEnv, set to "1", makes the process the snapshot writer.
const snapshotWriterEnv = "PROXIMITE_INTERNAL_SNAPSHOT_WRITER"

// zeroedAllocators is the writer's allocator environment (see above): both
// are read when a process starts, hence the child.
var zeroedAllocators = []string{
	"DUCKDB_JE_MALLOC_CONF=abort_conf:true,zero:true",
	"GLIBC_TUNABLES=glibc.malloc.perturb=255:glibc.malloc.tcache_count=0",
}

// writerWait bounds the wait for the child's output after it was killed.
const writerWait = 5 * time.Second

// SnapshotWriterMain runs this process as the snapshot writer when Publish
// started it as one, and reports whether it did, with the exit code. main
// (and the TestMain of the packages whose tests publish, since there the
// executable is the test binary) calls it before anything else.
func SnapshotWriterMain() (exitCode int, isWriter bool) {
	if os.Getenv(snapshotWriterEnv) != "1" {
		return 0, false
	}
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "snapshot writer: want the staged snapshot and the output file")
		return 2, true
	}
	if err := copySnapshot(context.Background(), os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1, true
	}
	return 0, true
}

// copySnapshot copies every table of the staged snapshot into a new file
// at out, with the snapshot's compression, on one thread.
func copySnapshot(ctx context.Context, stage, out string) error {
	return withReadOnly(ctx, stage, "UTC", func(conn *sql.Conn) error {
		q := queries.New(conn)
		if err := q.WriterSettings(ctx); err != nil {
			return err
		}
		if err := q.SnapshotStorage(ctx); err != nil {
			return err
		}
		if err := q.Attach(ctx, out, "snap", false); err != nil {
			return err
		}
		err := q.CopyDatabaseToSnapshot(ctx)
		if derr := q.Detach(ctx, "snap"); err == nil {
			err = derr
		}
		return err
	})
}

// writeInChild runs the snapshot writer on stage and out: argv is the
// command (this executable when empty; tests give another), the two paths
// its last arguments, its environment nothing but the writer's switch and
// the allocators' settings — no key, secret or path of the parent's. A failure
// or a cancelled ctx (which kills it) removes out; the child's stderr is in
// the error.
func writeInChild(ctx context.Context, argv []string, stage, out string) error {
	if len(argv) == 0 {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("snapshot writer: %w", err)
		}
		argv = []string{exe}
	}
	args := append(append([]string{}, argv[1:]...), stage, out)
	cmd := exec.CommandContext(ctx, argv[0], args...)
	cmd.Env = append([]string{snapshotWriterEnv + "=1"}, zeroedAllocators...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.WaitDelay = writerWait
	err := cmd.Run()
	if err == nil {
		return nil
	}
	if rerr := removeDB(out); rerr != nil {
		err = errors.Join(err, rerr)
	}
	if ctx.Err() != nil {
		err = errors.Join(ctx.Err(), err)
	}
	msg := strings.TrimSpace(stderr.String())
	if msg == "" {
		return fmt.Errorf("snapshot writer for %s: %w", out, err)
	}
	return fmt.Errorf("snapshot writer for %s: %w: %s", out, err, msg)
}
