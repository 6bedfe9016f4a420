package exports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

// benchActivities generates n activity rows of mixed kinds.
func benchActivities(n int) []byte {
	var b bytes.Buffer
	b.WriteString(strings.Join(actColumns, ",") + "\n")
	kinds := []string{
		"individual,home,N,worker,45,abc %d-4,Y,N,1948,F,,,,,mental_health",
		"group,community_facility,Y,worker,90,,,,,,G%d,open,14,,",
		"collective,public_space,N,self,120,,,,,,,,60,P1,",
		"organizational,partner_premises,Y,partner,30,,,,,,,,,P2,",
	}
	for i := range n {
		fmt.Fprintf(&b, "A%d,2024-03-%02d,W%d,JF,", i, i%28+1, i%12)
		fmt.Fprintf(&b, kinds[i%len(kinds)], i)
		b.WriteString(",active,2024-03-31T22:10:00-04:00\n")
	}
	return b.Bytes()
}

// BenchmarkReader reads 100,000 generated activity rows; rows/s is
// reported.
func BenchmarkReader(b *testing.B) {
	const rows = 100_000
	data := benchActivities(rows)
	opt := testOptions(b)
	opt.Pseudonym = testPseudonym
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(data), "activities.csv", Activities, opt)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != rows {
			b.Fatalf("read %d rows; want %d", n, rows)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
