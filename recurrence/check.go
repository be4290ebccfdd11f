package recurrence

import (
	"sort"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/lint"
	"github.com/mapiblob/mapiblob/internal/sv"
)

// Finding codes of this package. They are stable: scripts may match them.
const (
	CodeFrequencyUnknown     = "RECUR_FREQUENCY_UNKNOWN"
	CodeFrequencyMismatch    = "RECUR_FREQUENCY_PATTERN_MISMATCH"
	CodeCalendarUnknown      = "RECUR_CALENDAR_UNKNOWN"
	CodeHijriMismatch        = "RECUR_HIJRI_CALENDAR_MISMATCH"
	CodeDayMask              = "RECUR_DAY_MASK"
	CodeNth                  = "RECUR_NTH_OUT_OF_RANGE"
	CodeDayOfMonth           = "RECUR_DAY_OF_MONTH"
	CodePeriod               = "RECUR_PERIOD"
	CodeFirstDateTime        = "RECUR_FIRSTDATETIME"
	CodeFirstDateTimeSkipped = "RECUR_FIRSTDATETIME_NOT_CHECKED"
	CodeEndTypeUnknown       = "RECUR_END_TYPE_UNKNOWN"
	CodeNeverEndDate         = "RECUR_NEVER_END_DATE"
	CodeEndBeforeStart       = "RECUR_END_BEFORE_START"
	CodeFirstDOW             = "RECUR_FIRSTDOW"
	CodeSliding              = "RECUR_SLIDING_ON_APPOINTMENT"
	CodeTaskInstances        = "RECUR_TASK_HAS_INSTANCES"
	CodeDatesUnsorted        = "RECUR_DATES_UNSORTED"
	CodeDatesDuplicate       = "RECUR_DATES_DUPLICATE"
	CodeNotMidnight          = "RECUR_DATE_NOT_MIDNIGHT"
	CodeModifiedExceeds      = "RECUR_MODIFIED_EXCEEDS_DELETED"
	CodeExceptionCount       = "RECUR_EXCEPTION_COUNT_MISMATCH"
	CodeExceptionNotModified = "RECUR_EXCEPTION_NOT_IN_MODIFIED"
	CodeOriginalNotDeleted   = "RECUR_ORIGINAL_NOT_IN_DELETED"
	CodeExceptionsUnsorted   = "RECUR_EXCEPTIONS_UNSORTED"
	CodeExtendedMismatch     = "RECUR_EXTENDED_DATES_MISMATCH"
	CodeSameDay              = "RECUR_TWO_INSTANCES_ONE_DAY"
	CodeOverlap              = "RECUR_EXCEPTION_OVERLAP"
	CodeLengthMismatch       = "RECUR_STRING_LENGTH_MISMATCH"
	CodeTimeOffsets          = "RECUR_TIME_OFFSETS"
	CodeReservedBlock        = "RECUR_RESERVED_BLOCK"
	CodeUnknownOverride      = "RECUR_UNKNOWN_OVERRIDE_FLAGS"
	CodeWriterVersion2       = "RECUR_WRITER_VERSION2"
	CodeExceptionEnd         = "RECUR_EXCEPTION_END_BEFORE_START"
	CodeTrailing             = "RECUR_TRAILING_BYTES"
	CodeEndMismatch          = "RECUR_END_MISMATCH"
)

// Check reports what in a task's pattern p is outside [MS-OXOCAL]
// 2.2.1.44.1 and [MS-OXOTASK] 2.2.2.2.15.
func (p *Pattern) Check() []blob.Finding {
	var l lint.List
	p.check(&l, "", true)
	if len(p.Trailing) > 0 {
		l.Add(CodeTrailing, blob.Warning, "Trailing", itoa(len(p.Trailing))+" bytes follow the pattern; readers ignore them")
	}
	return l
}

// Check reports what in ap is outside [MS-OXOCAL] 2.2.1.44 or breaks the
// rules Outlook relies on.
func (ap *AppointmentPattern) Check() []blob.Finding {
	var l lint.List
	ap.RecurrencePattern.check(&l, "RecurrencePattern.", false)
	ap.check(&l)
	switch {
	case isOutlookPadding(ap.Trailing):
		l.Add(CodeTrailing, blob.Info, "Trailing", "4 zero bytes follow ReservedBlock2; Outlook itself writes them after some patterns, and readers ignore them")
	case len(ap.Trailing) > 0:
		l.Add(CodeTrailing, blob.Warning, "Trailing", itoa(len(ap.Trailing))+" bytes follow ReservedBlock2; readers ignore them")
	}
	return l
}

