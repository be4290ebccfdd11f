package tzdef

import (
	"sort"
	"sync"
	"time"
)

// Difference is a span of time in which a stored zone and the IANA zone
// give different UTC offsets.
type Difference struct {
	From, To time.Time // the span [From, To), UTC
	Stored   int       // the stored rule's offset, seconds
	Current  int       // the IANA zone's offset, seconds
}

// Compare lists the spans of local years first … last in which z's offsets
// (a definition or TimeZoneStruct stored with a meeting) differ from loc's
// (the zone's current IANA rules), in time order. A government that
// changed its zone's rules after the meeting was stored (Mexico 2022,
// Greenland 2023, Kazakhstan 2024) shows here: Outlook keeps the stored
// rule until Microsoft's time-zone update tool rebases the meeting.
func Compare(z Zone, loc *time.Location, first, last int) []Difference {
	var out []Difference
	for y := first; y <= last; y++ {
		yr, ok := z.Year(y)
		if !ok {
			return nil
		}
		start, end := yr.Start, yr.End()
		// Instants where either side may change its offset.
		points := []time.Time{start}
		for i := 1; i < yr.n; i++ {
			points = append(points, yr.seg[i].from)
		}
		points = append(points, yearTransitions(loc, y-1)...)
		points = append(points, yearTransitions(loc, y)...)
		points = append(points, yearTransitions(loc, y+1)...)
		sort.Slice(points, func(i, j int) bool { return points[i].Before(points[j]) })
		for i, p := range points {
			if p.Before(start) || !p.Before(end) || i > 0 && p.Equal(points[i-1]) {
				continue
			}
			next := end
			for _, q := range points[i+1:] {
				if q.After(p) {
					if q.Before(end) {
						next = q
					}
					break
				}
			}
			stored, current := yr.OffsetAt(p), offsetAt(loc, p)
			if stored == current {
				continue
			}
			if n := len(out); n > 0 && out[n-1].To.Equal(p) && out[n-1].Stored == stored && out[n-1].Current == current {
				out[n-1].To = next
				continue
			}
			out = append(out, Difference{From: p, To: next, Stored: stored, Current: current})
		}
	}
	return out
}

// LocalInstant reads wall clock w (its fields; its location is ignored) in
// loc as RFC 5545 §3.3.5 reads local times, as YearRule.UTC does for a
// stored rule: a time in a gap with the offset in force before the gap, an
// ambiguous time as its first occurrence.
func LocalInstant(loc *time.Location, w time.Time) time.Time {
	w = wallFields(w)
	before := offsetAt(loc, w.Add(-26*time.Hour))
	after := offsetAt(loc, w.Add(26*time.Hour))
	ub := w.Add(-time.Duration(before) * time.Second)
	if before == after {
		if offsetAt(loc, ub) == before {
			return ub
		}
		// A change and its reversal within two days: read at the instant.
		o := offsetAt(loc, ub)
		return w.Add(-time.Duration(o) * time.Second)
	}
	ua := w.Add(-time.Duration(after) * time.Second)
	okB, okA := offsetAt(loc, ub) == before, offsetAt(loc, ua) == after
	switch {
	case okB && okA:
		if ua.Before(ub) {
			return ua
		}
		return ub
	case okA:
		return ua
	}
	return ub // valid, or a gap read with the offset before it
}

// outOfDateSince returns the first year of the run of years, reaching into
// the years from now on, in which d's offsets differ from loc's; ok is
// false when d agrees with loc from now through ten years ahead. It samples
// each year weekly and at d's own transitions, so it is cheap enough for
// Check.
func outOfDateSince(d *Definition, loc *time.Location, now int) (since int, ok bool) {
	first := now
	for i := range d.Rules {
		if y := int(d.Rules[i].Year); y < first && y >= 1970 {
			first = y
		}
	}
	differs := func(y int) bool {
		yr, _ := d.Year(y)
		for u := yr.Start.Add(time.Hour); u.Before(yr.End()); u = u.Add(7 * 24 * time.Hour) {
			if yr.OffsetAt(u) != offsetAt(loc, u) {
				return true
			}
		}
		for i := 1; i < yr.n; i++ {
			for _, u := range []time.Time{yr.seg[i].from.Add(-time.Second), yr.seg[i].from, yr.seg[i].from.Add(time.Hour)} {
				if yr.OffsetAt(u) != offsetAt(loc, u) {
					return true
				}
			}
		}
		return false
	}
	future := 0
	for y := now; y <= now+10; y++ {
		if differs(y) {
			future = y
			break
		}
	}
	if future == 0 {
		return 0, false
	}
	since = future
	for since > first && differs(since-1) {
		since--
	}
	return since, true
}

// outOfDate remembers outOfDateSince by zone, year and rules: a mailbox
// holds thousands of items with the same few definitions, and the
// comparison reads the zone at some 600 instants (each a rule evaluation
// past the zone file's last transition). At most outOfDateMax results are
// kept; when full it starts again.
var outOfDate struct {
	sync.Mutex
	m map[string]outOfDateResult
}

type outOfDateResult struct {
	since int
	ok    bool
}

const outOfDateMax = 4096

// outOfDateCached is outOfDateSince(d, loc, now), remembered; iana names loc.
func outOfDateCached(d *Definition, iana string, loc *time.Location, now int) (int, bool) {
	var kb [512]byte
	key := append(kb[:0], iana...)
	key = append(key, 0, byte(now>>8), byte(now))
	for i := range d.Rules {
		key = d.Rules[i].appendTo(key)
	}
	outOfDate.Lock()
	r, hit := outOfDate.m[string(key)]
	outOfDate.Unlock()
	if hit {
		return r.since, r.ok
	}
	r.since, r.ok = outOfDateSince(d, loc, now)
	outOfDate.Lock()
	if outOfDate.m == nil || len(outOfDate.m) >= outOfDateMax {
		outOfDate.m = make(map[string]outOfDateResult)
	}
	outOfDate.m[string(key)] = r
	outOfDate.Unlock()
	return r.since, r.ok
}

// ianaLocations caches time.LoadLocation, which reads and parses the zone
// file on every call: Check compares every definition with its zone.
var ianaLocations sync.Map // IANA name → *time.Location

func loadIANA(name string) (*time.Location, error) {
	if loc, ok := ianaLocations.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	ianaLocations.Store(name, loc)
	return loc, nil
}
