// Package catalogue holds Proximité's indicator catalogue as data: ids,
// French and English titles and definitions, numerator and denominator,
// unit (words and code), the direction that means improvement, the shape
// (count, ratio, person count, custom) and the shared SQL that completes
// each indicator's own query, breakdown cells, area levels and period types,
// additivity, and whether small cells are suppressed (persons and events
// about persons only). It also declares the vocabularies of the export
// contract (activity kinds, group formats, services, sectors…) with their
// labels, which the exports reader, the fixtures, the SQL (through the
// vocabularies table) and the reports all read.
//
// It is the one place definitions live: queries writes it to the
// indicators and vocabularies tables, pipeline computes from it, the
// reports print it as their methodology annex and docs/indicators.md is
// generated from it (Markdown). It holds no SQL and does no I/O.
package catalogue
