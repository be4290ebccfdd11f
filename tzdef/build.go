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
func yearTransitions(loc *time.Location, year int) []time.Time {
	var out []time.Time
	t := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(year+1, 1, 1, 0, 0, 0, 0, loc)
	for i := 0; i < 16; i++ { // a real zone changes a few times a year at most
		_, next := t.ZoneBounds()
		if !next.IsZero() && !next.After(t) {
			// Past the last transition a zone file lists, Go derives the
			// bounds from its rule string and can report an end before t
			// (seen with the "slim" files of time/tzdata and
			// $GOROOT/lib/time/zoneinfo.zip); search for the change instead.
			next = nextChange(loc, t, end)
		}
		if next.IsZero() || !next.Before(end) {
			break
		}
		// Past the zone's listed transitions Go reports year bounds that
		// change nothing; only real offset changes count.
		if offsetAt(loc, next) != offsetAt(loc, next.Add(-time.Second)) {
			out = append(out, next)
		}
		t = next
	}
	return out
}

// nextChange is the first instant after t and before end at which loc's
// offset differs from its offset at t (found day by day, then to the
// second), or the zero time when there is none.
func nextChange(loc *time.Location, t, end time.Time) time.Time {
	off := offsetAt(loc, t)
	for lo := t; lo.Before(end); {
		hi := lo.Add(24 * time.Hour)
		if hi.After(end) {
			hi = end
		}
		if offsetAt(loc, hi) == off {
			lo = hi
			continue
		}
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
		return hi
	}
	return time.Time{}
}

func offsetAt(loc *time.Location, t time.Time) int { _, o := t.In(loc).Zone(); return o }

// relative turns the local date and clock of a transition into the
// relative SYSTEMTIME form; preferLast chooses week 5 ("last") for a day in
// the month's last seven days.
func relative(local time.Time, preferLast bool) SystemTime {
	week := (local.Day()-1)/7 + 1
	if preferLast && local.Day()+7 > daysIn(local.Year(), local.Month()) {
		week = 5
	}
	return SystemTime{Month: uint16(local.Month()), DayOfWeek: uint16(local.Weekday()), Day: uint16(week),
		Hour: uint16(local.Hour()), Minute: uint16(local.Minute()), Second: uint16(local.Second())}
}

// januaryFirst is a relative SYSTEMTIME that falls on 1 January 00:00 of year.
func januaryFirst(year int) SystemTime {
	wd := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Weekday()
	return SystemTime{Month: 1, DayOfWeek: uint16(wd), Day: 1}
}

// candidates returns the rules that reproduce loc's offsets in year (one
// per way of naming the transition weeks), or an error naming the year.
func candidates(loc *time.Location, year int) ([]Rule, error) {
	trs := yearTransitions(loc, year)
	before := offsetAt(loc, time.Date(year, 1, 1, 0, 0, 0, 0, loc).Add(-time.Second))
	base := Rule{MajorVersion: RuleMajorVersion, MinorVersion: RuleMinorVersion, Reserved: RuleReserved, Year: uint16(year)}
	set := func(std, dst int) {
		base.Bias = int32(-std / 60)
		base.StandardBias = 0
		base.DaylightBias = int32(-(dst - std) / 60)
	}
	switch len(trs) {
	case 0:
		std := offsetAt(loc, time.Date(year, 7, 1, 0, 0, 0, 0, loc))
		if std%60 != 0 {
			return nil, fmt.Errorf("%w: %d: offset %ds is not whole minutes", ErrNotExpressible, year, std)
		}
		set(std, std)
		base.DaylightBias = 0
		return []Rule{base}, nil
	case 1:
		after := offsetAt(loc, trs[0])
		var out []Rule
		for _, last := range []bool{true, false} {
			r := base
			if after > before { // a permanent move forward: "daylight" from the change to the year's end
				set(before, after)
				r.Bias, r.StandardBias, r.DaylightBias = base.Bias, 0, base.DaylightBias
				r.DaylightDate = relative(trs[0].In(time.FixedZone("", before)), last)
				r.StandardDate = januaryFirst(year)
			} else { // a permanent move back: "daylight" from 1 January to the change
				set(after, before)
				r.Bias, r.StandardBias, r.DaylightBias = base.Bias, 0, base.DaylightBias
				r.DaylightDate = januaryFirst(year)
				r.StandardDate = relative(trs[0].In(time.FixedZone("", before)), last)
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
		if std%60 != 0 || dst%60 != 0 {
			return nil, fmt.Errorf("%w: %d: offsets are not whole minutes", ErrNotExpressible, year)
		}
		var out []Rule
		for _, last := range []bool{true, false} {
			r := base
			set(std, dst)
			r.Bias, r.StandardBias, r.DaylightBias = base.Bias, 0, base.DaylightBias
			r.DaylightDate = relative(toDST.In(time.FixedZone("", std)), last)
			r.StandardDate = relative(toStd.In(time.FixedZone("", dst)), last)
			out = append(out, r)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w: %d has %d offset changes (more than one daylight-saving period)", ErrNotExpressible, year, len(trs))
}

// reproduces reports whether rule r gives loc's offsets throughout year.
func reproduces(r *Rule, loc *time.Location, year int) bool {
	want := yearTransitions(loc, year)
	d := Definition{Rules: []Rule{*r}}
	d.Rules[0].Year = 0
	for _, t := range want {
		for _, u := range []time.Time{t.Add(-time.Second), t} {
			if o, _, _ := d.Offset(u); o != offsetAt(loc, u) {
				return false
			}
		}
	}
	got := r.Transitions(year)
	if len(want) != len(got) && !(len(want) == 1 && len(got) == 2) {
		return false
	}
	// Offsets at a few points of the year must agree too.
	for m := 1; m <= 12; m++ {
		u := time.Date(year, time.Month(m), 15, 12, 0, 0, 0, time.UTC)
		if o, _, _ := d.Offset(u); o != offsetAt(loc, u) {
			return false
		}
	}
	return true
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
		if n := len(d.Rules); n > 0 && reproduces(&d.Rules[n-1], loc, y) {
			continue
		}
		cs, err := candidates(loc, y)
		if err != nil {
			return nil, nil, fmt.Errorf("tzdef: %s: %w", loc, err)
		}
		chosen := -1
		for i := range cs {
			if reproduces(&cs[i], loc, y) {
				if chosen < 0 {
					chosen = i
				}
				// Prefer the naming that also holds the next year.
				if y < lastYear && reproduces(&cs[i], loc, y+1) {
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
