package ical

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

// The export built as components writes the text the writers of
// recurrence, tzdef and item write: every generated series in both
// profiles and with no zone, every CLDR zone's VTIMEZONE, and the test
// meeting in several zones, recurring, single and all-day.
func TestExportWritesWhatTheOldWritersWrote(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 2026))
	var zones []tzdef.Zone
	for _, z := range genZones {
		d, tz := zoneOf(t, z)
		zones = append(zones, d, tz)
	}
	zones = append(zones, nil)
	for n := 0; n < 600; {
		ap, err := genSeries(r)
		if err != nil {
			continue
		}
		n++
		zone := zones[r.IntN(len(zones))]
		for _, prof := range []Profile{ProfileStandard, ProfileCompatible} {
			opt := ExportOptions{Summary: "a, b; c", Location: "Hall", Stamp: stamp, Profile: prof}
			want, wantNotes, wantErr := ap.ICalendarNotes(zone, recurrence.ICalOptions{Summary: opt.Summary, Location: opt.Location, Stamp: stamp, Profile: recurrence.Profile(prof)})
			got, notes, err := Series(ap, zone, opt)
			require.Equal(t, wantErr, err)
			if err != nil {
				continue
			}
			require.Empty(t, cmp.Diff(want, got.String()))
			require.Equal(t, wantNotes, notes)
			wr, _ := ap.RRule(zone)
			gr, _ := SeriesRRule(ap, zone)
			require.Equal(t, wr, gr)
			wr, _ = ap.RecurrencePattern.RRule()
			gr, _ = RRule(&ap.RecurrencePattern)
			require.Equal(t, wr, gr)
		}
	}
	names := tzdef.WindowsNames()
	sort.Strings(names)
	for _, k := range names {
		d, tz, err := tzdef.FromWindowsName(k, 2000, 2037)
		if err != nil {
			continue
		}
		require.Equal(t, d.VTimezone(), VTimezone(d, "", 0).String(), k)
		require.Equal(t, d.VTimezoneFrom(1990), VTimezone(d, "", 1990).String(), k)
		require.Equal(t, tz.VTimezone("TimeZoneStruct"), VTimezone(tz, "", 0).String(), k)
	}
	var items []*item.Item
	for _, z := range []string{"", "AUS Eastern Standard Time", "India Standard Time"} {
		it := itemtest.Meeting(itemtest.Options{Zone: z})
		items = append(items, it)
		allDay := *it
		allDay.Properties = append([]item.Property(nil), it.Properties...)
		allDay.Set(item.MustProp("PidLidAppointmentSubType", item.Bool(true)))
		items = append(items, &allDay)
		single := *it
		single.Properties = nil
		for _, p := range it.Properties {
			if p.Name() != "PidLidAppointmentRecur" {
				single.Properties = append(single.Properties, p)
			}
		}
		single.Decode()
		items = append(items, &single)
	}
	var old, now strings.Builder
	ow := item.NewCalendarWriter(&old, item.ICalOptions{Stamp: stamp})
	nw := NewCalendarWriter(&now, ExportOptions{Stamp: stamp})
	for _, it := range items {
		want, err := it.ICalendar(item.ICalOptions{Stamp: stamp})
		require.NoError(t, err)
		got, err := Encode(it, ExportOptions{Stamp: stamp})
		require.NoError(t, err)
		require.Empty(t, cmp.Diff(want, got))
		require.NoError(t, ow.Add(it))
		require.NoError(t, nw.Add(it))
	}
	require.NoError(t, ow.Close())
	require.NoError(t, nw.Close())
	require.Empty(t, cmp.Diff(old.String(), now.String()))
}
