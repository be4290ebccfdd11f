package tzdef

import "time"

// YearRule is a zone's behaviour during one local year: its offsets, the
// instants its offset changes and the instant the year begins. It does not
// allocate, so occurrence expansion can convert every instance cheaply.
//
// The year runs from 1 January 00:00 local time, read on the clock in force
// at the end of the year before (Start), to the Start of the next year.
// Until its first change of offset the year keeps the state its rule gives
// 1 January (daylight time for a rule whose daylight period spans New Year,
// standard time otherwise). A transition the rule dates 1 January 00:00
// takes effect at Start: it names the state the year begins in, and is no
// change at all when that state carries over from the year before (Windows
// writes "daylight time from 1 January" for a year that begins in daylight
// time, as Buenos Aires did in 2009).
type YearRule struct {
	Year      int
	StdOffset int       // UTC offset in standard time, seconds
	DstOffset int       // UTC offset in daylight time, seconds (= StdOffset without DST)
	HasDST    bool      // the rule names a daylight-saving date in this year
	DSTStart  time.Time // UTC instant the rule's daylight time starts, read literally (zero when the rule names none this year)
	DSTEnd    time.Time // UTC instant the rule's daylight time ends, read literally (zero when none)

	// Start is the instant the local year begins, and PrevOffset the UTC
	// offset in force just before it (the year before's last offset).
	Start      time.Time
	PrevOffset int
	prevDST    bool

	n   int        // segments in use
	seg [3]segment // the year's offsets from their first instant; seg[0] starts at Start
}

type segment struct {
	from time.Time
	off  int
	dst  bool
	date SystemTime // the rule's date that starts the segment (zero for the year's first)
}

// rawTransition is a transition of a rule read literally in one year.
type rawTransition struct {
	utc, wall time.Time
	toDST     bool
	yearEnd   bool // in the last second of the year (Windows' 23:59:59.999 on 31 December)
}

// rawTransitions returns the rule's dated transitions in year, in time order.
func (t *Rule) rawTransitions(year int) (out [2]rawTransition, n int) {
	if !t.HasDST() {
		return out, 0
	}
	std, dst := t.StandardOffset(), t.DaylightOffset()
	last := civilDays(year+1, 1, 1)*86400 - 1
	if wall, ok := t.DaylightDate.wallIn(year); ok {
		out[n] = rawTransition{wall.Add(-time.Duration(std) * time.Second), wall, true, wall.Unix() >= last}
		n++
	}
	if wall, ok := t.StandardDate.wallIn(year); ok {
		out[n] = rawTransition{wall.Add(-time.Duration(dst) * time.Second), wall, false, wall.Unix() >= last}
		n++
	}
	if n == 2 && out[1].utc.Before(out[0].utc) {
		out[0], out[1] = out[1], out[0]
	}
	return out, n
}

// wallIn is the wall-clock time (as a UTC-located time) of the transition
// st names in year: DateIn at st's time of day, computed with integer
// arithmetic since occurrence expansion and Offset call it for every year
// they touch.
func (st SystemTime) wallIn(year int) (time.Time, bool) {
	if st.Month < 1 || st.Month > 12 {
		return time.Time{}, false
	}
	m := int(st.Month)
	dim := civilDaysIn(year, m)
	var d int
	if !st.IsRelative() {
		if int(st.Year) != year || st.Day < 1 || int(st.Day) > dim {
			return time.Time{}, false
		}
		d = int(st.Day)
	} else {
		if st.DayOfWeek > 6 || st.Day < 1 || st.Day > 5 {
			return time.Time{}, false
		}
		days1 := civilDays(year, m, 1)
		first := int((days1%7 + 7 + 4) % 7) // 1970-01-01 was a Thursday
		d = 1 + (int(st.DayOfWeek)-first+7)%7 + 7*(int(st.Day)-1)
		for d > dim {
			d -= 7
		}
	}
	sec := civilDays(year, m, d) * 86400
	return time.Unix(sec, 0).UTC().Add(st.timeOfDay()), true
}

