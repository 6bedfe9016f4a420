package suppression

import "fmt"

// Table is a two-way table of counts and the margins it shows. RowTotals
// and ColTotals are nil when the table shows no such margin; GrandTotal is
// used only when both margins are shown.
type Table struct {
	Cells      [][]int64
	RowTotals  []int64
	ColTotals  []int64
	GrandTotal int64
}

// Mask is the status of every value of a Table, in the same shape.
type Mask struct {
	Cells      [][]Status
	RowTotals  []Status
	ColTotals  []Status
	GrandTotal Status
}

// Suppress applies Apply to a table: each row with a shown row total and
// each column with a shown column total is a line, and so are the margins
// themselves when the grand total is shown.
func Suppress(t Table, threshold int) (Mask, error) {
	values, lines, err := t.flatten()
	if err != nil {
		return Mask{}, err
	}
	st, err := Apply(values, lines, threshold)
	if err != nil {
		return Mask{}, fmt.Errorf("suppress table: %w", err)
	}
	return t.unflatten(st), nil
}

func (t Table) width() int {
	if len(t.Cells) == 0 {
		return len(t.ColTotals)
	}
	return len(t.Cells[0])
}

func (t Table) validate() error {
	w := t.width()
	for i, r := range t.Cells {
		if len(r) != w {
			return fmt.Errorf("row %d has %d cells, row 0 has %d: %w", i, len(r), w, ErrShape)
		}
	}
	if t.RowTotals != nil && len(t.RowTotals) != len(t.Cells) {
		return fmt.Errorf("%d row totals for %d rows: %w", len(t.RowTotals), len(t.Cells), ErrShape)
	}
	if t.ColTotals != nil && len(t.ColTotals) != w {
		return fmt.Errorf("%d column totals for %d columns: %w", len(t.ColTotals), w, ErrShape)
	}
	return nil
}

// flatten lays out cells row by row, then row totals, column totals and the
// grand total, and builds the lines relating them.
func (t Table) flatten() ([]int64, []Line, error) {
	if err := t.validate(); err != nil {
		return nil, nil, err
	}
	rows, w := len(t.Cells), t.width()
	var values []int64
	for _, r := range t.Cells {
		values = append(values, r...)
	}
	rt := len(values)
	values = append(values, t.RowTotals...)
	ct := len(values)
	values = append(values, t.ColTotals...)
	var lines []Line
	if t.RowTotals != nil {
		for i := 0; i < rows; i++ {
			lines = append(lines, Line{Total: rt + i, Members: seq(i*w, 1, w)})
		}
	}
	if t.ColTotals != nil {
		for j := 0; j < w; j++ {
			lines = append(lines, Line{Total: ct + j, Members: seq(j, w, rows)})
		}
	}
	if t.RowTotals != nil && t.ColTotals != nil {
		values = append(values, t.GrandTotal)
		g := len(values) - 1
		lines = append(lines, Line{Total: g, Members: seq(rt, 1, rows)}, Line{Total: g, Members: seq(ct, 1, w)})
	}
	return values, lines, nil
}

func seq(start, step, n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = start + i*step
	}
	return s
}

func (t Table) unflatten(st []Status) Mask {
	w := t.width()
	m := Mask{Cells: make([][]Status, len(t.Cells))}
	for i := range t.Cells {
		m.Cells[i] = st[i*w : (i+1)*w : (i+1)*w]
	}
	k := len(t.Cells) * w
	if t.RowTotals != nil {
		m.RowTotals = st[k : k+len(t.RowTotals)]
		k += len(t.RowTotals)
	}
	if t.ColTotals != nil {
		m.ColTotals = st[k : k+len(t.ColTotals)]
		k += len(t.ColTotals)
	}
	if t.RowTotals != nil && t.ColTotals != nil {
		m.GrandTotal = st[k]
	}
	return m
}
