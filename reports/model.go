package reports

import "time"

// Report is everything one monthly report shows, as plain values. The
// pipeline fills it from the database; RenderPDF and RenderSite never read
// anything else. Counts are exact here: suppression is applied when the
// report is built, so the model must never be published as is.
type Report struct {
	// Lang is "fr" (the default when empty) or "en".
	Lang string `json:"lang"`
	// Threshold is the suppression threshold (config
	// suppression_threshold); 0 means 5.
	Threshold int `json:"threshold"`
	// Territory is the area the report is about.
	Territory Area `json:"territory"`
	// Month is the first day of the reported month.
	Month time.Time `json:"month"`
	// AsOf is the data as-of instant; it also pins the PDF's dates so the
	// same model always gives the same bytes.
	AsOf time.Time `json:"as_of"`
	// Provisional lists the first day of every provisional month.
	Provisional []time.Time `json:"provisional"`
	// Headline is the month page 1 and the key tables headline: by default
	// the latest complete (non-provisional) month up to Month, while the
	// charts run to Month with its provisional months marked. Zero means
	// Month.
	Headline time.Time `json:"headline,omitzero"`
	// Overview is the territory's own section (no portrait).
	Overview Section `json:"overview"`
	// Neighbourhoods are printed in this order, one section each.
	Neighbourhoods []Section `json:"neighbourhoods"`
	// Quality is the data-quality section.
	Quality Quality `json:"quality"`
	// Revisions lists values changed since the last report.
	Revisions []Revision `json:"revisions"`
	// Catalogue is the indicator catalogue, printed as the methodology
	// annex in this order; ids used elsewhere in the model must be here.
	Catalogue []Indicator `json:"catalogue"`
}

// Area names a neighbourhood or a territory.
type Area struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Text is a string in both report languages; an empty EN falls back to FR.
type Text struct {
	FR string `json:"fr"`
	EN string `json:"en"`
}

// Indicator is one catalogue entry (the `indicators` table).
type Indicator struct {
	ID         string `json:"id"`
	Title      Text   `json:"title"`
	Definition Text   `json:"definition"`
	// Unit is one of count, pct, per_1000 (residents), per_1000_alone
	// (residents living alone), per_1000_py (person-years), ratio, hours,
	// days, zscore.
	Unit string `json:"unit"`
	// UnitText is the unit as the catalogue words it ("per 1,000
	// residents"), for axis captions and tables.
	UnitText Text `json:"unit_text"`
	// Direction is "up", "down" or "" (no direction of improvement).
	Direction string `json:"direction"`
	// Additive is true for counts whose territory value is the sum of its
	// neighbourhoods' (events, activities), false for de-duplicated person
	// counts and ratios. Additive counts get complementary suppression
	// across the territory and its neighbourhoods.
	Additive bool `json:"additive"`
	// Numerator is, for a rate, the id of the additive count indicator
	// that is its numerator (crisis_rate → crisis_events), so that a rate
	// is hidden whenever that count is; empty otherwise.
	Numerator string `json:"numerator,omitempty"`
	// Suppressible is true for counts of persons or of events about
	// persons and the rates derived from them; small cells of any other
	// indicator (partners, joint actions, hours, days) are shown as they are.
	Suppressible bool `json:"suppressible"`
}

// Section is the part of the report about one area.
type Section struct {
	Area Area `json:"area"`
	// Portrait is set for neighbourhoods only.
	Portrait *Portrait `json:"portrait,omitempty"`
	// Key is the key-indicator table, in print order.
	Key []Key `json:"key"`
	// Crisis is the monthly crisis rate with its ITS lines.
	Crisis ITS `json:"crisis"`
	// SPC holds the XmR charts (crisis_rate, reach_persons,
	// reach_isolated_rate), in print order.
	SPC []SPC `json:"spc"`
	// Reach holds monthly reach series (reach_persons, then
	// reach_isolated_rate).
	Reach []Series `json:"reach"`
	// Groups holds monthly group series (group_sessions,
	// group_persons, ...).
	Groups []Series `json:"groups"`
	// Referrals is referrals_to_services per service for the month.
	Referrals Breakdown `json:"referrals"`
	// Partners is active_partners per sector for the month.
	Partners Breakdown `json:"partners"`
}

// Series returns every monthly series of the section: the one list that
// both small-cell suppression and outlier detection walk, so a series added
// to a section cannot escape suppression (a test checks that it names every
// series field of Section).
func (s Section) Series() []Series {
	out := []Series{s.Crisis.Observed}
	out = append(out, s.Reach...)
	return append(out, s.Groups...)
}

