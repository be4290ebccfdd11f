package tzdef

import (
	"fmt"
	"iter"

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
	writeObservances(&w, d.Observances(year))
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
	writeObservances(&w, tz.Observances(year))
	w.Line("END", "VTIMEZONE")
	return w.String()
}

// writeObservances writes the observances as STANDARD and DAYLIGHT
// components.
func writeObservances(w *ical.Writer, obs iter.Seq[Observance]) {
	for o := range obs {
		rrule := ""
		if o.Yearly {
			rrule = yearlyRule(o.Date)
			if !o.Until.IsZero() {
				rrule += ";UNTIL=" + o.Until.Format("20060102T150405Z")
			}
		}
		writeObservance(w, o.Daylight, o.Start.Format("20060102T150405"), rrule, o.OffsetFrom, o.OffsetTo)
	}
}

// yearlyRule is the RRULE (without UNTIL) that repeats an onset on st every year.
func yearlyRule(st SystemTime) string {
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
