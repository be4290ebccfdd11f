package ical

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Inputs that ask for unbounded work are refused or bounded, not run.
func TestBoundedWork(t *testing.T) {
	importRule := func(rr string) ([]imp, error) {
		return importItems(t, calendar("BEGIN:VEVENT\nUID:x\nDTSTART:20260105T090000Z\nRRULE:"+rr+"\nEND:VEVENT"), ImportOptions{})
	}
	_, err := importRule("FREQ=DAILY;COUNT=999999999")
	require.True(t, errors.Is(err, ErrNotExpressible), "%v", err)
	require.ErrorContains(t, err, "COUNT=999999999")
	_, err = importRule("FREQ=DAILY;UNTIL=99991231T000000Z")
	require.Error(t, err)
	items, err := importRule("FREQ=DAILY;COUNT=5000")
	require.NoError(t, err)
	require.Equal(t, "2039-09-13", items[0].Recurrence().RecurrencePattern.EndDate.Time(nil).Format("2006-01-02"))
	require.Contains(t, items[0].Warnings[0], "COUNT=5000 is more than Outlook's 999")

	// go-ical copies parameter values in quadratic time: long ones are refused first.
	long := calendar("BEGIN:VEVENT\nUID:x\nDTSTART;X-A=\"" + strings.Repeat("a", 30000) + "\":20260105T090000Z\nEND:VEVENT")
	_, _, err = ImportBytes([]byte(long), ImportOptions{})
	require.ErrorContains(t, err, "line 6: name and parameters longer than 4096 bytes")
	folded := calendar("BEGIN:VEVENT\nUID:x\nDTSTART;X-A=" + strings.Repeat("a", 70) + strings.Repeat("\n "+strings.Repeat("a", 70), 100) + ":20260105T090000Z\nEND:VEVENT")
	_, _, err = ImportBytes([]byte(folded), ImportOptions{})
	require.ErrorContains(t, err, "longer than 4096 bytes")
	longValue := calendar("BEGIN:VEVENT\nUID:x\nDTSTART:20260105T090000Z\nSUMMARY:" + strings.Repeat("a", 30000) + "\nEND:VEVENT")
	_, _, err = ImportBytes([]byte(longValue), ImportOptions{})
	require.NoError(t, err, "values may be long")
}
