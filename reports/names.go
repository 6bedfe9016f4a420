package reports

import (
	"crypto/sha256"
	"encoding/hex"
)

// maxID caps an identifier that becomes a file name (a section's page, its
// charts' CSV files), so that an area code of any length cannot fail the
// site with "file name too long".
const maxID = 60

// capID returns id, or, when longer than maxID, its first maxID bytes
// followed by the start of its SHA-256, so that two long ids stay two
// files. id must be ASCII.
func capID(id string) string {
	if len(id) <= maxID {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return id[:maxID] + "_" + hex.EncodeToString(sum[:4])
}
