package pseudonym

import "errors"

// ErrNoKey means no pseudonymization key was configured.
var ErrNoKey = errors.New("no pseudonymization key configured: set PROXIMITE_PSEUDONYM_KEY or pseudonym_key.file in config.yaml")
