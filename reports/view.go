package reports

// View is a Report as printed: strings in one language, small counts
// suppressed, charts ready to draw. Build makes it; the PDF and the HTML
// site render the same View, and the golden test pins it as JSON.
type View struct {
	Lang        string `json:"lang"`
	Title       string `json:"title"`
	Territory   string `json:"territory"`
	Month       string `json:"month"`
	AsOf        string `json:"as_of"`
	Provisional string `json:"provisional"`
	Threshold   int    `json:"threshold"`
	// Sections are the territory's, then each neighbourhood's.
	Sections []SectionView `json:"sections"`
	// Quality holds the data-quality tables, Revisions the revised values.
	Quality   []TableView `json:"quality"`
	Revisions TableView   `json:"revisions"`
	// Method holds the annex paragraphs (suppression, caution, signals).
	Method []string     `json:"method"`
	Annex  []AnnexEntry `json:"annex"`
	// Labels are the fixed headings the renderers print.
	Labels Labels `json:"labels"`
}

// Labels are fixed headings in the view's language.
type Labels struct {
	Cover       string `json:"cover"`
	AsOf        string `json:"as_of"`
	Provisional string `json:"provisional"`
	Key         string `json:"key"`
	Portrait    string `json:"portrait"`
	Quality     string `json:"quality"`
	Revisions   string `json:"revisions"`
	Annex       string `json:"annex"`
	Page        string `json:"page"`
	Caution     string `json:"caution"`
	Comparison  string `json:"comparison"`
	Data        string `json:"data"`
}

// SectionView is one area's pages.
type SectionView struct {
	// ID is a stable identifier safe in file names and JavaScript.
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Portrait []Field  `json:"portrait,omitempty"`
	Key      KeyTable `json:"key"`
	Charts   []Chart  `json:"charts"`
	Notes    []string `json:"notes,omitempty"`
	// Forest is the crisis models' forest plot (territory only).
	Forest *ForestView `json:"forest,omitempty"`
}

// Field is a label and its formatted value.
type Field struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// KeyTable is the key-indicator table.
type KeyTable struct {
	Header []string `json:"header"`
	Rows   []KeyRow `json:"rows"`
}

// KeyRow is one formatted key indicator.
type KeyRow struct {
	Indicator string `json:"indicator"`
	Title     string `json:"title"`
	Value     string `json:"value"`
	CI        string `json:"ci"`
	Previous  string `json:"previous"`
	LastYear  string `json:"last_year"`
	// Signal is "improvement", "concern" or ""; SignalText its label.
	Signal     string `json:"signal"`
	SignalText string `json:"signal_text"`
	Unstable   bool   `json:"unstable"`
	// Unit says what the value is (per 1,000 residents living alone, %).
	Unit string `json:"unit,omitempty"`
}

// TableView is a plain formatted table.
type TableView struct {
	Title  string     `json:"title"`
	Header []string   `json:"header"`
	Rows   [][]string `json:"rows"`
	// Empty is printed when there are no rows.
	Empty string `json:"empty"`
}

// AnnexEntry is one catalogue entry as printed.
type AnnexEntry struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Other      string `json:"other_title"`
	Definition string `json:"definition"`
	Unit       string `json:"unit"`
	Direction  string `json:"direction"`
	// Suppressible says whether small cells of the indicator are
	// suppressed (it counts persons or events about persons).
	Suppressible bool `json:"suppressible"`
}

// ChartKind says how a chart is drawn.
type ChartKind string

const (
	// KindLine is a monthly line chart.
	KindLine ChartKind = "line"
	// KindSPC is an XmR chart: observed points coloured by signal, centre
	// line and limits.
	KindSPC ChartKind = "spc"
	// KindBar is a bar chart over categories.
	KindBar ChartKind = "bar"
	// KindFunnel is a funnel plot: points at (exposure, rate) and control
	// limits drawn against exposure.
	KindFunnel ChartKind = "funnel"
	// KindRanking is a dot and interval per area, sorted.
	KindRanking ChartKind = "ranking"
)

// Chart is one chart, drawn as vectors in the PDF and by ECharts in HTML.
type Chart struct {
	// ID is unique within a site and safe as a JavaScript identifier.
	ID    string    `json:"id"`
	Kind  ChartKind `json:"kind"`
	Title string    `json:"title"`
	Unit  string    `json:"unit"`
	// Categories are the x labels of line, SPC and bar charts and the
	// area names of a ranking.
	Categories []string      `json:"categories"`
	Series     []ChartSeries `json:"series"`
	// Markers are vertical lines at a category (the outreach start).
	Markers []Marker `json:"markers,omitempty"`
	Notes   []string `json:"notes,omitempty"`
	// Wide charts take the full page width in the PDF.
	Wide bool `json:"wide"`
}

// Role tells a renderer how to style a series.
type Role string

// Series roles.
const (
	RoleObserved       Role = "observed"
	RoleFitted         Role = "fitted"
	RoleCounterfactual Role = "counterfactual"
	RoleCentre         Role = "centre"
	RoleLimit          Role = "limit"
	RoleLimit95        Role = "limit95"
	RoleLimit998       Role = "limit998"
	RoleBar            Role = "bar"
)

// ChartSeries is one series of a chart.
type ChartSeries struct {
	Name   string  `json:"name"`
	Role   Role    `json:"role"`
	Points []Point `json:"points"`
}

// Point is one value of a series. Value is nil when there is nothing to
// draw (no data, or suppressed: then Shown holds "<5" or "x").
type Point struct {
	Label       string   `json:"label"`
	X           *float64 `json:"x,omitempty"`
	Value       *float64 `json:"value"`
	Lo          *float64 `json:"lo,omitempty"`
	Hi          *float64 `json:"hi,omitempty"`
	Shown       string   `json:"shown"`
	Provisional bool     `json:"provisional,omitempty"`
	Unstable    bool     `json:"unstable,omitempty"`
	Signal      string   `json:"signal,omitempty"`
}

// Marker is a labelled vertical line at a category index.
type Marker struct {
	Label string `json:"label"`
	Index int    `json:"index"`
}
