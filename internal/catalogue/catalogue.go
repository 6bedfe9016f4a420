package catalogue

import "slices"

// Direction says which way of a value means improvement.
type Direction string

// Directions of improvement.
const (
	Up   Direction = "up"
	Down Direction = "down"
	None Direction = "none"
)

// Period types an indicator may be computed for.
const (
	Month      = "month"
	Quarter    = "quarter"
	FiscalYear = "fiscal_year"
	Rolling12m = "rolling_12m"
)

// AllPeriodTypes returns every period type, shortest first.
func AllPeriodTypes() []string { return []string{Month, Quarter, FiscalYear, Rolling12m} }

// Text is a string in French and English.
type Text struct {
	FR string
	EN string
}

// Shape says how an indicator is computed, which decides the SQL that rolls
// it up (see queries/indicators/README.md).
type Shape string

// Shapes of indicators.
const (
	// Count sums a per-record quantity (1 per record, minutes, participants)
	// over the neighbourhoods and months of each area and period; its SQL
	// file lists the facts and the shared roll-up does the rest.
	Count Shape = "count"
	// Ratio is 100 × numerator ÷ denominator of two per-record counts; its
	// SQL file lists the facts and the shared roll-up does the rest.
	Ratio Shape = "ratio"
	// PersonCount counts distinct persons (pseudonyms), or a rate or share
	// of them, so it cannot be summed over months or neighbourhoods; its
	// SQL file reads the person tables of the grid.
	PersonCount Shape = "person_count"
	// Custom is anything else (distinct partners, rates over person-time,
	// freshness, data quality); its SQL file computes every row itself.
	Custom Shape = "custom"
)

// Rolled reports whether the shared roll-up computes indicators of shape s.
func (s Shape) Rolled() bool { return s == Count || s == Ratio }

// Rollup names the shared SQL of queries/indicators that completes an
// indicator's own file, so each indicator's file says only what is its own.
type Rollup string

// Rollups.
const (
	// OwnRows: the file computes every row of indicator_values itself.
	OwnRows Rollup = ""
	// RollupSum: the file lists facts (neighbourhood, day, cell, num, den),
	// one row per record; _rollup.sql sums them by month, area and period
	// into agg and _emit.sql puts agg on the grid. Counts and ratios.
	RollupSum Rollup = "sum"
	// RollupDistinct: the file lists facts (neighbourhood, day, x);
	// _distinct.sql counts the distinct x of each area and period into agg
	// and _emit.sql puts agg on the grid.
	RollupDistinct Rollup = "distinct"
	// RollupEmit: the file's CTEs end with agg (area_level, area_code,
	// period_type, period_start, cell, num, den); _emit.sql puts it on the grid.
	RollupEmit Rollup = "emit"
	// RollupLatest: the file lists facts (neighbourhood, day); _latest.sql
	// gives the days from the latest day not after each period's end to that
	// end, NULL when there is none.
	RollupLatest Rollup = "latest"
	// RollupRate: the file's CTEs end with agg (area_level, area_code,
	// period_type, period_start, num); _rate.sql gives num per 1,000 of the
	// grid's RateBase.
	RollupRate Rollup = "rate"
)

// Emitted reports whether the shared emit puts the indicator's values on
// the grid.
func (ind Indicator) Emitted() bool {
	return ind.Rollup == RollupSum || ind.Rollup == RollupDistinct || ind.Rollup == RollupEmit
}

// IsRatio reports whether the emitted value is 100 × num ÷ den.
func (ind Indicator) IsRatio() bool { return ind.Shape == Ratio || ind.AreaRatio }

// Unit codes: how a value is printed and what its axis says.
const (
	UnitCount        = "count"
	UnitPct          = "pct"
	UnitPer1000      = "per_1000"
	UnitPer1000Alone = "per_1000_alone"
	UnitPer1000PY    = "per_1000_py"
	UnitRatio        = "ratio"
	UnitHours        = "hours"
	UnitDays         = "days"
	UnitZScore       = "zscore"
)

