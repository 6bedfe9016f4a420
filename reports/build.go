package reports

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"

	"proximite/internal/suppression"
)

// Build turns a Report into the View both renderers draw: it picks the
// language, formats numbers, applies small-cell suppression (section 9)
// and lays out the charts.
func Build(r Report) (View, error) {
	b, err := newBuilder(r)
	if err != nil {
		return View{}, err
	}
	v := b.cover()
	secs := append([]Section{r.Overview}, r.Neighbourhoods...)
	for i, s := range secs {
		sv, err := b.section(i, s)
		if err != nil {
			return View{}, err
		}
		v.Sections = append(v.Sections, sv)
	}
	v.Quality = b.quality()
	v.Revisions, err = b.revisions()
	if err != nil {
		return View{}, err
	}
	v.Method, v.Annex = append(b.method(), b.modelMethod()...), b.annex()
	return v, nil
}

type builder struct {
	r    Report
	l    locale
	thr  int
	cat  map[string]Indicator
	hier hierarchy
	prov map[time.Time]bool
}

func newBuilder(r Report) (*builder, error) {
	b := &builder{r: r, l: newLocale(r.Lang), thr: r.Threshold, cat: map[string]Indicator{}, prov: map[time.Time]bool{}}
	if b.thr <= 0 {
		b.thr = suppression.DefaultThreshold
	}
	for _, ind := range r.Catalogue {
		b.cat[ind.ID] = ind
	}
	for _, m := range r.Provisional {
		b.prov[monthStart(m)] = true
	}
	h, err := newHierarchy(r, b.cat, b.thr)
	if err != nil {
		return nil, err
	}
	b.hier = h
	return b, nil
}

func monthStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

func (b *builder) indicator(id string) (Indicator, error) {
	ind, ok := b.cat[id]
	if !ok {
		return Indicator{}, fmt.Errorf("build report: %q: %w", id, ErrUnknownIndicator)
	}
	return ind, nil
}

func (b *builder) cover() View {
	l := b.l
	v := View{
		Lang:      l.lang,
		Title:     l.t("Rapport mensuel", "Monthly report") + " — " + b.r.Territory.Name,
		Territory: b.r.Territory.Name,
		Month:     l.month(b.r.Month),
		AsOf:      l.date(b.r.AsOf),
		Threshold: b.thr,
		Labels:    b.labels(),
	}
	var ps []string
	for _, m := range b.r.Provisional {
		ps = append(ps, l.month(m))
	}
	v.Provisional = strings.Join(ps, ", ")
	return v
}

func (b *builder) labels() Labels {
	l := b.l
	return Labels{
		Cover:       l.t("Rapport mensuel de l’approche de proximité", "Monthly outreach report"),
		AsOf:        l.t("Données au", "Data as of"),
		Provisional: l.t("Mois provisoires", "Provisional months"),
		Key:         l.t("Indicateurs clés", "Key indicators"),
		Portrait:    l.t("Portrait du quartier", "Neighbourhood portrait"),
		Quality:     l.t("Qualité des données", "Data quality"),
		Revisions:   l.t("Valeurs révisées depuis le dernier rapport", "Values revised since the last report"),
		Annex:       l.t("Annexe méthodologique", "Methodology annex"),
		Page:        l.t("Page", "Page"),
		Caution:     l.t("† à interpréter avec prudence (numérateur < 10)", "† interpret with caution (numerator < 10)"),
		Comparison:  l.t("Comparaison des quartiers", "Neighbourhood comparison"),
		Data:        l.t("Données (CSV)", "Data (CSV)"),
	}
}

var unsafeID = regexp.MustCompile(`[^A-Za-z0-9_]`)

// sectionID makes an area code safe as a file name and a JS identifier.
func sectionID(i int, a Area) string {
	if i == 0 {
		return capID("t_" + unsafeID.ReplaceAllString(a.Code, "_"))
	}
	return capID("n_" + unsafeID.ReplaceAllString(a.Code, "_"))
}

