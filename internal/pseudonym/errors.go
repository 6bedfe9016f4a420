package pseudonym

import (
	"errors"
	"fmt"
)

// ErrNoKey means no pseudonymization key was configured.
var ErrNoKey = errors.New("no pseudonymization key configured: set PROXIMITE_PSEUDONYM_KEY or pseudonym_key.file in config.yaml")

// ErrShortKey means the configured key is shorter than MinKeyBytes.
var ErrShortKey = fmt.Errorf("pseudonymization key shorter than %d bytes", MinKeyBytes)

// ErrWeakKey means the configured key carries fewer than MinKeyBits.
var ErrWeakKey = fmt.Errorf("pseudonymization key too weak (fewer than %d bits estimated from its bytes: repeated characters?); generate one with `openssl rand -hex 32`", MinKeyBits)

// ErrKeyFileMode means the key file can be read by others than its owner.
var ErrKeyFileMode = errors.New("pseudonymization key file readable by group or others")

// ErrKeyMismatch means the configured key is not the one the store's
// pseudonyms were made with: mixing the two would count one person as two.
var ErrKeyMismatch = errors.New("pseudonymization key differs from the one this store was loaded with")
