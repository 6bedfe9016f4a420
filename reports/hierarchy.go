package reports

import (
	"fmt"
	"math"
	"time"

	"proximite/internal/suppression"
)

// hierarchy holds the complementary suppression of additive counts across
// the territory (area 0) and its neighbourhoods (areas 1…n), per indicator
// and month: the territory total is the sum of the neighbourhoods', so one
// hidden neighbourhood must not be recoverable by subtraction.
type hierarchy struct {
	book map[hkey][]suppression.Status
}

type hkey struct {
	indicator string
	month     time.Time
}

// newHierarchy gathers every additive count the report shows (key values
// and monthly series) and suppresses each indicator × month group whose
// territory and neighbourhood values are all present.
func newHierarchy(r Report, cat map[string]Indicator, thr int) (hierarchy, error) {
	areas := 1 + len(r.Neighbourhoods)
	groups := map[hkey][]*int64{}
	var order []hkey
	add := func(a int, id string, m time.Time, v *Value) {
		if v == nil {
			return
		}
		if num := cat[id].Numerator; num != "" && v.Numerator != nil {
			id, v = num, &Value{Value: ptrTo(float64(*v.Numerator))}
		}
		if v.Value == nil || !cat[id].Additive || !cat[id].Suppressible {
			return
		}
		k := hkey{id, monthStart(m)}
		g, ok := groups[k]
		if !ok {
			g = make([]*int64, areas)
			groups[k] = g
			order = append(order, k)
		}
		n := int64(math.Round(*v.Value))
		g[a] = &n
	}
	for a, s := range append([]Section{r.Overview}, r.Neighbourhoods...) {
		visitSection(a, s, headlineOf(r), add)
	}
	h := hierarchy{book: map[hkey][]suppression.Status{}}
	for _, k := range order {
		st, ok, err := suppressGroup(groups[k], thr)
		if err != nil {
			return hierarchy{}, fmt.Errorf("suppress %s %s: %w", k.indicator, shortMonth(k.month), err)
		}
		if ok {
			h.book[k] = st
		}
	}
	return h, nil
}

func visitSection(a int, s Section, month time.Time, add func(int, string, time.Time, *Value)) {
	m := monthStart(month)
	for _, k := range s.Key {
		add(a, k.Indicator, m, &k.Current)
		add(a, k.Indicator, m.AddDate(0, -1, 0), k.Previous)
		add(a, k.Indicator, m.AddDate(-1, 0, 0), k.LastYear)
		for _, mv := range k.Trend {
			add(a, k.Indicator, mv.Start, &mv.Value)
		}
	}
	for _, ser := range s.Series() {
		for _, mv := range ser.Months {
			add(a, ser.Indicator, mv.Start, &mv.Value)
		}
	}
}

func suppressGroup(g []*int64, thr int) ([]suppression.Status, bool, error) {
	values := make([]int64, len(g))
	members := make([]int, 0, len(g)-1)
	for i, p := range g {
		if p == nil {
			return nil, false, nil
		}
		values[i] = *p
		if i > 0 {
			members = append(members, i)
		}
	}
	if len(members) == 0 {
		return nil, false, nil
	}
	st, err := suppression.Apply(values, []suppression.Line{{Total: 0, Members: members}}, thr)
	return st, err == nil, err
}

// status returns the hierarchy's verdict for one value (Shown when the
// value took no part in it).
func (h hierarchy) status(id string, a int, m time.Time) suppression.Status {
	st, ok := h.book[hkey{id, monthStart(m)}]
	if !ok || a >= len(st) {
		return suppression.Shown
	}
	return st[a]
}
