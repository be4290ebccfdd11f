package ical

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

// Profile chooses how the export trades the RRULE's simplicity for
// exactness in the clients that read it.
type Profile int

const (
	// ProfileStandard writes one RRULE, exact by RFC 5545, in the forms
	// ical.js (Thunderbird) and libical (Evolution, GNOME) read right
	// wherever one exists. The exception: a monthly series on day 29 or 30
	// whose months include February is written BYMONTHDAY=28,29,30;
	// BYSETPOS=-1, which libical reads right and ical.js does not (it
	// ignores BYSETPOS beside BYMONTHDAY and shows three meetings a month).
	ProfileStandard Profile = iota
	// ProfileCompatible writes, for those series, an RRULE on the day
	// itself (which skips the months without it) plus an RDATE for each of
	// those months' last days, and UNTIL instead of COUNT (RDATEs are not
	// counted). Thunderbird needs it for such series. A series without end
	// gets RDATEs for RDateYears years (default 20) from its start.
	ProfileCompatible
)

// String names the profile as the CLI's --profile does.
func (p Profile) String() string {
	if p == ProfileCompatible {
		return "compatible"
	}
	return "standard"
}

// ExportOptions fill what a blob or an item does not hold.
type ExportOptions struct {
	// Summary, Location and UID are a bare series' SUMMARY, LOCATION and
	// UID (Series; the UID defaults to one derived from the blob). An item
	// has its own: its subject, location and GlobalObjectId.
	Summary, Location, UID string
	Stamp                  time.Time // DTSTAMP (default: now)
	ProdID                 string    // PRODID (default "-//mapiblob//mapiblob//EN")
	TZID                   string    // TZID for a TimeZoneStruct zone (default "TimeZoneStruct")
	Profile                Profile   // RRULE forms: ProfileStandard or ProfileCompatible
	// RDateYears bounds the RDATEs ProfileCompatible writes for a series
	// without end (0: 20 years from its start).
	RDateYears int
}

const defaultProdID = "-//mapiblob//mapiblob//EN"

func (o ExportOptions) withDefaults() ExportOptions {
	if o.Stamp.IsZero() {
		o.Stamp = time.Now()
	}
	if o.ProdID == "" {
		o.ProdID = defaultProdID
	}
	return o
}

const (
	fmtDateTime = "20060102T150405"
	fmtUTC      = "20060102T150405Z"
	fmtDate     = "20060102"
)

var weekdays = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// isNil reports whether z is nil or holds a nil zone.
func isNil(z tzdef.Zone) bool {
	switch v := z.(type) {
	case nil:
		return true
	case *tzdef.Definition:
		return v == nil
	case *tzdef.TimeZoneStruct:
		return v == nil
	}
	return false
}

// recurBody is the rule as an RRULE value without its end (COUNT, UNTIL).
func recurBody(r *recurrence.Rule) string {
	var b strings.Builder
	b.WriteString("FREQ=")
	b.WriteString(r.Freq.String())
	if r.Interval > 1 {
		b.WriteString(";INTERVAL=")
		b.WriteString(strconv.FormatUint(uint64(r.Interval), 10))
	}
	if r.ByMonth != 0 {
		b.WriteString(";BYMONTH=")
		b.WriteString(strconv.Itoa(int(r.ByMonth)))
	}
	for i, d := range r.ByMonthDay {
		if i == 0 {
			b.WriteString(";BYMONTHDAY=")
		} else {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(d))
	}
	if r.ByDay != 0 {
		b.WriteString(";BYDAY=")
		if r.ByDayN != 0 {
			b.WriteString(strconv.Itoa(r.ByDayN))
		}
		sep := ""
		for d := 0; d < 7; d++ {
			if r.ByDay&(1<<d) != 0 {
				b.WriteString(sep)
				b.WriteString(weekdays[d])
				sep = ","
			}
		}
	}
	if r.BySetPos != 0 {
		b.WriteString(";BYSETPOS=")
		b.WriteString(strconv.Itoa(r.BySetPos))
	}
	if r.HasWeekStart {
		b.WriteString(";WKST=")
		b.WriteString(weekdays[r.WeekStart%7])
	}
	return b.String()
}

