//go:build duckdb_arrow

package pipeline

import (
	"context"
	"database/sql"

	"github.com/apache/arrow-go/v18/arrow/memory/mallocator"

	"proximite/internal/exports"
	"proximite/queries"
)

// buildLoader returns the loader of a duckdb_arrow build: Arrow batches
// built on a reader goroutine and inserted through the driver's Arrow
// interface.
func buildLoader() fileLoader { return arrowLoad }

// readsAhead says whether the run reads record files ahead (readAhead):
// not in a duckdb_arrow build, whose loader reads on a goroutine of its
// own, unless opt asks for the row-by-row Appender.
func readsAhead(opt IngestOptions) bool { return opt.rowByRow }

// arrowLoad loads a file in Arrow batches whose buffers are C memory
// (mallocator): DuckDB reads them through the C data interface, where Go
// memory may not be handed.
func arrowLoad(ctx context.Context, conn *sql.Conn, rd *exports.Reader, kind exports.Kind, fileID int64, opt IngestOptions, res FileResult) (FileResult, error) {
	size := batchRows
	if opt.batchRows > 0 {
		size = opt.batchRows
	}
	return loadBatches(ctx, conn, queries.NewArrowWriter(conn), rd, kind, fileID, opt, res, mallocator.NewMallocator(), size)
}
