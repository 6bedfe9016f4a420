package reports

import (
	"embed"
	"fmt"
)

// assets holds the files reports/assets.mk fetches (never committed):
// DejaVu Sans for the PDF and ECharts for the HTML site. The folder is
// embedded whole, with its committed README, so that a fresh clone compiles
// before `make assets`; a binary built that way reports ErrAssets when it
// renders.
//
//go:embed assets
var assets embed.FS

func asset(name string) ([]byte, error) {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil || len(b) == 0 {
		return nil, fmt.Errorf("asset %s: %w", name, ErrAssets)
	}
	return b, nil
}
