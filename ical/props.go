package ical

import (
	"encoding/binary"
	"fmt"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/proptag"
	"github.com/mapiblob/mapiblob/recurrence"
)

// Property is one MAPI property of an imported item.
type Property struct {
	Name string    // canonical name, e.g. PidLidAppointmentRecur
	Set  guid.GUID // property set of a named property (PidLid…)
	// SetName names Set, e.g. "PSETID_Appointment".
	SetName string
	LID     uint32           // its long id
	Tag     proptag.PropTag  // tag of a fixed-id property (PidTag…); 0 for a named one
	Type    proptag.PropType // PT_BINARY, PT_UNICODE, PT_LONG, PT_BOOLEAN or PT_SYSTIME
	// Value is []byte (PT_BINARY), string (PT_UNICODE), int32 (PT_LONG),
	// bool (PT_BOOLEAN) or time.Time (PT_SYSTIME, UTC).
	Value any
}

// Named reports whether p is a named property (identified by Set and LID).
func (p Property) Named() bool { return p.Tag == 0 }

// Bytes is the value as MAPI stores it: the blob itself, UTF-16LE without
// terminator, a little-endian 32-bit integer, a 16-bit boolean, or a
// FILETIME.
func (p Property) Bytes() []byte {
	switch v := p.Value.(type) {
	case []byte:
		return v
	case string:
		u := utf16.Encode([]rune(v))
		b := make([]byte, 2*len(u))
		for i, c := range u {
			binary.LittleEndian.PutUint16(b[2*i:], c)
		}
		return b
	case int32:
		return binary.LittleEndian.AppendUint32(nil, uint32(v))
	case bool:
		if v {
			return []byte{1, 0}
		}
		return []byte{0, 0}
	case time.Time:
		return binary.LittleEndian.AppendUint64(nil, fileTime(v))
	}
	return nil
}

// fileTime is t as a FILETIME: 100-ns intervals since 1601-01-01 UTC.
func fileTime(t time.Time) uint64 {
	const epochDiff = 11644473600 // seconds from 1601 to 1970
	return uint64(t.Unix()+epochDiff)*10_000_000 + uint64(t.Nanosecond()/100)
}

// ID names the property as the CLI prints it: "0x0037001F" for a tagged
// property, "PSETID_Appointment:0x8216" for a named one.
func (p Property) ID() string {
	if p.Named() {
		return fmt.Sprintf("%s:0x%04X", p.SetName, p.LID)
	}
	return p.Tag.String()
}

// prop builds a property from its canonical name; the names used here are
// all in proptag's table (a test checks).
func prop(name string, v any) Property {
	pt, ok := proptag.ByName(name)
	if !ok {
		panic("ical: unknown property " + name)
	}
	p := Property{Name: pt.Name, Type: pt.Type, Value: v}
	if pt.IsNamed() {
		p.Set, p.LID, p.SetName = pt.Set, pt.LID, pt.SetName()
	} else {
		p.Tag = pt.Tag
	}
	return p
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
