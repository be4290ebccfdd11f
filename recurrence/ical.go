package recurrence

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/internal/ical"
	"github.com/mapiblob/mapiblob/tzdef"
)

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

// rruleBody is the RRULE without its end (COUNT/UNTIL). With compatible
// set, a rule with ShortMonths is written with the day alone (RFC 5545
// skips the months without it), and clamped is true: the caller adds those
// months' last days as RDATEs.
func (p *Pattern) rruleBody(compatible bool) (body string, clamped bool, err error) {
	r, err := p.Rule()
	if err != nil {
		return "", false, err
	}
	if compatible && r.ShortMonths {
		r.ByMonthDay, r.BySetPos, clamped = r.ByMonthDay[len(r.ByMonthDay)-1:], 0, true
	}
	body = "FREQ=" + r.Freq.String()
	if r.Interval > 1 {
		body += ";INTERVAL=" + strconv.FormatUint(uint64(r.Interval), 10)
	}
	if r.ByMonth != 0 {
		body += ";BYMONTH=" + strconv.Itoa(int(r.ByMonth))
	}
	if len(r.ByMonthDay) > 0 {
		days := make([]string, len(r.ByMonthDay))
		for i, d := range r.ByMonthDay {
			days[i] = strconv.Itoa(d)
		}
		body += ";BYMONTHDAY=" + strings.Join(days, ",")
	}
	if r.ByDay != 0 {
		body += ";BYDAY="
		if r.ByDayN != 0 {
			body += strconv.Itoa(r.ByDayN)
		}
		body += byDay(r.ByDay)
	}
	if r.BySetPos != 0 {
		body += ";BYSETPOS=" + strconv.Itoa(r.BySetPos)
	}
	if r.HasWeekStart {
		body += ";WKST=" + rruleDays[r.WeekStart]
	}
	return body, clamped, nil
}

// RRule returns the pattern as an RFC 5545 RRULE value, for a series whose
// DTSTART is its first pattern date: COUNT for EndAfterNOccurrences, UNTIL
// as a DATE for EndAfterDate, nothing for NeverEnd. A day beyond a month's
// end is written so that RFC 5545 engines also take the month's last day:
// BYMONTHDAY=-1 where that is always the day (day 31; day 29 of
// February), the day itself where every month the pattern visits has it,
// else the last of the days 28…day (BYSETPOS=-1), which ical.js misreads
// (see ProfileCompatible).
func (p *Pattern) RRule() (string, error) {
	body, _, err := p.rruleBody(false)
	if err != nil {
		return "", err
	}
	return p.withEnd(body, func() (string, error) { return p.EndDate.Time(nil).Format("20060102"), nil })
}

// RRule returns the series' RRULE for a DTSTART of its first pattern date
// at StartTimeOffset: UNTIL is the last day's start time, in UTC when zone
// is given (floating local time otherwise).
func (ap *AppointmentPattern) RRule(zone tzdef.Zone) (string, error) {
	body, _, err := ap.RecurrencePattern.rruleBody(false)
	if err != nil {
		return "", err
	}
	return ap.RecurrencePattern.withEnd(body, ap.untilFunc(zone, ap.RecurrencePattern.EndDate))
}

func (ap *AppointmentPattern) untilFunc(zone tzdef.Zone, end Minutes) func() (string, error) {
	until := end + Minutes(ap.StartTimeOffset)
	return func() (string, error) {
		if zone == nil || isNilZone(zone) {
			return until.Time(nil).Format("20060102T150405"), nil
		}
		c, err := newClock(zone)
		if err != nil {
			return "", err
		}
		return c.at(until).UTC().Format("20060102T150405Z"), nil
	}
}

