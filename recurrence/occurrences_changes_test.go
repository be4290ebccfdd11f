package recurrence

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// An occurrence's changes are typed, marshal as the JSON contract's
// "overrides" (ExceptionInfo names, sorted, values as stored), and go back
// into ModifyInstance as the same changes.
func TestOccurrenceChanges(t *testing.T) {
	ap := must(NewAppointment(must(NewWeekly(date(2026, 3, 2), 1, Monday, time.Sunday, EndAfter(3))), 9*time.Hour, 30*time.Minute))
	subject, room, busy := "Moved", "Room \"5\"", uint32(3)
	delta, set := 15*time.Minute, true
	require.NoError(t, ap.ModifyInstance(date(2026, 3, 9), Overrides{Subject: &subject, Location: &room, BusyStatus: &busy, ReminderDelta: &delta, ReminderSet: &set}))
	var got []*Changes
	for o, err := range ap.Occurrences(nil, time.Time{}, time.Time{}, ExpandOptions{}) {
		require.NoError(t, err)
		got = append(got, o.Changes(0))
	}
	require.Len(t, got, 3)
	require.Nil(t, got[0])
	require.True(t, got[0].IsZero())
	c := got[1]
	require.False(t, c.IsZero())
	b, err := json.Marshal(c)
	require.NoError(t, err)
	require.JSONEq(t, `{"BusyStatus":3,"Location":"Room \"5\"","ReminderDelta":15,"ReminderSet":1,"Subject":"Moved"}`, string(b))
	require.Equal(t, `{"BusyStatus":3,"Location":"Room \"5\"","ReminderDelta":15,"ReminderSet":1,"Subject":"Moved"}`, string(b), "keys sorted, as a map's")
	back := ap2(t, c.Overrides())
	if d := cmp.Diff(c, back); d != "" {
		t.Errorf("changes read back from ModifyInstance (-want +got):\n%s", d)
	}
}

// ap2 applies ov to the second occurrence of a fresh series and reads its
// changes back.
func ap2(t *testing.T, ov Overrides) *Changes {
	ap := must(NewAppointment(must(NewWeekly(date(2026, 3, 2), 1, Monday, time.Sunday, EndAfter(3))), 9*time.Hour, 30*time.Minute))
	require.NoError(t, ap.ModifyInstance(date(2026, 3, 9), ov))
	i := 0
	for o, err := range ap.Occurrences(nil, time.Time{}, time.Time{}, ExpandOptions{}) {
		require.NoError(t, err)
		if i++; i == 2 {
			return o.Changes(0)
		}
	}
	t.Fatal("no second occurrence")
	return nil
}
