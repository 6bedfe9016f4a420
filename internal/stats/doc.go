// Package stats owns Proximité's statistical methods: exact Poisson
// intervals, rate ratios, a Poisson GLM fitted by IRLS with quasi-Poisson
// standard errors, interrupted time series, difference in differences,
// XmR statistical process control charts in the NHS "Making Data Count"
// style, and the modified z-score used to flag outliers.
//
// The package is pure computation on slices and gonum matrices: it must not
// touch the database, read configuration, log, or keep package-level mutable
// state. Callers pass counts and person-time and get plain values back.
// Results are checked against independent implementations (R glm,
// statsmodels, NHSRplotthedots) in the tests.
package stats