// isOutlookPadding reports whether trailing bytes are the 4 zero bytes
// Outlook writes after ReservedBlock2 of some patterns.
func isOutlookPadding(b []byte) bool {
	return len(b) == 4 && b[0]|b[1]|b[2]|b[3] == 0
}

// ExpectedFirstDateTime computes FirstDateTime from StartDate, Period and
// FirstDOW as [MS-OXOCAL] 2.2.1.44.1.1 prescribes. ok is false when the
// pattern has no defined value (Period 0, unknown PatternType) and when a
// monthly or yearly pattern counts the months of a calendar whose months are
// not the Gregorian ones (Hebrew, Hijri and the other lunar calendars, see
// GregorianMonths): this package computes the value only in Gregorian months.
func (p *Pattern) ExpectedFirstDateTime() (uint32, bool) {
	if p.Period == 0 {
		return 0, false
	}
	if p.PatternType.monthly() && !p.GregorianMonths() {
		return 0, false
	}
	switch p.PatternType {
	case Day:
		return uint32(p.StartDate) % p.Period, true
	case Week:
		dow := uint32(p.StartDate.Weekday())
		back := (dow + 7 - p.FirstDOW%7) % 7
		weekStart := uint64(p.StartDate) - uint64(back)*1440
		if uint64(p.StartDate) < uint64(back)*1440 {
			return 0, false
		}
		return uint32(weekStart % (uint64(p.Period) * 10080)), true
	case Month, MonthNth, MonthEnd, HjMonth, HjMonthNth, HjMonthEnd:
		t := p.StartDate.Time(nil)
		k := ((t.Year()-1601)*12 + int(t.Month()) - 1) % int(p.Period)
		first := time.Date(1601+k/12, time.Month(k%12+1), 1, 0, 0, 0, 0, time.UTC)
		return uint32(daysFrom1601(first.Date()) * 1440), true
	}
	return 0, false
}

// monthly reports whether the pattern type counts months.
func (t PatternType) monthly() bool {
	switch t {
	case Month, MonthNth, MonthEnd, HjMonth, HjMonthNth, HjMonthEnd:
		return true
	}
	return false
}

// GregorianMonths reports whether the pattern's months are Gregorian months:
// a Gregorian CalendarType, or one that only numbers the years differently
// (CAL_JAPAN, CAL_TAIWAN, CAL_KOREA, CAL_THAI), with a non-Hijri PatternType.
// The Hj* types, CAL_HIJRI, CAL_UMALQURA, CAL_HEBREW, the lunar calendars,
// CAL_SAKA and undefined values have months of their own.
func (p *Pattern) GregorianMonths() bool {
	if p.PatternType.IsHijri() {
		return false
	}
	switch p.CalendarType {
	case CAL_DEFAULT, CAL_GREGORIAN, CAL_GREGORIAN_US, CAL_JAPAN, CAL_TAIWAN, CAL_KOREA, CAL_THAI,
		CAL_GREGORIAN_ME_FRENCH, CAL_GREGORIAN_ARABIC, CAL_GREGORIAN_XLIT_ENGL, CAL_GREGORIAN_XLIT_FREN:
		return true
	}
	return false
}

