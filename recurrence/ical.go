package recurrence

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/internal/ical"
	"github.com/mapiblob/mapiblob/tzdef"
)

// ErrNotExportable: the pattern has no RFC 5545 equivalent (a Hijri or
// other non-Gregorian calendar, a daily period that is not whole days).
var ErrNotExportable = errors.New("recurrence: pattern has no iCalendar RRULE")

var rruleDays = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

func byDay(m DayMask) string {
	var ds []string
	for d := 0; d < 7; d++ {
		if m&(1<<d) != 0 {
			ds = append(ds, rruleDays[d])
		}
	}
	return strings.Join(ds, ",")
}

// rruleBody is the RRULE without its end (COUNT/UNTIL).
func (p *Pattern) rruleBody() (string, error) {
	if err := p.Expandable(); err != nil {
		return "", fmt.Errorf("%w: %w", ErrNotExportable, err)
	}
	s := p.PatternTypeSpecific
	interval := func(n uint32) string {
		if n <= 1 {
			return ""
		}
		return ";INTERVAL=" + strconv.FormatUint(uint64(n), 10)
	}
	monthDay := func(day uint32) string {
		switch {
		case day >= 31:
			return ";BYMONTHDAY=-1"
		case day == 30:
			return ";BYMONTHDAY=28,29,30;BYSETPOS=-1"
		case day == 29:
			return ";BYMONTHDAY=28,29;BYSETPOS=-1"
		}
		return ";BYMONTHDAY=" + strconv.FormatUint(uint64(day), 10)
	}
	var parts string
	switch p.PatternType {
	case Day:
		return "FREQ=DAILY" + interval(p.Period/1440), nil
	case Week:
		return "FREQ=WEEKLY" + interval(p.Period) + ";BYDAY=" + byDay(s.DaysOfWeek) + ";WKST=" + rruleDays[p.FirstDOW%7], nil
	case Month:
		parts = monthDay(s.Day)
	case MonthEnd:
		parts = ";BYMONTHDAY=-1"
	case MonthNth:
		pos := strconv.FormatUint(uint64(s.N), 10)
		if s.N == 5 {
			pos = "-1"
		}
		parts = ";BYDAY=" + byDay(s.DaysOfWeek) + ";BYSETPOS=" + pos
	}
	if p.Period%12 == 0 {
		return "FREQ=YEARLY" + interval(p.Period/12) + ";BYMONTH=" + strconv.Itoa(int(p.StartDate.Time(nil).Month())) + parts, nil
	}
	return "FREQ=MONTHLY" + interval(p.Period) + parts, nil
}

// RRule returns the pattern as an RFC 5545 RRULE value, for a series whose
// DTSTART is the date StartDate: COUNT for EndAfterNOccurrences, UNTIL as a
// DATE for EndAfterDate, nothing for NeverEnd. A day beyond a month's end is
// written so that RFC 5545 engines also take the month's last day
// (BYMONTHDAY=-1, or 28,29,30 with BYSETPOS=-1).
func (p *Pattern) RRule() (string, error) {
	return p.rrule(func() (string, error) { return p.EndDate.Time(nil).Format("20060102"), nil })
}

// RRule returns the series' RRULE for a DTSTART of StartDate +
// StartTimeOffset: UNTIL is the last day's start time, in UTC when zone is
// given (floating local time otherwise).
func (ap *AppointmentPattern) RRule(zone tzdef.Zone) (string, error) {
	until := ap.RecurrencePattern.EndDate + Minutes(ap.StartTimeOffset)
	return ap.RecurrencePattern.rrule(func() (string, error) {
		if zone == nil || isNilZone(zone) {
			return until.Time(nil).Format("20060102T150405"), nil
		}
		c, err := newClock(zone)
		if err != nil {
			return "", err
		}
		return c.at(until).UTC().Format("20060102T150405Z"), nil
	})
}

// rrule is the RRULE with its end: COUNT, UNTIL (as until writes it) or none.
func (p *Pattern) rrule(until func() (string, error)) (string, error) {
	body, err := p.rruleBody()
	if err != nil {
		return "", err
	}
	switch {
	case p.EndType == EndAfterNOccurrences:
		return body + ";COUNT=" + strconv.FormatUint(uint64(p.OccurrenceCount), 10), nil
	case p.EndType == EndAfterDate:
		u, err := until()
		if err != nil {
			return "", err
		}
		return body + ";UNTIL=" + u, nil
	}
	return body, nil
}

// ICalOptions fill what the blob does not hold.
type ICalOptions struct {
	Summary  string    // the series' subject
	Location string    // the series' location
	UID      string    // the iCalendar UID (default: one derived from the blob)
	Stamp    time.Time // DTSTAMP (default: now)
	TZID     string    // TZID for a TimeZoneStruct zone (default "TimeZoneStruct")
	ProdID   string    // PRODID (default "-//mapiblob//mapiblob//EN")
}