func (b *builder) section(i int, s Section) (SectionView, error) {
	sv := SectionView{ID: sectionID(i, s.Area), Title: s.Area.Name}
	if s.Portrait != nil {
		sv.Portrait = b.portrait(*s.Portrait)
	}
	key, err := b.keyTable(i, s.Key)
	if err != nil {
		return SectionView{}, err
	}
	sv.Key = key
	charts, err := b.charts(i, sv.ID, s)
	if err != nil {
		return SectionView{}, err
	}
	sv.Charts = charts
	sv.Forest = b.forest(s.Crisis.Forest)
	sv.Notes = []string{b.l.text(s.Crisis.Summary)}
	if sv.Notes[0] == "" {
		sv.Notes = nil
	}
	return sv, nil
}

func (b *builder) portrait(p Portrait) []Field {
	l := b.l
	share := func(n int64) string {
		if p.Population == 0 {
			return l.count(n)
		}
		return l.count(n) + " (" + l.pct(100*float64(n)/float64(p.Population)) + ")"
	}
	fs := []Field{
		{l.t("Population", "Population"), l.count(p.Population)},
		{l.t("Personnes vivant seules", "People living alone"), share(p.LivingAlone)},
		{l.t("Faible revenu", "Low income"), share(p.LowIncome)},
		{l.t("65 ans et plus", "Aged 65 and over"), share(p.Aged65)},
		{l.t("Quintiles de défavorisation (matérielle / sociale)", "Deprivation quintiles (material / social)"), quintile(p.MaterialQuintile) + " / " + quintile(p.SocialQuintile)},
		{l.t("Début de l’approche de proximité", "Outreach start"), b.optMonth(p.OutreachStart, l.t("quartier de comparaison", "comparison neighbourhood"))},
		// Partners are organisations: their counts are never suppressed.
		{l.t("Partenaires par secteur", "Partners by sector"), b.items(p.Partners, false)},
	}
	return fs
}

func quintile(q int) string {
	if q < 1 || q > 5 {
		return "—"
	}
	return fmt.Sprintf("Q%d", q)
}

func (b *builder) optMonth(t *time.Time, none string) string {
	if t == nil {
		return none
	}
	return b.l.month(*t)
}

// items formats "santé 3, logement <5", with suppression of the list when
// suppress is set (the items count persons or events about persons).
func (b *builder) items(its []Item, suppress bool) string {
	st := make([]suppression.Status, len(its))
	if suppress {
		st = b.breakdownStatus(its, nil)
	}
	var parts []string
	for i, it := range its {
		parts = append(parts, b.l.text(it.Label)+" "+b.countText(it.Count, st[i]))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, ", ")
}

// breakdownStatus suppresses a list of counts and, when total is set, its
// total with complementary suppression. The total's status comes last.
func (b *builder) breakdownStatus(its []Item, total *int64) []suppression.Status {
	values := make([]int64, 0, len(its)+1)
	members := make([]int, 0, len(its))
	for i, it := range its {
		values = append(values, it.Count)
		members = append(members, i)
	}
	var lines []suppression.Line
	if total != nil {
		values = append(values, *total)
		lines = append(lines, suppression.Line{Total: len(its), Members: members})
	}
	st, err := suppression.Apply(values, lines, b.thr)
	if err != nil { // negative counts: hide everything rather than fail
		st = make([]suppression.Status, len(values))
		for i := range st {
			st[i] = suppression.Derived
		}
	}
	return st
}

func (b *builder) countText(n int64, st suppression.Status) string {
	if st.Suppressed() {
		return suppression.Symbol(st, b.thr)
	}
	return b.l.count(n)
}

