package tzdef

import (
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// onsetsOf evaluates observances as values (not as iCalendar text): each
// one's onsets through year last, as instants with the offsets around
// them, in time order.
func onsetsOf(t *testing.T, obs []Observance, last int) []Transition {
	t.Helper()
	var out []Transition
	add := func(o Observance, local time.Time) {
		out = append(out, Transition{UTC: local.Add(-time.Duration(o.OffsetFrom) * time.Second), Local: local,
			ToDaylight: o.Daylight, OffsetFrom: o.OffsetFrom, OffsetTo: o.OffsetTo})
	}
	for _, o := range obs {
		if !o.Yearly {
			add(o, o.Start)
			continue
		}
		for y := o.Start.Year(); y <= last; y++ {
			local := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
			if !o.Date.IsZero() {
				m, d, ok := o.Date.DateIn(y)
				require.True(t, ok, "%+v in %d", o.Date, y)
				local = time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Add(o.Date.timeOfDay())
			}
			u := local.Add(-time.Duration(o.OffsetFrom) * time.Second)
			if local.Before(o.Start) || !o.Until.IsZero() && u.After(o.Until) {
				continue
			}
			add(o, local)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].UTC.Before(out[j].UTC) })
	return out
}

// Every buildable CLDR zone's observances from 2000 give exactly the
// changes of offset Transitions lists for 2000–2037, and at most one
// observance per rule and direction plus one per change at a year's
// start; the zones whose last rule repeats end in yearly observances
// without Until.
func TestObservancesAreTheTransitions(t *testing.T) {
	names := WindowsNames()
	sort.Strings(names)
	for _, key := range names {
		if inexpressible[key] {
			continue
		}
		d := mustBuild(t, key)
		var obs []Observance
		for o := range d.Observances(2000) {
			obs = append(obs, o)
		}
		require.Equal(t, time.Date(1601, 1, 1, 0, 0, 0, 0, time.UTC), obs[0].Start, key)
		require.Equal(t, obs[0].OffsetFrom, obs[0].OffsetTo, key)
		require.LessOrEqual(t, len(obs)-1, 2*len(d.Rules)+2, key)
		var want []Transition
		for y := 2000; y <= 2037; y++ {
			want = append(want, d.Transitions(y)...)
		}
		var got []Transition
		for _, tr := range onsetsOf(t, obs[1:], 2037) {
			if tr.Local.Year() >= 2000 && tr.Local.Year() <= 2037 {
				got = append(got, tr)
			}
		}
		require.Equal(t, want, got, key)
		if r := d.Rules[len(d.Rules)-1]; r.HasDST() {
			open := 0
			for _, o := range obs {
				if o.Yearly && o.Until.IsZero() {
					open++
				}
			}
			require.Equal(t, 2, open, "%s: the last rule's two changes recur without end", key)
		}
	}
	var none Definition
	for range none.Observances(2000) {
		t.Fatal("a definition without rules has observances")
	}
}
