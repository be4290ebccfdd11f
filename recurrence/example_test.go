package recurrence_test

import (
	"encoding/hex"
	"fmt"
	"time"

	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

func Example() {
	// PidLidTaskRecurrence: every month on the 15th from 2026-01-15, no end.
	b, _ := hex.DecodeString("043004300C20020000000000000001000000000000000F000000232000000A0000000000000000000000000000004014530DDF80E95A")
	p, err := recurrence.ParsePattern(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Text())
	fmt.Println(p.RecurFrequency, p.PatternType, p.EndType, p.StartDate)
	// Output:
	// every month on day 15, from 2026-01-15, no end
	// Monthly Month NeverEnd 2026-01-15T00:00
}

// Build a series as Outlook would, change one instance, and list the
// meetings in a time zone built from the Windows key name.
func ExampleAppointmentPattern_Occurrences() {
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	p, _ := recurrence.NewWeekly(start, 1, recurrence.Monday, time.Sunday, recurrence.EndAfter(3))
	ap, _ := recurrence.NewAppointment(p, 9*time.Hour, 30*time.Minute) // 09:00–09:30
	room := "Room 5"
	_ = ap.ModifyInstance(time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), recurrence.Overrides{Location: &room})
	zone, _, _ := tzdef.FromWindowsName("Eastern Standard Time", 2020, 2030)
	for o, err := range ap.Occurrences(zone, time.Time{}, time.Time{}, recurrence.ExpandOptions{}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		where := ""
		if c := o.Changes(0); c != nil && c.Location != nil {
			where = " at " + *c.Location // what the modified instance changes
		}
		fmt.Printf("%s %s%s\n", o.Start.Format("Mon 2006-01-02 15:04 -0700"), o.Start.UTC().Format("15:04Z"), where)
	}
	// The series' RRULE as values (package ical writes it as text).
	r, _ := ap.RecurrencePattern.Rule()
	fmt.Println(r.Freq, r.ByDay, r.WeekStart, r.Count)
	// Output:
	// Mon 2026-03-02 09:00 -0500 14:00Z
	// Mon 2026-03-09 09:00 -0400 13:00Z at Room 5
	// Mon 2026-03-16 09:00 -0400 13:00Z
	// WEEKLY Monday Sunday 3
}

func ExampleArena() {
	// A batch of recurrence blobs decoded from one arena: the values live
	// until Reset, and decoding costs what reusing one value costs.
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	var blobs [][]byte
	for n := 1; n <= 3; n++ {
		p, _ := recurrence.NewWeekly(start, n, recurrence.Monday, time.Sunday, recurrence.EndAfter(10))
		ap, _ := recurrence.NewAppointment(p, 9*time.Hour, time.Hour)
		b, _ := ap.MarshalBinary()
		blobs = append(blobs, b)
	}

	var a recurrence.Arena
	var series []*recurrence.AppointmentPattern
	for _, b := range blobs {
		ap, err := a.Parse(b)
		if err != nil {
			fmt.Println(err)
			continue
		}
		series = append(series, ap)
	}
	for _, ap := range series {
		fmt.Println(ap.RecurrencePattern.Period, "week(s),", ap.RecurrencePattern.OccurrenceCount, "occurrences")
	}
	a.Reset() // series must not be used after this
	// Output:
	// 1 week(s), 10 occurrences
	// 2 week(s), 10 occurrences
	// 3 week(s), 10 occurrences
}
