package reports

import (
	"sort"
	"strings"
)

// cell is one value of a chart's data table: Text as the page prints it,
// CSV as a spreadsheet should read it (a number without thousands
// separators, unit or caution mark; "<5" stays as printed).
type cell struct {
	Text string
	CSV  string
}

// dataTable is a chart's data as a table: one row per category (month,
// area or bar label), one or more columns per series. The page shows it as
// the chart's text alternative and the CSV beside the chart holds the same
// rows, so both round values exactly as the chart's tooltips do.
type dataTable struct {
	Header []string
	Rows   [][]cell
}

// chartTable lays c out as a dataTable. Series whose points carry no label
// (funnel limit curves) are drawn from the others and left out.
func chartTable(c Chart, l locale) dataTable {
	if c.Kind == KindFunnel || c.Kind == KindRanking {
		return areaTable(c, l)
	}
	rows, index := tableRows(c, l)
	t := dataTable{Header: []string{rowHeader(c, l)}}
	t.Rows = rows
	for _, s := range c.Series {
		if !labelled(s) {
			continue
		}
		for _, col := range seriesColumns(c, s, l) {
			t.Header = append(t.Header, col.name)
			for i := range t.Rows {
				t.Rows[i] = append(t.Rows[i], cell{})
			}
			for i, p := range s.Points {
				r, ok := index[p.Label]
				if !ok {
					continue
				}
				t.Rows[r][len(t.Header)-1] = col.cell(i, p)
			}
		}
	}
	return t
}

