package reports

import (
	"math"
	"time"

	"proximite/internal/suppression"
)

// revisionJudge applies to the revision list exactly the suppression of
// the main tables (builder.judge: primary, rates whose numerator or
// denominator is suppressed, complementary across the territory and its
// neighbourhoods), twice: to the new value in the report as it stands,
// and to the old value in the report as it was published, that is the
// same report with every revised value put back to its old value. A
// revised value that the report does not show elsewhere is judged alone:
// a count by primary suppression, any other value hidden, because its
// numerator is not known here.
type revisionJudge struct {
	b       *builder
	old     hierarchy
	revised map[cellKey]Revision
}

// cellKey names one value: indicator, area index (0 the territory) and month.
type cellKey struct {
	indicator string
	area      int
	month     time.Time
}

func newRevisionJudge(b *builder) (*revisionJudge, error) {
	j := &revisionJudge{b: b, revised: map[cellKey]Revision{}}
	for _, rv := range b.r.Revisions {
		if a, ok := b.areaIndex(rv.Area.Code); ok {
			j.revised[cellKey{rv.Indicator, a, monthStart(rv.Month)}] = rv
		}
	}
	old, err := newHierarchy(j.asPublished(), b.cat, b.thr)
	if err != nil {
		return nil, err
	}
	j.old = old
	return j, nil
}

// areaIndex is the index of an area code in the report (0 the territory).
func (b *builder) areaIndex(code string) (int, bool) {
	if code == b.r.Overview.Area.Code || code == b.r.Territory.Code {
		return 0, true
	}
	for i, s := range b.r.Neighbourhoods {
		if s.Area.Code == code {
			return i + 1, true
		}
	}
	return 0, false
}

// status returns the suppression of the old and the new value of rv.
func (j *revisionJudge) status(ind Indicator, rv Revision) (old, cur suppression.Status) {
	a, ok := j.b.areaIndex(rv.Area.Code)
	m := monthStart(rv.Month)
	v, found := j.b.valueAt(ind.ID, a, m)
	if !ok {
		return j.alone(ind, rv.Old, suppression.Shown), j.alone(ind, rv.New, suppression.Shown)
	}
	if !found {
		return j.alone(ind, rv.Old, j.old.status(ind.ID, a, m)), j.alone(ind, rv.New, j.b.hier.status(ind.ID, a, m))
	}
	cur, _ = j.b.judge(ind, a, m, v)
	saved := j.b.hier
	j.b.hier = j.old
	old, _ = j.b.judge(ind, a, m, j.publishedValue(ind.ID, a, m, v))
	j.b.hier = saved
	return old, cur
}

// alone judges a value the report shows nowhere else (an additive count
// may still be in the hierarchy, as the numerator of a shown rate: h is
// its verdict there).
func (j *revisionJudge) alone(ind Indicator, v *float64, h suppression.Status) suppression.Status {
	if v == nil {
		return suppression.Shown
	}
	if ind.Unit != "count" {
		return suppression.Derived
	}
	if st := suppression.Cell(int64(math.Round(*v)), j.b.thr); st.Suppressed() {
		return st
	}
	return h
}

// publishedValue is v as it was published: its old value when revised,
// and its numerator the old value of the numerator indicator when that
// was revised.
func (j *revisionJudge) publishedValue(id string, a int, m time.Time, v Value) Value {
	if rv, ok := j.revised[cellKey{id, a, m}]; ok {
		v.Value = rv.Old
	}
	if num := j.b.cat[id].Numerator; num != "" && v.Numerator != nil {
		if rv, ok := j.revised[cellKey{num, a, m}]; ok && rv.Old != nil {
			n := int64(math.Round(*rv.Old))
			v.Numerator = &n
		}
	}
	return v
}

// valueAt finds the value the report shows for indicator id, area a and
// month m: in the key table (this month, the previous one, a year before)
// or in a monthly series.
func (b *builder) valueAt(id string, a int, m time.Time) (Value, bool) {
	secs := append([]Section{b.r.Overview}, b.r.Neighbourhoods...)
	if a >= len(secs) {
		return Value{}, false
	}
	s, rm := secs[a], monthStart(b.r.Month)
	for _, k := range s.Key {
		switch {
		case k.Indicator != id:
		case m.Equal(rm):
			return k.Current, true
		case m.Equal(rm.AddDate(0, -1, 0)) && k.Previous != nil:
			return *k.Previous, true
		case m.Equal(rm.AddDate(-1, 0, 0)) && k.LastYear != nil:
			return *k.LastYear, true
		}
	}
	for _, ser := range append(append([]Series{s.Crisis.Observed}, s.Reach...), s.Groups...) {
		if ser.Indicator != id {
			continue
		}
		for _, mv := range ser.Months {
			if monthStart(mv.Start).Equal(m) {
				return mv.Value, true
			}
		}
	}
	return Value{}, false
}