// ICalendar writes the series as a complete VCALENDAR: the VTIMEZONE of its
// zone, the master VEVENT with RRULE and an EXDATE for each deleted
// instance that is not the original date of an exception, and one
// overriding VEVENT with RECURRENCE-ID per exception.
func (ap *AppointmentPattern) ICalendar(zone tzdef.Zone, opt ICalOptions) (string, error) {
	if zone != nil && isNilZone(zone) {
		zone = nil
	}
	rrule, err := ap.RRule(zone)
	if err != nil {
		return "", err
	}
	c, err := newClock(zone)
	if err != nil {
		return "", err
	}
	var w ical.Writer
	prod := opt.ProdID
	if prod == "" {
		prod = "-//mapiblob//mapiblob//EN"
	}
	stamp := opt.Stamp
	if stamp.IsZero() {
		stamp = time.Now()
	}
	tzid := ""
	w.Line("BEGIN", "VCALENDAR")
	w.Line("VERSION", "2.0")
	w.Line("PRODID", ical.Text(prod))
	// The VTIMEZONE covers every local time written: from the year before
	// the earliest of them, so that its first onset precedes them all.
	from := ap.earliestDate().Time(nil).Year() - 1
	switch z := zone.(type) {
	case *tzdef.Definition:
		tzid = z.TZID()
		w.Raw(z.VTimezoneFrom(from))
	case *tzdef.TimeZoneStruct:
		tzid = opt.TZID
		if tzid == "" {
			tzid = "TimeZoneStruct"
		}
		w.Raw(z.VTimezoneFrom(tzid, from))
	}
	when := func(name string, m Minutes) {
		if tzid == "" {
			w.Line(name, m.Time(nil).Format("20060102T150405"))
			return
		}
		w.Line(name+";TZID="+ical.Param(tzid), c.at(m).Format("20060102T150405"))
	}
	uid := opt.UID
	if uid == "" {
		b, _ := ap.MarshalBinary()
		uid = fmt.Sprintf("mapiblob-%08x-%d@mapiblob", crc(b), ap.RecurrencePattern.StartDate)
	}
	p := &ap.RecurrencePattern
	first := p.StartDate + Minutes(ap.StartTimeOffset)
	w.Line("BEGIN", "VEVENT")
	w.Line("UID", ical.Text(uid))
	w.Line("DTSTAMP", stamp.UTC().Format("20060102T150405Z"))
	when("DTSTART", first)
	when("DTEND", p.StartDate+Minutes(ap.EndTimeOffset))
	if opt.Summary != "" {
		w.Line("SUMMARY", ical.Text(opt.Summary))
	}
	if opt.Location != "" {
		w.Line("LOCATION", ical.Text(opt.Location))
	}
	w.Line("RRULE", rrule)
	moved := map[Minutes]bool{}
	for i := range ap.ExceptionInfo {
		moved[ap.ExceptionInfo[i].OriginalStartDate.Date()] = true
	}
	for _, d := range p.DeletedInstanceDates {
		if !moved[d] {
			when("EXDATE", d+Minutes(ap.StartTimeOffset))
		}
	}
	w.Line("END", "VEVENT")
	for i := range ap.ExceptionInfo {
		e := &ap.ExceptionInfo[i]
		w.Line("BEGIN", "VEVENT")
		w.Line("UID", ical.Text(uid))
		w.Line("DTSTAMP", stamp.UTC().Format("20060102T150405Z"))
		when("RECURRENCE-ID", e.OriginalStartDate)
		when("DTSTART", e.StartDateTime)
		when("DTEND", e.EndDateTime)
		summary, location := opt.Summary, opt.Location
		if e.OverrideFlags&ARO_SUBJECT != 0 {
			summary = subjectOf(e, ap.extended(i), ap.CodePage)
		}
		if e.OverrideFlags&ARO_LOCATION != 0 {
			location = locationOf(e, ap.extended(i), ap.CodePage)
		}
		if summary != "" {
			w.Line("SUMMARY", ical.Text(summary))
		}
		if location != "" {
			w.Line("LOCATION", ical.Text(location))
		}
		if e.OverrideFlags&ARO_BUSYSTATUS != 0 {
			if e.BusyStatus == 0 {
				w.Line("TRANSP", "TRANSPARENT")
			} else {
				w.Line("TRANSP", "OPAQUE")
			}
		}
		if e.OverrideFlags&ARO_MEETINGTYPE != 0 && e.MeetingType&0x4 != 0 {
			w.Line("STATUS", "CANCELLED")
		}
		w.Line("END", "VEVENT")
	}
	w.Line("END", "VCALENDAR")
	return w.String(), nil
}

// earliestDate is the earliest wall-clock time the series' iCalendar form
// names: its start, a deleted date, an exception's original or new start.
func (ap *AppointmentPattern) earliestDate() Minutes {
	m := ap.RecurrencePattern.StartDate
	for _, d := range ap.RecurrencePattern.DeletedInstanceDates {
		m = min(m, d)
	}
	for i := range ap.ExceptionInfo {
		e := &ap.ExceptionInfo[i]
		m = min(m, e.StartDateTime, e.OriginalStartDate)
	}
	return m
}

func crc(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}
