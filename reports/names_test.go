package reports

import (
	"strings"
	"testing"
)

func TestSectionIDCapped(t *testing.T) {
	long := Area{Code: strings.Repeat("Territoire très long ", 25)}
	id := sectionID(0, long)
	// 60 bytes, '_', 8 hex digits of SHA-256 (`printf %s t_Territoire_tr_s… | sha256sum`).
	if len(id) != 69 || !strings.HasPrefix(id, "t_Territoire_tr_s_long_") {
		t.Errorf("sectionID = %q (%d bytes); want 69 bytes", id, len(id))
	}
	other := sectionID(0, Area{Code: long.Code + "x"})
	if other == id {
		t.Error("two long codes share an id")
	}
	if got := sectionID(1, Area{Code: "QN-01"}); got != "n_QN_01" {
		t.Errorf("short code: %q, want n_QN_01", got)
	}
}
