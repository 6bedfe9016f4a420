// Package reports turns plain report values (series, tables, indicator
// cards) into the monthly PDF and the static HTML site. It never reads the
// database and never logs.
package reports
