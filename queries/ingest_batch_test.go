package queries

import (
	"errors"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestBatchBuilderRefusals checks what a batch refuses: a column type
// with no Arrow mapping, a row of the wrong width, a value of the wrong Go
// type (named by type and column, never by value) and an integer too wide
// for its column.
func TestBatchBuilderRefusals(t *testing.T) {
	if _, err := NewBatchBuilder(memory.NewGoAllocator(), "t", []Column{{Name: "x", Type: "DECIMAL(18,3)"}}); !errors.Is(err, ErrColumnType) {
		t.Errorf("DECIMAL column: err = %v, want ErrColumnType", err)
	}
	b, err := NewBatchBuilder(memory.NewGoAllocator(), "t", []Column{{Name: "n", Type: "BIGINT"}, {Name: "k", Type: "SMALLINT"}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	cases := []struct {
		row  []any
		want error
		says string
	}{
		{[]any{int64(1)}, ErrRowWidth, "1 values, want 2"},
		{[]any{"TREM 5512-3409", int64(1)}, ErrColumnType, "column n: a Go string"},
		{[]any{int64(1), int64(40000)}, ErrColumnType, "column k: integer out of range"},
	}
	for _, c := range cases {
		err := b.Append(c.row)
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("Append(%v) = %v, want %v saying %q", c.row, err, c.want, c.says)
		}
		if err != nil && strings.Contains(err.Error(), "TREM") {
			t.Errorf("error %q repeats the refused value", err)
		}
	}
}
