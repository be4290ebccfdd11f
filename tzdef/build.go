package tzdef

import (
	"fmt"
	"time"
)

// ErrNotExpressible is wrapped by FromLocation's error for a year whose
// offsets a Windows-style rule cannot express (more than one daylight-saving
// period, or several changes in one direction).
var ErrNotExpressible = fmt.Errorf("not expressible as a Windows time-zone rule")

// yearTransitions lists the offset changes of loc during year, in order.
//
// It samples the offset every 12 hours and bisects each change to the
// second, rather than asking Time.ZoneBounds: with the compact ("slim")
// zone files that Go's embedded database and many systems ship, ZoneBounds
// past a zone's last listed transition can report a bound before the time
// asked about, and the changes of whole years would be missed. Zones do
// not change their offset twice within 12 hours.
func yearTransitions(loc *time.Location, year int) []time.Time {
	const step = 12 * time.Hour
	var out []time.Time
	t := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(year+1, 1, 1, 0, 0, 0, 0, loc)
	off := offsetAt(loc, t)
	for t.Before(end) {
		next := t.Add(step)
		if next.After(end) {
			next = end
		}
		if o := offsetAt(loc, next); o != off {
			lo, hi := t, next // offset off at lo, o at hi
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
				if !mid.After(lo) {
					mid = lo.Add(time.Second)
				}
				if offsetAt(loc, mid) == off {
					lo = mid
				} else {
					hi = mid
				}
			}
			if hi.Before(end) {
				out = append(out, hi)
			}
			off = o
		}
		t = next
	}
	return out
}

func offsetAt(loc *time.Location, t time.Time) int { _, o := t.In(loc).Zone(); return o }

// relative turns the local date and clock of a transition into the
// relative SYSTEMTIME form; preferLast chooses week 5 ("last") for a day in
// the month's last seven days. A transition at midnight that ends a year is
// written 23:59:59.999 on 31 December, as Windows does.
func relative(local time.Time, preferLast bool) SystemTime {
	ms := uint16(0)
	if local.Month() == time.January && local.Day() == 1 && local.Hour() == 0 && local.Minute() == 0 && local.Second() == 0 {
		local = local.Add(-time.Millisecond)
		ms = 999
	}
	week := (local.Day()-1)/7 + 1
	if preferLast && local.Day()+7 > daysIn(local.Year(), local.Month()) {
		week = 5
	}
	return SystemTime{Month: uint16(local.Month()), DayOfWeek: uint16(local.Weekday()), Day: uint16(week),
		Hour: uint16(local.Hour()), Minute: uint16(local.Minute()), Second: uint16(local.Second()), Milliseconds: ms}
}

// januaryFirst is a relative SYSTEMTIME that falls on 1 January 00:00 of year.
func januaryFirst(year int) SystemTime {
	wd := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Weekday()
	return SystemTime{Month: 1, DayOfWeek: uint16(wd), Day: 1}
}

// yearEnd is a relative SYSTEMTIME that falls on 31 December 23:59:59.999
// of year, Windows' way of writing the end of the year.
func yearEnd(year int) SystemTime {
	wd := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC).Weekday()
	return SystemTime{Month: 12, DayOfWeek: uint16(wd), Day: 5, Hour: 23, Minute: 59, Second: 59, Milliseconds: 999}
}

