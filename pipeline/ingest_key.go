package pipeline

import (
	"context"
	"fmt"

	"proximite/internal/pseudonym"
	"proximite/queries"
)

// checkKeyFingerprint records the key's fingerprint on the store's first
// ingest and refuses a key whose fingerprint differs from the recorded one.
func checkKeyFingerprint(ctx context.Context, q *queries.Queries, key []byte) error {
	fp := pseudonym.Fingerprint(key)
	stored, ok, err := q.KeyFingerprint(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return q.PutKeyFingerprint(ctx, fp)
	}
	if stored != fp {
		return fmt.Errorf("%w (store key fingerprint %s, configured key's %s): configure the store's key, or load into a new store",
			pseudonym.ErrKeyMismatch, stored, fp)
	}
	return nil
}
