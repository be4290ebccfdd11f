package recurrence

import (
	"testing"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// Each finding code, triggered by a blob that has that problem and no
// other of its kind. The blobs go through bytes, so the stored counts are
// what a reader would see.
func TestEachFindingCode(t *testing.T) {
	weekly := func() *AppointmentPattern {
		return must(NewAppointment(must(NewWeekly(date(2026, 3, 2), 1, Monday, time.Sunday, EndAfter(10))), 9*time.Hour, time.Hour))
	}
	withException := func() *AppointmentPattern {
		ap := weekly()
		s := "x"
		must(0, ap.ModifyInstance(date(2026, 3, 16), Overrides{Subject: &s}))
		return ap
	}
	second := func(ap *AppointmentPattern) *AppointmentPattern {
		s := time.Date(2026, 3, 24, 9, 0, 0, 0, time.UTC)
		must(0, ap.ModifyInstance(date(2026, 3, 23), Overrides{Start: &s}))
		return ap
	}
	tests := []struct {
		code, path string
		ap         *AppointmentPattern
		change     func(ap *AppointmentPattern)
	}{
		{CodeFrequencyUnknown, "RecurrencePattern.RecurFrequency", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.RecurFrequency = 0x2010 }},
		{CodeFrequencyMismatch, "RecurrencePattern.PatternType", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.RecurFrequency = Monthly }},
		{CodeCalendarUnknown, "RecurrencePattern.CalendarType", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.CalendarType = 0x0D }},
		{CodeHijriMismatch, "RecurrencePattern.CalendarType", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.CalendarType = CAL_HIJRI }},
		{CodeDayMask, "RecurrencePattern.PatternTypeSpecific.DaysOfWeek", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.PatternTypeSpecific.DaysOfWeek = 0 }},
		{CodeDayMask, "RecurrencePattern.PatternTypeSpecific.DaysOfWeek", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.PatternTypeSpecific.DaysOfWeek |= 0x80 }},
		{CodeNth, "RecurrencePattern.PatternTypeSpecific.N", must(NewAppointment(must(NewMonthlyNth(date(2026, 1, 1), 1, 2, Monday, NoEnd())), 0, 30*time.Minute)),
			func(ap *AppointmentPattern) { ap.RecurrencePattern.PatternTypeSpecific.N = 6 }},
		{CodeDayOfMonth, "RecurrencePattern.PatternTypeSpecific.Day", must(NewAppointment(must(NewMonthly(date(2026, 1, 1), 1, 2, NoEnd())), 0, 30*time.Minute)),
			func(ap *AppointmentPattern) { ap.RecurrencePattern.PatternTypeSpecific.Day = 32 }},
		{CodePeriod, "RecurrencePattern.Period", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.Period = 0 }},
		{CodePeriod, "RecurrencePattern.Period", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.Period = 100 }},
		{CodeFirstDateTime, "RecurrencePattern.FirstDateTime", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.FirstDateTime = 0 }},
		{CodeEndTypeUnknown, "RecurrencePattern.EndType", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.EndType = 0x2024 }},
		{CodeNeverEndDate, "RecurrencePattern.EndDate", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.EndType = NeverEnd }},
		{CodeEndBeforeStart, "RecurrencePattern.EndDate", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.EndDate = ap.RecurrencePattern.StartDate - 1440 }},
		{CodeEndMismatch, "RecurrencePattern.EndDate", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.EndDate += 7 * 1440 }},
		{CodeEndMismatch, "RecurrencePattern.OccurrenceCount", weekly(), func(ap *AppointmentPattern) {
			ap.RecurrencePattern.EndType = EndAfterDate
			ap.RecurrencePattern.OccurrenceCount = 3
		}},
		{CodeFirstDOW, "RecurrencePattern.FirstDOW", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.FirstDOW = 7 }},
		{CodeSliding, "RecurrencePattern.SlidingFlag", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.SlidingFlag = 1 }},
		{CodeNotMidnight, "RecurrencePattern.StartDate", weekly(), func(ap *AppointmentPattern) { ap.RecurrencePattern.StartDate += 60 }},
		{CodeNotMidnight, "RecurrencePattern.DeletedInstanceDates[0]", weekly(), func(ap *AppointmentPattern) {
			ap.RecurrencePattern.DeletedInstanceDates = []Minutes{ap.RecurrencePattern.StartDate + 60}
		}},
		{CodeDatesUnsorted, "RecurrencePattern.DeletedInstanceDates[1]", weekly(), func(ap *AppointmentPattern) {
			s := ap.RecurrencePattern.StartDate
			ap.RecurrencePattern.DeletedInstanceDates = []Minutes{s + 7*1440, s}
		}},
		{CodeDatesDuplicate, "RecurrencePattern.DeletedInstanceDates[1]", weekly(), func(ap *AppointmentPattern) {
			s := ap.RecurrencePattern.StartDate
			ap.RecurrencePattern.DeletedInstanceDates = []Minutes{s, s}
		}},
		{CodeModifiedExceeds, "RecurrencePattern.ModifiedInstanceCount", withException(), func(ap *AppointmentPattern) {
			ap.RecurrencePattern.DeletedInstanceDates = nil
		}},
		{CodeExceptionCount, "ExceptionCount", withException(), func(ap *AppointmentPattern) {
			ap.RecurrencePattern.ModifiedInstanceDates = append(ap.RecurrencePattern.ModifiedInstanceDates, ap.RecurrencePattern.ModifiedInstanceDates[0]+7*1440)
		}},
		{CodeExceptionNotModified, "ExceptionInfo[0].StartDateTime", withException(), func(ap *AppointmentPattern) {
			ap.RecurrencePattern.ModifiedInstanceDates[0] += 1440
		}},
		{CodeOriginalNotDeleted, "ExceptionInfo[0].OriginalStartDate", withException(), func(ap *AppointmentPattern) {
			ap.RecurrencePattern.DeletedInstanceDates[0] += 7 * 1440
		}},
		{CodeExceptionsUnsorted, "ExceptionInfo[1].StartDateTime", second(withException()), func(ap *AppointmentPattern) {
			ap.Exceptions[0], ap.Exceptions[1] = ap.Exceptions[1], ap.Exceptions[0]
		}},
		{CodeExtendedMismatch, "ExtendedException[0]", withException(), func(ap *AppointmentPattern) { ap.Exceptions[0].Extended.EndDateTime += 5 }},
		{CodeSameDay, "ExceptionInfo[0]", withException(), func(ap *AppointmentPattern) {
			e := &ap.Exceptions[0].Info
			e.StartDateTime += 7*1440 + 240 // onto the next Monday, which has its own occurrence
			e.EndDateTime += 7*1440 + 240
			ap.Exceptions[0].Extended.StartDateTime, ap.Exceptions[0].Extended.EndDateTime = e.StartDateTime, e.EndDateTime
			ap.RecurrencePattern.ModifiedInstanceDates[0] += 7 * 1440
		}},
		{CodeOverlap, "ExceptionInfo[0]", withException(), func(ap *AppointmentPattern) {
			e := &ap.Exceptions[0].Info
			e.StartDateTime += 6*1440 + 14*60 // Sunday 2026-03-22 23:00, for 12 hours: into Monday's 09:00 occurrence
			e.EndDateTime = e.StartDateTime + 12*60
			ap.Exceptions[0].Extended.StartDateTime, ap.Exceptions[0].Extended.EndDateTime = e.StartDateTime, e.EndDateTime
			ap.RecurrencePattern.ModifiedInstanceDates[0] = e.StartDateTime.Date()
		}},
		{CodeLengthMismatch, "ExceptionInfo[0].SubjectLength", withException(), func(ap *AppointmentPattern) { ap.Exceptions[0].Info.SubjectLength = 7 }},
		{CodeTimeOffsets, "StartTimeOffset", weekly(), func(ap *AppointmentPattern) { ap.StartTimeOffset, ap.EndTimeOffset = 1440, 1500 }},
		{CodeTimeOffsets, "EndTimeOffset", weekly(), func(ap *AppointmentPattern) { ap.EndTimeOffset = 500 }},
		{CodeReservedBlock, "ReservedBlock1Size", weekly(), func(ap *AppointmentPattern) { ap.ReservedBlock1 = blob.HexBytes{1} }},
		{CodeReservedBlock, "ReservedBlock2Size", weekly(), func(ap *AppointmentPattern) { ap.ReservedBlock2 = blob.HexBytes{1} }},
		{CodeUnknownOverride, "ExceptionInfo[0].OverrideFlags", withException(), func(ap *AppointmentPattern) { ap.Exceptions[0].Info.OverrideFlags |= 0x400 }},
		{CodeWriterVersion2, "WriterVersion2", weekly(), func(ap *AppointmentPattern) { ap.WriterVersion2 = 0x3007 }},
		{CodeExceptionEnd, "ExceptionInfo[0].EndDateTime", withException(), func(ap *AppointmentPattern) {
			ap.Exceptions[0].Info.EndDateTime = ap.Exceptions[0].Info.StartDateTime - 1
			ap.Exceptions[0].Extended.EndDateTime = ap.Exceptions[0].Info.EndDateTime
		}},
		{CodeTrailing, "Trailing", weekly(), func(ap *AppointmentPattern) { ap.Trailing = []byte{0} }},
	}
	for _, tt := range tests {
		tt.change(tt.ap)
		b, err := tt.ap.MarshalBinary()
		if err != nil {
			t.Fatalf("%s: %v", tt.code, err)
		}
		ap, err := Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", tt.code, err)
		}
		found := false
		for _, f := range ap.Check() {
			if f.Code == tt.code && f.Path == tt.path && f.Message != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("%s at %s not reported: %v", tt.code, tt.path, ap.Check())
		}
	}
	// Task-only finding.
	task := must(NewWeekly(date(2026, 1, 1), 1, Friday, time.Sunday, NoEnd()))
	task.DeletedInstanceDates = []Minutes{task.StartDate}
	if !hasCode(task.Check(), CodeTaskInstances) {
		t.Error("task with instances not reported")
	}
}

func hasCode(fs []blob.Finding, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}

// Outlook's own blobs: ARP-4 lists exceptions out of order (information
// only) and ARP-3 moves one to another day (not a problem).
func TestFixtureFindings(t *testing.T) {
	ap3 := must(Parse(fixtures.Load(t, "APPOINTMENTRECURRENCEPATTERN-3").Blob))
	for _, f := range ap3.Check() {
		if f.Severity != blob.Info {
			t.Errorf("ARP-3: %v", f)
		}
	}
	ap4 := must(Parse(fixtures.Load(t, "APPOINTMENTRECURRENCEPATTERN-4").Blob))
	if !hasCode(ap4.Check(), CodeExceptionsUnsorted) {
		t.Error("ARP-4 unsorted exceptions not reported")
	}
	for _, f := range ap4.Check() {
		if f.Severity == blob.Error {
			t.Errorf("ARP-4: %v", f)
		}
	}
	ap2 := must(Parse(fixtures.Load(t, "APPOINTMENTRECURRENCEPATTERN-2").Blob))
	if !hasCode(ap2.Check(), CodeTrailing) {
		t.Error("ARP-2 trailing bytes not reported")
	}
}