// withEnd is an RRULE body with the rule's end: COUNT, UNTIL (as until
// writes the day it names) or none.
func withEnd(body string, r *recurrence.Rule, until func(recurrence.Minutes) (string, error)) (string, error) {
	switch {
	case r.HasCount:
		return body + ";COUNT=" + strconv.FormatUint(uint64(r.Count), 10), nil
	case r.HasUntil:
		u, err := until(r.Until)
		if err != nil {
			return "", err
		}
		return body + ";UNTIL=" + u, nil
	}
	return body, nil
}

// RRule returns the pattern as an RFC 5545 RRULE value (recurrence.Rule in
// text), for a series whose DTSTART is its first pattern date: COUNT for
// EndAfterNOccurrences, UNTIL as a DATE for EndAfterDate, nothing for
// NeverEnd. This is the form of a task's recurrence, whose dates are days.
func RRule(p *recurrence.Pattern) (string, error) {
	r, err := p.Rule()
	if err != nil {
		return "", err
	}
	return withEnd(recurBody(&r), &r, func(d recurrence.Minutes) (string, error) { return d.Time(nil).Format(fmtDate), nil })
}

// SeriesRRule returns the series' RRULE for a DTSTART of its first pattern
// date at StartTimeOffset: UNTIL is the last day's start time, in UTC when
// zone is given (floating local time otherwise).
func SeriesRRule(ap *recurrence.AppointmentPattern, zone tzdef.Zone) (string, error) {
	r, err := ap.RecurrencePattern.Rule()
	if err != nil {
		return "", err
	}
	return withEnd(recurBody(&r), &r, untilIn(ap, zone))
}

// untilIn writes an UNTIL for the series' day d: that day at
// StartTimeOffset, in UTC when zone is given, floating otherwise.
func untilIn(ap *recurrence.AppointmentPattern, zone tzdef.Zone) func(recurrence.Minutes) (string, error) {
	return func(d recurrence.Minutes) (string, error) {
		until := d + recurrence.Minutes(ap.StartTimeOffset)
		if isNil(zone) {
			return until.Time(nil).Format(fmtDateTime), nil
		}
		c, err := recurrence.NewClock(zone)
		if err != nil {
			return "", err
		}
		return c.At(until).UTC().Format(fmtUTC), nil
	}
}

// VTimezone builds the VTIMEZONE component of zone, giving its offsets to
// every local time from 1 January of year from on: for a
// *tzdef.Definition under tzid (default its TZID, the key name) with
// X-LIC-LOCATION naming the IANA zone where CLDR knows the key name; for a
// *tzdef.TimeZoneStruct under tzid (default "TimeZoneStruct"). from 0 is
// the year before the definition's first rule, 1970 for a TimeZoneStruct.
// The observances are the zone's real changes of offset
// (tzdef.Definition.Observances): a change that recurs on the same rule
// date in consecutive years is one observance with a yearly RRULE, closed
// by UNTIL when a later rule ends it. It is nil for a nil zone or one of
// another type.
func VTimezone(zone tzdef.Zone, tzid string, from int) *Component {
	if isNil(zone) {
		return nil
	}
	switch z := zone.(type) {
	case *tzdef.Definition:
		if tzid == "" {
			tzid = z.TZID()
		}
		if from == 0 {
			from = defaultFrom(z)
		}
		c := &Component{Name: "VTIMEZONE"}
		c.Add("TZID", Text(tzid))
		if iana := tzdef.IANAName(z.KeyName); iana != "" {
			c.Add("X-LIC-LOCATION", iana)
		}
		for o := range z.Observances(from) {
			c.Children = append(c.Children, observanceOf(o))
		}
		return c
	case *tzdef.TimeZoneStruct:
		if tzid == "" {
			tzid = "TimeZoneStruct"
		}
		if from == 0 {
			from = 1970
		}
		c := &Component{Name: "VTIMEZONE"}
		c.Add("TZID", Text(tzid))
		for o := range z.Observances(from) {
			c.Children = append(c.Children, observanceOf(o))
		}
		return c
	}
	return nil
}

