package recurrence

import (
	"bytes"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func dailyAppointment(t *testing.T, n int) *AppointmentPattern {
	t.Helper()
	end := NoEnd()
	if n > 0 {
		end = EndAfter(n)
	}
	p, err := NewDaily(time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), 1, end)
	require.NoError(t, err)
	ap, err := NewAppointment(p, 9*time.Hour, time.Hour)
	require.NoError(t, err)
	return ap
}

func editDay(i int) time.Time { return time.Date(2026, 1, 5+i, 0, 0, 0, 0, time.UTC) }

func atDay(i int, h time.Duration) *time.Time { t := editDay(i).Add(h); return &t }

// An edit never changes another value's lists: not a copy of the pattern
// made before (edited or not), not a list read before, not the storage of
// a decoded pattern.
func TestEditsChangeNoOtherValue(t *testing.T) {
	ap := dailyAppointment(t, 30)
	for _, i := range []int{3, 9, 12} {
		require.NoError(t, ap.DeleteInstance(editDay(i)))
	}
	cp := *ap
	wantDel := slices.Clone(ap.RecurrencePattern.DeletedInstanceDates)
	require.NoError(t, cp.DeleteInstance(editDay(4)))
	require.Equal(t, wantDel, ap.RecurrencePattern.DeletedInstanceDates, "editing a copy changed the original")
	wantCopy := slices.Clone(cp.RecurrencePattern.DeletedInstanceDates)
	require.NoError(t, ap.ModifyInstance(editDay(1), Overrides{Start: atDay(1, 14*time.Hour)}))
	require.Equal(t, wantCopy, cp.RecurrencePattern.DeletedInstanceDates, "editing the original changed the copy")

	b, err := ap.MarshalBinary()
	require.NoError(t, err)
	d, err := Parse(b)
	require.NoError(t, err)
	del, mod, exs := d.RecurrencePattern.DeletedInstanceDates, d.RecurrencePattern.ModifiedInstanceDates, d.Exceptions
	wantDel, wantMod, wantExs := slices.Clone(del), slices.Clone(mod), slices.Clone(exs)
	require.Empty(t, d.ApplyEdits([]Edit{{Original: editDay(0), Delete: true}, {Original: editDay(2), Overrides: &Overrides{Start: atDay(2, 11*time.Hour)}}}))
	require.NoError(t, d.ModifyInstance(editDay(5), Overrides{Start: atDay(5, 11*time.Hour)}))
	require.Equal(t, wantDel, del)
	require.Equal(t, wantMod, mod)
	require.Equal(t, wantExs, exs)
	require.Len(t, d.Exceptions, 3)
	require.Len(t, d.RecurrencePattern.DeletedInstanceDates, 7)
}

// A batch of edits gives what the same edits one at a time give, when no
// edit depends on another.
func TestApplyEditsMatchesOneAtATime(t *testing.T) {
	subj := "moved"
	edits := []Edit{
		{Original: editDay(7), Overrides: &Overrides{Start: atDay(7, 15*time.Hour), Subject: &subj}},
		{Original: editDay(2), Delete: true},
		{Original: editDay(4), Overrides: &Overrides{Start: atDay(4, 8*time.Hour)}},
		{Original: editDay(10), Overrides: &Overrides{Start: atDay(11, 9*time.Hour+30*time.Minute)}}, // onto day 11, which is deleted first
		{Original: editDay(11), Delete: true},
	}
	one := dailyAppointment(t, 20)
	for _, e := range []int{4, 1, 0, 2} { // day 11's deletion before day 10's move
		var err error
		if edits[e].Delete {
			err = one.DeleteInstance(edits[e].Original)
		} else {
			err = one.ModifyInstance(edits[e].Original, *edits[e].Overrides)
		}
		require.NoError(t, err)
	}
	require.NoError(t, one.ModifyInstance(edits[3].Original, *edits[3].Overrides))
	batch := dailyAppointment(t, 20)
	require.Empty(t, batch.ApplyEdits(edits))
	want, err := one.MarshalBinary()
	require.NoError(t, err)
	got, err := batch.MarshalBinary()
	require.NoError(t, err)
	require.True(t, bytes.Equal(want, got), "batch:\n%X\none at a time:\n%X", got, want)
}

