package main

import (
	"context"

	"proximite/queries"
)

func openForTest(ctx context.Context, path string) (*queries.DB, error) {
	return queries.Open(ctx, path, queries.Options{})
}