// Value is one indicator value (a row of indicator_values).
type Value struct {
	// Value is nil when undefined (denominator 0).
	Value *float64 `json:"value"`
	// Lo and Hi are the 95% CI bounds, nil when none.
	Lo *float64 `json:"lo,omitempty"`
	Hi *float64 `json:"hi,omitempty"`
	// Numerator and Denominator are the counts behind a rate or
	// percentage. Set Denominator only when it counts people or events
	// (not for populations or person-time). Both nil for a plain count.
	Numerator   *int64 `json:"numerator,omitempty"`
	Denominator *int64 `json:"denominator,omitempty"`
	Provisional bool   `json:"provisional,omitempty"`
}

// Key is one row of the key-indicator table.
type Key struct {
	Indicator string `json:"indicator"`
	Current   Value  `json:"current"`
	// Previous is the previous month, LastYear the same month a year
	// before; nil when there is no such month.
	Previous *Value `json:"previous,omitempty"`
	LastYear *Value `json:"last_year,omitempty"`
	// Signal is the latest SPC signal: "improvement", "concern" or "".
	Signal string `json:"signal"`
	// Trend is the monthly series up to the report's Month (about two
	// years), drawn as the summary's sparkline; empty when none.
	Trend []Month `json:"trend,omitempty"`
	// HasSPC is true when the indicator has an XmR chart, so that Signal
	// "" means common-cause variation rather than no chart.
	HasSPC bool `json:"has_spc,omitempty"`
}

// Month is one month of a monthly series.
type Month struct {
	Start time.Time `json:"start"`
	Value
}

// Series is an indicator's monthly series for one area.
type Series struct {
	Indicator string  `json:"indicator"`
	Months    []Month `json:"months"`
}

// ITS is the crisis-rate series with the interrupted-time-series lines.
// Fitted and Counterfactual are aligned with Observed.Months (same length,
// nil where the model gives nothing); both nil when no model was fitted.
type ITS struct {
	Observed       Series     `json:"observed"`
	Fitted         []*float64 `json:"fitted"`
	Counterfactual []*float64 `json:"counterfactual"`
	// OutreachStart is the first outreach month, nil for none.
	OutreachStart *time.Time `json:"outreach_start,omitempty"`
	// Summary is a one-line result (level and slope change) or the
	// reason no model was fitted.
	Summary Text `json:"summary"`
	// Effect is the fitted level change, nil when no model was fitted.
	Effect *Effect `json:"effect,omitempty"`
	// Forest is the territory's forest plot (see forest.go); nil elsewhere.
	Forest *Forest `json:"forest,omitempty"`
}

// Effect is an interrupted time series' level change as a rate ratio
// with its 95% interval.
type Effect struct {
	RR float64 `json:"rr"`
	Lo float64 `json:"lo"`
	Hi float64 `json:"hi"`
	// Placebo is true for a comparison neighbourhood (no outreach).
	Placebo     bool `json:"placebo,omitempty"`
	MonthsAfter int  `json:"months_after"`
}

// SPC is one XmR chart (a series of spc_points).
type SPC struct {
	Indicator string     `json:"indicator"`
	Points    []SPCPoint `json:"points"`
	Centre    float64    `json:"centre"`
	Lower     float64    `json:"lower"`
	Upper     float64    `json:"upper"`
	// Trial is true when fewer than 13 points set the limits.
	Trial bool `json:"trial"`
}

// SPCPoint is one month of an XmR chart.
type SPCPoint struct {
	Month
	// Signal is "improvement", "concern" or "".
	Signal string `json:"signal"`
	// Centre, Lower and Upper are the centre line and limits of the
	// point's phase (re-based at the outreach start: each phase has its
	// own); nil when the chart has one set (SPC.Centre, Lower, Upper).
	Centre *float64 `json:"centre,omitempty"`
	Lower  *float64 `json:"lower,omitempty"`
	Upper  *float64 `json:"upper,omitempty"`
}

// Breakdown is a count split by category with its total, drawn as bars.
type Breakdown struct {
	Indicator string `json:"indicator"`
	Items     []Item `json:"items"`
	// Total is the indicator's own total; nil when not shown.
	Total *int64 `json:"total,omitempty"`
}

// Item is one category of a Breakdown.
type Item struct {
	Label Text  `json:"label"`
	Count int64 `json:"count"`
}

// Portrait describes a neighbourhood's population (population.csv).
type Portrait struct {
	Population  int64 `json:"population"`
	LivingAlone int64 `json:"living_alone"`
	LowIncome   int64 `json:"low_income"`
	Aged65      int64 `json:"aged_65"`
	// MaterialQuintile and SocialQuintile are the deprivation quintiles
	// (1 least deprived … 5 most), 0 when unknown.
	MaterialQuintile int `json:"material_quintile"`
	SocialQuintile   int `json:"social_quintile"`
	// Partners counts partners by sector.
	Partners []Item `json:"partners"`
	// OutreachStart is nil for a comparison neighbourhood.
	OutreachStart *time.Time `json:"outreach_start,omitempty"`
}

