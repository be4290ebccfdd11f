package tzdef

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The zones whose IANA history has a year with more than two changes of
// offset between 2000 and 2037, which a Windows rule cannot express.
var inexpressible = map[string]bool{
	"Egypt Standard Time": true, "Morocco Standard Time": true, "Samoa Standard Time": true,
	"Tomsk Standard Time": true, "West Bank Standard Time": true, "Georgian Standard Time": true,
}

// ianaChanges lists loc's changes of offset in [from, to), found by hourly
// sampling and bisection to the second (written here, independent of the
// builder's own search).
func ianaChanges(loc *time.Location, from, to time.Time) []time.Time {
	off := func(t time.Time) int { _, o := t.In(loc).Zone(); return o }
	var out []time.Time
	prev := off(from)
	for t := from; t.Before(to); t = t.Add(time.Hour) {
		o := off(t.Add(time.Hour))
		if o == prev {
			continue
		}
		lo, hi := t, t.Add(time.Hour)
		for hi.Sub(lo) > time.Second {
			mid := lo.Add(hi.Sub(lo) / 2)
			if off(mid) == prev {
				lo = mid
			} else {
				hi = mid
			}
		}
		out = append(out, hi)
		prev = o
	}
	return out
}

// ianaTable is loc's offsets over a range of instants: the offset before
// the first change and after each change (from ianaChanges), for cheap
// look-ups in the wall-clock sweep.
type ianaTable struct {
	at   []time.Time
	offs []int // offs[0] before at[0]; offs[i+1] from at[i]
}

func newIANATable(loc *time.Location, from, to time.Time) *ianaTable {
	tb := &ianaTable{at: ianaChanges(loc, from, to)}
	tb.offs = append(tb.offs, offsetAt(loc, from))
	for _, c := range tb.at {
		tb.offs = append(tb.offs, offsetAt(loc, c))
	}
	return tb
}

func (tb *ianaTable) offset(u time.Time) int {
	i := sort.Search(len(tb.at), func(i int) bool { return u.Before(tb.at[i]) })
	return tb.offs[i]
}

