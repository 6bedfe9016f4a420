// Package suppression applies Proximité's small-cell suppression policy
// (indicators spec, section 9) to counts, rates and tables: primary
// suppression of counts from 1 to threshold−1, suppression of rates built on
// a suppressed count, complementary suppression of tables with totals, and
// the "interpret with caution" flag of rates on small numerators.
//
// It decides what is hidden; it does not format numbers (package reports
// does) and it never reads the database or logs.
package suppression