func (p *Pattern) check(l *lint.List, pre string, task bool) {
	s := p.PatternTypeSpecific
	switch p.RecurFrequency {
	case Daily, Weekly, Monthly, Yearly:
	default:
		l.Add(CodeFrequencyUnknown, blob.Warning, pre+"RecurFrequency", "RecurFrequency "+p.RecurFrequency.String()+" is not defined; Outlook shows the series as having no pattern")
	}
	okPair := false
	switch p.RecurFrequency {
	case Daily:
		okPair = p.PatternType == Day || p.PatternType == Week && s.DaysOfWeek&AnyDay == Weekdays && p.Period == 1
	case Weekly:
		okPair = p.PatternType == Week
	case Monthly, Yearly:
		okPair = p.PatternType != Day && p.PatternType != Week
	default:
		okPair = true
	}
	if !okPair {
		l.Add(CodeFrequencyMismatch, blob.Error, pre+"PatternType", "PatternType "+p.PatternType.String()+" does not belong with RecurFrequency "+p.RecurFrequency.String()+"; Outlook's recurrence dialog and other clients disagree on what the series means")
	}
	if !p.CalendarType.Known() {
		l.Add(CodeCalendarUnknown, blob.Warning, pre+"CalendarType", "CalendarType "+p.CalendarType.String()+" is not a defined CAL_* value")
	}
	switch {
	case p.PatternType.IsHijri() && p.CalendarType != CAL_DEFAULT && p.CalendarType != CAL_HIJRI && p.CalendarType != CAL_UMALQURA:
		l.Add(CodeHijriMismatch, blob.Warning, pre+"CalendarType", "a Hijri pattern type with calendar "+p.CalendarType.String()+"; the specification wants CalendarType 0 with Hj* types")
	case !p.PatternType.IsHijri() && (p.CalendarType == CAL_HIJRI || p.CalendarType == CAL_UMALQURA):
		l.Add(CodeHijriMismatch, blob.Warning, pre+"CalendarType", "a Gregorian pattern type with calendar "+p.CalendarType.String()+"; a Hijri series uses the Hj* pattern types")
	}
	switch p.PatternType {
	case Week, MonthNth, HjMonthNth:
		if s.DaysOfWeek&AnyDay == 0 {
			l.Add(CodeDayMask, blob.Error, pre+"PatternTypeSpecific.DaysOfWeek", "no weekday is set, so the series has no occurrence")
		}
		if s.DaysOfWeek&^AnyDay != 0 {
			l.Add(CodeDayMask, blob.Warning, pre+"PatternTypeSpecific.DaysOfWeek", "bits above Saturday (0x40) are set; they must be zero")
		}
	}
	if (p.PatternType == MonthNth || p.PatternType == HjMonthNth) && (s.N < 1 || s.N > 5) {
		l.Add(CodeNth, blob.Error, pre+"PatternTypeSpecific.N", "N is "+itoa(int(s.N))+"; it must be 1–4, or 5 for the last")
	}
	switch p.PatternType {
	case Month, MonthEnd, HjMonth, HjMonthEnd:
		if s.Day < 1 || s.Day > 31 {
			l.Add(CodeDayOfMonth, blob.Error, pre+"PatternTypeSpecific.Day", "day of month "+itoa(int(s.Day))+" is not 1–31")
		}
	}
	p.checkPeriod(l, pre)
	if p.Period != 0 && p.PatternType.monthly() && !p.GregorianMonths() {
		l.Add(CodeFirstDateTimeSkipped, blob.Info, pre+"FirstDateTime", "FirstDateTime "+itoa(int(p.FirstDateTime))+" counts the months of the "+
			p.CalendarType.String()+" calendar (PatternType "+p.PatternType.String()+"); this checker computes the expected value in Gregorian months only, so it is not checked")
	} else if want, ok := p.ExpectedFirstDateTime(); ok && want != p.FirstDateTime {
		l.Add(CodeFirstDateTime, blob.Warning, pre+"FirstDateTime", "FirstDateTime is "+itoa(int(p.FirstDateTime))+
			" but [MS-OXOCAL] 2.2.1.44.1.1 computes "+itoa(int(want))+" from StartDate, Period and FirstDOW; clients that anchor the pattern on it place occurrences on other days")
	}
	switch {
	case p.EndType == EndAfterDate || p.EndType == EndAfterNOccurrences:
		if p.EndDate < p.StartDate {
			l.Add(CodeEndBeforeStart, blob.Error, pre+"EndDate", "EndDate "+p.EndDate.String()+" is before StartDate "+p.StartDate.String())
		}
	case p.EndType.IsNeverEnd():
		if p.EndDate != NeverEndDate {
			l.Add(CodeNeverEndDate, blob.Warning, pre+"EndDate", "a series without end must have EndDate 0x5AE980DF (4500-12-31 23:59); clients may end it at "+p.EndDate.String())
		}
	default:
		l.Add(CodeEndTypeUnknown, blob.Warning, pre+"EndType", "EndType "+p.EndType.String()+" is not defined")
	}
	p.checkEnd(l, pre)
	if p.FirstDOW > 6 {
		l.Add(CodeFirstDOW, blob.Warning, pre+"FirstDOW", "FirstDOW "+itoa(int(p.FirstDOW))+" is not a weekday (0–6)")
	}
	if !task && p.SlidingFlag != 0 {
		l.Add(CodeSliding, blob.Warning, pre+"SlidingFlag", "SlidingFlag is set on an appointment; only tasks regenerate")
	}
	if task && (len(p.DeletedInstanceDates) > 0 || len(p.ModifiedInstanceDates) > 0) {
		l.Add(CodeTaskInstances, blob.Warning, pre+"DeletedInstanceCount", "if this is PidLidTaskRecurrence: a task's recurrence must have no deleted or modified instances "+
			"(an appointment's RecurrencePattern read on its own, without the rest of PidLidAppointmentRecur, has them legitimately)")
	}
	if !p.StartDate.IsMidnight() {
		l.Add(CodeNotMidnight, blob.Warning, pre+"StartDate", "StartDate "+p.StartDate.String()+" is not a midnight")
	}
	if !p.EndType.IsNeverEnd() && !p.EndDate.IsMidnight() {
		l.Add(CodeNotMidnight, blob.Warning, pre+"EndDate", "EndDate "+p.EndDate.String()+" is not a midnight")
	}
	checkDates(l, pre+"DeletedInstanceDates", p.DeletedInstanceDates)
	checkDates(l, pre+"ModifiedInstanceDates", p.ModifiedInstanceDates)
	if len(p.ModifiedInstanceDates) > len(p.DeletedInstanceDates) {
		l.Add(CodeModifiedExceeds, blob.Error, pre+"ModifiedInstanceCount", "more modified than deleted instances: every modified instance also deletes its original date")
	}
}

