package recurrence

import "testing"

// manyExceptions is a damaged series: OccurrenceCount beyond Outlook's 999
// and 3000 exceptions on one day, so that each exception's check could
// walk the whole series if the work were not bounded by construction (the
// range's end is computed once; each exception looks at two weeks).
func manyExceptions() []byte {
	ap := must(NewAppointment(must(NewDaily(date(2026, 1, 1), 1, EndAfter(999))), 540, 30))
	ap.RecurrencePattern.OccurrenceCount = 9990
	e := ExceptionInfo{StartDateTime: ap.RecurrencePattern.StartDate + 600, EndDateTime: ap.RecurrencePattern.StartDate + 630,
		OriginalStartDate: ap.RecurrencePattern.StartDate + 540}
	for i := 0; i < 3000; i++ {
		ap.ExceptionInfo = append(ap.ExceptionInfo, e)
		ap.ExtendedException = append(ap.ExtendedException, ExtendedException{ChangeHighlight: ChangeHighlight{ChangeHighlightSize: 4}})
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