// Each edit that cannot be made is left out with its reason, at its index;
// the rest are made. Moves onto days the batch vacates are made whatever
// their order.
func TestApplyEditsErrors(t *testing.T) {
	ap := dailyAppointment(t, 10)
	require.NoError(t, ap.DeleteInstance(editDay(8)))
	errs := ap.ApplyEdits([]Edit{
		{Original: editDay(1), Overrides: &Overrides{Start: atDay(2, 9*time.Hour)}}, // onto day 2, which the next edit vacates
		{Original: editDay(2), Overrides: &Overrides{Start: atDay(3, 9*time.Hour)}}, // onto day 3, vacated by a deletion later
		{Original: editDay(3), Delete: true},
		{Original: editDay(5), Overrides: &Overrides{Start: atDay(6, 9*time.Hour)}}, // onto day 6, which keeps its occurrence
		{Original: editDay(2), Delete: true},                                        // day 2 again
		{Original: editDay(8), Delete: true},                                        // already deleted
		{Original: editDay(40), Delete: true},                                       // beyond the series
		{Original: editDay(4), Overrides: &Overrides{Start: atDay(4, 10*time.Hour), End: atDay(4, 9*time.Hour)}},
	})
	require.Len(t, errs, 8)
	for i, want := range []string{"", "", "", "already has an occurrence", "edited twice", "already deleted", "not a date of the series", "end before it starts"} {
		if want == "" {
			require.NoError(t, errs[i], "edit %d", i)
			continue
		}
		require.Error(t, errs[i], "edit %d", i)
		require.True(t, strings.Contains(errs[i].Error(), want), "edit %d: %v, want %q", i, errs[i], want)
	}
	require.Len(t, ap.Exceptions, 2)
	require.Equal(t, []Minutes{mustMinutes(t, editDay(1)), mustMinutes(t, editDay(2)), mustMinutes(t, editDay(3)), mustMinutes(t, editDay(8))}, ap.RecurrencePattern.DeletedInstanceDates)
	require.Equal(t, []Minutes{mustMinutes(t, editDay(2)), mustMinutes(t, editDay(3))}, ap.RecurrencePattern.ModifiedInstanceDates)

	// A move left out keeps its day occupied: a move onto that day is left
	// out in turn.
	ap = dailyAppointment(t, 10)
	errs = ap.ApplyEdits([]Edit{
		{Original: editDay(1), Overrides: &Overrides{Start: atDay(2, 9*time.Hour)}}, // onto day 2 — but day 2's own move fails
		{Original: editDay(2), Overrides: &Overrides{Start: atDay(3, 9*time.Hour)}}, // onto day 3, which keeps its occurrence
	})
	require.Len(t, errs, 2)
	require.Error(t, errs[0])
	require.Error(t, errs[1])
	require.Empty(t, ap.Exceptions)
}

