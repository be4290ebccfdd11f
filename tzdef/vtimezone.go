package tzdef

import (
	"fmt"
	"time"

	"github.com/mapiblob/mapiblob/internal/ical"
)

var icalDays = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

func icalOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec%3600/60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}

// TZID is the iCalendar TZID of d: its key name, or "TimeZoneDefinition"
// when the key name is empty.
func (d *Definition) TZID() string {
	if d.KeyName == "" {
		return "TimeZoneDefinition"
	}
	return d.KeyName
}

// VTimezone writes d as an iCalendar VTIMEZONE component (CRLF lines)
// covering local times from 1 January of the year before its first rule;
// VTimezoneFrom covers earlier years.
func (d *Definition) VTimezone() string {
	from := 1601
	for i := range d.Rules {
		if y := int(d.Rules[i].Year); i == 0 || y-1 < from {
			from = y - 1
		}
	}
	return d.VTimezoneFrom(from)
}

// VTimezoneFrom writes d as an iCalendar VTIMEZONE component (CRLF lines)
// that gives d's offsets to every local time from 1 January of year on (a
// year before the first rule follows the first rule, as expansion does).
// TZID is the key name, with X-LIC-LOCATION naming the IANA zone where
// CLDR knows it. The observances are d's real changes of offset (those
// Offset and Transitions give): a change that recurs on the same rule date
// in consecutive years is one observance with a yearly RRULE, closed by
// UNTIL when a later rule ends it; a change at the start of a year (a rule
// that begins the year at another offset than the year before ended with)
// is an observance dated 1 January 00:00. A date that daylight time
// "starts" on 1 January while it carries over from the year before changes
// nothing, and is not written.
func (d *Definition) VTimezoneFrom(year int) string {
	var w ical.Writer
	w.Line("BEGIN", "VTIMEZONE")
	w.Line("TZID", ical.Text(d.TZID()))
	if iana := IANAName(d.KeyName); iana != "" {
		w.Line("X-LIC-LOCATION", iana)
	}
	last := year
	for i := range d.Rules {
		if y := int(d.Rules[i].Year); y > last {
			last = y
		}
	}
	if len(d.Rules) > 0 {
		writeObservances(&w, d, year, last)
	}
	w.Line("END", "VTIMEZONE")
	return w.String()
}

// VTimezone writes tz as a VTIMEZONE whose TZID is tzid, covering local
// times from 1970 on.
func (tz *TimeZoneStruct) VTimezone(tzid string) string { return tz.VTimezoneFrom(tzid, 1970) }

// VTimezoneFrom writes tz as a VTIMEZONE whose TZID is tzid, covering local
// times from 1 January of year on.
func (tz *TimeZoneStruct) VTimezoneFrom(tzid string, year int) string {
	var w ical.Writer
	w.Line("BEGIN", "VTIMEZONE")
	w.Line("TZID", ical.Text(tzid))
	writeObservances(&w, tz, year, year)
	w.Line("END", "VTIMEZONE")
	return w.String()
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

// writeObservances writes z's changes of offset for local years from on:
// an opening observance in force from 1601, then the changes of the years
// from … last+2 grouped into yearly runs; the runs still going in the last
// of those years (the last rule repeating) have no UNTIL.
func writeObservances(w *ical.Writer, z interface{ Year(int) (YearRule, bool) }, from, last int) {
	yr, _ := z.Year(from)
	end := last + 2
	// The opening observance: the offset in force as the year from begins.
	writeObservance(w, yr.prevDST, "16010101T000000", "", yr.PrevOffset, yr.PrevOffset)
	type run struct {
		first, last change
	}
	var open []run // runs still recurring, in order of their first change
	flush := func(r run, until bool) {
		c := r.first
		local := c.utc.Add(time.Duration(c.from) * time.Second).Format("20060102T150405")
		rrule := ""
		if r.last.year > c.year || !until {
			rrule = yearlyRule(c)
			if until {
				rrule += ";UNTIL=" + r.last.utc.Format("20060102T150405Z")
			}
		}
		writeObservance(w, c.dst, local, rrule, c.from, c.to)
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
			} else {
				flush(r, true)
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
		flush(r, r.last.year < end)
	}
}

// yearlyRule is the RRULE (without UNTIL) that repeats change c every year.
func yearlyRule(c change) string {
	st := c.date
	if st.IsZero() { // the start of the year
		return "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1"
	}
	week := fmt.Sprint(st.Day)
	if st.Day == 5 {
		week = "-1"
	}
	return fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%s%s", st.Month, week, icalDays[st.DayOfWeek%7])
}

func writeObservance(w *ical.Writer, dst bool, dtstart, rrule string, from, to int) {
	kind := "STANDARD"
	if dst {
		kind = "DAYLIGHT"
	}
	w.Line("BEGIN", kind)
	w.Line("DTSTART", dtstart)
	if rrule != "" {
		w.Line("RRULE", rrule)
	}
	w.Line("TZOFFSETFROM", icalOffset(from))
	w.Line("TZOFFSETTO", icalOffset(to))
	w.Line("TZNAME", abbrev(to))
	w.Line("END", kind)
}
