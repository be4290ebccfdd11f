package ical

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/proptag"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/smartview"
	"github.com/mapiblob/mapiblob/tzdef"
)

var stamp = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// zoneOf builds a zone as the importer builds a named one by default.
func zoneOf(t testing.TB, name string) (*tzdef.Definition, *tzdef.TimeZoneStruct) {
	t.Helper()
	d, tz, err := tzdef.FromZoneName(name, 2000, 2037)
	require.NoError(t, err)
	return d, tz
}

// exportImport writes ap as iCalendar and imports it again.
func exportImport(t testing.TB, ap *recurrence.AppointmentPattern, def *tzdef.Definition, summary, location string) (string, imp) {
	t.Helper()
	ics, _, err := seriesText(ap, def, ExportOptions{Summary: summary, Location: location, UID: "rt-1@mapiblob", Stamp: stamp})
	require.NoError(t, err)
	items, err := importItems(t, ics, ImportOptions{})
	require.NoError(t, err, ics)
	require.Len(t, items, 1, ics)
	return ics, items[0]
}

func mustBytes(t testing.TB, m interface{ MarshalBinary() ([]byte, error) }) []byte {
	t.Helper()
	b, err := m.MarshalBinary()
	require.NoError(t, err)
	return b
}

// sameBlobs checks the round trip byte for byte: the recurrence and both
// zone blobs.
func sameBlobs(t testing.TB, ics string, ap *recurrence.AppointmentPattern, def *tzdef.Definition, tz *tzdef.TimeZoneStruct, it imp) {
	t.Helper()
	checks := []struct {
		name string
		want []byte
	}{
		{"PidLidAppointmentRecur", mustBytes(t, ap)},
		{"PidLidAppointmentTimeZoneDefinitionRecur", mustBytes(t, def)},
		{"PidLidTimeZoneStruct", mustBytes(t, tz)},
		{"PidLidAppointmentTimeZoneDefinitionStartDisplay", mustBytes(t, def.ForDisplay())},
	}
	for _, c := range checks {
		if got := bin(t, it, c.name); !bytes.Equal(got, c.want) {
			var diff string
			if c.name == "PidLidAppointmentRecur" {
				a, _ := recurrence.Parse(c.want)
				b, _ := recurrence.Parse(got)
				ja, _ := json.MarshalIndent(a, "", " ")
				jb, _ := json.MarshalIndent(b, "", " ")
				diff = cmp.Diff(a.Text(), b.Text()) + cmp.Diff(string(ja), string(jb))
			}
			t.Fatalf("%s differs after the round trip\nwant %X\ngot  %X\n%s\n%s", c.name, c.want, got, diff, ics)
		}
	}
}

// builderSeries is one series of every builder, every end type.
func builderSeries(t testing.TB) map[string]*recurrence.Pattern {
	t.Helper()
	start := date(2026, 3, 10)
	out := map[string]*recurrence.Pattern{}
	add := func(name string, p *recurrence.Pattern, err error) {
		require.NoError(t, err, name)
		out[name] = p
	}
	for _, e := range []struct {
		name string
		end  recurrence.End
	}{{"count", recurrence.EndAfter(12)}, {"until", recurrence.EndOn(date(2031, 2, 20))}, {"noend", recurrence.NoEnd()}} {
		n := e.name
		p, err := recurrence.NewDaily(start, 3, e.end)
		add("daily-3-"+n, p, err)
		p, err = recurrence.NewDaily(start, 1, e.end)
		add("daily-1-"+n, p, err)
		p, err = recurrence.NewEveryWeekday(start, e.end)
		add("weekday-"+n, p, err)
		p, err = recurrence.NewWeekly(start, 2, recurrence.Monday|recurrence.Thursday, time.Sunday, e.end)
		add("weekly-2-"+n, p, err)
		p, err = recurrence.NewWeekly(start, 1, recurrence.Tuesday, time.Monday, e.end)
		add("weekly-1-"+n, p, err)
		p, err = recurrence.NewWeekly(start, 3, recurrence.Sunday|recurrence.Saturday, time.Wednesday, e.end)
		add("weekly-3-"+n, p, err)
		p, err = recurrence.NewMonthly(start, 1, 15, e.end)
		add("monthly-15-"+n, p, err)
		for _, d := range []int{29, 30, 31} {
			p, err = recurrence.NewMonthly(start, 2, d, e.end)
			add(fmt.Sprintf("monthly-%d-%s", d, n), p, err)
		}
		p, err = recurrence.NewMonthlyNth(start, 1, 5, recurrence.Weekdays, e.end)
		add("monthly-last-weekday-"+n, p, err)
		p, err = recurrence.NewMonthlyNth(start, 3, 2, recurrence.Tuesday, e.end)
		add("monthly-2nd-tuesday-"+n, p, err)
		p, err = recurrence.NewMonthlyNth(start, 1, 5, recurrence.AnyDay, e.end)
		add("monthly-last-day-nth-"+n, p, err)
		p, err = recurrence.NewYearly(start, 1, time.July, 4, e.end)
		add("yearly-jul-4-"+n, p, err)
		p, err = recurrence.NewYearly(start, 2, time.February, 29, e.end)
		add("yearly-2-feb-29-"+n, p, err)
		p, err = recurrence.NewYearlyNth(start, 1, time.November, 4, recurrence.Thursday, e.end)
		add("yearly-thanksgiving-"+n, p, err)
		p, err = recurrence.NewYearlyNth(start, 3, time.May, 5, recurrence.Monday, e.end)
		add("yearly-3-last-monday-may-"+n, p, err)
		p, err = recurrence.NewYearlyLastDay(start, 2, time.April, e.end)
		add("yearly-last-day-april-"+n, p, err)
		p, err = recurrence.NewMonthlyLastDay(start, 1, e.end)
		add("monthly-last-day-"+n, p, err)
	}
	return out
}

