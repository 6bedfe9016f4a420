package catalogue

import (
	"fmt"
	"strings"
)

// sectionName is the title of a section of the catalogue.
func sectionName(n int) string {
	names := map[int]string{1: "Reach", 2: "Practice", 3: "Groups", 4: "Partners",
		5: "Clinical support", 6: "Crisis", 8: "Data quality"}
	return names[n]
}

// Markdown returns the catalogue as the Markdown page docs/indicators.md:
// a summary table, each indicator's definitions in both languages and the
// vocabularies. The page is generated, never edited by hand.
func Markdown() string {
	var b strings.Builder
	b.WriteString(`# Indicators, as implemented

<!-- Generated from internal/catalogue: do not edit. Rewrite it with
     go test ./docs -run TestIndicatorsDoc -update -->

Every indicator Proximité computes, as declared in ` + "`internal/catalogue`" + `, the
one place definitions live: compute writes it to the ` + "`indicators`" + ` table
(and the vocabularies to ` + "`vocabularies`" + `), reports print it as their
methodology annex, and a test checks that each indicator's rows in
` + "`indicator_values`" + ` have exactly the levels, period types and breakdowns
declared here.

**Shape** says what it is: *count* sums a quantity over records, *ratio* is
100 × numerator ÷ denominator of two record counts, *person_count* counts
distinct persons (or is a rate or share of them), *custom* is anything else.
**SQL** says which shared file completes the indicator's own
` + "`queries/indicators/<id>.sql`" + `: *sum* (the file lists facts, one row per
record; ` + "`_rollup.sql`" + ` buckets them by month and sums them over each area and
period), *distinct* (facts counted once per area and period,
` + "`_distinct.sql`" + `), *emit* (the file computes the sums per area and period
itself), all three put on the grid by ` + "`_emit.sql`" + `; *latest* (days since the
latest fact, ` + "`_latest.sql`" + `); *rate* (persons per 1,000 of the grid's
population, ` + "`_rate.sql`" + `); *own* (the file computes every row). **Additive**: an area's value is
the sum of its neighbourhoods'. **Suppressible**: small cells (1 to
threshold − 1) are hidden in everything that leaves the team; only
indicators that count persons or events about persons, or derive from such
counts, are suppressible. Breakdown cells are written ` + "`dimension=code`" + `, besides
the total (empty breakdown).

| id | title | shape | SQL | unit | breakdown | periods | levels | additive | suppressible |
|---|---|---|---|---|---|---|---|---|---|
`)
	for _, ind := range All() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", ind.ID, ind.Title.EN, ind.Shape, rollupText(ind.Rollup),
			ind.UnitCode, breakdownText(ind), strings.Join(ind.Periods, ", "), strings.Join(ind.AreaLevels(), ", "),
			yesNo(ind.Additive), yesNo(ind.Suppressible))
	}
	section := 0
	for _, ind := range All() {
		if ind.Section != section {
			section = ind.Section
			fmt.Fprintf(&b, "\n## %d. %s\n", section, sectionName(section))
		}
		writeIndicator(&b, ind)
	}
	writeVocabularies(&b)
	return b.String()
}

func writeIndicator(b *strings.Builder, ind Indicator) {
	fmt.Fprintf(b, "\n### `%s` — %s / %s\n\n", ind.ID, ind.Title.EN, ind.Title.FR)
	fmt.Fprintf(b, "%s\n\n*%s*\n\n", ind.Definition.EN, ind.Definition.FR)
	fmt.Fprintf(b, "- Numerator: %s (*%s*)\n", ind.Numerator.EN, ind.Numerator.FR)
	if ind.Denominator.EN != "" {
		fmt.Fprintf(b, "- Denominator: %s (*%s*)\n", ind.Denominator.EN, ind.Denominator.FR)
	}
	fmt.Fprintf(b, "- Unit: %s (*%s*); improvement: %s\n", ind.Unit.EN, ind.Unit.FR, ind.Direction)
	if ind.NumeratorOf != "" {
		fmt.Fprintf(b, "- Hidden whenever its numerator `%s` is suppressed\n", ind.NumeratorOf)
	}
}

func writeVocabularies(b *strings.Builder) {
	b.WriteString("\n## Vocabularies\n\nThe closed lists of codes shared by the export contract, the breakdowns and the labels.\n")
	for _, v := range Vocabularies() {
		fmt.Fprintf(b, "\n### `%s`\n\n| code | English | français |\n|---|---|---|\n", v.Name)
		for _, t := range v.Terms {
			fmt.Fprintf(b, "| `%s` | %s | %s |\n", t.Code, t.Label.EN, t.Label.FR)
		}
	}
}

func breakdownText(ind Indicator) string {
	switch {
	case ind.Split == nil:
		return "—"
	case ind.Split.Vocabulary == "":
		return "`" + ind.Split.Dimension + "` (from the data)"
	}
	return "`" + ind.Split.Dimension + "` ([`" + ind.Split.Vocabulary + "`](#" + ind.Split.Vocabulary + "))"
}

func rollupText(r Rollup) string {
	if r == OwnRows {
		return "own"
	}
	return string(r)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
