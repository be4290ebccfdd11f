package recurrence

import (
	"testing"
	"time"
)

// manyExceptions is a damaged series: OccurrenceCount beyond Outlook's 999
// and 3000 exceptions on one day, so that each exception's check could
// walk the whole series if the work were not bounded by construction (the
// range's end is computed once; each exception looks at two weeks).
func manyExceptions() []byte {
	ap := must(NewAppointment(must(NewDaily(date(2026, 1, 1), 1, EndAfter(999))), 9*time.Hour, 30*time.Minute))
	ap.RecurrencePattern.OccurrenceCount = 9990
	e := Exception{Info: ExceptionInfo{StartDateTime: ap.RecurrencePattern.StartDate + 600, EndDateTime: ap.RecurrencePattern.StartDate + 630,
		OriginalStartDate: ap.RecurrencePattern.StartDate + 540}, Extended: ExtendedException{ChangeHighlight: ChangeHighlight{ChangeHighlightSize: 4}}}
	for i := 0; i < 3000; i++ {
		ap.Exceptions = append(ap.Exceptions, e)
	}
	return must(ap.MarshalBinary())
}

func TestCheckManyExceptions(t *testing.T) {
	fs := must(Parse(manyExceptions())).Check()
	for _, code := range []string{CodeExceptionCount, CodeSameDay, CodeEndMismatch} {
		if !hasCode(fs, code) {
			t.Errorf("%s not reported", code)
		}
	}
}

func BenchmarkCheckManyExceptions(b *testing.B) {
	ap := must(Parse(manyExceptions()))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		ap.Check()
	}
}
