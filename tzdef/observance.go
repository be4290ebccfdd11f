package tzdef

import (
	"iter"
	"time"
)

// TZID is the name d is known by in iCalendar (a VTIMEZONE's TZID, the
// TZID parameter of the times in it): its key name, or
// "TimeZoneDefinition" when the key name is empty.
func (d *Definition) TZID() string {
	if d.KeyName == "" {
		return "TimeZoneDefinition"
	}
	return d.KeyName
}

// Observance is one offset a zone changes to, from an onset on: the facts
// an iCalendar VTIMEZONE holds in a STANDARD or DAYLIGHT component
// (package ical writes them).
type Observance struct {
	// Daylight is true for daylight time, false for standard time.
	Daylight bool
	// Start is the first onset as the clock in force before it reads it:
	// its fields, in time.UTC (DTSTART).
	Start time.Time
	// OffsetFrom and OffsetTo are the UTC offsets in seconds before and
	// from the onset (TZOFFSETFROM, TZOFFSETTO).
	OffsetFrom, OffsetTo int
	// Yearly is true when the onset recurs every year on Date (an RRULE);
	// otherwise Start is the only onset.
	Yearly bool
	// Date is the rule date a yearly onset recurs on — a relative
	// SystemTime, the nth (5: last) weekday of a month at a time of day —
	// or zero for a change at the start of the year (1 January 00:00).
	Date SystemTime
	// Until is the instant (UTC) of the last onset of a yearly observance
	// that a later rule ends; zero when it recurs without end.
	Until time.Time
}

// Observances lists d's offsets for every local time from 1 January of
// year from on (a year before the first rule follows the first rule, as
// expansion does): an opening observance at 1601-01-01 00:00 with the
// offset in force as year from begins, then d's real changes of offset
// (those Offset and Transitions give) in the years from through two years
// after the last rule. A change that recurs on the same rule date in
// consecutive years is one yearly observance, closed by Until when a later
// rule ends it; a change at the start of a year (a rule that begins the
// year at another offset than the year before ended with) is dated
// 1 January 00:00. A date that daylight time "starts" on 1 January while
// it carries over from the year before changes nothing, and is not listed.
// A definition without rules has no observances.
func (d *Definition) Observances(from int) iter.Seq[Observance] {
	return func(yield func(Observance) bool) {
		if len(d.Rules) == 0 {
			return
		}
		last := from
		for i := range d.Rules {
			if y := int(d.Rules[i].Year); y > last {
				last = y
			}
		}
		observances(d, from, last, yield)
	}
}

// Observances lists tz's offsets for every local time from 1 January of
// year from on, as Definition.Observances does for a definition of one
// rule.
func (tz *TimeZoneStruct) Observances(from int) iter.Seq[Observance] {
	return func(yield func(Observance) bool) { observances(tz, from, from, yield) }
}

// change is one change of offset, keyed by what makes it recur.
type change struct {
	year     int
	utc      time.Time
	from, to int
	dst      bool
	date     SystemTime // the rule date; zero for a change at the year's start
}

func (c change) key() change { c.year, c.utc = 0, time.Time{}; return c }

// observances yields z's observances for local years from on: the opening
// one in force from 1601, then the changes of the years from … last+2
// grouped into yearly runs; the runs still going in the last of those
// years (the last rule repeating) have no Until.
func observances(z Zone, from, last int, yield func(Observance) bool) {
	yr, _ := z.Year(from)
	end := last + 2
	opening := Observance{Daylight: yr.prevDST, Start: time.Date(1601, 1, 1, 0, 0, 0, 0, time.UTC),
		OffsetFrom: yr.PrevOffset, OffsetTo: yr.PrevOffset}
	if !yield(opening) {
		return
	}
	type run struct {
		first, last change
	}
	var open []run // runs still recurring, in order of their first change
	flush := func(r run, until bool) bool {
		c := r.first
		o := Observance{Daylight: c.dst, Start: c.utc.Add(time.Duration(c.from) * time.Second),
			OffsetFrom: c.from, OffsetTo: c.to}
		if r.last.year > c.year || !until {
			o.Yearly, o.Date = true, c.date
			if until {
				o.Until = r.last.utc
			}
		}
		return yield(o)
	}
	for y := from; y <= end; y++ {
		if y > from {
			yr, _ = z.Year(y)
		}
		var now []change
		prevOff := yr.PrevOffset
		for i := 0; i < yr.n; i++ {
			s := yr.seg[i]
			if s.off != prevOff {
				now = append(now, change{y, s.from, prevOff, s.off, s.dst, s.date})
			}
			prevOff = s.off
		}
		// Extend the runs that recur this year; close the others.
		var next []run
		used := make([]bool, len(now))
		for _, r := range open {
			found := false
			for j, c := range now {
				if !used[j] && c.key() == r.first.key() && c.date.IsRelative() && r.last.year == y-1 {
					r.last = c
					used[j], found = true, true
					break
				}
			}
			if found {
				next = append(next, r)
			} else if !flush(r, true) {
				return
			}
		}
		for j, c := range now {
			if !used[j] {
				next = append(next, run{c, c})
			}
		}
		open = next
	}
	for _, r := range open {
		if !flush(r, r.last.year < end) {
			return
		}
	}
}