// notByteIdentical says why a series cannot come back byte for byte: the
// two patterns write the same RRULE as another one.
func notByteIdentical(p *recurrence.Pattern) string {
	switch {
	case p.PatternType == recurrence.MonthEnd:
		return "MonthEnd and Month day 31 both export as BYMONTHDAY=-1; the import writes Month 31 as [MS-OXCICAL] does"
	case p.PatternType == recurrence.Month && p.Period%12 == 0 &&
		int(p.PatternTypeSpecific.Day) > daysIn(2000, p.StartDate.Time(nil).Month()):
		return "a yearly day past the month's longest (31 April) exports as BYMONTHDAY=-1, as the month's last day does; the import writes the last day"
	case p.RecurFrequency == recurrence.Monthly && p.Period == 12:
		return "monthly every 12 months exports as FREQ=YEARLY; the import writes RecurFrequency Yearly"
	case p.RecurFrequency == recurrence.Weekly && p.Period == 1 && p.PatternTypeSpecific.DaysOfWeek == recurrence.Weekdays && p.FirstDOW == 0:
		return "weekly Monday–Friday every week exports as every weekday does; the import writes Outlook's every weekday"
	}
	return ""
}

func TestRoundTripBuilders(t *testing.T) {
	def, tz := zoneOf(t, "W. Europe Standard Time")
	var identical, occurrences int
	for name, p := range builderSeries(t) {
		t.Run(name, func(t *testing.T) {
			ap, err := recurrence.NewAppointment(p, 9*time.Hour+30*time.Minute, 30*time.Minute)
			require.NoError(t, err)
			ics, it := exportImport(t, ap, def, "Weekly sync", "Room 5")
			if why := notByteIdentical(p); why != "" {
				sameOccurrences(t, ics, ap, def, it)
				occurrences++
				return
			}
			sameBlobs(t, ics, ap, def, tz, it)
			identical++
		})
	}
	t.Logf("%d builder series: %d byte-identical, %d with equal occurrences", identical+occurrences, identical, occurrences)
}

// sameOccurrences compares the meetings of two series in their zones.
func sameOccurrences(t testing.TB, ics string, want *recurrence.AppointmentPattern, wz tzdef.Zone, it imp) {
	t.Helper()
	require.NotNil(t, it.Recurrence(), ics)
	from, to := date(2000, 1, 1), date(2040, 1, 1)
	list := func(ap *recurrence.AppointmentPattern, z tzdef.Zone) []string {
		var out []string
		for o, err := range ap.Occurrences(z, from, to, recurrence.ExpandOptions{}) {
			require.NoError(t, err)
			out = append(out, o.Start.UTC().Format(time.RFC3339)+"–"+o.End.UTC().Format(time.RFC3339))
		}
		return out
	}
	dates := func(p *recurrence.Pattern) []recurrence.Minutes {
		var out []recurrence.Minutes
		for d, err := range p.Dates(from, to, recurrence.DateOptions{}) {
			require.NoError(t, err)
			out = append(out, d)
		}
		return out
	}
	wd := dates(&want.RecurrencePattern)
	require.NotEmpty(t, wd)
	if d := cmp.Diff(wd, dates(&it.Recurrence().RecurrencePattern)); d != "" {
		t.Fatalf("pattern dates differ (-source +imported):\n%s\n%s", d, ics)
	}
	if d := cmp.Diff(list(want, wz), list(it.Recurrence(), recurZone(it))); d != "" {
		t.Fatalf("occurrences differ (-source +imported):\n%s\n%s", d, ics)
	}
}

