package ical_test

import (
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/require"
	"github.com/teambition/rrule-go"

	"github.com/mapiblob/mapiblob/ical"
	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/smartview"
)

var stamp = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// A single (not recurring) meeting: DTSTART/DTEND from StartWhole/EndWhole
// in the StartDisplay zone, with its VTIMEZONE.
func TestICalendarSingle(t *testing.T) {
	it := itemtest.Meeting(itemtest.Options{NoExceptionMessage: true})
	for _, n := range []string{"PidLidAppointmentRecur", "PidLidRecurring"} {
		it.Remove(n)
	}
	ics, err := ical.Encode(it, ical.ExportOptions{Stamp: stamp})
	require.NoError(t, err)
	cal, err := goical.NewDecoder(strings.NewReader(ics)).Decode()
	require.NoError(t, err)
	evs := cal.Events()
	require.Len(t, evs, 1)
	require.Contains(t, ics, "DTSTART;TZID=Eastern Standard Time:20260106T093000\r\n")
	require.Contains(t, ics, "DTEND;TZID=Eastern Standard Time:20260106T100000\r\n")
	require.Contains(t, ics, "BEGIN:VTIMEZONE\r\nTZID:Eastern Standard Time\r\n")
	require.NotContains(t, ics, "RRULE:FREQ=WEEKLY")
}

// An all-day series: DATE values throughout, UNTIL the series' last day,
// and its occurrences still those of the series.
func TestICalendarAllDay(t *testing.T) {
	it := itemtest.Meeting(itemtest.Options{NoExceptionMessage: true, Zone: "Tokyo Standard Time"})
	first := time.Date(2026, 1, 6, 0, 0, 0, 0, time.UTC)
	p, err := recurrence.NewWeekly(first, 1, recurrence.Tuesday, time.Sunday, recurrence.EndOn(time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)))
	require.NoError(t, err)
	ap, err := recurrence.NewAppointment(p, 0, 24*time.Hour)
	require.NoError(t, err)
	require.NoError(t, ap.DeleteInstance(first.AddDate(0, 0, 14)))
	b, err := ap.MarshalBinary()
	require.NoError(t, err)
	loc, err := it.SeriesZone().Location()
	require.NoError(t, err)
	start := time.Date(2026, 1, 6, 0, 0, 0, 0, loc)
	it.Set(item.MustProp("PidLidAppointmentRecur", item.Binary(b)))
	it.Set(item.MustProp("PidLidAppointmentSubType", item.Bool(true)))
	it.Set(item.MustProp("PidLidAppointmentStartWhole", item.Time(start)))
	it.Set(item.MustProp("PidLidAppointmentEndWhole", item.Time(start.AddDate(0, 0, 1))))
	require.Empty(t, it.Check())
	ics, err := ical.Encode(it, ical.ExportOptions{Stamp: stamp})
	require.NoError(t, err)
	require.Contains(t, ics, "DTSTART;VALUE=DATE:20260106\r\n")
	require.Contains(t, ics, "DTEND;VALUE=DATE:20260107\r\n")
	require.Contains(t, ics, "EXDATE;VALUE=DATE:20260120\r\n")
	require.Contains(t, ics, ";UNTIL=20260310")
	cal, err := goical.NewDecoder(strings.NewReader(ics)).Decode()
	require.NoError(t, err)
	ev := cal.Events()[0]
	opt, err := rrule.StrToROption(ev.Props.Get(goical.PropRecurrenceRule).Value)
	require.NoError(t, err)
	opt.Dtstart = time.Date(2026, 1, 6, 0, 0, 0, 0, time.UTC)
	r, err := rrule.NewRRule(*opt)
	require.NoError(t, err)
	var got []string
	for _, d := range r.All() {
		if s := d.Format("2006-01-02"); s != "2026-01-20" {
			got = append(got, s)
		}
	}
	x, err := (&smartview.Series{Appointment: it.Recurrence(), Zone: it.SeriesZone()}).Expand(smartview.ExpandOptions{})
	require.NoError(t, err)
	var want []string
	for _, o := range x.Occurrences {
		want = append(want, o.Start[:10])
	}
	require.Equal(t, want, got)
	require.Len(t, got, 9)
}