// defaultFrom is the year before d's first rule (1601 without rules).
func defaultFrom(d *tzdef.Definition) int {
	from := 1601
	for i := range d.Rules {
		if y := int(d.Rules[i].Year); i == 0 || y-1 < from {
			from = y - 1
		}
	}
	return from
}

// observanceOf is the STANDARD or DAYLIGHT component of o.
func observanceOf(o tzdef.Observance) *Component {
	c := &Component{Name: "STANDARD"}
	if o.Daylight {
		c.Name = "DAYLIGHT"
	}
	c.Props = make([]Prop, 0, 5)
	c.Add("DTSTART", o.Start.Format(fmtDateTime))
	if o.Yearly {
		rule := yearly(o.Date)
		if !o.Until.IsZero() {
			rule += ";UNTIL=" + o.Until.Format(fmtUTC)
		}
		c.Add("RRULE", rule)
	}
	c.Add("TZOFFSETFROM", utcOffset(o.OffsetFrom))
	c.Add("TZOFFSETTO", utcOffset(o.OffsetTo))
	c.Add("TZNAME", tzdef.OffsetAbbrev(o.OffsetTo))
	return c
}

// yearly is the RRULE (without UNTIL) that repeats an onset on st every
// year: the nth (5: last) weekday of a month, or 1 January for a zero st.
func yearly(st tzdef.SystemTime) string {
	if st.IsZero() { // the start of the year
		return "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1"
	}
	week := strconv.Itoa(int(st.Day))
	if st.Day == 5 {
		week = "-1"
	}
	return "FREQ=YEARLY;BYMONTH=" + strconv.Itoa(int(st.Month)) + ";BYDAY=" + week + weekdays[st.DayOfWeek%7]
}

