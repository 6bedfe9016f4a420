package exports

import (
	"slices"
	"testing"
)

func TestCodes(t *testing.T) {
	for _, c := range []struct {
		kind   Kind
		column string
		want   []string
	}{
		{Activities, "sex", []string{"F", "M", "X", "U"}},
		{Attendance, "status", []string{"active", "cancelled"}},
		{CrisisEvents, "service", services.names},
		{Activities, "activity_id", nil},
		{CrisisEvents, "sex", nil},
		{Neighbourhoods, "status", nil},
	} {
		if got := Codes(c.kind, c.column); !slices.Equal(got, c.want) {
			t.Errorf("Codes(%s, %s) = %q, want %q", c.kind, c.column, got, c.want)
		}
	}
	got := Codes(Activities, "kind")
	got[0] = "changed"
	if Codes(Activities, "kind")[0] == "changed" {
		t.Error("Codes returns the contract's own slice")
	}
}
