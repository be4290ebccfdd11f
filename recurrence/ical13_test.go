package recurrence

import (
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/internal/fixtures"
	"github.com/mapiblob/mapiblob/tzdef"
)

// Bug 3 of issue 13: the VTIMEZONE covers the series' DTSTART and every
// instance, also in years before the definition's first rule (which
// expansion applies to them): a weekly series from 2004 in
// TIMEZONEDEFINITION-1, whose first rule is 2006's.
func TestVTimezoneCoversSeries(t *testing.T) {
	def, err := tzdef.Parse(fixtures.Load(t, "TIMEZONEDEFINITION-1").Blob)
	require.NoError(t, err)
	p, err := NewWeekly(date(2004, 1, 6), 1, Tuesday, time.Sunday, EndAfter(300))
	require.NoError(t, err)
	ap, err := NewAppointment(p, 9*60, 30)
	require.NoError(t, err)
	text, err := ap.ICalendar(def, ICalOptions{Stamp: date(2026, 1, 1)})
	require.NoError(t, err)
	cal, err := goical.NewDecoder(strings.NewReader(text)).Decode()
	require.NoError(t, err)
	var tz *goical.Component
	for _, c := range cal.Children {
		if c.Name == goical.CompTimezone {
			tz = c
		}
	}
	require.NotNil(t, tz)
	onsets := vtimezoneOffsets(t, tz, time.Date(2038, 1, 1, 0, 0, 0, 0, time.UTC))
	n := 0
	for o, err := range ap.Occurrences(def, time.Time{}, time.Time{}, ExpandOptions{}) {
		require.NoError(t, err)
		_, want := o.Start.Zone()
		got, ok := offsetFrom(onsets, o.Start.UTC())
		require.True(t, ok, "no VTIMEZONE observance before %v", o.Start)
		require.Equal(t, want, got, "offset at %v", o.Start)
		n++
	}
	require.Equal(t, 300, n)
}