// checkEnd compares EndDate and OccurrenceCount with what the pattern
// gives (only for patterns that can be expanded, within the instance cap).
func (p *Pattern) checkEnd(l *lint.List, pre string) {
	if p.Expandable() != nil || p.StartDate > p.EndDate && !p.EndType.IsNeverEnd() {
		return
	}
	switch p.EndType {
	case EndAfterNOccurrences:
		if p.OccurrenceCount == 0 || p.OccurrenceCount > MaxOccurrences*10 {
			return
		}
		last, err := p.lastDate(DefaultMaxInstances)
		if err == nil && last.minutes() != p.EndDate {
			l.Add(CodeEndMismatch, blob.Warning, pre+"EndDate", "the series ends after "+itoa(int(p.OccurrenceCount))+
				" occurrences, the last on "+last.minutes().String()[:10]+", but EndDate is "+p.EndDate.String()[:10]+"; clients that read EndDate show another range")
		}
	case EndAfterDate:
		n := 0
		// Bounded: a blob of a few bytes must not buy unbounded work.
		for _, err := range p.Dates(time.Time{}, time.Time{}, DateOptions{MaxInstances: 10 * MaxOccurrences}) {
			if err != nil {
				return
			}
			n++
		}
		if uint32(n) != p.OccurrenceCount {
			l.Add(CodeEndMismatch, blob.Warning, pre+"OccurrenceCount", "the pattern has "+itoa(n)+" dates from StartDate through EndDate, but OccurrenceCount is "+
				itoa(int(p.OccurrenceCount))+" (deleted instances count too)")
		}
	}
}

func (p *Pattern) checkPeriod(l *lint.List, pre string) {
	path := pre + "Period"
	if p.Period == 0 {
		l.Add(CodePeriod, blob.Error, path, "Period is 0; the series cannot advance")
		return
	}
	switch p.PatternType {
	case Day:
		if p.Period%1440 != 0 || p.Period/1440 > 999 {
			l.Add(CodePeriod, blob.Warning, path, "a daily Period is whole days in minutes, 1440 to 1 438 560 (999 days); got "+itoa(int(p.Period)))
		}
	case Week:
		if p.Period > 99 {
			l.Add(CodePeriod, blob.Warning, path, "a weekly Period is 1–99 weeks; got "+itoa(int(p.Period)))
		}
	default:
		if p.RecurFrequency == Yearly && (p.Period%12 != 0 || p.Period > 96) {
			l.Add(CodePeriod, blob.Warning, path, "a yearly Period is 12 months times 1–8; got "+itoa(int(p.Period)))
		} else if p.Period > 99 {
			l.Add(CodePeriod, blob.Warning, path, "a monthly Period is 1–99 months; got "+itoa(int(p.Period)))
		}
	}
}

func checkDates(l *lint.List, path string, ds []Minutes) {
	for i, d := range ds {
		p := path + "[" + itoa(i) + "]"
		if !d.IsMidnight() {
			l.Add(CodeNotMidnight, blob.Warning, p, d.String()+" is not a midnight")
		}
		if i > 0 && d < ds[i-1] {
			l.Add(CodeDatesUnsorted, blob.Warning, p, d.String()+" follows "+ds[i-1].String()+"; the list must ascend, and Outlook's binary search misses unsorted dates")
		}
		if i > 0 && d == ds[i-1] {
			l.Add(CodeDatesDuplicate, blob.Warning, p, d.String()+" appears twice")
		}
	}
}

