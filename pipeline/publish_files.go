package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"proximite/queries"
)

// writeBeside writes the Parquet export from the finished snapshot (so it
// holds exactly the snapshot's rows) and the SHA256SUMS manifest of every
// file of the snapshot.
func writeBeside(ctx context.Context, sum *PublishSummary, opt PublishOptions, facts []fact) error {
	err := withReadOnly(ctx, sum.Snapshot, opt.Location.String(), func(conn *sql.Conn) error {
		return exportParquet(ctx, conn, sum.Parquet, parquetMetadata(facts))
	})
	if err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	if sum.SHA256, err = fileSHA256(sum.Snapshot); err != nil {
		return err
	}
	return writeChecksums(sum)
}

// withReadOnly opens the DuckDB file at path read-only, on one thread, in
// the time zone tz, and runs f on one connection to it.
func withReadOnly(ctx context.Context, path, tz string, f func(*sql.Conn) error) error {
	db, err := queries.Open(ctx, path, queries.Options{ReadOnly: true, Threads: 1, TimeZone: tz})
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return f(conn)
}

// parquetMetadata is the provenance every Parquet file carries: the facts
// of the about table, keys prefixed with "proximite.".
func parquetMetadata(facts []fact) arrow.Metadata {
	keys := make([]string, len(facts))
	values := make([]string, len(facts))
	for i, f := range facts {
		keys[i], values[i] = "proximite."+f.Key, f.Value
	}
	return arrow.NewMetadata(keys, values)
}

// writeChecksums writes sum.Checksums in sha256sum's format, paths
// relative to the snapshot's folder, sorted: `sha256sum -c` checks them.
func writeChecksums(sum *PublishSummary) error {
	dir := filepath.Dir(sum.Snapshot)
	files := []string{sum.Snapshot, sum.Codebook}
	err := filepath.WalkDir(sum.Parquet, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	var b strings.Builder
	lines := make([]string, 0, len(files))
	for _, f := range files {
		h, err := fileSHA256(f)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, f)
		if err != nil {
			return err
		}
		lines = append(lines, h+"  "+filepath.ToSlash(rel)+"\n")
	}
	slices.SortFunc(lines, func(a, b string) int { return strings.Compare(a[66:], b[66:]) })
	for _, l := range lines {
		b.WriteString(l)
	}
	return os.WriteFile(sum.Checksums, []byte(b.String()), 0o644)
}