// Every property imported decodes with no finding at warning level or
// above.
func TestImportedBlobsDecodeClean(t *testing.T) {
	def, _ := zoneOf(t, "Eastern Standard Time")
	p, err := recurrence.NewWeekly(date(2026, 1, 6), 1, recurrence.Tuesday, time.Sunday, recurrence.EndAfter(10))
	require.NoError(t, err)
	ap, err := recurrence.NewAppointment(p, 9*time.Hour+30*time.Minute, 30*time.Minute)
	require.NoError(t, err)
	require.NoError(t, ap.DeleteInstance(date(2026, 2, 3)))
	s, e := time.Date(2026, 2, 18, 14, 0, 0, 0, time.UTC), time.Date(2026, 2, 18, 14, 30, 0, 0, time.UTC)
	loc := "Room 5"
	require.NoError(t, ap.ModifyInstance(date(2026, 2, 17), recurrence.Overrides{Start: &s, End: &e, Location: &loc}))
	_, it := exportImport(t, ap, def, "Weekly sync", "")
	for _, p := range it.Properties {
		if p.Type() != proptag.PT_BINARY {
			continue
		}
		r, err := smartview.Decode(p.Value.Bytes, smartview.Options{})
		require.NoError(t, err, p.Name())
		for _, f := range r.Findings {
			require.Less(t, f.Severity, blob.Warning, "%s: %s %s", p.Name(), f.Code, f.Message)
		}
		// The item is decoded as the readers decode one: by the property's identity.
		require.NoError(t, p.Err, p.Name())
		require.NotNil(t, p.Decoded, p.Name())
		require.Equal(t, r.Kind, p.Decoded.Kind, p.Name())
	}
	for _, f := range it.Check() {
		require.Less(t, f.Severity, blob.Warning, "%s: %s %s", f.Path, f.Code, f.Message)
	}
	require.Equal(t, "every Tuesday from 9:30 AM to 10:00 AM", str(t, it, "PidLidRecurrencePattern"))
}

var _ = rand.New
var _ = strings.Contains

// genZones are the zones of the generated series: both hemispheres, with
// and without daylight saving, a half-hour offset.
var genZones = []string{"W. Europe Standard Time", "Eastern Standard Time", "AUS Eastern Standard Time",
	"India Standard Time", "Tokyo Standard Time", "Pacific Standard Time", "E. South America Standard Time"}