// dateSet is a set of dates for lookups (Check, ApplyEdits), built once.
type dateSet map[Minutes]struct{}

func setOf(ds []Minutes) dateSet {
	m := make(dateSet, len(ds))
	for _, d := range ds {
		m[d] = struct{}{}
	}
	return m
}

func (s dateSet) has(d Minutes) bool { _, ok := s[d]; return ok }

func contains(ds []Minutes, d Minutes) bool {
	for _, x := range ds {
		if x == d {
			return true
		}
	}
	return false
}

func (ap *AppointmentPattern) check(l *lint.List) {
	p := &ap.RecurrencePattern
	if ap.WriterVersion2 != 0x3008 && ap.WriterVersion2 != 0x3009 {
		sev := blob.Info
		if ap.WriterVersion2 < 0x3008 {
			sev = blob.Warning
		}
		l.Add(CodeWriterVersion2, sev, "WriterVersion2", "WriterVersion2 "+sv.Hex(uint64(ap.WriterVersion2), 8)+" is neither 0x00003008 nor 0x00003009")
	}
	if ap.StartTimeOffset >= 1440 {
		l.Add(CodeTimeOffsets, blob.Error, "StartTimeOffset", "StartTimeOffset "+itoa(int(ap.StartTimeOffset))+" is not within the day (0–1439 minutes)")
	}
	if ap.EndTimeOffset < ap.StartTimeOffset {
		l.Add(CodeTimeOffsets, blob.Error, "EndTimeOffset", "EndTimeOffset "+itoa(int(ap.EndTimeOffset))+" is before StartTimeOffset "+itoa(int(ap.StartTimeOffset)))
	}
	if int(ap.ExceptionCount) != len(p.ModifiedInstanceDates) {
		l.Add(CodeExceptionCount, blob.Error, "ExceptionCount", "ExceptionCount "+itoa(int(ap.ExceptionCount))+" differs from ModifiedInstanceCount "+
			itoa(len(p.ModifiedInstanceDates))+"; MFCMAPI and Outlook then ignore the exceptions")
	}
	if ap.ReservedBlock1Size != 0 {
		l.Add(CodeReservedBlock, blob.Warning, "ReservedBlock1Size", "ReservedBlock1Size must be 0")
	}
	if ap.ReservedBlock2Size != 0 {
		l.Add(CodeReservedBlock, blob.Warning, "ReservedBlock2Size", "ReservedBlock2Size must be 0")
	}
	for i := range ap.Exceptions {
		x := &ap.Exceptions[i].Extended
		pre := "ExtendedException[" + itoa(i) + "]."
		if x.ReservedBlockEE1Size != 0 {
			l.Add(CodeReservedBlock, blob.Warning, pre+"ReservedBlockEE1Size", "ReservedBlockEE1Size is "+itoa(int(x.ReservedBlockEE1Size))+"; it must be 0 (the bytes are kept)")
		}
		if x.ReservedBlockEE2Size != 0 {
			l.Add(CodeReservedBlock, blob.Warning, pre+"ReservedBlockEE2Size", "ReservedBlockEE2Size is "+itoa(int(x.ReservedBlockEE2Size))+"; it must be 0 (the bytes are kept)")
		}
	}
	deleted, modified := setOf(p.DeletedInstanceDates), setOf(p.ModifiedInstanceDates)
	for i := range ap.Exceptions {
		e := &ap.Exceptions[i].Info
		pre := "ExceptionInfo[" + itoa(i) + "]."
		if rest := e.OverrideFlags &^ aroKnown; rest != 0 {
			l.Add(CodeUnknownOverride, blob.Warning, pre+"OverrideFlags", "undefined override bits "+sv.Hex(uint64(rest), 4))
		}
		if e.EndDateTime < e.StartDateTime {
			l.Add(CodeExceptionEnd, blob.Error, pre+"EndDateTime", "the exception ends ("+e.EndDateTime.String()+") before it starts ("+e.StartDateTime.String()+")")
		}
		for k := range infoFields {
			f := &infoFields[k]
			if f.kind != kindText8 || !f.present(e.OverrideFlags, false) {
				continue
			}
			l1, l2 := int(*f.u16(&ap.Exceptions[i], f.off)), int(*f.u16(&ap.Exceptions[i], f.off2))
			if l1 != l2+1 {
				l.Add(CodeLengthMismatch, blob.Error, pre+f.name1, f.name1+" "+itoa(l1)+" is not "+f.name2+" + 1 ("+itoa(l2+1)+"); MFCMAPI skips the string and misreads the rest")
			}
		}
		if !modified.has(e.StartDateTime.Date()) {
			l.Add(CodeExceptionNotModified, blob.Error, pre+"StartDateTime", "the exception's day "+e.StartDateTime.Date().String()[:10]+" is not among ModifiedInstanceDates; Outlook does not show it")
		}
		if !deleted.has(e.OriginalStartDate.Date()) {
			l.Add(CodeOriginalNotDeleted, blob.Error, pre+"OriginalStartDate", "the exception's original day "+e.OriginalStartDate.Date().String()[:10]+" is not among DeletedInstanceDates; Outlook shows the original occurrence as well")
		}
		if e.OverrideFlags.HasDates() {
			x := &ap.Exceptions[i].Extended
			if x.StartDateTime != e.StartDateTime || x.EndDateTime != e.EndDateTime || x.OriginalStartDate != e.OriginalStartDate {
				l.Add(CodeExtendedMismatch, blob.Warning, "ExtendedException["+itoa(i)+"]", "its dates differ from those of ExceptionInfo["+itoa(i)+"]")
			}
		}
		if i > 0 && e.StartDateTime < ap.Exceptions[i-1].Info.StartDateTime {
			l.Add(CodeExceptionsUnsorted, blob.Info, pre+"StartDateTime", "exceptions are not in time order (Outlook itself writes them so); matching is by date, not position")
		}
	}
	ap.checkAgainstSeries(l, deleted)
	ap.checkPlacement(l)
	// Two exceptions on one day, and exceptions overlapping their neighbours.
	idx := make([]int, len(ap.Exceptions))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		return ap.Exceptions[idx[a]].Info.StartDateTime < ap.Exceptions[idx[b]].Info.StartDateTime
	})
	for k := 1; k < len(idx); k++ {
		a, b := &ap.Exceptions[idx[k-1]].Info, &ap.Exceptions[idx[k]].Info
		path := "ExceptionInfo[" + itoa(idx[k]) + "]"
		if a.StartDateTime.Date() == b.StartDateTime.Date() {
			l.Add(CodeSameDay, blob.Warning, path, "two instances start on "+b.StartDateTime.String()[:10]+"; the specification forbids two instances on one day")
		} else if b.StartDateTime < a.EndDateTime {
			l.Add(CodeOverlap, blob.Warning, path, "starts before ExceptionInfo["+itoa(idx[k-1])+"] ends; occurrences must not overlap")
		}
	}
}

