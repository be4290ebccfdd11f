package ical

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"github.com/teambition/rrule-go"

	"github.com/mapiblob/mapiblob/internal/wire"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/proptag"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

// crlf turns a readable test text into iCalendar lines.
func crlf(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", "\r\n") + "\r\n"
}

// vtzBerlin is a VTIMEZONE as Thunderbird writes it: current rules only,
// from 1970; the TZID is the caller's.
func vtzBerlin(tzid string) string {
	return `BEGIN:VTIMEZONE
TZID:` + tzid + `
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
END:STANDARD
END:VTIMEZONE`
}

// vtzLosAngeles is a VTIMEZONE as Google Calendar writes it.
const vtzLosAngeles = `BEGIN:VTIMEZONE
TZID:America/Los_Angeles
X-LIC-LOCATION:America/Los_Angeles
BEGIN:DAYLIGHT
TZOFFSETFROM:-0800
TZOFFSETTO:-0700
TZNAME:PDT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0700
TZOFFSETTO:-0800
TZNAME:PST
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE`

func calendar(parts ...string) string {
	return crlf("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//test//EN\n" + strings.Join(parts, "\n") + "\nEND:VCALENDAR")
}

// source is what an independent engine (rrule-go) says the iCalendar
// series holds.
type source struct {
	loc       *time.Location
	dtstart   time.Time
	rrule     string
	dur       time.Duration
	exdates   []time.Time
	overrides map[time.Time][2]time.Time // original start → new start, end
}

func (s source) occurrences(t *testing.T, to time.Time) []string {
	t.Helper()
	o, err := rrule.StrToROptionInLocation(s.rrule, s.loc)
	require.NoError(t, err)
	o.Dtstart = s.dtstart
	r, err := rrule.NewRRule(*o)
	require.NoError(t, err)
	set := rrule.Set{}
	set.RRule(r)
	for _, x := range s.exdates {
		set.ExDate(x)
	}
	var out []string
	for _, st := range set.Between(s.dtstart.Add(-time.Second), to, true) {
		en := st.Add(s.dur)
		if ov, ok := s.overrides[st.UTC()]; ok {
			st, en = ov[0], ov[1]
		}
		out = append(out, st.UTC().Format(time.RFC3339)+"–"+en.UTC().Format(time.RFC3339))
	}
	require.NotEmpty(t, out)
	sort.Strings(out)
	return out
}

func imported(t *testing.T, it imp, to time.Time) []string {
	t.Helper()
	require.NotNil(t, it.Recurrence())
	var out []string
	for o, err := range it.Recurrence().Occurrences(recurZone(it), time.Time{}, to, recurrence.ExpandOptions{}) {
		require.NoError(t, err)
		out = append(out, o.Start.UTC().Format(time.RFC3339)+"–"+o.End.UTC().Format(time.RFC3339))
	}
	sort.Strings(out)
	return out
}

// imp is an imported item with its warnings.
type imp struct {
	*item.Item
	Warnings []string
}

// importItems imports ics and gives each item its warnings.
func importItems(t testing.TB, ics string, opt ImportOptions) ([]imp, error) {
	t.Helper()
	items, warns, err := ImportBytes([]byte(ics), opt)
	out := make([]imp, len(items))
	for i, it := range items {
		out[i].Item = it
	}
	for _, w := range warns {
		require.Less(t, w.Item, len(items), "a warning for an item that is not returned")
		out[w.Item].Warnings = append(out[w.Item].Warnings, w.Message)
	}
	return out, err
}

func importOne(t testing.TB, ics string, opt ImportOptions) imp {
	t.Helper()
	items, err := importItems(t, ics, opt)
	require.NoError(t, err, ics)
	require.Len(t, items, 1)
	return items[0]
}

// recurZone is an item's PidLidAppointmentTimeZoneDefinitionRecur.
func recurZone(it imp) *tzdef.Definition {
	return it.TZDefinition(item.PidLidAppointmentTimeZoneDefinitionRecur)
}

