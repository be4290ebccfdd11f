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

// VTimezone writes d as an iCalendar VTIMEZONE component (CRLF lines): TZID
// from the key name with X-LIC-LOCATION naming the IANA zone where CLDR knows
// it, and for each rule one STANDARD and one DAYLIGHT observance with a yearly
// RRULE (closed by UNTIL when a later rule replaces it), or one STANDARD
// without daylight saving.
func (d *Definition) VTimezone() string {
	var w ical.Writer
	d.writeVTimezone(&w)
	return w.String()
}

func (d *Definition) writeVTimezone(w *ical.Writer) {
	w.Line("BEGIN", "VTIMEZONE")
	w.Line("TZID", ical.Text(d.TZID()))
	if iana := IANAName(d.KeyName); iana != "" {
		w.Line("X-LIC-LOCATION", iana)
	}
	rules := append([]Rule(nil), d.Rules...)
	sortRules(rules)
	for i := range rules {
		r := &rules[i]
		from := int(r.Year)
		switch {
		case from < 1601 || i == 0 && !r.HasDST():
			from = 1601
		case i == 0:
			// The first rule also covers earlier years: start its observances a
			// year early so that January of its first year has an onset before it.
			from--
		}
		next := 0
		if i+1 < len(rules) {
			next = int(rules[i+1].Year)
		}
		writeObservances(w, r, from, next)
	}
	w.Line("END", "VTIMEZONE")
}

// VTimezone writes tz as a VTIMEZONE whose TZID is tzid.
func (tz *TimeZoneStruct) VTimezone(tzid string) string {
	var w ical.Writer
	tz.writeVTimezone(&w, tzid)
	return w.String()
}

func (tz *TimeZoneStruct) writeVTimezone(w *ical.Writer, tzid string) {
	r := tz.Rule()
	w.Line("BEGIN", "VTIMEZONE")
	w.Line("TZID", ical.Text(tzid))
	writeObservances(w, &r, 1970, 0)
	w.Line("END", "VTIMEZONE")
}

func sortRules(rs []Rule) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].Year < rs[j-1].Year; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// writeObservances writes rule r for years from … next−1 (next 0: no end).
func writeObservances(w *ical.Writer, r *Rule, from, next int) {
	std, dst := r.StandardOffset(), r.DaylightOffset()
	if !r.HasDST() {
		w.Line("BEGIN", "STANDARD")
		w.Line("DTSTART", fmt.Sprintf("%04d0101T000000", from))
		w.Line("TZOFFSETFROM", icalOffset(std))
		w.Line("TZOFFSETTO", icalOffset(std))
		w.Line("END", "STANDARD")
		return
	}
	for _, kind := range []string{"STANDARD", "DAYLIGHT"} {
		st, offFrom, offTo := r.StandardDate, dst, std
		if kind == "DAYLIGHT" {
			st, offFrom, offTo = r.DaylightDate, std, dst
		}
		year := from
		if !st.IsRelative() {
			year = int(st.Year)
		}
		m, day, ok := st.DateIn(year)
		if !ok {
			continue
		}
		wall := time.Date(year, m, day, 0, 0, 0, 0, time.UTC).Add(st.timeOfDay())
		w.Line("BEGIN", kind)
		w.Line("DTSTART", wall.Format("20060102T150405"))
		if st.IsRelative() {
			week := fmt.Sprint(st.Day)
			if st.Day == 5 {
				week = "-1"
			}
			rrule := fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%s%s", st.Month, week, icalDays[st.DayOfWeek%7])
			if next > 0 {
				if lm, ld, ok := st.DateIn(next - 1); ok {
					last := time.Date(next-1, lm, ld, 0, 0, 0, 0, time.UTC).Add(st.timeOfDay()).Add(-time.Duration(offFrom) * time.Second)
					rrule += ";UNTIL=" + last.Format("20060102T150405Z")
				}
			}
			w.Line("RRULE", rrule)
		}
		w.Line("TZOFFSETFROM", icalOffset(offFrom))
		w.Line("TZOFFSETTO", icalOffset(offTo))
		w.Line("TZNAME", abbrev(offTo))
		w.Line("END", kind)
	}
}