// Quality is the data-quality section (indicators spec, section 8). Its
// counts are about rows and files, not people, and are not suppressed.
type Quality struct {
	Loads []Load `json:"loads"`
	// Rejections counts rejected rows per reason.
	Rejections []Item `json:"rejections"`
	// Completeness lists shares of known attributes, in percent.
	Completeness []Share     `json:"completeness"`
	Freshness    []Freshness `json:"freshness"`
	Outliers     []Outlier   `json:"outliers"`
}

// Load is one ingest run.
type Load struct {
	Label         string `json:"label"`
	RowsLoaded    int64  `json:"rows_loaded"`
	RowsRejected  int64  `json:"rows_rejected"`
	FilesRejected int64  `json:"files_rejected"`
}

// Share is a named percentage (0–100).
type Share struct {
	Label Text    `json:"label"`
	Pct   float64 `json:"pct"`
}

// Freshness is the latest data of one neighbourhood.
type Freshness struct {
	Area         Area       `json:"area"`
	LastActivity *time.Time `json:"last_activity,omitempty"`
	LastEvent    *time.Time `json:"last_event,omitempty"`
	// Gap is true when a month has no data after months that had some.
	Gap bool `json:"gap"`
}

// Outlier is a monthly count with a modified z-score above 3.5.
type Outlier struct {
	Area      Area      `json:"area"`
	Indicator string    `json:"indicator"`
	Month     time.Time `json:"month"`
	Count     int64     `json:"count"`
	Z         float64   `json:"z"`
}

// Revision is a published value that a later load changed.
type Revision struct {
	Indicator string    `json:"indicator"`
	Area      Area      `json:"area"`
	Month     time.Time `json:"month"`
	Old       *float64  `json:"old"`
	New       *float64  `json:"new"`
}

// Comparison is the university centre's comparison of neighbourhoods
// (HTML only). Rates are per 1,000; Events and Reached are exact counts.
type Comparison struct {
	// Crisis has one entry per neighbourhood: crisis events and
	// person-years over the comparison period.
	Crisis []Exposure `json:"crisis"`
	// Isolated has one entry per neighbourhood: persons reached living
	// alone and the population living alone.
	Isolated []Exposure `json:"isolated"`
	// Period names the comparison period (e.g. "avril 2023 – mars 2024").
	Period Text `json:"period"`
	// DiD is the crisis difference in differences (crisis_did), nil when
	// none was computed.
	DiD *ModelEffect `json:"did,omitempty"`
	// Pooled is the pooled staggered-adoption model of the crisis rate:
	// the hook the pooled model fills; nil (not shown) until it exists.
	Pooled *ModelEffect `json:"pooled,omitempty"`
}

// Exposure is a count and the population or person-time it is over.
type Exposure struct {
	Area     Area    `json:"area"`
	Count    int64   `json:"count"`
	Exposure float64 `json:"exposure"`
	// Outreach is true for a neighbourhood with outreach, false for a
	// comparison neighbourhood.
	Outreach bool `json:"outreach,omitempty"`
}

// Site is what RenderSite writes: the report's pages plus the comparison.
type Site struct {
	Report     Report     `json:"report"`
	Comparison Comparison `json:"comparison"`
	// OtherLang is the folder of the same site in the other language,
	// relative to this site's folder (e.g. "../clsc-x-en/"); the pages
	// link to it. Empty: no language switch.
	OtherLang string `json:"other_lang,omitempty"`
}

// ModelEffect is a pooled estimate of outreach's effect on the crisis
// rate, as a rate ratio (after against before, outreach against
// comparison), shown on the comparison page.
type ModelEffect struct {
	// Status is "fitted", or why no estimate was made (then Reason says
	// more and the numbers are nil).
	Status string   `json:"status"`
	Reason string   `json:"reason,omitempty"`
	Ratio  *float64 `json:"ratio"`
	Lo     *float64 `json:"lo,omitempty"`
	Hi     *float64 `json:"hi,omitempty"`
	P      *float64 `json:"p,omitempty"`
	// RobustLo and RobustHi are a cluster-robust 95% interval, when the
	// model has one.
	RobustLo *float64 `json:"robust_lo,omitempty"`
	RobustHi *float64 `json:"robust_hi,omitempty"`
	// Outreach and Comparison count the neighbourhoods in each arm.
	Outreach   int `json:"outreach"`
	Comparison int `json:"comparison"`
	Months     int `json:"months"`
}