// asPublished is the report with every revised value (and the numerator of
// every rate whose numerator was revised) put back as published.
func (j *revisionJudge) asPublished() Report {
	r := j.b.r
	secs := append([]Section{r.Overview}, r.Neighbourhoods...)
	out := make([]Section, len(secs))
	rm := monthStart(r.Month)
	for a, s := range secs {
		s.Key = append([]Key(nil), s.Key...)
		for i, k := range s.Key {
			s.Key[i].Current = j.publishedValue(k.Indicator, a, rm, k.Current)
			s.Key[i].Previous = j.publishedPtr(k.Indicator, a, rm.AddDate(0, -1, 0), k.Previous)
			s.Key[i].LastYear = j.publishedPtr(k.Indicator, a, rm.AddDate(-1, 0, 0), k.LastYear)
		}
		s.Crisis.Observed = j.publishedSeries(a, s.Crisis.Observed)
		s.Reach = j.publishedAll(a, s.Reach)
		s.Groups = j.publishedAll(a, s.Groups)
		out[a] = s
	}
	r.Overview, r.Neighbourhoods = out[0], out[1:]
	return r
}

func (j *revisionJudge) publishedPtr(id string, a int, m time.Time, v *Value) *Value {
	if v == nil {
		return nil
	}
	p := j.publishedValue(id, a, m, *v)
	return &p
}

func (j *revisionJudge) publishedAll(a int, ss []Series) []Series {
	out := make([]Series, len(ss))
	for i, s := range ss {
		out[i] = j.publishedSeries(a, s)
	}
	return out
}

func (j *revisionJudge) publishedSeries(a int, s Series) Series {
	months := make([]Month, len(s.Months))
	for i, mv := range s.Months {
		months[i] = Month{Start: mv.Start, Value: j.publishedValue(s.Indicator, a, monthStart(mv.Start), mv.Value)}
	}
	s.Months = months
	return s
}

// complementOld closes the gap between the two states: a value that was
// not revised is printed in the main tables with its current value, which
// is also its old one, so it counts as shown in the old state. When, in an
// additive count's territory-and-neighbourhoods group of one month, the
// territory's old value is known and exactly one neighbourhood's is not,
// the smallest old value still shown in the revision list is suppressed
// too (complementary suppression), until no hidden old value can be
// recovered by subtraction. old holds each revision's old-value status and
// is updated in place.
func (j *revisionJudge) complementOld(revs []Revision, old []suppression.Status) {
	type group struct {
		id string
		m  time.Time
	}
	rows := map[group]map[int]int{} // area -> index in revs
	for i, rv := range revs {
		a, ok := j.b.areaIndex(rv.Area.Code)
		if !ok || !j.b.cat[rv.Indicator].Additive || j.b.cat[rv.Indicator].Unit != "count" {
			continue
		}
		g := group{rv.Indicator, monthStart(rv.Month)}
		if rows[g] == nil {
			rows[g] = map[int]int{}
		}
		rows[g][a] = i
	}
	for g, byArea := range rows {
		for j.hideOne(g.id, g.m, byArea, revs, old) {
		}
	}
}

// hideOne suppresses one more old value of the group when the territory's
// is known and exactly one neighbourhood's is not; it reports whether it did.
func (j *revisionJudge) hideOne(id string, m time.Time, byArea map[int]int, revs []Revision, old []suppression.Status) bool {
	known := func(a int) bool {
		if i, ok := byArea[a]; ok {
			return !old[i].Suppressed()
		}
		// Not revised: printed (or derivable from a printed rate) with its
		// current value, which is its old one, unless the main tables hide it.
		v, found := j.b.valueAt(id, a, m)
		if !found {
			return !j.b.hier.status(id, a, m).Suppressed()
		}
		st, _ := j.b.judge(j.b.cat[id], a, m, v)
		return !st.Suppressed()
	}
	hidden := 0
	for a := 1; a <= len(j.b.r.Neighbourhoods); a++ {
		if !known(a) {
			hidden++
		}
	}
	if !known(0) || hidden != 1 {
		return false
	}
	pick, best := -1, math.Inf(1)
	for _, i := range byArea {
		if v := revs[i].Old; !old[i].Suppressed() && v != nil && (*v < best || (*v == best && i < pick)) {
			pick, best = i, *v
		}
	}
	if pick < 0 {
		return false
	}
	old[pick] = suppression.Derived
	return true
}