// civilDays is the number of days from 1970-01-01 to y-m-d (proleptic
// Gregorian; H. Hinnant's days_from_civil).
func civilDays(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

func civilDaysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// endState is the offset and daylight flag rule t leaves in force at the
// end of year: the target of its last transition that year, standard time
// when it has none. A transition at the year's very end does not count:
// the next year's rule takes over there.
func (t *Rule) endState(year int) (int, bool) {
	trs, n := t.rawTransitions(year)
	for n > 0 && trs[n-1].yearEnd {
		n--
	}
	if n == 0 {
		if trs, m := t.rawTransitions(year); m > 0 {
			// Only year-end transitions: the year keeps its initial state.
			return t.offsetOf(!trs[0].toDST), !trs[0].toDST
		}
		return t.StandardOffset(), false
	}
	return t.offsetOf(trs[n-1].toDST), trs[n-1].toDST
}

func (t *Rule) offsetOf(dst bool) int {
	if dst {
		return t.DaylightOffset()
	}
	return t.StandardOffset()
}

// yearOf computes the YearRule of rule t for year, after a year ruled by
// prev (which may be t itself).
//
// The year begins in the state the rule gives 1 January: the opposite of
// its first transition's (daylight time when the first change of the year
// is to standard time). Transitions dated 1 January 00:00 take effect at
// the year's start; transitions in the last second of the year (Windows'
// 23:59:59.999 on 31 December) mark the year's end, where the next year's
// rule takes over, and change nothing within the year.
func (t *Rule) yearOf(prev *Rule, year int) YearRule {
	yr := YearRule{Year: year, StdOffset: t.StandardOffset(), DstOffset: t.StandardOffset()}
	yr.PrevOffset, yr.prevDST = prev.endState(year - 1)
	jan1 := time.Unix(civilDays(year, 1, 1)*86400, 0).UTC()
	yr.Start = jan1.Add(-time.Duration(yr.PrevOffset) * time.Second)
	trs, n := t.rawTransitions(year)
	if t.HasDST() {
		yr.DstOffset = t.DaylightOffset()
	}
	for i := 0; i < n; i++ {
		if trs[i].toDST {
			yr.DSTStart = trs[i].utc
		} else {
			yr.DSTEnd = trs[i].utc
		}
	}
	yr.HasDST = n > 0
	dst := n > 0 && !trs[0].toDST
	i := 0
	for ; i < n && (!trs[i].wall.After(jan1) || !trs[i].utc.After(yr.Start)); i++ {
		dst = trs[i].toDST
	}
	yr.seg[0] = segment{yr.Start, t.offsetOf(dst), dst, SystemTime{}}
	yr.n = 1
	for ; i < n; i++ {
		if trs[i].toDST == yr.seg[yr.n-1].dst || trs[i].yearEnd {
			continue
		}
		date := t.StandardDate
		if trs[i].toDST {
			date = t.DaylightDate
		}
		yr.seg[yr.n] = segment{trs[i].utc, t.offsetOf(trs[i].toDST), trs[i].toDST, date}
		yr.n++
	}
	return yr
}

// segmentAt is the index of the segment in force at u (0 for instants
// before the year's start).
func (yr *YearRule) segmentAt(u time.Time) int {
	i := 0
	for j := 1; j < yr.n; j++ {
		if !u.Before(yr.seg[j].from) {
			i = j
		}
	}
	return i
}

// InDST reports whether daylight time is in force at instant u (which
// should fall in the year).
func (yr *YearRule) InDST(u time.Time) bool {
	if yr.n == 0 {
		return false
	}
	return yr.seg[yr.segmentAt(u)].dst
}

// OffsetAt is the UTC offset in seconds at instant u (which should fall in
// the year).
func (yr *YearRule) OffsetAt(u time.Time) int {
	if yr.n == 0 {
		return yr.StdOffset
	}
	return yr.seg[yr.segmentAt(u)].off
}

// End is the instant the year ends: 1 January 00:00 of the next year on
// the clock in force at the end of this one.
func (yr *YearRule) End() time.Time {
	return time.Unix(civilDays(yr.Year+1, 1, 1)*86400-int64(yr.EndOffset()), 0).UTC()
}

// EndOffset is the UTC offset in force at the end of the year.
func (yr *YearRule) EndOffset() int {
	if yr.n == 0 {
		return yr.StdOffset
	}
	return yr.seg[yr.n-1].off
}

// Transitions lists the year's changes of offset in time order, including a
// change at the year's start when the rule begins the year at another
// offset than the one the year before ended with. Transitions that change
// nothing (daylight time "starting" on 1 January when it carries over) are
// not listed.
func (yr *YearRule) Transitions() []Transition {
	var out []Transition
	prevOff, prevDST := yr.PrevOffset, yr.prevDST
	for i := 0; i < yr.n; i++ {
		s := yr.seg[i]
		if s.off == prevOff && (i == 0 || s.dst == prevDST) {
			prevDST = s.dst
			continue
		}
		out = append(out, Transition{
			UTC: s.from, Local: s.from.Add(time.Duration(prevOff) * time.Second),
			ToDaylight: s.dst, OffsetFrom: prevOff, OffsetTo: s.off,
		})
		prevOff, prevDST = s.off, s.dst
	}
	return out
}

// UTC turns a wall-clock time of this year (its fields are read as they are,
// its location ignored) into an instant, as RFC 5545 §3.3.5 reads local
// times: a time in a gap uses the offset in force before the gap (02:30 on
// 2026-03-08 in New York is 07:30Z, 03:30 EDT), and an ambiguous time in an
// overlap is its first occurrence (the daylight one). It returns the
// instant and the offset in force then.
func (yr *YearRule) UTC(wall time.Time) (time.Time, int) {
	w := wall
	if wall.Location() != time.UTC {
		y, mo, d := wall.Date()
		h, mi, s := wall.Clock()
		w = time.Date(y, mo, d, h, mi, s, wall.Nanosecond(), time.UTC)
	}
	if yr.n == 0 {
		return w.Add(-time.Duration(yr.StdOffset) * time.Second), yr.StdOffset
	}
	// The first segment in which the wall time exists is its first occurrence.
	for i := 0; i < yr.n; i++ {
		s := &yr.seg[i]
		u := w.Add(-time.Duration(s.off) * time.Second)
		if u.Before(s.from) || i+1 < yr.n && !u.Before(yr.seg[i+1].from) {
			continue
		}
		return u, s.off
	}
	// A gap: read the time with the offset in force before the change that
	// opened it, which gives an instant just after the change.
	before := yr.PrevOffset
	for i := 0; i < yr.n; i++ {
		s := &yr.seg[i]
		if u := w.Add(-time.Duration(before) * time.Second); !u.Before(s.from) && w.Add(-time.Duration(s.off)*time.Second).Before(s.from) {
			return u, s.off
		}
		before = s.off
	}
	return w.Add(-time.Duration(before) * time.Second), before
}

// Year returns the rule of local year y as a YearRule (the first rule for
// years before it); ok is false when d has no rules.
func (d *Definition) Year(y int) (YearRule, bool) {
	r := d.RuleFor(y)
	if r == nil {
		return YearRule{Year: y}, false
	}
	return r.yearOf(d.RuleFor(y-1), y), true
}

// Year returns tz's rule for local year y.
func (tz *TimeZoneStruct) Year(y int) (YearRule, bool) {
	r := tz.Rule()
	return r.yearOf(&r, y), true
}

// Zone is a series' time zone as occurrence expansion uses it; Definition
// and TimeZoneStruct implement it.
type Zone interface {
	Year(y int) (YearRule, bool)
	Location() (*time.Location, error)
}

var (
	_ Zone = (*Definition)(nil)
	_ Zone = (*TimeZoneStruct)(nil)
)
