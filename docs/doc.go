// Package docs holds the repository's own documentation (the export
// contract and the indicator definitions as implemented) and the tests that
// keep it true: docs/indicators.md is generated from internal/catalogue and
// every relative link of README.md and docs/ must resolve inside the
// repository. It has no code of its own.
package docs
