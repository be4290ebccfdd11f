package recurrence

import (
	"fmt"
	"strings"
	"time"
)

var nthWords = [...]string{"", "first", "second", "third", "fourth", "last"}

func plural(n uint32, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func dayWords(m DayMask) string {
	switch m & AnyDay {
	case AnyDay:
		return "day"
	case Weekdays:
		return "weekday"
	case WeekendDay:
		return "weekend day"
	}
	var names []string
	for d := 0; d < 7; d++ {
		if m&(1<<d) != 0 {
			names = append(names, time.Weekday(d).String())
		}
	}
	switch len(names) {
	case 0:
		return "no day"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// Describe puts the rule of the pattern in words, e.g. "every 2 weeks on
// Thursday" or "monthly on the last weekday".
func (p *Pattern) Describe() string {
	s := p.PatternTypeSpecific
	n := func() string {
		if s.N >= 1 && s.N <= 5 {
			return nthWords[s.N]
		}
		return fmt.Sprintf("N=%d", s.N)
	}
	months := func() string {
		if p.RecurFrequency == Yearly || p.Period%12 == 0 && p.Period > 0 {
			y := p.Period / 12
			if y <= 1 {
				return "yearly"
			}
			return fmt.Sprintf("every %d years", y)
		}
		return "every " + plural(p.Period, "month", "months")
	}
	monthOf := func() string {
		if p.Period%12 == 0 && p.Period > 0 {
			return " of " + p.StartDate.Time(nil).Month().String()
		}
		return ""
	}
	hij := ""
	if p.PatternType.IsHijri() {
		hij = " (Hijri calendar)"
	}
	switch p.PatternType {
	case Day:
		if p.Period%1440 != 0 || p.Period == 0 {
			return fmt.Sprintf("every %d minutes", p.Period)
		}
		return "every " + plural(p.Period/1440, "day", "days")
	case Week:
		if p.RecurFrequency == Daily && s.DaysOfWeek&AnyDay == Weekdays {
			return "every weekday"
		}
		return "every " + plural(p.Period, "week", "weeks") + " on " + dayWords(s.DaysOfWeek)
	case Month, HjMonth:
		return fmt.Sprintf("%s on day %d%s%s", months(), s.Day, monthOf(), hij)
	case MonthEnd, HjMonthEnd:
		return fmt.Sprintf("%s on the last day%s%s", months(), monthOf(), hij)
	case MonthNth, HjMonthNth:
		return fmt.Sprintf("%s on the %s %s%s%s", months(), n(), dayWords(s.DaysOfWeek), monthOf(), hij)
	}
	return p.PatternType.String()
}

func (p *Pattern) endWords() string {
	day := func(m Minutes) string { return m.Time(nil).Format("2006-01-02") }
	switch {
	case p.EndType == EndAfterDate:
		return fmt.Sprintf("%s until %s", plural(p.OccurrenceCount, "1 occurrence", "occurrences"), day(p.EndDate))
	case p.EndType == EndAfterNOccurrences:
		return fmt.Sprintf("%s, the last on %s", plural(p.OccurrenceCount, "1 occurrence", "occurrences"), day(p.EndDate))
	case p.EndType.IsNeverEnd():
		return "no end"
	}
	return "end type " + p.EndType.String()
}

// Text renders a task pattern for people.
func (p *Pattern) Text() string {
	s := p.Describe() + ", from " + p.StartDate.Time(nil).Format("2006-01-02") + ", " + p.endWords()
	if p.SlidingFlag != 0 {
		s += " (regenerating: the next instance follows completion of the last)"
	}
	if len(p.Trailing) > 0 {
		s += fmt.Sprintf("\ntrailing bytes: %d", len(p.Trailing))
	}
	return s
}

func hhmm(min uint32) string { return fmt.Sprintf("%02d:%02d", min/60%24, min%60) }

// Text renders the appointment pattern for people: the rule, the time of
// day, the range, and every deleted and modified instance.
func (ap *AppointmentPattern) Text() string {
	p := &ap.RecurrencePattern
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s–%s, from %s, %s", p.Describe(), hhmm(ap.StartTimeOffset), hhmm(ap.EndTimeOffset),
		p.StartDate.Time(nil).Format("2006-01-02"), p.endWords())
	modified := map[Minutes]bool{}
	for i := range ap.Exceptions {
		modified[ap.Exceptions[i].Info.OriginalStartDate.Date()] = true
	}
	var cancelled []string
	for _, d := range p.DeletedInstanceDates {
		if !modified[d] {
			cancelled = append(cancelled, d.Time(nil).Format("2006-01-02"))
		}
	}
	// "deleted" counts DeletedInstanceDates as the blob does: the original
	// dates of modified instances too.
	fmt.Fprintf(&b, "; %d deleted, %d modified", len(p.DeletedInstanceDates), len(ap.Exceptions))
	if len(cancelled) > 0 {
		fmt.Fprintf(&b, "\ncancelled: %s", strings.Join(cancelled, ", "))
	}
	for i := range ap.Exceptions {
		e := &ap.Exceptions[i].Info
		fmt.Fprintf(&b, "\nmodified: %s–%s", e.StartDateTime.Time(nil).Format("2006-01-02 15:04"), e.EndDateTime.Time(nil).Format("15:04"))
		if e.OriginalStartDate != e.StartDateTime {
			fmt.Fprintf(&b, " (moved from %s)", e.OriginalStartDate.Time(nil).Format("2006-01-02 15:04"))
		}
		if e.OverrideFlags&ARO_SUBJECT != 0 {
			fmt.Fprintf(&b, " %q", ap.Exception(i).Subject(ap.CodePage))
		}
		if e.OverrideFlags&ARO_LOCATION != 0 {
			fmt.Fprintf(&b, " at %q", ap.Exception(i).Location(ap.CodePage))
		}
		if e.OverrideFlags&ARO_BUSYSTATUS != 0 {
			fmt.Fprintf(&b, " busy status %d", e.BusyStatus)
		}
		if e.OverrideFlags&ARO_REMINDER != 0 {
			if e.ReminderSet != 0 {
				b.WriteString(" reminder on")
			} else {
				b.WriteString(" reminder off")
			}
		}
		if e.OverrideFlags&ARO_REMINDERDELTA != 0 {
			fmt.Fprintf(&b, " reminder %d min before", e.ReminderDelta)
		}
		if e.OverrideFlags&ARO_MEETINGTYPE != 0 && e.MeetingType&0x4 != 0 {
			b.WriteString(" (cancelled)")
		}
	}
	if len(ap.Trailing) > 0 {
		fmt.Fprintf(&b, "\ntrailing bytes: %d", len(ap.Trailing))
	}
	return b.String()
}
