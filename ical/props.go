package ical

import (
	"fmt"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/proptag"
	"github.com/mapiblob/mapiblob/recurrence"
)

// prop builds a property from its canonical name and value; the names
// used here are all in proptag's table (a test checks). A named property
// gets the placeholder id 0x8000; number gives each its own.
func prop(name string, v item.Value) item.Property { return item.MustProp(name, v) }

// number gives the named properties of ps ids of their own, from 0x8000 up
// in the order they come, as a store would assign them (MFCMAPI's XML
// export and the item writers show each property's tag; readers go by the
// property set and LID).
func number(ps []item.Property) {
	next := uint16(0x8000)
	for i := range ps {
		if ps[i].Named != nil {
			ps[i].Tag = proptag.NewTag(next, ps[i].Type())
			next++
		}
	}
}

// clock prints minutes after midnight as Outlook's English UI does: 9:30 AM.
func clock(min uint32) string {
	h, m := min/60%24, min%60
	ampm := "AM"
	if h >= 12 {
		ampm = "PM"
	}
	if h%12 == 0 {
		h += 12
	}
	if h > 12 {
		h -= 12
	}
	return fmt.Sprintf("%d:%02d %s", h, m, ampm)
}

var nthWords = [...]string{"", "first", "second", "third", "fourth", "last"}

func dayList(m recurrence.DayMask) string {
	switch m & recurrence.AnyDay {
	case recurrence.AnyDay:
		return "day"
	case recurrence.Weekdays:
		return "weekday"
	case recurrence.WeekendDay:
		return "weekend day"
	}
	var names []string
	for d := time.Sunday; d <= time.Saturday; d++ {
		if m.Has(d) {
			names = append(names, d.String())
		}
	}
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// Description is the text of PidLidRecurrencePattern for a series, in the
// form of Outlook's English UI: "every Tuesday from 9:30 AM to 10:00 AM",
// "every 2 weeks on Monday and Thursday from …", "day 15 of every 2 months
// from …", "the last weekday of every month from …", "every March 15 from
// …", "the second Sunday of May every 2 years from …"; an all-day series has
// no times. [MS-OXOCAL] 2.2.1.46 asks only for "a description of the
// recurrence"; the wording follows Outlook's as far as it was seen, which
// is unconfirmed for the rarer patterns.
func Description(ap *recurrence.AppointmentPattern, allDay bool) string {
	s := describe(&ap.RecurrencePattern)
	if !allDay {
		s += " from " + clock(ap.StartTimeOffset) + " to " + clock(ap.EndTimeOffset)
	}
	return s
}

func describe(p *recurrence.Pattern) string {
	s := p.PatternTypeSpecific
	every := func(n uint32, one, many string) string {
		if n <= 1 {
			return "every " + one
		}
		return fmt.Sprintf("every %d %s", n, many)
	}
	nth := "N"
	if s.N >= 1 && s.N <= 5 {
		nth = nthWords[s.N]
	}
	yearly := p.Period%12 == 0 && p.Period > 0
	month := p.StartDate.Time(nil).Month().String()
	switch p.PatternType {
	case recurrence.Day:
		return every(p.Period/1440, "day", "days")
	case recurrence.Week:
		if p.RecurFrequency == recurrence.Daily && s.DaysOfWeek&recurrence.AnyDay == recurrence.Weekdays {
			return "every weekday"
		}
		if p.Period <= 1 {
			return "every " + dayList(s.DaysOfWeek)
		}
		return fmt.Sprintf("every %d weeks on %s", p.Period, dayList(s.DaysOfWeek))
	case recurrence.Month:
		if yearly {
			if p.Period == 12 {
				return fmt.Sprintf("every %s %d", month, s.Day)
			}
			return fmt.Sprintf("every %d years on %s %d", p.Period/12, month, s.Day)
		}
		return fmt.Sprintf("day %d of %s", s.Day, every(p.Period, "month", "months"))
	case recurrence.MonthEnd:
		if yearly {
			return fmt.Sprintf("the last day of %s %s", month, every(p.Period/12, "year", "years"))
		}
		return "the last day of " + every(p.Period, "month", "months")
	case recurrence.MonthNth:
		if yearly {
			if p.Period == 12 {
				return fmt.Sprintf("the %s %s of %s", nth, dayList(s.DaysOfWeek), month)
			}
			return fmt.Sprintf("the %s %s of %s every %d years", nth, dayList(s.DaysOfWeek), month, p.Period/12)
		}
		return fmt.Sprintf("the %s %s of %s", nth, dayList(s.DaysOfWeek), every(p.Period, "month", "months"))
	}
	return p.Describe()
}
