package recurrence

import (
	"testing"
	"time"

	"github.com/mapiblob/mapiblob/tzdef"
)

// A daily series over ten years in a daylight-saving zone.
func BenchmarkOccurrencesDailyTenYears(b *testing.B) {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		b.Skip(err)
	}
	def, _, err := tzdef.FromLocation(loc, "Eastern Standard Time", 2000, 2037)
	if err != nil {
		b.Fatal(err)
	}
	ap := must(NewAppointment(must(NewDaily(date(2020, 1, 1), 1, EndOn(date(2029, 12, 31)))), 9*time.Hour, 30*time.Minute))
	n := 0
	for range ap.Occurrences(def, time.Time{}, time.Time{}, ExpandOptions{}) {
		n++
	}
	b.ReportAllocs()
	b.ResetTimer()
	count := 0
	for i := 0; i < b.N; i++ {
		for o, err := range ap.Occurrences(def, time.Time{}, time.Time{}, ExpandOptions{}) {
			if err != nil {
				b.Fatal(err)
			}
			_ = o
			count++
		}
	}
	b.ReportMetric(float64(count)/b.Elapsed().Seconds(), "occurrences/s")
	b.ReportMetric(float64(n), "occurrences/op")
}