// withEnd is the RRULE body with its end: COUNT, UNTIL (as until writes it) or none.
func (p *Pattern) withEnd(body string, until func() (string, error)) (string, error) {
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

// Profile chooses how ICalendar trades the RRULE's simplicity for
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

// ICalOptions fill what the blob does not hold.
type ICalOptions struct {
	Summary  string    // the series' subject
	Location string    // the series' location
	UID      string    // the iCalendar UID (default: one derived from the blob)
	Stamp    time.Time // DTSTAMP (default: now)
	TZID     string    // TZID for a TimeZoneStruct zone (default "TimeZoneStruct")
	ProdID   string    // PRODID (default "-//mapiblob//mapiblob//EN")
	Profile  Profile   // RRULE forms: ProfileStandard or ProfileCompatible
	// RDateYears bounds the RDATEs ProfileCompatible writes for a series
	// without end (0: 20 years from its start).
	RDateYears int
}

// ICalendar writes the series as a complete VCALENDAR: the VTIMEZONE of its
// zone, the master VEVENT with RRULE and an EXDATE for each deleted
// instance that is not the original date of an exception, and one
// overriding VEVENT with RECURRENCE-ID per exception. What it had to adjust
// so that clients show what Outlook shows is in ICalendarNotes.
func (ap *AppointmentPattern) ICalendar(zone tzdef.Zone, opt ICalOptions) (string, error) {
	text, _, err := ap.ICalendarNotes(zone, opt)
	return text, err
}

// ICalendarNotes is ICalendar, and says what it adjusted so that clients
// place every instance where Outlook does:
//   - DTSTART is the first pattern date: RFC 5545 clients show DTSTART as
//     an occurrence even when the pattern does not give it, and Outlook
//     does not, so a StartDate that is not a pattern date is not written;
//   - a deleted date that is not a pattern date gets no EXDATE (it would
//     match no instance);
//   - an exception whose original date is not a pattern date gets an
//     RDATE at its original start, so that its RECURRENCE-ID matches an
//     instance (Outlook shows such an exception; clients drop an override
//     that matches nothing).
func (ap *AppointmentPattern) ICalendarNotes(zone tzdef.Zone, opt ICalOptions) (string, []string, error) {
	if zone != nil && isNilZone(zone) {
		zone = nil
	}
	p := &ap.RecurrencePattern
	compatible := opt.Profile == ProfileCompatible
	body, clamped, err := p.rruleBody(compatible)
	if err != nil {
		return "", nil, err
	}
	first, ok := p.FirstDate()
	if !ok {
		return "", nil, fmt.Errorf("%w: the series has no occurrence", ErrNotExportable)
	}
	c, err := newClock(zone)
	if err != nil {
		return "", nil, err
	}
	var notes []string
	if first != p.StartDate {
		notes = append(notes, fmt.Sprintf("DTSTART is %s, the first date of the pattern: StartDate %s is not one, and Outlook shows no meeting there",
			first.String()[:10], p.StartDate.String()[:10]))
	}
	// RDATEs: the days ProfileCompatible's RRULE leaves out, and the
	// original dates of exceptions that the pattern does not give.
	var rdates []Minutes
	rrule := ""
	if clamped {
		last, err := p.lastDate(DefaultMaxInstances)
		if err != nil {
			return "", nil, err
		}
		if last < 0 {
			years := opt.RDateYears
			if years <= 0 {
				years = 20
			}
			m, _ := MinutesOf(p.StartDate.Time(nil).AddDate(years, 0, 0))
			last = dayOf(m)
			notes = append(notes, fmt.Sprintf("profile compatible: the series has no end; RDATEs for the months without day %d are written through %s only",
				p.PatternTypeSpecific.Day, last.minutes().String()[:10]))
		}
		for d, err := range p.Dates(time.Time{}, last.minutes().Time(nil), DateOptions{}) {
			if err != nil {
				return "", nil, err
			}
			if d.Time(nil).Day() != int(p.PatternTypeSpecific.Day) {
				rdates = append(rdates, d)
			}
		}
		end := p.EndDate
		if p.EndType == EndAfterNOccurrences {
			end = last.minutes() // RDATEs are not counted: bound the RRULE by UNTIL
		}
		if p.EndType.IsNeverEnd() {
			rrule = body
		} else {
			u, err := ap.untilFunc(zone, end)()
			if err != nil {
				return "", nil, err
			}
			rrule = body + ";UNTIL=" + u
		}
	} else {
		rrule, err = p.withEnd(body, ap.untilFunc(zone, p.EndDate))
		if err != nil {
			return "", nil, err
		}
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
	moved := map[Minutes]bool{}
	for i := range ap.Exceptions {
		e := &ap.Exceptions[i].Info
		d := e.OriginalStartDate.Date()
		moved[d] = true
		if !p.isPatternDate(d) {
			rdates = append(rdates, d)
			notes = append(notes, fmt.Sprintf("exception %d: its original date %s is not a date of the pattern; an RDATE gives its RECURRENCE-ID an instance to replace",
				i, d.String()[:10]))
		}
	}
	w.Line("BEGIN", "VEVENT")
	w.Line("UID", ical.Text(uid))
	w.Line("DTSTAMP", stamp.UTC().Format("20060102T150405Z"))
	when("DTSTART", first+Minutes(ap.StartTimeOffset))
	when("DTEND", first+Minutes(ap.EndTimeOffset))
	if opt.Summary != "" {
		w.Line("SUMMARY", ical.Text(opt.Summary))
	}
	if opt.Location != "" {
		w.Line("LOCATION", ical.Text(opt.Location))
	}
	w.Line("RRULE", rrule)
	// RDATEs are written as UTC instants: libical's own expansion
	// (icalcomponent_foreach_recurrence) ignores an RDATE's TZID.
	for _, d := range rdates {
		if tzid == "" {
			when("RDATE", d+Minutes(ap.StartTimeOffset))
		} else {
			w.Line("RDATE", c.at(d+Minutes(ap.StartTimeOffset)).UTC().Format("20060102T150405Z"))
		}
	}
	for _, d := range p.DeletedInstanceDates {
		if moved[d] {
			continue
		}
		if !p.isPatternDate(d) {
			notes = append(notes, fmt.Sprintf("deleted date %s is not a date of the series; no EXDATE is written for it", d.String()[:10]))
			continue
		}
		when("EXDATE", d+Minutes(ap.StartTimeOffset))
	}
	w.Line("END", "VEVENT")
	for i := range ap.Exceptions {
		e := &ap.Exceptions[i].Info
		w.Line("BEGIN", "VEVENT")
		w.Line("UID", ical.Text(uid))
		w.Line("DTSTAMP", stamp.UTC().Format("20060102T150405Z"))
		when("RECURRENCE-ID", e.OriginalStartDate)
		when("DTSTART", e.StartDateTime)
		when("DTEND", e.EndDateTime)
		summary, location := opt.Summary, opt.Location
		if e.OverrideFlags&ARO_SUBJECT != 0 {
			summary = ap.ExceptionSubject(i, ap.CodePage)
		}
		if e.OverrideFlags&ARO_LOCATION != 0 {
			location = ap.ExceptionLocation(i, ap.CodePage)
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
	return w.String(), notes, nil
}

// earliestDate is the earliest wall-clock time the series' iCalendar form
// names: its start, a deleted date, an exception's original or new start.
func (ap *AppointmentPattern) earliestDate() Minutes {
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

func crc(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}
