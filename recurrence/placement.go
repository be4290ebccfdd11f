package recurrence

import (
	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/lint"
)

// Finding codes for dates that name no occurrence of the pattern.
const (
	// CodeStartNotPatternDate: StartDate is not a date of the pattern.
	CodeStartNotPatternDate = "RECUR_START_NOT_PATTERN_DATE"
	// CodeOriginalNotPatternDate: an exception's original date is not a
	// date of the series.
	CodeOriginalNotPatternDate = "RECUR_ORIGINAL_NOT_PATTERN_DATE"
	// CodeDeletedNotPatternDate: a deleted date is not a date of the series.
	CodeDeletedNotPatternDate = "RECUR_DELETED_NOT_PATTERN_DATE"
)

// patternDates answers "is d a date of the series?" for many d, walking
// the series' range once.
type patternDates struct {
	p    *Pattern
	last day
	ok   bool
}

func (p *Pattern) patternDates() patternDates {
	if p.Expandable() != nil {
		return patternDates{}
	}
	last, err := p.lastDate(10 * MaxOccurrences)
	if err != nil {
		return patternDates{}
	}
	if last < 0 {
		last = dayOf(NeverEndDate)
	}
	return patternDates{p, last, true}
}

// has reports whether midnight d is a date of the series (known is false
// when that cannot be told: a pattern that does not expand).
func (pd patternDates) has(d Minutes) (is, known bool) {
	if !pd.ok {
		return false, false
	}
	dd := dayOf(d)
	if dd > pd.last || d.Date() != d {
		return false, true
	}
	found := false
	_ = pd.p.walk(dd, dd, 2, func(x day) bool { found = x == dd; return false })
	return found, true
}

// checkPlacement reports dates that name no occurrence: iCalendar clients
// place a DTSTART, EXDATE or RECURRENCE-ID there where Outlook shows nothing.
func (ap *AppointmentPattern) checkPlacement(l *lint.List) {
	p := &ap.RecurrencePattern
	pd := p.patternDates()
	if !pd.ok {
		return
	}
	if is, _ := pd.has(p.StartDate.Date()); !is && p.StartDate.IsMidnight() {
		msg := "StartDate " + p.StartDate.String()[:10] + " is not a date of the pattern; Outlook's first meeting is on the first pattern date after it"
		if first, ok := p.FirstDate(); ok {
			msg = "StartDate " + p.StartDate.String()[:10] + " is not a date of the pattern; Outlook's first meeting is on " + first.String()[:10]
		}
		l.Add(CodeStartNotPatternDate, blob.Warning, "RecurrencePattern.StartDate", msg+", while iCalendar clients given it as DTSTART show a meeting there too (mapiblob ical writes the first pattern date)")
	}
	for i := range ap.Exceptions {
		d := ap.Exceptions[i].Info.OriginalStartDate.Date()
		if is, _ := pd.has(d); !is {
			l.Add(CodeOriginalNotPatternDate, blob.Warning, "ExceptionInfo["+itoa(i)+"].OriginalStartDate", "the exception's original date "+d.String()[:10]+
				" is not a date of the series; its RECURRENCE-ID matches no instance, so iCalendar clients drop it while Outlook shows it (mapiblob ical adds an RDATE for it)")
		}
	}
	for i, d := range p.DeletedInstanceDates {
		if is, _ := pd.has(d); !is && d.IsMidnight() {
			l.Add(CodeDeletedNotPatternDate, blob.Info, "RecurrencePattern.DeletedInstanceDates["+itoa(i)+"]", "deleted date "+d.String()[:10]+
				" is not a date of the series, so it deletes nothing (mapiblob ical writes no EXDATE for it)")
		}
	}
}
