package stats

import "testing"

// TestModifiedZ checks hand computations. [1 2 3 4 100]: median 3, absolute
// deviations [2 1 0 1 97], MAD 1, so x=10 gives 0.6745·7 = 4.7215.
// [1 2 3 4]: median 2.5, deviations [1.5 .5 .5 1.5], MAD 1, x=5 gives
// 0.6745·2.5 = 1.68625.
func TestModifiedZ(t *testing.T) {
	tests := []struct {
		name    string
		history []float64
		x       float64
		wantZ   float64
		wantOK  bool
	}{
		{"odd", []float64{1, 2, 3, 4, 100}, 10, 4.7215, true},
		{"even", []float64{4, 2, 1, 3}, 5, 1.68625, true},
		{"below", []float64{1, 2, 3, 4, 100}, 0, -2.0235, true},
		{"mad zero", []float64{5, 5, 5, 6}, 9, 0, false},
		{"empty", nil, 1, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z, ok := ModifiedZ(tt.history, tt.x)
			if ok != tt.wantOK || !closeRel(z, tt.wantZ, 1e-12) {
				t.Errorf("ModifiedZ = %v, %v, want %v, %v", z, ok, tt.wantZ, tt.wantOK)
			}
		})
	}
}