// Breakdown is the dimension an indicator is split by besides its total.
type Breakdown struct {
	// Dimension is the prefix of the breakdown cells, e.g. "kind" in
	// "kind=group".
	Dimension string
	// Vocabulary names the vocabulary whose codes are the cells; empty
	// when the cells come from the data (e.g. reject reasons).
	Vocabulary string
	// NoTotal is true when the indicator has no total row (the cells
	// measure different things, e.g. the series of dq_outliers).
	NoTotal bool
	// OwnTotal is true when the total is not the sum of the cells: the
	// indicator's agg gives it as the rows whose cell is NULL (e.g.
	// collective_events: events in total, participants as a cell).
	OwnTotal bool
}

// Indicator is one entry of the catalogue.
type Indicator struct {
	ID          string
	Section     int
	Title       Text
	Definition  Text
	Numerator   Text
	Denominator Text // empty when the indicator is a count
	Unit        Text
	Direction   Direction
	// UnitCode is the machine form of Unit (one of the Unit* constants).
	UnitCode string
	// Shape says how the indicator is computed.
	Shape Shape
	// Divisor divides a Count's sum (60 turns minutes into hours); 0 means 1.
	Divisor float64
	// Rollup names the shared SQL that completes the indicator's own file.
	Rollup Rollup
	// RateBase is, for Rollup rate, the grid's denominator: "population" or
	// "living_alone".
	RateBase string
	// AreaRatio is true when an indicator of another shape than Ratio
	// that goes through the shared emit has the value 100 × num ÷ den.
	AreaRatio bool
	// Additive is true when an area's value is the sum of its
	// neighbourhoods' (events and activities, not de-duplicated persons).
	Additive bool
	// Suppressible is true when the indicator counts persons or events
	// about persons, or is a rate or share derived from such counts: small
	// cells of it are suppressed in everything that leaves the team.
	// Counts of partners, sectors, joint actions, hours and days are not.
	Suppressible bool
	// NumeratorOf names the additive count indicator that is the numerator
	// of a rate (crisis_rate → crisis_events), so the rate is hidden
	// whenever that count is; empty otherwise.
	NumeratorOf string
	// Split is the dimension the indicator is split by besides the total
	// (empty breakdown); nil when it is not split.
	Split *Breakdown
	// Periods lists the period types the indicator is computed for.
	Periods []string
	// Levels lists the area levels; nil means every level.
	Levels []string
}

// Breakdowns names the dimensions the indicator is split by besides the
// total, e.g. "kind"; empty when it is not split.
func (ind Indicator) Breakdowns() []string {
	if ind.Split == nil {
		return nil
	}
	return []string{ind.Split.Dimension}
}

// Cells returns the breakdown values the indicator has for every area and
// period: "" (the total, unless NoTotal) then "dimension=code" for each code
// of its vocabulary, and ok=false when the cells come from the data.
func (ind Indicator) Cells() (cells []string, ok bool) {
	cells = []string{""}
	if ind.Split == nil {
		return cells, true
	}
	if ind.Split.NoTotal {
		cells = nil
	}
	v, found := LookupVocabulary(ind.Split.Vocabulary)
	if !found {
		return cells, false
	}
	for _, c := range v.Codes() {
		cells = append(cells, ind.Split.Dimension+"="+c)
	}
	return cells, true
}

// AreaLevels returns the area levels the indicator is computed for.
func (ind Indicator) AreaLevels() []string {
	if ind.Levels == nil {
		return AllLevels()
	}
	return slices.Clone(ind.Levels)
}

// AllLevels returns every area level, smallest first.
func AllLevels() []string { return []string{"neighbourhood", "territory", "group", "all"} }

// AppliesTo reports whether the indicator is computed for periodType.
func (ind Indicator) AppliesTo(periodType string) bool {
	return slices.Contains(ind.Periods, periodType)
}

// All returns the catalogue in the order reports print it.
func All() []Indicator { return catalogue() }

// Lookup returns the indicator with the given id.
func Lookup(id string) (Indicator, bool) {
	for _, ind := range catalogue() {
		if ind.ID == id {
			return ind, true
		}
	}
	return Indicator{}, false
}

// IDs returns every indicator id in catalogue order.
func IDs() []string {
	var ids []string
	for _, ind := range catalogue() {
		ids = append(ids, ind.ID)
	}
	return ids
}