// checkAgainstSeries compares each exception with the regular occurrences
// around it: none may share its day, and it must not overlap them.
func (ap *AppointmentPattern) checkAgainstSeries(l *lint.List, deleted dateSet) {
	p := &ap.RecurrencePattern
	if p.Expandable() != nil || len(ap.Exceptions) == 0 {
		return
	}
	// The range's last date, once (it may walk OccurrenceCount dates).
	last, err := p.lastDate(10 * MaxOccurrences)
	if err != nil {
		return
	}
	if last < 0 {
		last = dayOf(NeverEndDate)
	}
	dur := Minutes(0)
	if ap.EndTimeOffset > ap.StartTimeOffset {
		dur = Minutes(ap.EndTimeOffset - ap.StartTimeOffset)
	}
	for i := range ap.Exceptions {
		e := &ap.Exceptions[i].Info
		path := "ExceptionInfo[" + itoa(i) + "]"
		lo := dayOf(e.StartDateTime) - 7
		hi := dayOf(e.EndDateTime) + 7
		if hi > last {
			hi = last
		}
		_ = p.walk(lo, hi, 64, func(dd day) bool {
			d := dd.minutes()
			if deleted.has(d) {
				return true
			}
			s := d + Minutes(ap.StartTimeOffset)
			if d == e.StartDateTime.Date() {
				l.Add(CodeSameDay, blob.Warning, path, "starts on "+d.String()[:10]+", a day that has a regular occurrence; the specification forbids two instances on one day")
			} else if e.StartDateTime < s+dur && s < e.EndDateTime {
				l.Add(CodeOverlap, blob.Warning, path, "overlaps the regular occurrence of "+d.String()[:10]+"; occurrences must not overlap")
			}
			return true
		})
	}
}