// str, boolean, long and bin read a property's value (failing when the
// item lacks it or it has another type).
func str(t testing.TB, it imp, name string) string {
	t.Helper()
	p := it.Get(name)
	require.NotNil(t, p, name)
	require.Equal(t, proptag.PT_UNICODE, p.Type(), name)
	return p.Value.Str
}

func boolean(t testing.TB, it imp, name string) bool {
	t.Helper()
	p := it.Get(name)
	require.NotNil(t, p, name)
	require.Equal(t, proptag.PT_BOOLEAN, p.Type(), name)
	return p.Value.Bool()
}

func long(t testing.TB, it imp, name string) int32 {
	t.Helper()
	p := it.Get(name)
	require.NotNil(t, p, name)
	require.Equal(t, proptag.PT_LONG, p.Type(), name)
	return int32(p.Value.Int)
}

func bin(t testing.TB, it imp, name string) []byte {
	t.Helper()
	p := it.Get(name)
	require.NotNil(t, p, name)
	require.Equal(t, proptag.PT_BINARY, p.Type(), name)
	return p.Value.Bytes
}

func start(t testing.TB, it imp) time.Time {
	t.Helper()
	s, ok := it.StartWhole()
	require.True(t, ok)
	return s
}

func load(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

func TestGoogleStyle(t *testing.T) {
	ics := calendar(vtzLosAngeles, `BEGIN:VEVENT
DTSTART;TZID=America/Los_Angeles:20260302T100000
DTEND;TZID=America/Los_Angeles:20260302T110000
RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T235959Z
EXDATE;TZID=America/Los_Angeles:20260316T100000
DTSTAMP:20260101T000000Z
UID:abc123xyz@google.com
SUMMARY:Standup
TRANSP:OPAQUE
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=America/Los_Angeles:20260326T150000
DTEND;TZID=America/Los_Angeles:20260326T153000
DTSTAMP:20260101T000000Z
UID:abc123xyz@google.com
RECURRENCE-ID;TZID=America/Los_Angeles:20260325T100000
SUMMARY:Standup (moved)
TRANSP:OPAQUE
END:VEVENT`)
	it := importOne(t, ics, ImportOptions{})
	require.Equal(t, "Pacific Standard Time", recurZone(it).KeyName)
	require.Empty(t, it.Warnings)
	la := load(t, "America/Los_Angeles")
	src := source{loc: la, dtstart: time.Date(2026, 3, 2, 10, 0, 0, 0, la), rrule: "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T235959Z",
		dur: time.Hour, exdates: []time.Time{time.Date(2026, 3, 16, 10, 0, 0, 0, la)},
		overrides: map[time.Time][2]time.Time{time.Date(2026, 3, 25, 10, 0, 0, 0, la).UTC(): {time.Date(2026, 3, 26, 15, 0, 0, 0, la), time.Date(2026, 3, 26, 15, 30, 0, 0, la)}}}
	to := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	require.Empty(t, cmp.Diff(src.occurrences(t, to), imported(t, it, to)))
	ap := it.Recurrence()
	require.Len(t, ap.Exceptions, 1)
	require.Equal(t, "Standup (moved)", ap.Exception(0).Subject(0))
	require.Equal(t, recurrence.ARO_SUBJECT, ap.Exceptions[0].Info.OverrideFlags, "only the subject is overridden (TRANSP repeats the master)")
	require.Equal(t, "every Monday and Wednesday from 10:00 AM to 11:00 AM", str(t, it, "PidLidRecurrencePattern"))
}

// Thunderbird writes a VTIMEZONE; here its TZID is a name no table knows.
func TestVTimezoneOnlyCustomTZID(t *testing.T) {
	ics := calendar(vtzBerlin("Mitteleuropa (Büro)"), `BEGIN:VEVENT
UID:tb-1
DTSTAMP:20260101T000000Z
DTSTART;TZID="Mitteleuropa (Büro)":20260113T173000
DTEND;TZID="Mitteleuropa (Büro)":20260113T190000
RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=20
SUMMARY:Verein
END:VEVENT`)
	it := importOne(t, ics, ImportOptions{})
	require.Equal(t, "Mitteleuropa (Büro)", recurZone(it).KeyName)
	require.True(t, recurZone(it).ConsistentWith(it.TimeZoneStruct()))
	be := load(t, "Europe/Berlin")
	src := source{loc: be, dtstart: time.Date(2026, 1, 13, 17, 30, 0, 0, be), rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=20", dur: 90 * time.Minute}
	to := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	require.Empty(t, cmp.Diff(src.occurrences(t, to), imported(t, it, to)))
	// The same VTIMEZONE under an IANA TZID is that zone.
	ics = strings.ReplaceAll(ics, "Mitteleuropa (Büro)", "Europe/Berlin")
	it = importOne(t, ics, ImportOptions{})
	require.Equal(t, "W. Europe Standard Time", recurZone(it).KeyName)
	require.Empty(t, it.Warnings)
}

func TestNamedZonesWithoutVTimezone(t *testing.T) {
	for _, tc := range []struct {
		tzid, key, iana, rrule string
	}{
		{"W. Europe Standard Time", "W. Europe Standard Time", "Europe/Berlin", "FREQ=DAILY;INTERVAL=2;COUNT=200"},
		{"Asia/Kolkata", "India Standard Time", "Asia/Kolkata", "FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;COUNT=5"},
		{"America/New_York", "Eastern Standard Time", "America/New_York", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;UNTIL=20280101T000000Z"},
	} {
		t.Run(tc.tzid, func(t *testing.T) {
			ics := calendar(`BEGIN:VEVENT
UID:named-1
DTSTAMP:20260101T000000Z
DTSTART;TZID=` + tc.tzid + `:20260130T083000
DURATION:PT45M
RRULE:` + tc.rrule + `
END:VEVENT`)
			it := importOne(t, ics, ImportOptions{})
			require.Equal(t, tc.key, recurZone(it).KeyName)
			loc := load(t, tc.iana)
			src := source{loc: loc, dtstart: time.Date(2026, 1, 30, 8, 30, 0, 0, loc), rrule: tc.rrule, dur: 45 * time.Minute}
			to := time.Date(2032, 1, 1, 0, 0, 0, 0, time.UTC)
			if strings.Contains(tc.rrule, "BYMONTHDAY=15") {
				// DTSTART is not on the rule: RFC 5545 and Outlook agree to start on the first date that is.
				require.NotEmpty(t, it.Warnings)
			}
			require.Empty(t, cmp.Diff(src.occurrences(t, to), imported(t, it, to)))
		})
	}
}

func TestFloating(t *testing.T) {
	ics := calendar(`BEGIN:VEVENT
UID:float-1
DTSTAMP:20260101T000000Z
DTSTART:20260105T090000
DTEND:20260105T100000
RRULE:FREQ=WEEKLY;COUNT=10
END:VEVENT`)
	_, _, err := ImportBytes([]byte(ics), ImportOptions{})
	require.ErrorContains(t, err, "floating time")
	require.ErrorIs(t, err, ErrFloating)
	require.NotContains(t, err.Error(), "--", "a library error names no CLI flag")
	it := importOne(t, ics, ImportOptions{FloatingZone: "Tokyo Standard Time"})
	require.Equal(t, "Tokyo Standard Time", recurZone(it).KeyName)
	tk := load(t, "Asia/Tokyo")
	src := source{loc: tk, dtstart: time.Date(2026, 1, 5, 9, 0, 0, 0, tk), rrule: "FREQ=WEEKLY;COUNT=10", dur: time.Hour}
	to := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	require.Empty(t, cmp.Diff(src.occurrences(t, to), imported(t, it, to)))
	it = importOne(t, ics, ImportOptions{FloatingZone: "Europe/Paris"})
	require.Equal(t, "Romance Standard Time", recurZone(it).KeyName)
}

func TestAllDay(t *testing.T) {
	ics := calendar(`BEGIN:VEVENT
UID:bday-1
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20260704
DTEND;VALUE=DATE:20260705
RRULE:FREQ=YEARLY
SUMMARY:Independence Day
TRANSP:TRANSPARENT
END:VEVENT`)
	it := importOne(t, ics, ImportOptions{})
	require.True(t, it.AllDay())
	require.Equal(t, true, boolean(t, it, "PidLidAppointmentSubType"))
	require.Equal(t, int32(0), long(t, it, "PidLidBusyStatus"))
	require.Equal(t, "every July 4", str(t, it, "PidLidRecurrencePattern"))
	require.Len(t, it.Warnings, 1)
	require.Contains(t, it.Warnings[0], "UTC")
	require.Equal(t, uint32(0), it.Recurrence().StartTimeOffset)
	require.Equal(t, uint32(1440), it.Recurrence().EndTimeOffset)
	it = importOne(t, ics, ImportOptions{FloatingZone: "Eastern Standard Time"})
	require.Empty(t, it.Warnings)
	require.Equal(t, time.Date(2026, 7, 4, 4, 0, 0, 0, time.UTC), start(t, it))
}

// A VTIMEZONE whose rules are not those of the zone its TZID names is
// followed, and the warning says so.
func TestVTimezoneDisagrees(t *testing.T) {
	old := `BEGIN:VTIMEZONE
TZID:Eastern Standard Time
BEGIN:STANDARD
DTSTART:16011028T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010401T020000
RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
END:DAYLIGHT
END:VTIMEZONE`
	ics := calendar(old, `BEGIN:VEVENT
UID:old-est
DTSTAMP:20260101T000000Z
DTSTART;TZID=Eastern Standard Time:20260105T090000
DTEND;TZID=Eastern Standard Time:20260105T100000
RRULE:FREQ=WEEKLY;COUNT=52
END:VEVENT`)
	it := importOne(t, ics, ImportOptions{})
	require.Len(t, it.Warnings, 1)
	require.Contains(t, it.Warnings[0], "disagrees")
	r := recurZone(it).RecurRule()
	require.Equal(t, uint16(4), r.DaylightDate.Month, "the VTIMEZONE's April rule is kept")
	require.Equal(t, "Eastern Standard Time", recurZone(it).KeyName)

	// The zone is built once for the file; every item in it is told, once.
	ics = calendar(old, `BEGIN:VEVENT
UID:a
DTSTART;TZID=Eastern Standard Time:20260105T090000
DTEND;TZID=Eastern Standard Time:20260105T100000
RRULE:FREQ=WEEKLY;COUNT=52
END:VEVENT
BEGIN:VEVENT
UID:a
RECURRENCE-ID;TZID=Eastern Standard Time:20260112T090000
DTSTART;TZID=Eastern Standard Time:20260112T110000
DTEND;TZID=Eastern Standard Time:20260112T120000
END:VEVENT
BEGIN:VEVENT
UID:b
DTSTART;TZID=Eastern Standard Time:20260106T090000
DTEND;TZID=Eastern Standard Time:20260106T100000
END:VEVENT
BEGIN:VEVENT
UID:c
DTSTART;TZID=Eastern Standard Time:20260107T090000
RRULE:FREQ=DAILY;COUNT=5
END:VEVENT`)
	items, err := importItems(t, ics, ImportOptions{})
	require.NoError(t, err)
	require.Len(t, items, 3)
	for _, it := range items {
		require.Len(t, it.Warnings, 1, "%s: %q", it.Path, it.Warnings)
		require.Contains(t, it.Warnings[0], "disagrees")
	}
	_, f, err := importAll([]byte(ics), ImportOptions{})
	require.NoError(t, err)
	require.Len(t, f.zones, 1, "one zone for the file")

	// A series in UTC whose overrides name the zone: told once.
	ics = calendar(old, `BEGIN:VEVENT
UID:d
DTSTART:20260105T140000Z
DTEND:20260105T150000Z
RRULE:FREQ=WEEKLY;COUNT=10
END:VEVENT
BEGIN:VEVENT
UID:d
RECURRENCE-ID;TZID=Eastern Standard Time:20260112T090000
DTSTART:20260112T160000Z
END:VEVENT
BEGIN:VEVENT
UID:d
RECURRENCE-ID;TZID=Eastern Standard Time:20260119T090000
DTSTART:20260119T160000Z
END:VEVENT`)
	it = importOne(t, ics, ImportOptions{})
	require.Len(t, it.Recurrence().Exceptions, 2)
	require.Len(t, it.Warnings, 1, "%q", it.Warnings)
	require.Contains(t, it.Warnings[0], "disagrees")
}

func TestUnsupportedRRules(t *testing.T) {
	for _, tc := range []struct{ rrule, part string }{
		{"FREQ=DAILY;BYHOUR=9,14", "RRULE: BYHOUR is not expressible in an Outlook recurrence"},
		{"FREQ=HOURLY;INTERVAL=4", "RRULE: FREQ=HOURLY is not expressible"},
		{"FREQ=MINUTELY", "FREQ=MINUTELY"},
		{"FREQ=MONTHLY;BYMONTHDAY=1,15", "BYMONTHDAY=1,15"},
		{"FREQ=MONTHLY;BYMONTHDAY=-2", "BYMONTHDAY=-2"},
		{"FREQ=YEARLY;BYWEEKNO=20", "BYWEEKNO"},
		{"FREQ=YEARLY;BYYEARDAY=100", "BYYEARDAY"},
		{"FREQ=YEARLY;BYMONTH=1,7", "BYMONTH=1,7"},
		{"FREQ=MONTHLY;BYDAY=MO", "BYDAY=MO without an ordinal or BYSETPOS"},
		{"FREQ=MONTHLY;BYDAY=-2FR", "BYDAY=-2FR"},
		{"FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=3,-1", "BYSETPOS=3,-1"},
		{"FREQ=WEEKLY;BYDAY=1MO", "BYDAY=1MO in a weekly rule"},
		{"FREQ=WEEKLY;INTERVAL=100", "INTERVAL=100"},
		{"FREQ=YEARLY;INTERVAL=9", "INTERVAL=9"},
		{"FREQ=DAILY;BYMONTH=3", "BYMONTH=3 in a daily rule"},
		{"FREQ=YEARLY;BYMONTHDAY=1", "BYMONTHDAY=1 without BYMONTH"},
	} {
		t.Run(tc.rrule, func(t *testing.T) {
			ics := calendar(`BEGIN:VEVENT
UID:u-1
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Berlin:20260105T090000
DTEND;TZID=Europe/Berlin:20260105T100000
RRULE:` + tc.rrule + `
END:VEVENT`)
			_, _, err := ImportBytes([]byte(ics), ImportOptions{})
			require.ErrorContains(t, err, tc.part)
			require.True(t, errors.Is(err, ErrNotExpressible), "%v", err)
			var re *RRuleError
			require.True(t, errors.As(err, &re))
		})
	}
	ics := calendar(`BEGIN:VEVENT
UID:u-2
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Berlin:20260105T090000
RRULE:FREQ=WEEKLY
RDATE;TZID=Europe/Berlin:20260107T090000
END:VEVENT`)
	_, _, err := ImportBytes([]byte(ics), ImportOptions{})
	require.ErrorContains(t, err, "RDATE: RDATE is not expressible")
}

func TestExpandUnsupported(t *testing.T) {
	ics := calendar(`BEGIN:VEVENT
UID:exp-1
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Berlin:20260105T090000
DTEND;TZID=Europe/Berlin:20260105T093000
RRULE:FREQ=DAILY;BYHOUR=9,14;COUNT=6
EXDATE;TZID=Europe/Berlin:20260106T090000
SUMMARY:Pills
END:VEVENT`)
	items, err := importItems(t, ics, ImportOptions{Expand: true})
	require.NoError(t, err)
	require.Len(t, items, 5)
	var got, paths []string
	for _, it := range items {
		got = append(got, start(t, it).Format(time.RFC3339))
		require.Nil(t, it.Recurrence())
		require.Equal(t, false, boolean(t, it, "PidLidRecurring"))
		require.NotNil(t, it.GlobalObjectID())
		paths = append(paths, it.Path)
		require.Contains(t, it.Warnings[0], "expanded into single occurrences")
	}
	require.Equal(t, []string{"2026-01-05T08:00:00Z", "2026-01-05T13:00:00Z", "2026-01-06T13:00:00Z", "2026-01-07T08:00:00Z", "2026-01-07T13:00:00Z"}, got)
	require.Equal(t, []string{"/VEVENT/exp-1/2026-01-05T09:00:00", "/VEVENT/exp-1/2026-01-05T14:00:00", "/VEVENT/exp-1/2026-01-06T14:00:00",
		"/VEVENT/exp-1/2026-01-07T09:00:00", "/VEVENT/exp-1/2026-01-07T14:00:00"}, paths, "each occurrence at its original start")
}

func TestTask(t *testing.T) {
	p, err := recurrence.NewMonthlyNth(date(2026, 2, 1), 1, 1, recurrence.Monday, recurrence.EndAfter(12))
	require.NoError(t, err)
	rr, err := RRule(p)
	require.NoError(t, err)
	ics := calendar(`BEGIN:VTODO
UID:task-1
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:` + p.StartDate.Time(nil).Format("20060102") + `
RRULE:` + rr + `
SUMMARY:Send the report
END:VTODO`)
	it := importOne(t, ics, ImportOptions{})
	want, _ := p.MarshalBinary()
	require.Equal(t, want, bin(t, it, "PidLidTaskRecurrence"))
	require.Equal(t, true, boolean(t, it, "PidLidTaskFRecurring"))
	require.Equal(t, "IPM.Task", it.MessageClass())
	require.Equal(t, "/VTODO/task-1", it.Path)
	require.Equal(t, p.Text(), it.TaskRecurrence().Text())
}

// Overrides and masters with several items in one file: one item each.
func TestSeveralEvents(t *testing.T) {
	ics := calendar(`BEGIN:VEVENT
UID:a
DTSTAMP:20260101T000000Z
DTSTART:20260105T090000Z
DTEND:20260105T100000Z
RRULE:FREQ=DAILY;COUNT=3
END:VEVENT
BEGIN:VEVENT
UID:b
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/London:20260105T090000
DTEND;TZID=Europe/London:20260105T100000
SUMMARY:one-off
END:VEVENT
BEGIN:VEVENT
UID:c
DTSTAMP:20260101T000000Z
DTSTART:20260105T090000Z
RRULE:FREQ=HOURLY
END:VEVENT`)
	items, err := importItems(t, ics, ImportOptions{})
	require.ErrorContains(t, err, `VEVENT "c": RRULE: FREQ=HOURLY`)
	require.Len(t, items, 2)
	require.Equal(t, "UTC", recurZone(items[0]).KeyName)
	require.Equal(t, "/VEVENT/a", items[0].Path)
	require.Nil(t, items[1].Recurrence())
	require.Equal(t, "GMT Standard Time", items[1].TZDefinition(item.PidLidAppointmentTimeZoneDefinitionStartDisplay).KeyName)
	require.Equal(t, time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), start(t, items[1]))
	require.Equal(t, "/VEVENT/b", items[1].Path)
}

// The README's sample series, written by hand as iCalendar, imports to the
// sample blob byte for byte.
func TestReadmeSample(t *testing.T) {
	want, err := os.ReadFile("../testdata/samples/weekly-standup.apptrecur.hex")
	require.NoError(t, err)
	b, err := wire.ParseHex(string(want))
	require.NoError(t, err)
	ics := calendar(`BEGIN:VEVENT
UID:weekly-standup@example.com
DTSTART;TZID=W. Europe Standard Time:20260106T093000
DTEND;TZID=W. Europe Standard Time:20260106T100000
RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10
EXDATE;TZID=W. Europe Standard Time:20260203T093000
SUMMARY:Standup
END:VEVENT
BEGIN:VEVENT
UID:weekly-standup@example.com
RECURRENCE-ID;TZID=W. Europe Standard Time:20260217T093000
DTSTART;TZID=W. Europe Standard Time:20260218T140000
DTEND;TZID=W. Europe Standard Time:20260218T143000
SUMMARY:Standup
LOCATION:Room 5
END:VEVENT`)
	it := importOne(t, ics, ImportOptions{})
	require.Equal(t, b, bin(t, it, "PidLidAppointmentRecur"))
}

// A file that keeps several versions of one override (RFC 5545 3.8.7.4):
// the highest SEQUENCE is kept, the later in the file among equals, and
// each other version is said.
func TestOverrideVersions(t *testing.T) {
	override := func(seq int, hour int, summary string) string {
		return fmt.Sprintf("BEGIN:VEVENT\nUID:v1\nRECURRENCE-ID;TZID=America/Los_Angeles:20260304T100000\nSEQUENCE:%d\n"+
			"DTSTART;TZID=America/Los_Angeles:20260304T%02d0000\nDTEND;TZID=America/Los_Angeles:20260304T%02d3000\nSUMMARY:%s\nEND:VEVENT\n", seq, hour, hour, summary)
	}
	ics := calendar(vtzLosAngeles, "BEGIN:VEVENT\nUID:v1\nDTSTART;TZID=America/Los_Angeles:20260302T100000\nDTEND;TZID=America/Los_Angeles:20260302T110000\n"+
		"RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6\nSUMMARY:Standup\nEND:VEVENT\n"+
		override(2, 13, "second")+override(1, 14, "first")+override(2, 15, "second again")+override(0, 16, "draft"))
	it := importOne(t, ics, ImportOptions{})
	ap := it.Recurrence()
	require.Len(t, ap.Exceptions, 1)
	require.Equal(t, "second again", ap.Exception(0).Subject(0))
	la := load(t, "America/Los_Angeles")
	require.Equal(t, time.Date(2026, 3, 4, 15, 0, 0, 0, la).Format(time.DateTime), ap.Exceptions[0].Info.StartDateTime.Time(nil).Format(time.DateTime))
	require.Len(t, it.Warnings, 3, "%q", it.Warnings)
	require.Contains(t, it.Warnings[0], "higher SEQUENCE; this one is ignored")
	require.Contains(t, it.Warnings[1], "this one is kept")
	require.Contains(t, it.Warnings[2], "higher SEQUENCE; this one is ignored")

	// A version that is not kept is not read: its broken DTSTART does not
	// fail the series.
	broken := strings.Replace(override(0, 16, "draft"), "DTSTART;TZID=America/Los_Angeles:20260304T160000", "DTSTART;TZID=America/Los_Angeles:2026030", 1)
	require.NotEqual(t, override(0, 16, "draft"), broken)
	ics = calendar(vtzLosAngeles, "BEGIN:VEVENT\nUID:v1\nDTSTART;TZID=America/Los_Angeles:20260302T100000\nDTEND;TZID=America/Los_Angeles:20260302T110000\n"+
		"RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6\nSUMMARY:Standup\nEND:VEVENT\n"+broken+override(1, 13, "kept"))
	it = importOne(t, ics, ImportOptions{})
	require.Equal(t, "kept", it.Recurrence().Exception(0).Subject(0))
}

// Expanded into single items, versions of one override are chosen as for
// a series: the highest SEQUENCE, not the last in the file.
func TestExpandOverrideVersions(t *testing.T) {
	ics := calendar(`BEGIN:VEVENT
UID:x1
DTSTART:20260105T090000Z
DURATION:PT1H
RRULE:FREQ=DAILY;BYHOUR=9,14;COUNT=4
SUMMARY:Base
END:VEVENT
BEGIN:VEVENT
UID:x1
RECURRENCE-ID:20260105T140000Z
SEQUENCE:2
DTSTART:20260105T150000Z
DURATION:PT1H
SUMMARY:second
END:VEVENT
BEGIN:VEVENT
UID:x1
RECURRENCE-ID:20260105T140000Z
SEQUENCE:1
DTSTART:20260105T160000Z
DURATION:PT1H
SUMMARY:first
END:VEVENT`)
	items, err := importItems(t, ics, ImportOptions{Expand: true})
	require.NoError(t, err)
	require.Len(t, items, 4)
	var subjects []string
	for _, it := range items {
		subjects = append(subjects, str(t, it, "PidTagSubject"))
	}
	require.Equal(t, []string{"Base", "second", "Base", "Base"}, subjects)
	require.Contains(t, strings.Join(items[1].Warnings, "\n"), "higher SEQUENCE; this one is ignored")
}