// candidates returns the rules that reproduce loc's offsets in year (one
// per way of naming the transition weeks), or an error naming the year.
//
// The layouts are chosen so that a reader who applies each rule to its own
// year alone, as the specification describes, also gets loc's offsets and
// wall-clock times at the year's edges: a year that begins in daylight time
// and leaves it for good is written as daylight time from 1 January (a
// daylight period spanning New Year, which "ends" at 23:59:59.999 on 31
// December), never as daylight time starting at 00:00 on 1 January, which
// such a reader takes for a one-hour gap.
func candidates(loc *time.Location, year int) ([]Rule, error) {
	trs := yearTransitions(loc, year)
	before := offsetAt(loc, time.Date(year, 1, 1, 0, 0, 0, 0, loc))
	base := Rule{MajorVersion: RuleMajorVersion, MinorVersion: RuleMinorVersion, Reserved: RuleReserved, Year: uint16(year)}
	whole := func(offs ...int) error {
		for _, o := range offs {
			if o%60 != 0 {
				return fmt.Errorf("%w: %d: offset %ds is not whole minutes", ErrNotExpressible, year, o)
			}
		}
		return nil
	}
	set := func(r *Rule, std, dst int) {
		r.Bias = int32(-std / 60)
		r.StandardBias = 0
		r.DaylightBias = int32(-(dst - std) / 60)
	}
	var out []Rule
	switch len(trs) {
	case 0:
		std := offsetAt(loc, time.Date(year, 7, 1, 0, 0, 0, 0, loc))
		if err := whole(std); err != nil {
			return nil, err
		}
		r := base
		set(&r, std, std)
		return []Rule{r}, nil
	case 1:
		after := offsetAt(loc, trs[0])
		if err := whole(before, after); err != nil {
			return nil, err
		}
		for _, last := range []bool{true, false} {
			r := base
			if after > before { // a permanent move forward: "daylight" from the change to the year's end
				set(&r, before, after)
				r.DaylightDate = relative(trs[0].In(time.FixedZone("", before)), last)
				r.StandardDate = januaryFirst(year)
			} else { // a permanent move back: "daylight" from New Year to the change
				set(&r, after, before)
				r.StandardDate = relative(trs[0].In(time.FixedZone("", before)), last)
				r.DaylightDate = yearEnd(year)
			}
			out = append(out, r)
		}
		return out, nil
	case 2:
		o1 := offsetAt(loc, trs[0])
		o2 := offsetAt(loc, trs[1])
		if o2 != before {
			return nil, fmt.Errorf("%w: %d: the two changes of the year do not return to the first offset", ErrNotExpressible, year)
		}
		std, dst := before, o1
		toDST, toStd := trs[0], trs[1]
		if o1 < before { // southern: the year starts in daylight time
			std, dst = o1, before
			toDST, toStd = trs[1], trs[0]
		}
		if err := whole(std, dst); err != nil {
			return nil, err
		}
		for _, last := range []bool{true, false} {
			r := base
			set(&r, std, dst)
			r.DaylightDate = relative(toDST.In(time.FixedZone("", std)), last)
			r.StandardDate = relative(toStd.In(time.FixedZone("", dst)), last)
			out = append(out, r)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w: %d has %d offset changes (more than one daylight-saving period)", ErrNotExpressible, year, len(trs))
}

// reproduces reports whether rules (the last one for year) give loc's
// offsets, changes of offset and wall-clock readings throughout year.
func reproduces(rules []Rule, loc *time.Location, year int) bool {
	d := Definition{Rules: rules}
	want := yearTransitions(loc, year)
	// The changes in loc's year, which may include the next year's start
	// (a change at midnight ending 31 December) but not its own.
	start := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(year+1, 1, 1, 0, 0, 0, 0, loc)
	var got []Transition
	for _, tr := range append(d.Transitions(year), d.Transitions(year+1)...) {
		if tr.UTC.After(start) && tr.UTC.Before(end) {
			got = append(got, tr)
		}
	}
	if len(got) != len(want) {
		return false
	}
	var points []time.Time
	for i, t := range want {
		if !got[i].UTC.Round(time.Second).Equal(t) {
			return false
		}
		points = append(points, t.Add(-time.Hour), t.Add(-time.Second), t, t.Add(time.Hour))
	}
	points = append(points, start.Add(-time.Second), start, start.Add(time.Hour), start.Add(2*time.Hour))
	for m := 1; m <= 12; m++ {
		points = append(points, time.Date(year, time.Month(m), 15, 12, 0, 0, 0, time.UTC))
	}
	for _, u := range points {
		if o, _, _ := d.Offset(u); o != offsetAt(loc, u) {
			return false
		}
	}
	// Wall-clock times around each change and at New Year read as loc reads them.
	yr, _ := d.Year(year)
	for _, t := range append(want, start) {
		for _, dm := range []time.Duration{-90, -30, 0, 30, 90} {
			u := t.Add(dm * time.Minute)
			w := u.In(loc)
			if w.Year() != year {
				continue
			}
			if !isUnique(loc, w) {
				continue
			}
			if got, _ := yr.UTC(wallFields(w)); !got.Equal(u) {
				return false
			}
		}
	}
	return true
}

// wallFields is t's wall clock as a UTC-located time.
func wallFields(t time.Time) time.Time {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, mo, d, h, mi, s, t.Nanosecond(), time.UTC)
}

// isUnique reports whether loc shows the wall clock of t only once.
func isUnique(loc *time.Location, t time.Time) bool {
	w := wallFields(t)
	n := 0
	for _, o := range []int{offsetAt(loc, t.Add(-15*time.Hour)), offsetAt(loc, t.Add(15*time.Hour))} {
		u := w.Add(-time.Duration(o) * time.Second)
		if offsetAt(loc, u) == o {
			n++
		}
	}
	return n == 1 || offsetAt(loc, t.Add(-15*time.Hour)) == offsetAt(loc, t.Add(15*time.Hour))
}

// FromLocation builds a Definition whose rules reproduce loc's offsets
// from firstYear through lastYear, one rule for firstYear and one more for
// each later year whose rule differs from the one before, laid out as
// Outlook writes them (version 2.1, key name, X zero). The rule in force in
// the current year (clamped to the range) carries TZRULE_FLAG_EFFECTIVE_TZREG
// and TZRULE_FLAG_RECUR_CURRENT_TZREG, and the returned TimeZoneStruct is that
// rule, so the pair suits PidLidAppointmentTimeZoneDefinitionRecur and
// PidLidTimeZoneStruct; use ForDisplay for the StartDisplay/EndDisplay
// properties. A year that a Windows rule cannot express is an error that
// names it (errors.Is(err, ErrNotExpressible)).
func FromLocation(loc *time.Location, keyName string, firstYear, lastYear int) (*Definition, *TimeZoneStruct, error) {
	if loc == nil {
		return nil, nil, fmt.Errorf("tzdef: nil location")
	}
	if firstYear < 1601 || lastYear > 30827 || firstYear > lastYear {
		return nil, nil, fmt.Errorf("tzdef: year range %d–%d is not valid", firstYear, lastYear)
	}
	d := &Definition{MajorVersion: MajorVersion, MinorVersion: MinorVersion, Reserved: HeaderReserved, KeyName: keyName}
	for y := firstYear; y <= lastYear; y++ {
		if n := len(d.Rules); n > 0 && reproduces(d.Rules, loc, y) {
			continue
		}
		cs, err := candidates(loc, y)
		if err != nil {
			return nil, nil, fmt.Errorf("tzdef: %s: %w", loc, err)
		}
		chosen := -1
		for i := range cs {
			try := append(d.Rules[:len(d.Rules):len(d.Rules)], cs[i])
			if reproduces(try, loc, y) {
				if chosen < 0 {
					chosen = i
				}
				// Prefer the naming that also holds the next year.
				if y < lastYear && reproduces(try, loc, y+1) {
					chosen = i
					break
				}
			}
		}
		if chosen < 0 {
			return nil, nil, fmt.Errorf("tzdef: %s: %w: %d", loc, ErrNotExpressible, y)
		}
		d.Rules = append(d.Rules, cs[chosen])
	}
	now := time.Now().Year()
	if now < firstYear {
		now = firstYear
	}
	if now > lastYear {
		now = lastYear
	}
	cur := d.RuleFor(now)
	cur.Flags = TZRULE_FLAG_EFFECTIVE_TZREG | TZRULE_FLAG_RECUR_CURRENT_TZREG
	d.KeyNameLength = uint16(len(keyName))
	b, err := d.MarshalBinary()
	if err != nil {
		return nil, nil, err
	}
	if err := d.UnmarshalBinary(b); err != nil { // fill the stored counts as a reader sees them
		return nil, nil, err
	}
	return d, d.RecurRule().TimeZoneStruct(), nil
}

// FromWindowsName builds a Definition for a Windows key name ("Atlantic
// Standard Time") from the IANA zone CLDR maps it to; the Go runtime's time
// zone database supplies the rules.
func FromWindowsName(keyName string, firstYear, lastYear int) (*Definition, *TimeZoneStruct, error) {
	iana := IANAName(keyName)
	if iana == "" {
		return nil, nil, fmt.Errorf("tzdef: %q is not a Windows time-zone key name known to CLDR %s", keyName, CLDRVersion)
	}
	loc, err := time.LoadLocation(iana)
	if err != nil {
		return nil, nil, fmt.Errorf("tzdef: loading %s for %q: %w", iana, keyName, err)
	}
	return FromLocation(loc, keyName, firstYear, lastYear)
}

// ForDisplay returns a copy of d for PidLidAppointmentTimeZoneDefinitionStartDisplay
// or …EndDisplay: TZRULE_FLAG_RECUR_CURRENT_TZREG cleared on every rule.
func (d *Definition) ForDisplay() *Definition {
	c := *d
	c.Rules = append([]Rule(nil), d.Rules...)
	for i := range c.Rules {
		c.Rules[i].Flags &^= TZRULE_FLAG_RECUR_CURRENT_TZREG
	}
	return &c
}