// rfcUTC reads wall clock w (fields as UTC) as RFC 5545 §3.3.5 does: the
// first instant showing it; in a gap, the offset before the gap.
func (tb *ianaTable) rfcUTC(w time.Time) time.Time {
	before, after := tb.offset(w.Add(-15*time.Hour)), tb.offset(w.Add(15*time.Hour))
	ub := w.Add(-time.Duration(before) * time.Second)
	if before == after {
		return ub
	}
	ua := w.Add(-time.Duration(after) * time.Second)
	okB, okA := tb.offset(ub) == before, tb.offset(ua) == after
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

// literalYear reads wall clocks as the specification describes a rule,
// each year on its own (timezones.md §5–§6): the rule of the year, daylight
// time between the two transitions (or at both ends of a southern year).
// It is written here from the specification, independently of YearRule.
type literalYear struct {
	std, dst   time.Duration
	hasDST     bool
	start, end time.Time
}

func newLiteralYear(d *Definition, year int) literalYear {
	r := d.RuleFor(year)
	ly := literalYear{std: time.Duration(r.StandardOffset()) * time.Second, dst: time.Duration(r.DaylightOffset()) * time.Second, hasDST: r.HasDST()}
	at := func(st SystemTime, clock time.Duration) time.Time {
		m, day, _ := st.DateIn(year)
		return time.Date(year, m, day, int(st.Hour), int(st.Minute), int(st.Second), int(st.Milliseconds)*1e6, time.UTC).Add(-clock)
	}
	if ly.hasDST {
		ly.start, ly.end = at(r.DaylightDate, ly.std), at(r.StandardDate, ly.dst)
	}
	return ly
}

func (ly literalYear) inDST(u time.Time) bool {
	if ly.start.Before(ly.end) {
		return !u.Before(ly.start) && u.Before(ly.end)
	}
	return u.Before(ly.end) || !u.Before(ly.start)
}

func (ly literalYear) utc(w time.Time) time.Time {
	if !ly.hasDST {
		return w.Add(-ly.std)
	}
	uDst, uStd := w.Add(-ly.dst), w.Add(-ly.std)
	switch dOK, sOK := ly.inDST(uDst), !ly.inDST(uStd); {
	case dOK && sOK:
		if uDst.Before(uStd) {
			return uDst
		}
		return uStd
	case dOK:
		return uDst
	case sOK:
		return uStd
	}
	if ly.dst > ly.std { // a gap entering daylight time: read on the standard clock
		return uStd
	}
	return uDst
}

var yearInMessage = regexp.MustCompile(`\b(20[0-3][0-9])\b`)

// For every Windows zone of CLDR, a definition built for 2000–2037 gives
// IANA's offsets at every hour and around every change of offset (Offset
// and Location), and reads every hour of wall-clock time, and the minutes
// around each change, as IANA does (YearRule.UTC, the reading occurrence
// expansion uses; and the specification's literal per-year reading, which
// the builder's layout must also satisfy). The zones that a Windows rule
// cannot express are refused, naming a year that IANA changes the offset
// more than twice in.
func TestIANASweep(t *testing.T) {
	names := WindowsNames()
	sort.Strings(names)
	require.Len(t, names, 139, "CLDR's Windows zones")
	for _, key := range names {
		t.Run(key, func(t *testing.T) {
			t.Parallel()
			loc, err := time.LoadLocation(IANAName(key))
			require.NoError(t, err)
			d, _, err := FromWindowsName(key, 2000, 2037)
			if inexpressible[key] {
				require.ErrorIs(t, err, ErrNotExpressible)
				m := yearInMessage.FindString(err.Error())
				require.NotEmpty(t, m, "the refusal names no year: %v", err)
				y, _ := strconv.Atoi(m)
				n := len(ianaChanges(loc, time.Date(y, 1, 1, 0, 0, 0, 0, loc), time.Date(y+1, 1, 1, 0, 0, 0, 0, loc)))
				require.Greater(t, n, 2, "%v: IANA changes the offset %d times in %d", err, n, y)
				return
			}
			require.NoError(t, err)
			ours, err := d.Location()
			require.NoError(t, err)
			first, last := time.Date(2000, 1, 1, 0, 0, 0, 0, loc), time.Date(2038, 1, 1, 0, 0, 0, 0, loc)
			iana := newIANATable(loc, first.Add(-48*time.Hour), last.Add(48*time.Hour))
			changes := iana.at
			var bad []string
			report := func(format string, a ...any) {
				if len(bad) < 5 {
					bad = append(bad, fmt.Sprintf(format, a...))
				}
			}
			instant := func(u time.Time) {
				_, want := u.In(loc).Zone()
				if got, _, _ := d.Offset(u); got != want {
					report("Offset(%v) = %d, IANA %d", u, got, want)
				}
				if _, got := u.In(ours).Zone(); got != want {
					report("Location at %v: %d, IANA %d", u, got, want)
				}
			}
			step := time.Hour
			if raceEnabled {
				step = 6 * time.Hour
			}
			for u := first; u.Before(last); u = u.Add(step) {
				instant(u)
			}
			around := []time.Duration{-61 * time.Minute, -time.Hour, -59 * time.Minute, -30 * time.Minute, -time.Minute, -time.Second,
				0, time.Second, time.Minute, 30 * time.Minute, 59 * time.Minute, time.Hour, 61 * time.Minute}
			for _, c := range changes {
				for _, dt := range around {
					instant(c.Add(dt))
				}
			}
			// Wall-clock times: every hour of 2000–2037, and the minutes
			// around each change on both clocks.
			years := map[int]YearRule{}
			literal := map[int]literalYear{}
			wall := func(w time.Time) {
				want := iana.rfcUTC(w)
				yr, ok := years[w.Year()]
				if !ok {
					yr, _ = d.Year(w.Year())
					years[w.Year()] = yr
					literal[w.Year()] = newLiteralYear(d, w.Year())
				}
				if got, _ := yr.UTC(w); !got.Equal(want) {
					report("wall %s → %v, IANA %v", w.Format("2006-01-02 15:04:05"), got, want)
				}
				if got := literal[w.Year()].utc(w); !got.Equal(want) {
					report("wall %s read literally → %v, IANA %v", w.Format("2006-01-02 15:04:05"), got, want)
				}
			}
			for w := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC); w.Year() < 2038; w = w.Add(step) {
				wall(w)
			}
			for _, c := range changes {
				for _, o := range []int{offsetAt(loc, c.Add(-time.Second)), offsetAt(loc, c)} {
					lw := wallFields(c.In(time.FixedZone("", o)))
					for _, dt := range around {
						if w := lw.Add(dt); w.Year() >= 2000 && w.Year() < 2038 {
							wall(w)
						}
					}
				}
			}
			require.Empty(t, bad)
		})
	}
}