// With many edits on a pattern that already has many deleted and modified
// dates (looked up in sets, not scanned), the same rules hold.
func TestApplyEditsManyOnMany(t *testing.T) {
	ap := dailyAppointment(t, 60)
	var first []Edit
	for d := 20; d < 30; d++ {
		first = append(first, Edit{Original: editDay(d), Delete: true})
	}
	for d := 30; d < 40; d++ {
		first = append(first, Edit{Original: editDay(d), Overrides: &Overrides{Start: atDay(d, 11*time.Hour)}})
	}
	require.Empty(t, ap.ApplyEdits(first))
	second := []Edit{
		{Original: editDay(25), Delete: true},                                        // already deleted
		{Original: editDay(1), Overrides: &Overrides{Start: atDay(30, 9*time.Hour)}}, // onto a modified day
		{Original: editDay(2), Overrides: &Overrides{Start: atDay(21, 9*time.Hour)}}, // onto a deleted day: free
		{Original: editDay(33), Delete: true},                                        // already modified
	}
	for d := 3; d < 10; d++ {
		second = append(second, Edit{Original: editDay(d), Delete: true})
	}
	errs := ap.ApplyEdits(second)
	require.Len(t, errs, len(second))
	for i, want := range []string{"already deleted", "already has an occurrence", "", "already deleted or modified"} {
		if want == "" {
			require.NoError(t, errs[i], "edit %d", i)
			continue
		}
		require.Error(t, errs[i], "edit %d", i)
		require.Contains(t, errs[i].Error(), want, "edit %d", i)
	}
	for i := 4; i < len(errs); i++ {
		require.NoError(t, errs[i], "edit %d", i)
	}
	p := &ap.RecurrencePattern
	require.Len(t, p.DeletedInstanceDates, 10+10+1+7)
	require.Len(t, p.ModifiedInstanceDates, 11)
	require.True(t, slices.Contains(p.ModifiedInstanceDates, mustMinutes(t, editDay(21))))
	require.True(t, slices.IsSorted(p.DeletedInstanceDates) && slices.IsSorted(p.ModifiedInstanceDates))
}

func mustMinutes(t *testing.T, tm time.Time) Minutes {
	t.Helper()
	m, ok := MinutesOf(tm)
	require.True(t, ok)
	return m
}

// A batch costs time and memory linear in its size: twice the edits
// allocate about twice the bytes (edits one at a time allocate four times
// as many, each copying every list).
func TestApplyEditsLinear(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	edits := func(n int) uint64 {
		ap := dailyAppointment(t, 0)
		batch := make([]Edit, 0, 2*n)
		for i := range n {
			batch = append(batch, Edit{Original: editDay(2 * i), Delete: true})
			batch = append(batch, Edit{Original: editDay(2*i + 1), Overrides: &Overrides{Start: atDay(2*i+1, 10*time.Hour)}})
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if errs := ap.ApplyEdits(batch); errs != nil {
			t.Fatal(errs)
		}
		runtime.ReadMemStats(&after)
		require.Len(t, ap.Exceptions, n)
		return after.TotalAlloc - before.TotalAlloc
	}
	edits(10)
	small, large := edits(2000), edits(4000)
	if ratio := float64(large) / float64(small); ratio > 2.6 {
		t.Fatalf("2000 edit pairs allocate %d bytes, 4000 allocate %d: %.1f times as much, want about 2", small, large, ratio)
	}
}

// A batch's texts read back as given, and a copy of the pattern made
// before keeps its own.
func TestTextsOfCopiesStayApart(t *testing.T) {
	ap := dailyAppointment(t, 10)
	a, b := "first subject", "second"
	require.Empty(t, ap.ApplyEdits([]Edit{
		{Original: editDay(1), Overrides: &Overrides{Subject: &a}},
		{Original: editDay(2), Overrides: &Overrides{Subject: &b, Location: &a}},
	}))
	cp := *ap
	c, d := "third", "a longer fourth subject"
	require.Empty(t, ap.ApplyEdits([]Edit{
		{Original: editDay(0), Overrides: &Overrides{Subject: &c}},
		{Original: editDay(3), Overrides: &Overrides{Subject: &d}},
	}))
	require.Empty(t, cp.ApplyEdits([]Edit{{Original: editDay(4), Overrides: &Overrides{Subject: &c}}}))
	var got, gotCopy []string
	for i := range ap.Exceptions {
		got = append(got, ap.Exception(i).Subject(0))
	}
	for i := range cp.Exceptions {
		gotCopy = append(gotCopy, cp.Exception(i).Subject(0))
	}
	require.Equal(t, []string{c, a, b, d}, got)
	require.Equal(t, []string{a, b, c}, gotCopy)
	require.Equal(t, a, ap.Exception(2).Location(0))
}
