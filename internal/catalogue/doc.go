// Package catalogue holds Proximité's indicator catalogue as data: ids,
// French and English titles and definitions, numerator and denominator,
// unit, the direction that means improvement, breakdowns and the period types
// each indicator applies to. It is the one place definitions live: queries
// writes it to the indicators table, pipeline computes from it and the
// reports print it as their methodology annex. It holds no SQL and does no I/O.
package catalogue
