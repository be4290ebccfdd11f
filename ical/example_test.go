package ical_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/ical"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

// A weekly meeting with one cancelled and one moved occurrence, in a zone
// named by its Windows key name.
func Example() {
	ics := strings.ReplaceAll(`BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//example//EN
BEGIN:VEVENT
UID:weekly-standup@example.com
DTSTAMP:20260101T000000Z
DTSTART;TZID=W. Europe Standard Time:20260106T093000
DTEND;TZID=W. Europe Standard Time:20260106T100000
RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10
EXDATE;TZID=W. Europe Standard Time:20260203T093000
SUMMARY:Standup
END:VEVENT
BEGIN:VEVENT
UID:weekly-standup@example.com
DTSTAMP:20260101T000000Z
RECURRENCE-ID;TZID=W. Europe Standard Time:20260217T093000
DTSTART;TZID=W. Europe Standard Time:20260218T140000
DTEND;TZID=W. Europe Standard Time:20260218T143000
SUMMARY:Standup
LOCATION:Room 5
END:VEVENT
END:VCALENDAR
`, "\n", "\r\n")
	items, warnings, err := ical.Import(strings.NewReader(ics), ical.ImportOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	it := items[0] // an *item.Item, as itemfile.Read returns one
	fmt.Println(it.Path, it.MessageClass(), len(warnings), "warnings")
	fmt.Println(it.Get("PidLidRecurrencePattern").Value.Str)
	fmt.Println(it.Recurrence().Text())
	start, _ := it.StartWhole()
	fmt.Println(it.TZDefinition(item.PidLidAppointmentTimeZoneDefinitionRecur).KeyName, start)
	for _, p := range it.Properties {
		if n := p.Name(); n == "PidLidAppointmentRecur" || n == "PidLidTimeZoneStruct" {
			fmt.Printf("%s %s:0x%04X %s %d bytes, %s\n", n, p.Named.SetName(), p.Named.LID, p.Type(), len(p.Value.Bytes), p.Decoded.Kind)
		}
	}
	// Output:
	// /VEVENT/weekly-standup@example.com IPM.Appointment 0 warnings
	// every Tuesday from 9:30 AM to 10:00 AM
	// every week on Tuesday, 09:30–10:00, from 2026-01-06, 10 occurrences, the last on 2026-03-10; 2 deleted, 1 modified
	// cancelled: 2026-02-03
	// modified: 2026-02-18 14:00–14:30 (moved from 2026-02-17 09:30) at "Room 5"
	// W. Europe Standard Time 2026-01-06 08:30:00 +0000 UTC
	// PidLidAppointmentRecur PSETID_Appointment:0x8216 PT_BINARY 158 bytes, apptrecur
	// PidLidTimeZoneStruct PSETID_Appointment:0x8233 PT_BINARY 48 bytes, tzstruct
}

// A weekly series written as iCalendar: its RRULE alone, and the whole
// VCALENDAR with the VTIMEZONE of its zone (here the VEVENT only).
func ExampleSeries() {
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	p, _ := recurrence.NewWeekly(start, 1, recurrence.Monday, time.Sunday, recurrence.EndAfter(3))
	ap, _ := recurrence.NewAppointment(p, 9*time.Hour, 30*time.Minute) // 09:00–09:30
	zone, _, _ := tzdef.FromWindowsName("Eastern Standard Time", 2020, 2030)
	rrule, _ := ical.SeriesRRule(ap, zone)
	fmt.Println(rrule)
	cal, notes, err := ical.Series(ap, zone, ical.ExportOptions{Summary: "Weekly sync", UID: "sync@example.com",
		Stamp: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(notes), "notes;", cal.Children[0].Name, cal.Children[0].Get("TZID").Value)
	fmt.Print(strings.ReplaceAll(cal.Children[1].String(), "\r\n", "\n")) // lines end in CRLF
	// Output:
	// FREQ=WEEKLY;BYDAY=MO;WKST=SU;COUNT=3
	// 0 notes; VTIMEZONE Eastern Standard Time
	// BEGIN:VEVENT
	// UID:sync@example.com
	// DTSTAMP:20260101T000000Z
	// DTSTART;TZID=Eastern Standard Time:20260302T090000
	// DTEND;TZID=Eastern Standard Time:20260302T093000
	// SUMMARY:Weekly sync
	// RRULE:FREQ=WEEKLY;BYDAY=MO;WKST=SU;COUNT=3
	// END:VEVENT
}