// judge applies section 9 to one value of indicator ind for area a (0 the
// territory) and month m: its status and whether it is unstable.
func (b *builder) judge(ind Indicator, a int, m time.Time, v Value) (suppression.Status, bool) {
	st := suppression.Shown
	unstable := false
	if !ind.Suppressible {
		return st, false
	}
	if v.Numerator != nil || v.Denominator != nil {
		num, den := suppression.Shown, suppression.Shown
		if v.Numerator != nil {
			num = suppression.Cell(*v.Numerator, b.thr)
			unstable = suppression.Unstable(*v.Numerator)
		}
		if v.Denominator != nil {
			den = suppression.Cell(*v.Denominator, b.thr)
		}
		st = suppression.Rate(num, den)
	} else if ind.Unit == "count" && v.Value != nil {
		st = suppression.Cell(int64(math.Round(*v.Value)), b.thr)
	}
	if h := b.hier.status(ind.ID, a, m); h.Suppressed() && !st.Suppressed() {
		st = h
	}
	if ind.Numerator != "" && v.Numerator != nil && b.hier.status(ind.Numerator, a, m).Suppressed() && !st.Suppressed() {
		st = suppression.Derived
	}
	return st, unstable && !st.Suppressed()
}

// formatValue returns the printed value and whether it was suppressed.
func (b *builder) formatValue(ind Indicator, a int, m time.Time, v Value) (string, bool, bool) {
	st, unstable := b.judge(ind, a, m, v)
	if st.Suppressed() {
		return suppression.Symbol(st, b.thr), true, false
	}
	if v.Value == nil {
		return "—", false, false
	}
	s := b.l.value(*v.Value, ind.Unit)
	if unstable {
		s += " †"
	}
	return s, false, unstable
}

func (b *builder) keyTable(a int, keys []Key) (KeyTable, error) {
	l := b.l
	kt := KeyTable{Header: []string{
		l.t("Indicateur", "Indicator"), l.month(b.headline()), l.t("IC 95 %", "95% CI"),
		l.t("Écart 1 mois", "vs last month"), l.t("Écart 12 mois", "vs last year"), l.t("Signal MSP", "SPC signal"),
	}}
	for _, k := range keys {
		row, err := b.keyRow(a, k)
		if err != nil {
			return KeyTable{}, err
		}
		kt.Rows = append(kt.Rows, row)
	}
	return kt, nil
}

func (b *builder) keyRow(a int, k Key) (KeyRow, error) {
	ind, err := b.indicator(k.Indicator)
	if err != nil {
		return KeyRow{}, err
	}
	m := monthStart(b.headline())
	val, hidden, unstable := b.formatValue(ind, a, m, k.Current)
	row := KeyRow{Indicator: ind.ID, Title: b.l.text(ind.Title), Value: val, Unstable: unstable, Signal: k.Signal, SignalText: b.signalText(k.Signal),
		Unit: b.unitWords(ind)}
	if k.Current.Provisional || b.prov[m] {
		row.Value += " (p)"
	}
	if !hidden && k.Current.Lo != nil && k.Current.Hi != nil {
		row.CI = b.l.value(*k.Current.Lo, ind.Unit) + " – " + b.l.value(*k.Current.Hi, ind.Unit)
	}
	row.Previous = b.change(ind, a, k.Current, k.Previous, m, m.AddDate(0, -1, 0))
	row.LastYear = b.change(ind, a, k.Current, k.LastYear, m, m.AddDate(-1, 0, 0))
	return row, nil
}

// change formats current − earlier, or — when either is missing or hidden.
func (b *builder) change(ind Indicator, a int, cur Value, earlier *Value, m, em time.Time) string {
	if earlier == nil || cur.Value == nil || earlier.Value == nil {
		return "—"
	}
	s1, _ := b.judge(ind, a, m, cur)
	s2, _ := b.judge(ind, a, em, *earlier)
	if s1.Suppressed() || s2.Suppressed() {
		return "—"
	}
	d := b.l.signed(*cur.Value-*earlier.Value, decimals(ind.Unit))
	if ind.Unit == "pct" {
		return d + b.l.t(" pt", " pt")
	}
	return d
}

func (b *builder) signalText(s string) string {
	switch s {
	case "improvement":
		return b.l.t("Amélioration", "Improvement")
	case "concern":
		return b.l.t("Préoccupation", "Concern")
	default:
		return b.l.t("Aucun", "None")
	}
}
