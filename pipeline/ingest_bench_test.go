package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkIngestActivities loads one 100 000-row activities file per
// iteration into a fresh store; it reports rows/s.
func BenchmarkIngestActivities(b *testing.B) {
	dir := b.TempDir()
	write(b, dir, "neighbourhoods.csv", refNeighbourhoods, false)
	const n = 100_000
	acts := write(b, dir, "activities_big.csv", activitiesBody(n), false)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := openStore(b)
		ingestOK(b, db, filepath.Join(dir, "neighbourhoods.csv"))
		b.StartTimer()
		if _, err := Ingest(context.Background(), db, []string{acts}, testOptions()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// activitiesBody is an activities file of n valid individual activities.
func activitiesBody(n int) string {
	var sb strings.Builder
	sb.WriteString("activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,lives_alone,status,exported_at\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "A%d,2024-03-%02d,W%d,JF,individual,home,N,worker,%d,CLIENT %06d,Y,active,2024-04-02T08:00:00-04:00\n", i, 1+i%28, i%7, 1+i%200, i%5000)
	}
	return sb.String()
}