// utcOffset is a UTC-OFFSET value: ±HHMM, or ±HHMMSS when it has seconds.
func utcOffset(sec int) string {
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

// Series builds the series as a complete VCALENDAR: the VTIMEZONE of its
// zone, the master VEVENT with RRULE and an EXDATE for each deleted
// instance that is not the original date of an exception, and one
// overriding VEVENT with RECURRENCE-ID per exception (SUMMARY and LOCATION
// as the exception overrides them, TRANSP from its busy status,
// STATUS:CANCELLED for a cancelled one). zone is the series' zone (a
// *tzdef.Definition or *tzdef.TimeZoneStruct; nil writes floating times).
//
// The notes say what it adjusted so that clients place every instance
// where Outlook does:
//   - DTSTART is the first pattern date: RFC 5545 clients show DTSTART as
//     an occurrence even when the pattern does not give it, and Outlook
//     does not, so a StartDate that is not a pattern date is not written;
//   - a deleted date that is not a pattern date gets no EXDATE (it would
//     match no instance);
//   - an exception whose original date is not a pattern date gets an
//     RDATE at its original start, so that its RECURRENCE-ID matches an
//     instance (Outlook shows such an exception; clients drop an override
//     that matches nothing).
func Series(ap *recurrence.AppointmentPattern, zone tzdef.Zone, opt ExportOptions) (*Component, []string, error) {
	opt = opt.withDefaults()
	comps, notes, err := buildSeries(ap, zone, &opt, false)
	if err != nil {
		return nil, nil, err
	}
	cal := newCalendar(&opt, false)
	cal.Children = comps
	return cal, notes, nil
}

// newCalendar is a VCALENDAR without components: VERSION, PRODID and, for
// items, CALSCALE.
func newCalendar(opt *ExportOptions, calscale bool) *Component {
	c := &Component{Name: "VCALENDAR", Props: make([]Prop, 0, 3)}
	c.Add("VERSION", "2.0")
	c.Add("PRODID", Text(opt.ProdID))
	if calscale {
		c.Add("CALSCALE", "GREGORIAN")
	}
	return c
}

// buildSeries builds the series' VTIMEZONE (when its zone has one) and VEVENTs.
// With allDay, the dates of DTSTART, DTEND, RECURRENCE-ID and EXDATE are
// DATE values (the wall-clock day) and UNTIL the day the rule ends on.
func buildSeries(ap *recurrence.AppointmentPattern, zone tzdef.Zone, opt *ExportOptions, allDay bool) ([]*Component, []string, error) {
	if isNil(zone) {
		zone = nil
	}
	p := &ap.RecurrencePattern
	r, err := p.Rule()
	if err != nil {
		return nil, nil, err
	}
	clamped := opt.Profile == ProfileCompatible && r.ShortMonths
	if clamped { // the day alone; the short months' last days are RDATEs
		r.ByMonthDay, r.BySetPos = r.ByMonthDay[len(r.ByMonthDay)-1:], 0
	}
	body := recurBody(&r)
	first, ok := p.FirstDate()
	if !ok {
		return nil, nil, fmt.Errorf("%w: the series has no occurrence", recurrence.ErrNotExportable)
	}
	c, err := recurrence.NewClock(zone)
	if err != nil {
		return nil, nil, err
	}
	var notes []string
	if first != p.StartDate {
		notes = append(notes, fmt.Sprintf("DTSTART is %s, the first date of the pattern: StartDate %s is not one, and Outlook shows no meeting there",
			first.String()[:10], p.StartDate.String()[:10]))
	}
	until := untilIn(ap, zone)
	if allDay {
		until = func(d recurrence.Minutes) (string, error) { return d.Time(nil).Format(fmtDate), nil }
	}
	// RDATEs: the days ProfileCompatible's RRULE leaves out, and the
	// original dates of exceptions that the pattern does not give.
	var rdates []recurrence.Minutes
	var rrule string
	if clamped {
		last, ok, err := p.LastDate(recurrence.DateOptions{})
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			years := opt.RDateYears
			if years <= 0 {
				years = 20
			}
			m, _ := recurrence.MinutesOf(p.StartDate.Time(nil).AddDate(years, 0, 0))
			last = m.Date()
			notes = append(notes, fmt.Sprintf("profile compatible: the series has no end; RDATEs for the months without day %d are written through %s only",
				p.PatternTypeSpecific.Day, last.String()[:10]))
		}
		for d, err := range p.Dates(time.Time{}, last.Time(nil), recurrence.DateOptions{}) {
			if err != nil {
				return nil, nil, err
			}
			if d.Time(nil).Day() != int(p.PatternTypeSpecific.Day) {
				rdates = append(rdates, d)
			}
		}
		end := p.EndDate
		if p.EndType == recurrence.EndAfterNOccurrences {
			end = last // RDATEs are not counted: bound the RRULE by UNTIL
		}
		if p.EndType.IsNeverEnd() {
			rrule = body
		} else {
			u, err := until(end)
			if err != nil {
				return nil, nil, err
			}
			rrule = body + ";UNTIL=" + u
		}
	} else if rrule, err = withEnd(body, &r, until); err != nil {
		return nil, nil, err
	}
	var comps []*Component
	// The VTIMEZONE covers every local time written: from the year before
	// the earliest of them, so that its first onset precedes them all.
	tzid := ""
	switch z := zone.(type) {
	case *tzdef.Definition:
		tzid = z.TZID()
	case *tzdef.TimeZoneStruct:
		if tzid = opt.TZID; tzid == "" {
			tzid = "TimeZoneStruct"
		}
	}
	if tzid != "" {
		comps = append(comps, VTimezone(zone, tzid, earliestDate(ap).Time(nil).Year()-1))
	}
	when := func(ev *Component, name string, m recurrence.Minutes) {
		var t time.Time
		if tzid == "" {
			t = m.Time(nil)
		} else {
			t = c.At(m)
		}
		switch {
		case allDay && name != "RDATE":
			ev.Add(name, t.Format(fmtDate), Param{"VALUE", "DATE"})
		case tzid == "":
			ev.Add(name, t.Format(fmtDateTime))
		default:
			ev.Add(name, t.Format(fmtDateTime), Param{"TZID", tzid})
		}
	}
	uid := opt.UID
	if uid == "" {
		b, _ := ap.MarshalBinary()
		uid = fmt.Sprintf("mapiblob-%08x-%d@mapiblob", fnv32(b), ap.RecurrencePattern.StartDate)
	}
	moved := map[recurrence.Minutes]bool{}
	for i := range ap.Exceptions {
		e := &ap.Exceptions[i].Info
		d := e.OriginalStartDate.Date()
		moved[d] = true
		if !p.HasDate(d) {
			rdates = append(rdates, d)
			notes = append(notes, fmt.Sprintf("exception %d: its original date %s is not a date of the pattern; an RDATE gives its RECURRENCE-ID an instance to replace",
				i, d.String()[:10]))
		}
	}
	stamp := opt.Stamp.UTC().Format(fmtUTC)
	master := &Component{Name: "VEVENT"}
	master.Add("UID", Text(uid))
	master.Add("DTSTAMP", stamp)
	when(master, "DTSTART", first+recurrence.Minutes(ap.StartTimeOffset))
	when(master, "DTEND", first+recurrence.Minutes(ap.EndTimeOffset))
	if opt.Summary != "" {
		master.Add("SUMMARY", Text(opt.Summary))
	}
	if opt.Location != "" {
		master.Add("LOCATION", Text(opt.Location))
	}
	master.Add("RRULE", rrule)
	// RDATEs are written as UTC instants: libical's own expansion
	// (icalcomponent_foreach_recurrence) ignores an RDATE's TZID.
	for _, d := range rdates {
		if tzid == "" {
			when(master, "RDATE", d+recurrence.Minutes(ap.StartTimeOffset))
		} else {
			master.Add("RDATE", c.At(d+recurrence.Minutes(ap.StartTimeOffset)).UTC().Format(fmtUTC))
		}
	}
	for _, d := range p.DeletedInstanceDates {
		if moved[d] {
			continue
		}
		if !p.HasDate(d) {
			notes = append(notes, fmt.Sprintf("deleted date %s is not a date of the series; no EXDATE is written for it", d.String()[:10]))
			continue
		}
		when(master, "EXDATE", d+recurrence.Minutes(ap.StartTimeOffset))
	}
	comps = append(comps, master)
	for i := range ap.Exceptions {
		e := &ap.Exceptions[i].Info
		ev := &Component{Name: "VEVENT"}
		ev.Add("UID", Text(uid))
		ev.Add("DTSTAMP", stamp)
		when(ev, "RECURRENCE-ID", e.OriginalStartDate)
		when(ev, "DTSTART", e.StartDateTime)
		when(ev, "DTEND", e.EndDateTime)
		summary, location := opt.Summary, opt.Location
		if e.OverrideFlags&recurrence.ARO_SUBJECT != 0 {
			summary = ap.Exception(i).Subject(ap.CodePage)
		}
		if e.OverrideFlags&recurrence.ARO_LOCATION != 0 {
			location = ap.Exception(i).Location(ap.CodePage)
		}
		if summary != "" {
			ev.Add("SUMMARY", Text(summary))
		}
		if location != "" {
			ev.Add("LOCATION", Text(location))
		}
		if e.OverrideFlags&recurrence.ARO_BUSYSTATUS != 0 {
			if e.BusyStatus == 0 {
				ev.Add("TRANSP", "TRANSPARENT")
			} else {
				ev.Add("TRANSP", "OPAQUE")
			}
		}
		if e.OverrideFlags&recurrence.ARO_MEETINGTYPE != 0 && e.MeetingType&0x4 != 0 {
			ev.Add("STATUS", "CANCELLED")
		}
		comps = append(comps, ev)
	}
	return comps, notes, nil
}

// earliestDate is the earliest wall-clock time the series' iCalendar form
// names: its start, a deleted date, an exception's original or new start.
func earliestDate(ap *recurrence.AppointmentPattern) recurrence.Minutes {
	m := ap.RecurrencePattern.StartDate
	for _, d := range ap.RecurrencePattern.DeletedInstanceDates {
		m = min(m, d)
	}
	for i := range ap.Exceptions {
		e := &ap.Exceptions[i].Info
		m = min(m, e.StartDateTime, e.OriginalStartDate)
	}
	return m
}

// fnv32 is the 32-bit FNV-1a hash of b.
func fnv32(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}
