// Package reports turns plain report values (series, tables, indicator
// cards) into the monthly PDF and the static HTML site. It never reads the
// database and never logs.
//
// The pipeline fills a Report (and, for the site, a Comparison) from the
// database; Build turns it into a View — strings in one language (fr by
// default, en), small counts suppressed as section 9 of the indicators spec
// requires, charts laid out — and both RenderPDF and RenderSite draw that
// same View, so the PDF chart and the HTML chart come from one Chart value.
// RenderCompareSite draws the comparison site across centres from a
// CompareSite with the same funnel, forest, escaping, locale and page
// blocks; CompareSuppression decides its small cells (the pipeline's
// comparison table uses the same statuses).
//
// Filling the model:
//   - Catalogue: every indicator used anywhere, with Additive set for counts
//     that sum across neighbourhoods and Numerator naming the count behind a
//     rate (crisis_rate → crisis_events).
//   - Values carry the exact counts: a plain count in Value.Value, a rate or
//     percentage with its Numerator (and Denominator when it counts people);
//     suppression and the "interpret with caution" flag are decided here.
//   - Overview is the territory; Neighbourhoods must be all of its
//     neighbourhoods, so that complementary suppression between the
//     territory total and its parts holds.
//
// The fonts (DejaVu Sans) and echarts.min.js are embedded from assets/,
// which reports/assets.mk fills (make assets) and git ignores.
package reports
