package reports

import "errors"

// ErrUnknownIndicator is returned when the model uses an indicator id that
// its Catalogue does not define.
var ErrUnknownIndicator = errors.New("indicator not in catalogue")

// ErrAssets is returned when an embedded asset is missing: the binary was
// built without running `make assets` first.
var ErrAssets = errors.New("report assets missing from this build (run `make assets`, then rebuild)")