// An item's series takes the profile as a bare series does: day 30 of
// every month as BYMONTHDAY=30 with an RDATE for each February, bounded by
// UNTIL, in the compatible profile; all-day, its UNTIL is a DATE.
func TestEventsProfile(t *testing.T) {
	it := itemtest.Meeting(itemtest.Options{NoExceptionMessage: true})
	p, err := recurrence.NewMonthly(time.Date(2026, 1, 30, 0, 0, 0, 0, time.UTC), 1, 30, recurrence.EndAfter(14))
	require.NoError(t, err)
	ap, err := recurrence.NewAppointment(p, 9*time.Hour, time.Hour)
	require.NoError(t, err)
	b, err := ap.MarshalBinary()
	require.NoError(t, err)
	it.Set(item.MustProp("PidLidAppointmentRecur", item.Binary(b)))
	std, err := ical.Encode(it, ical.ExportOptions{Stamp: stamp})
	require.NoError(t, err)
	require.Contains(t, std, "RRULE:FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1;COUNT=14\r\n")
	require.NotContains(t, std, "RDATE")
	compat, err := ical.Encode(it, ical.ExportOptions{Stamp: stamp, Profile: ical.ProfileCompatible})
	require.NoError(t, err)
	require.Contains(t, compat, "RRULE:FREQ=MONTHLY;BYMONTHDAY=30;UNTIL=20270228T140000Z\r\n")
	require.Contains(t, compat, "RDATE:20260228T140000Z\r\nRDATE:20270228T140000Z\r\n")
	it.Set(item.MustProp("PidLidAppointmentSubType", item.Bool(true)))
	compat, err = ical.Encode(it, ical.ExportOptions{Stamp: stamp, Profile: ical.ProfileCompatible})
	require.NoError(t, err)
	require.Contains(t, compat, "RRULE:FREQ=MONTHLY;BYMONTHDAY=30;UNTIL=20270228\r\n")
	require.Contains(t, compat, "DTSTART;VALUE=DATE:20260130\r\n")
}

// A meeting's attendees are ATTENDEEs with the role their recipient type
// gives and the PARTSTAT their tracked response gives; the organizer's row
// is the ORGANIZER alone. go-ical reads them back.
func TestICalendarAttendees(t *testing.T) {
	it := itemtest.Meeting(itemtest.Options{NoExceptionMessage: true})
	row := func(name, addr string, typ, track, flags int32) []item.Property {
		return []item.Property{item.MustProp("PidTagDisplayName", item.Unicode(name)), item.MustProp("PidTagSmtpAddress", item.Unicode(addr)),
			item.MustProp("PidTagRecipientType", item.Long(typ)), item.MustProp("PidTagRecipientTrackStatus", item.Long(track)),
			item.MustProp("PidTagRecipientFlags", item.Long(flags))}
	}
	it.Recipients = [][]item.Property{
		row("Org", "org@example.com", 1, 1, 3), // recipSendable | recipOrganizer
		row("Ada", "ada@example.com", 1, 3, 1),
		row("Bo", "bo@example.com", 2, 2, 1),
		row("Cy", "cy@example.com", 1, 4, 1),
		row("Room 5", "room5@example.com", 3, 0, 1),
	}
	ics, err := ical.Encode(it, ical.ExportOptions{Stamp: stamp})
	require.NoError(t, err)
	cal, err := goical.NewDecoder(strings.NewReader(ics)).Decode()
	require.NoError(t, err)
	type att struct{ addr, cn, role, partstat, cutype string }
	var got []att
	for _, c := range cal.Children {
		if c.Name != "VEVENT" || c.Props.Get("RECURRENCE-ID") != nil {
			continue
		}
		for _, p := range c.Props.Values("ATTENDEE") {
			got = append(got, att{p.Value, p.Params.Get("CN"), p.Params.Get("ROLE"), p.Params.Get("PARTSTAT"), p.Params.Get("CUTYPE")})
		}
	}
	require.Equal(t, []att{
		{"mailto:ada@example.com", "Ada", "REQ-PARTICIPANT", "ACCEPTED", ""},
		{"mailto:bo@example.com", "Bo", "OPT-PARTICIPANT", "TENTATIVE", ""},
		{"mailto:cy@example.com", "Cy", "REQ-PARTICIPANT", "DECLINED", ""},
		{"mailto:room5@example.com", "Room 5", "NON-PARTICIPANT", "NEEDS-ACTION", "RESOURCE"},
	}, got)
}
