package ical

import (
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/internal/fixtures"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

// the VTIMEZONE covers the series' DTSTART and every
// instance, also in years before the definition's first rule (which
// expansion applies to them): a weekly series from 2004 in
// TIMEZONEDEFINITION-1, whose first rule is 2006's.
func TestVTimezoneCoversSeries(t *testing.T) {
	def, err := tzdef.Parse(fixtures.Load(t, "TIMEZONEDEFINITION-1").Blob)
	require.NoError(t, err)
	p, err := recurrence.NewWeekly(date(2004, 1, 6), 1, recurrence.Tuesday, time.Sunday, recurrence.EndAfter(300))
	require.NoError(t, err)
	ap, err := recurrence.NewAppointment(p, 9*time.Hour, 30*time.Minute)
	require.NoError(t, err)
	text, _, err := seriesText(ap, def, ExportOptions{Stamp: date(2026, 1, 1)})
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
	for o, err := range ap.Occurrences(def, time.Time{}, time.Time{}, recurrence.ExpandOptions{}) {
		require.NoError(t, err)
		_, want := o.Start.Zone()
		got, ok := offsetFrom(onsets, o.Start.UTC())
		require.True(t, ok, "no VTIMEZONE observance before %v", o.Start)
		require.Equal(t, want, got, "offset at %v", o.Start)
		n++
	}
	require.Equal(t, 300, n)
}

// ical writes no DTSTART that is not an occurrence, no EXDATE
// that matches no instance, and gives an exception whose original date the
// pattern does not give an RDATE to replace; it says what it adjusted, and
// Check reports the same dates on the blob.
func TestICalPlacement(t *testing.T) {
	p, err := recurrence.NewWeekly(date(2026, 3, 3), 1, recurrence.Tuesday, time.Sunday, recurrence.EndAfter(5)) // Tuesdays 3 March – 31 March
	require.NoError(t, err)
	ap, err := recurrence.NewAppointment(p, 9*time.Hour, time.Hour)
	require.NoError(t, err)
	require.NoError(t, ap.ModifyInstance(date(2026, 3, 10), recurrence.Overrides{Subject: strPtr("moved")}))
	// Damage it as real blobs are damaged: a start on the Monday before, a
	// deleted Wednesday, and the exception's original date on a Thursday.
	mon, _ := recurrence.MinutesOf(date(2026, 3, 2))
	wed, _ := recurrence.MinutesOf(date(2026, 3, 18))
	thu, _ := recurrence.MinutesOf(date(2026, 3, 12))
	ap.RecurrencePattern.StartDate = mon
	ap.RecurrencePattern.DeletedInstanceDates = append(ap.RecurrencePattern.DeletedInstanceDates, wed)
	ap.RecurrencePattern.DeletedInstanceDates = append(ap.RecurrencePattern.DeletedInstanceDates, thu)
	ap.Exceptions[0].Info.OriginalStartDate = thu + 9*60

	var codes []string
	for _, f := range ap.Check() {
		codes = append(codes, f.Code+" "+f.Path)
	}
	require.Contains(t, codes, recurrence.CodeStartNotPatternDate+" RecurrencePattern.StartDate")
	require.Contains(t, codes, recurrence.CodeOriginalNotPatternDate+" ExceptionInfo[0].OriginalStartDate")
	require.Contains(t, codes, recurrence.CodeDeletedNotPatternDate+" RecurrencePattern.DeletedInstanceDates[2]")

	text, notes, err := seriesText(ap, nil, ExportOptions{Stamp: date(2026, 1, 1)})
	require.NoError(t, err)
	require.Len(t, notes, 3, "%q", notes)
	require.Contains(t, notes[0], "DTSTART is 2026-03-03")
	require.Contains(t, text, "DTSTART:20260303T090000\r\n")
	require.Contains(t, text, "RDATE:20260312T090000\r\n")
	require.Contains(t, text, "RECURRENCE-ID:20260312T090000\r\n")
	require.NotContains(t, text, "EXDATE:20260318")
	require.NotContains(t, text, "20260302")
}

// ProfileCompatible writes day 30 of every month as BYMONTHDAY=30 plus an
// RDATE for each February's last day, bounded by UNTIL (RDATEs are not
// counted); the standard profile keeps the exact RFC 5545 form.
func TestICalProfiles(t *testing.T) {
	p, err := recurrence.NewMonthly(date(2026, 1, 30), 1, 30, recurrence.EndAfter(14)) // 2026-01-30 … 2027-02-28
	require.NoError(t, err)
	ap, err := recurrence.NewAppointment(p, 9*time.Hour, time.Hour)
	require.NoError(t, err)
	std, _, err := seriesText(ap, nil, ExportOptions{Stamp: date(2026, 1, 1)})
	require.NoError(t, err)
	require.Contains(t, std, "RRULE:FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1;COUNT=14\r\n")
	require.NotContains(t, std, "RDATE")
	compat, notes, err := seriesText(ap, nil, ExportOptions{Stamp: date(2026, 1, 1), Profile: ProfileCompatible})
	require.NoError(t, err)
	require.Empty(t, notes)
	require.Contains(t, compat, "RRULE:FREQ=MONTHLY;BYMONTHDAY=30;UNTIL=20270228T090000\r\n")
	require.Contains(t, compat, "RDATE:20260228T090000\r\nRDATE:20270228T090000\r\n")
}
func strPtr(s string) *string { return &s }
