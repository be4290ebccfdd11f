package ical_test

import (
	"fmt"
	"strings"

	"github.com/mapiblob/mapiblob/ical"
	"github.com/mapiblob/mapiblob/item"
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
	it := items[0] // an *item.Item, as item.Read returns one
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