// in a year that begins in daylight time carried over
// from the year before (Buenos Aires, 1 January 2009), the first hour is no
// gap, and Transitions lists no change on 1 January.
func TestDaylightCarriedOverNewYear(t *testing.T) {
	d, _, err := FromWindowsName("Argentina Standard Time", 2000, 2037)
	require.NoError(t, err)
	yr, _ := d.Year(2009)
	u, off := yr.UTC(time.Date(2009, 1, 1, 0, 30, 0, 0, time.UTC))
	require.Equal(t, time.Date(2009, 1, 1, 2, 30, 0, 0, time.UTC), u) // 00:30 −02:00
	require.Equal(t, -2*3600, off)
	trs := d.Transitions(2009)
	require.Len(t, trs, 1)
	require.Equal(t, time.Date(2009, 3, 15, 2, 0, 0, 0, time.UTC), trs[0].UTC) // 00:00 −02 → 23:00 −03 on 14 March
	require.Equal(t, -2*3600, trs[0].OffsetFrom)
	require.Equal(t, -3*3600, trs[0].OffsetTo)

	// The way Windows itself writes that year: daylight time "starting"
	// on the first Thursday of January at 00:00 (1 January 2009).
	win := Definition{Rules: []Rule{
		{Year: 2008, Bias: 180, DaylightBias: -60,
			StandardDate: SystemTime{Month: 3, DayOfWeek: 0, Day: 3}, DaylightDate: SystemTime{Month: 10, DayOfWeek: 0, Day: 3}},
		{Year: 2009, Bias: 180, DaylightBias: -60,
			StandardDate: SystemTime{Month: 3, DayOfWeek: 0, Day: 3}, DaylightDate: SystemTime{Month: 1, DayOfWeek: 4, Day: 1}},
		{Year: 2010, Bias: 180},
	}}
	yr, _ = win.Year(2009)
	u, _ = yr.UTC(time.Date(2009, 1, 1, 0, 30, 0, 0, time.UTC))
	require.Equal(t, time.Date(2009, 1, 1, 2, 30, 0, 0, time.UTC), u)
	require.Len(t, win.Transitions(2009), 1)
	o, dst, _ := win.Offset(time.Date(2009, 1, 1, 2, 30, 0, 0, time.UTC))
	require.Equal(t, -2*3600, o)
	require.True(t, dst)
}

// Offset and Location agree with IANA in the first
// hours of a year whose offset changed for good (Moscow, New Year 2014, in
// force +04 until October).
func TestOffsetAtNewYearOfPermanentChange(t *testing.T) {
	for _, d := range []*Definition{mustBuild(t, "Russian Standard Time"), {Rules: []Rule{
		// Windows' layout: 2014 "daylight" from the first Wednesday of January 00:00.
		{Year: 2012, Bias: -240},
		{Year: 2014, Bias: -180, DaylightBias: -60,
			StandardDate: SystemTime{Month: 10, DayOfWeek: 0, Day: 5, Hour: 2}, DaylightDate: SystemTime{Month: 1, DayOfWeek: 3, Day: 1}},
		{Year: 2015, Bias: -180},
	}}} {
		u := time.Date(2013, 12, 31, 20, 30, 0, 0, time.UTC)
		o, _, _ := d.Offset(u)
		require.Equal(t, 4*3600, o)
		loc, err := d.Location()
		require.NoError(t, err)
		_, o = u.In(loc).Zone()
		require.Equal(t, 4*3600, o)
		require.Empty(t, d.Transitions(2014)[:len(d.Transitions(2014))-1], "only the October change")
	}
}

// Bangladesh's one daylight period of 2009 ended at
// midnight closing the year, which Windows writes 23:59:59.999.
func TestBangladesh2009(t *testing.T) {
	d := mustBuild(t, "Bangladesh Standard Time")
	r := d.RuleFor(2009)
	require.Equal(t, SystemTime{Month: 12, DayOfWeek: 4, Day: 5, Hour: 23, Minute: 59, Second: 59, Milliseconds: 999}, r.StandardDate)
	require.Equal(t, SystemTime{Month: 6, DayOfWeek: 5, Day: 3, Hour: 23}, r.DaylightDate)
	var at []time.Time
	for _, y := range []int{2009, 2010} {
		for _, tr := range d.Transitions(y) {
			at = append(at, tr.UTC)
		}
	}
	require.Equal(t, []time.Time{time.Date(2009, 6, 19, 17, 0, 0, 0, time.UTC), time.Date(2009, 12, 31, 17, 0, 0, 0, time.UTC)}, at)
}

func mustBuild(t *testing.T, key string) *Definition {
	t.Helper()
	d, _, err := FromWindowsName(key, 2000, 2037)
	require.NoError(t, err)
	return d
}

var _ = errors.Is

// wallIn is DateIn at the rule's time of day, computed without package time.
func TestWallInAgreesWithDateIn(t *testing.T) {
	for year := 1601; year <= 2400; year += 7 {
		for month := uint16(0); month <= 13; month++ {
			for dow := uint16(0); dow <= 7; dow++ {
				for day := uint16(0); day <= 32; day++ {
					for _, y := range []uint16{0, uint16(year), uint16(year + 1)} {
						st := SystemTime{Year: y, Month: month, DayOfWeek: dow, Day: day, Hour: 23, Minute: 59, Second: 59, Milliseconds: 999}
						m, d, ok := st.DateIn(year)
						w, ok2 := st.wallIn(year)
						require.Equal(t, ok, ok2, "%+v in %d", st, year)
						if ok {
							require.Equal(t, time.Date(year, m, d, 23, 59, 59, 999e6, time.UTC), w, "%+v in %d", st, year)
						}
					}
				}
			}
		}
	}
}