// genSeries makes a random builder series with random exceptions of the
// kinds the export carries: deleted instances, moved times (also to
// another day), subject, location, free/busy and cancelled overrides.
func genSeries(r *rand.Rand) (*recurrence.AppointmentPattern, error) {
	start := date(2020+r.IntN(10), time.Month(1+r.IntN(12)), 1+r.IntN(28))
	var end recurrence.End
	switch r.IntN(3) {
	case 0:
		end = recurrence.EndAfter(1 + r.IntN(60))
	case 1:
		end = recurrence.EndOn(start.AddDate(0, 1+r.IntN(60), r.IntN(28)))
	default:
		end = recurrence.NoEnd()
	}
	days := recurrence.DayMask(1 + r.IntN(127))
	var p *recurrence.Pattern
	var err error
	switch r.IntN(9) {
	case 0:
		p, err = recurrence.NewDaily(start, 1+r.IntN(20), end)
	case 1:
		p, err = recurrence.NewEveryWeekday(start, end)
	case 2:
		p, err = recurrence.NewWeekly(start, 1+r.IntN(5), days, time.Weekday(r.IntN(7)), end)
	case 3:
		p, err = recurrence.NewMonthly(start, 1+r.IntN(13), 1+r.IntN(31), end)
	case 4:
		p, err = recurrence.NewMonthlyNth(start, 1+r.IntN(13), 1+r.IntN(5), days, end)
	case 5:
		p, err = recurrence.NewMonthlyLastDay(start, 1+r.IntN(6), end)
	case 6:
		p, err = recurrence.NewYearly(start, 1+r.IntN(8), time.Month(1+r.IntN(12)), 1+r.IntN(31), end)
	case 7:
		p, err = recurrence.NewYearlyNth(start, 1+r.IntN(8), time.Month(1+r.IntN(12)), 1+r.IntN(5), days, end)
	default:
		p, err = recurrence.NewYearlyLastDay(start, 1+r.IntN(8), time.Month(1+r.IntN(12)), end)
	}
	if err != nil {
		return nil, err
	}
	// Start between 06:00 and 21:45: no zone of genZones changes its clock then.
	ap, err := recurrence.NewAppointment(p, time.Duration(6*60+15*r.IntN(64))*time.Minute, time.Duration(15+15*r.IntN(16))*time.Minute)
	if err != nil {
		return nil, err
	}
	var dates []recurrence.Minutes
	for d, err := range p.Dates(time.Time{}, time.Time{}, recurrence.DateOptions{}) {
		if err != nil || len(dates) == 30 {
			break
		}
		dates = append(dates, d)
	}
	subjects := []string{"Moved", "Planning – Q3", "Réunion", "Off-site; bring laptops", "日本語の会議"}
	for _, d := range dates {
		day := d.Time(nil)
		switch r.IntN(6) {
		case 0:
			_ = ap.DeleteInstance(day)
		case 1, 2:
			var ov recurrence.Overrides
			if r.IntN(2) == 0 {
				s := day.Add(time.Duration(ap.StartTimeOffset)*time.Minute + time.Duration(r.IntN(9)-4)*30*time.Minute)
				if r.IntN(4) == 0 {
					s = s.AddDate(0, 0, 1)
				}
				e := s.Add(time.Duration(15+15*r.IntN(8)) * time.Minute)
				ov.Start, ov.End = &s, &e
			}
			if r.IntN(2) == 0 {
				ov.Subject = &subjects[r.IntN(len(subjects))]
			}
			if r.IntN(3) == 0 {
				l := fmt.Sprintf("Room %d", r.IntN(20))
				ov.Location = &l
			}
			if r.IntN(4) == 0 {
				b := uint32(2 * r.IntN(2)) // free or busy: what TRANSP says
				ov.BusyStatus = &b
			}
			if r.IntN(8) == 0 {
				m := uint32(0x4)
				ov.MeetingType = &m
			}
			_ = ap.ModifyInstance(day, ov) // a move onto a taken day is refused; keep going
		}
	}
	return ap, nil
}

func TestRoundTripGenerated(t *testing.T) {
	n := 2400
	if testing.Short() {
		n = 300
	}
	r := rand.New(rand.NewPCG(14, 2026))
	zones := map[string][2]any{}
	for _, z := range genZones {
		d, tz := zoneOf(t, z)
		zones[z] = [2]any{d, tz}
	}
	var identical, occurrences, withExceptions int
	perZone := map[string]int{}
	for done := 0; done < n; {
		ap, err := genSeries(r)
		if err != nil {
			continue // the builder refused the random values (an end before the start…)
		}
		done++
		zn := genZones[r.IntN(len(genZones))]
		def, tz := zones[zn][0].(*tzdef.Definition), zones[zn][1].(*tzdef.TimeZoneStruct)
		ics, it := exportImport(t, ap, def, "Series", "Hall")
		if len(ap.Exceptions)+len(ap.RecurrencePattern.DeletedInstanceDates) > 0 {
			withExceptions++
			perZone[zn]++
		}
		if notByteIdentical(&ap.RecurrencePattern) != "" {
			sameOccurrences(t, ics, ap, def, it)
			occurrences++
			continue
		}
		sameBlobs(t, ics, ap, def, tz, it)
		identical++
	}
	t.Logf("%d series: %d byte-identical, %d with equal occurrences; %d with exceptions, per zone %v", n, identical, occurrences, withExceptions, perZone)
	require.GreaterOrEqual(t, identical+occurrences, n)
	require.GreaterOrEqual(t, len(perZone), 5)
}