// areaTable lays out a funnel or a ranking: one row per area in the
// chart's order, its group (outreach or comparison), exposure and rate.
func areaTable(c Chart, l locale) dataTable {
	merged := ChartSeries{Name: l.t("Taux", "Rate"), Role: RoleObserved}
	group := map[string]string{}
	for _, s := range c.Series {
		if s.Role != RoleObserved {
			continue
		}
		for _, p := range s.Points {
			merged.Points = append(merged.Points, p)
			group[p.Label] = s.Name
		}
	}
	if len(c.Categories) > 0 { // a ranking: rows in its order
		at := map[string]int{}
		for i, cat := range c.Categories {
			at[cat] = i
		}
		sort.SliceStable(merged.Points, func(i, j int) bool { return at[merged.Points[i].Label] < at[merged.Points[j].Label] })
	}
	unit, xname, _ := strings.Cut(c.Unit, " · x : ")
	c.Unit = unit
	t := dataTable{Header: []string{rowHeader(c, l), l.t("Groupe", "Group")}}
	cols := seriesColumns(c, merged, l)
	if c.Kind == KindFunnel && xname != "" {
		cols[0].name = l.t("Exposition (", "Exposure (") + xname + ")"
	}
	for _, col := range cols {
		t.Header = append(t.Header, col.name)
	}
	for i, p := range merged.Points {
		row := []cell{{p.Label, p.Label}, {group[p.Label], group[p.Label]}}
		for _, col := range cols {
			row = append(row, col.cell(i, p))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func labelled(s ChartSeries) bool {
	for _, p := range s.Points {
		if p.Label != "" {
			return true
		}
	}
	return false
}

func rowHeader(c Chart, l locale) string {
	switch c.Kind {
	case KindFunnel, KindRanking:
		return l.t("Quartier", "Neighbourhood")
	case KindBar:
		return l.t("Catégorie", "Category")
	}
	return l.t("Mois", "Month")
}

// tableRows returns one row per category, in the chart's order, with its
// first cell filled, and the row of each label.
func tableRows(c Chart, l locale) ([][]cell, map[string]int) {
	index := map[string]int{}
	var rows [][]cell
	add := func(label string) {
		if _, ok := index[label]; ok || label == "" {
			return
		}
		index[label] = len(rows)
		text := label
		if c.Kind == KindLine || c.Kind == KindSPC {
			text = monthLabel(label, l)
		}
		rows = append(rows, []cell{{Text: text, CSV: label}})
	}
	for _, cat := range c.Categories {
		add(cat)
	}
	for _, s := range c.Series {
		for _, p := range s.Points {
			add(p.Label)
		}
	}
	return rows, index
}

// column is one column a series contributes.
type column struct {
	name string
	cell func(i int, p Point) cell
}

// seriesColumns returns the series' value column, then its interval,
// signal, caution and provisional columns when any point needs them.
func seriesColumns(c Chart, s ChartSeries, l locale) []column {
	name := s.Name
	if s.Role == RoleObserved && c.Unit != "" {
		name += " (" + c.Unit + ")"
	}
	cols := []column{{name, func(_ int, p Point) cell { return cell{p.Shown, plainNumber(p.Shown, l)} }}}
	if c.Kind == KindFunnel {
		cols = append([]column{{l.t("Exposition", "Exposure"), func(_ int, p Point) cell {
			if p.X == nil {
				return cell{}
			}
			s := l.number(*p.X, 0)
			return cell{s, plainNumber(s, l)}
		}}}, cols...)
	}
	var ci, sig, caution, prov bool
	for _, p := range s.Points {
		ci = ci || p.Lo != nil && p.Hi != nil && p.Value != nil
		sig = sig || p.Signal != ""
		caution = caution || p.Unstable
		prov = prov || p.Provisional
	}
	if ci {
		cols = append(cols,
			column{l.t("IC 95 % bas", "95% CI low"), func(_ int, p Point) cell { return bound(p, p.Lo, l) }},
			column{l.t("IC 95 % haut", "95% CI high"), func(_ int, p Point) cell { return bound(p, p.Hi, l) }})
	}
	if sig {
		cols = append(cols, column{l.t("Signal MSP", "SPC signal"), func(_ int, p Point) cell {
			t := signalWord(p.Signal, l)
			return cell{t, t}
		}})
	}
	if caution {
		cols = append(cols, column{l.t("À interpréter avec prudence", "Interpret with caution"), func(_ int, p Point) cell {
			return yesNo(p.Unstable, l)
		}})
	}
	if prov {
		cols = append(cols, column{l.t("Provisoire", "Provisional"), func(_ int, p Point) cell { return yesNo(p.Provisional, l) }})
	}
	return cols
}

func yesNo(b bool, l locale) cell {
	if b {
		t := l.t("oui", "yes")
		return cell{t, t}
	}
	return cell{}
}

// signalWord names an SPC signal; common-cause points get no word.
func signalWord(sig string, l locale) string {
	switch sig {
	case "improvement":
		return l.t("Amélioration", "Improvement")
	case "concern":
		return l.t("Préoccupation", "Concern")
	}
	return ""
}

// bound formats an interval bound with as many decimals as the point's
// printed value, and as a percentage when the value is one.
func bound(p Point, v *float64, l locale) cell {
	if v == nil || p.Value == nil {
		return cell{}
	}
	s := l.number(*v, shownDecimals(p.Shown, l))
	if strings.HasSuffix(p.Shown, "%") {
		s = l.pct(*v)
	}
	return cell{s, plainNumber(s, l)}
}

// shownDecimals counts the decimals of a value printed by locale.number.
func shownDecimals(shown string, l locale) int {
	dec := l.t(",", ".")
	_, frac, ok := strings.Cut(shown, dec)
	if !ok {
		return 0
	}
	n := 0
	for _, r := range frac {
		if r < '0' || r > '9' {
			break
		}
		n++
	}
	return n
}

// plainNumber turns a printed value into what a spreadsheet reads as the
// same number in the page's language: "1 234,5" → "1234,5", "12,3 %" →
// "12,3", "−2" → "-2". Anything else ("<5", "x", "—") is kept as printed,
// except the dash meaning "no value", which becomes empty.
func plainNumber(s string, l locale) string {
	if s == "—" {
		return ""
	}
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(s, "†")), "%"))
	t = strings.NewReplacer(nbsp, "", "\u202f", "", " ", "", "−", "-").Replace(t)
	if t == "" || !numberLike(t) {
		return s
	}
	if !l.fr() { // English groups thousands with commas
		t = strings.ReplaceAll(t, ",", "")
	}
	return t
}

func numberLike(t string) bool {
	for i, r := range t {
		if !(r >= '0' && r <= '9' || r == ',' || r == '.' || r == '-' && i == 0) {
			return false
		}
	}
	return strings.ContainsAny(t, "0123456789")
}

// monthLabel writes a "2024-03" category as "mars 2024" / "March 2024";
// other labels are returned as they are.
func monthLabel(s string, l locale) string {
	if len(s) != 7 || s[4] != '-' {
		return s
	}
	y, m := s[:4], s[5:]
	mi := int(m[0]-'0')*10 + int(m[1]-'0')
	if mi < 1 || mi > 12 || strings.Trim(y, "0123456789") != "" || strings.Trim(m, "0123456789") != "" {
		return s
	}
	if l.fr() {
		return monthsFR[mi-1] + " " + y
	}
	return monthsEN[mi-1] + " " + y
}
