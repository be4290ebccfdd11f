package tzdef

import "time"

// YearRule is a zone's behaviour during one local year: its offsets and
// the instants daylight time starts and ends. It does not allocate, so
// occurrence expansion can convert every instance cheaply.
type YearRule struct {
	Year      int
	StdOffset int       // UTC offset in standard time, seconds
	DstOffset int       // UTC offset in daylight time, seconds (= StdOffset without DST)
	HasDST    bool      // both transitions fall in this year
	DSTStart  time.Time // UTC instant daylight time starts (zero without DST)
	DSTEnd    time.Time // UTC instant daylight time ends (zero without DST)
}

// yearOf computes the YearRule of rule t for year.
func (t *Rule) yearOf(year int) YearRule {
	yr := YearRule{Year: year, StdOffset: t.StandardOffset(), DstOffset: t.StandardOffset()}
	if !t.HasDST() {
		return yr
	}
	yr.DstOffset = t.DaylightOffset()
	m1, d1, ok1 := t.DaylightDate.DateIn(year)
	m2, d2, ok2 := t.StandardDate.DateIn(year)
	if ok1 {
		wall := time.Date(year, m1, d1, 0, 0, 0, 0, time.UTC).Add(t.DaylightDate.timeOfDay())
		yr.DSTStart = wall.Add(-time.Duration(yr.StdOffset) * time.Second)
	}
	if ok2 {
		wall := time.Date(year, m2, d2, 0, 0, 0, 0, time.UTC).Add(t.StandardDate.timeOfDay())
		yr.DSTEnd = wall.Add(-time.Duration(yr.DstOffset) * time.Second)
	}
	yr.HasDST = ok1 || ok2
	return yr
}

// InDST reports whether daylight time is in force at instant u (which
// should fall in the rule's year).
func (yr *YearRule) InDST(u time.Time) bool {
	if !yr.HasDST {
		return false
	}
	s, e := yr.DSTStart, yr.DSTEnd
	switch {
	case !s.IsZero() && !e.IsZero() && s.Before(e): // northern: daylight between
		return !u.Before(s) && u.Before(e)
	case !s.IsZero() && !e.IsZero(): // southern: daylight at both ends of the year
		return u.Before(e) || !u.Before(s)
	case !s.IsZero():
		return !u.Before(s)
	default:
		return u.Before(e)
	}
}

// OffsetAt is the UTC offset in seconds at instant u.
func (yr *YearRule) OffsetAt(u time.Time) int {
	if yr.InDST(u) {
		return yr.DstOffset
	}
	return yr.StdOffset
}

// UTC turns a wall-clock time of this year (its fields are read as they are,
// its location ignored) into an instant, as RFC 5545 §3.3.5 reads local
// times: a time in the spring gap uses the offset in force before the gap
// (02:30 on 2026-03-08 in New York is 07:30Z, 03:30 EDT), and an ambiguous
// time in the autumn overlap is its first occurrence (the daylight one).
// It returns the instant and the offset in force then.
func (yr *YearRule) UTC(wall time.Time) (time.Time, int) {
	w := wall
	if wall.Location() != time.UTC {
		y, mo, d := wall.Date()
		h, mi, s := wall.Clock()
		w = time.Date(y, mo, d, h, mi, s, wall.Nanosecond(), time.UTC)
	}
	if !yr.HasDST {
		return w.Add(-time.Duration(yr.StdOffset) * time.Second), yr.StdOffset
	}
	uStd := w.Add(-time.Duration(yr.StdOffset) * time.Second)
	uDst := w.Add(-time.Duration(yr.DstOffset) * time.Second)
	stdOK := !yr.InDST(uStd)
	dstOK := yr.InDST(uDst)
	switch {
	case stdOK && dstOK: // overlap: the earlier instant comes first
		if uDst.Before(uStd) {
			return uDst, yr.DstOffset
		}
		return uStd, yr.StdOffset
	case dstOK:
		return uDst, yr.DstOffset
	case stdOK:
		return uStd, yr.StdOffset
	}
	// Gap: read with the offset in force before it. The gap opens at a
	// transition; the offset before it is the one of the other clock.
	if yr.DstOffset > yr.StdOffset { // entering daylight time
		u := uStd
		return u, yr.DstOffset
	}
	return uDst, yr.StdOffset
}

// Year returns the rule of local year y as a YearRule (the first rule for
// years before it); ok is false when d has no rules.
func (d *Definition) Year(y int) (YearRule, bool) {
	r := d.RuleFor(y)
	if r == nil {
		return YearRule{Year: y}, false
	}
	return r.yearOf(y), true
}

// Year returns tz's rule for local year y.
func (tz *TimeZoneStruct) Year(y int) (YearRule, bool) {
	r := tz.Rule()
	return r.yearOf(y), true
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
