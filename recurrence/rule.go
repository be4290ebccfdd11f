package recurrence

import (
	"errors"
	"fmt"
	mbits "math/bits"
	"time"
)

// ErrNotExportable: the pattern has no RFC 5545 equivalent (a Hijri or
// other non-Gregorian calendar, a daily period that is not whole days).
var ErrNotExportable = errors.New("recurrence: pattern has no iCalendar RRULE")

// Freq is the frequency of an RFC 5545 recurrence rule (its FREQ).
type Freq uint8

// The frequencies a pattern's rule has.
const (
	FreqDaily Freq = iota + 1
	FreqWeekly
	FreqMonthly
	FreqYearly
)

// String is the RFC 5545 name: DAILY, WEEKLY, MONTHLY or YEARLY.
func (f Freq) String() string {
	switch f {
	case FreqDaily:
		return "DAILY"
	case FreqWeekly:
		return "WEEKLY"
	case FreqMonthly:
		return "MONTHLY"
	case FreqYearly:
		return "YEARLY"
	}
	return fmt.Sprintf("Freq(%d)", uint8(f))
}

// Rule is a pattern as an RFC 5545 recurrence rule (RRULE) states it, for
// a series whose first date (FirstDate) is its DTSTART: the rule's parts
// as values, a zero part being absent. Package ical writes it.
type Rule struct {
	Freq     Freq
	Interval uint32 // INTERVAL: every n days, weeks, months or years (0 or 1: every one)
	// ByMonth is the month of a yearly rule (BYMONTH): the month of the
	// pattern's first date.
	ByMonth time.Month
	// ByMonthDay are days of the month (BYMONTHDAY), −1 the last.
	ByMonthDay []int
	// ByDay are the weekdays (BYDAY), and ByDayN the ordinal of its one
	// weekday in a month (1–4, −1 the last; 0 none): BYDAY=2TU.
	ByDay  DayMask
	ByDayN int
	// BySetPos picks one of a month's days the rule names (1–4, −1 the
	// last; 0 none).
	BySetPos int
	// WeekStart is the first day of the week of a weekly rule (WKST), when
	// HasWeekStart.
	WeekStart    time.Weekday
	HasWeekStart bool
	// ShortMonths is set for a monthly or yearly rule on a day that some
	// month it visits lacks (day 29 or 30 with February among them), where
	// Outlook takes that month's last day. ByMonthDay then lists 28 through
	// the day, its last element, with BySetPos −1: the last of those days
	// each month has, exact by RFC 5545.
	ShortMonths bool
	// Count is the number of occurrences of EndAfterNOccurrences (COUNT),
	// when HasCount.
	Count    uint32
	HasCount bool
	// Until is the pattern's EndDate, as stored, for EndAfterDate (UNTIL
	// names that day), when HasUntil. A pattern without end has neither.
	Until    Minutes
	HasUntil bool
}

// Rule returns the pattern as an RFC 5545 recurrence rule. A day beyond a
// month's end is stated so that RFC 5545 engines also take the month's last
// day: BYMONTHDAY=-1 where that is always the day (day 31; day 29 of
// February), the day itself where every month the pattern visits has it,
// else the last of the days 28…day (ShortMonths). One weekday of the month
// is an ordinal BYDAY (2TU, -1FR), several are BYDAY with BYSETPOS. An
// error wraps ErrNotExportable for a pattern that does not expand (a Hijri
// calendar, a daily period that is not whole days).
func (p *Pattern) Rule() (Rule, error) {
	if err := p.Expandable(); err != nil {
		return Rule{}, fmt.Errorf("%w: %w", ErrNotExportable, err)
	}
	first, ok := p.FirstDate()
	if !ok {
		first = p.StartDate
	}
	s := p.PatternTypeSpecific
	r := Rule{Freq: FreqMonthly, Interval: p.Period}
	switch p.EndType {
	case EndAfterNOccurrences:
		r.Count, r.HasCount = p.OccurrenceCount, true
	case EndAfterDate:
		r.Until, r.HasUntil = p.EndDate, true
	}
	switch p.PatternType {
	case Day:
		r.Freq, r.Interval = FreqDaily, p.Period/1440
		return r, nil
	case Week:
		r.Freq, r.ByDay, r.WeekStart, r.HasWeekStart = FreqWeekly, s.DaysOfWeek, time.Weekday(p.FirstDOW%7), true
		return r, nil
	case Month:
		if d, ok := p.monthDay(first); ok {
			r.ByMonthDay = []int{d}
		} else {
			for d := 28; d <= int(s.Day); d++ {
				r.ByMonthDay = append(r.ByMonthDay, d)
			}
			r.BySetPos, r.ShortMonths = -1, true
		}
	case MonthEnd:
		r.ByMonthDay = []int{-1}
	case MonthNth:
		pos := int(s.N)
		if s.N == 5 {
			pos = -1
		}
		r.ByDay = s.DaysOfWeek
		if mbits.OnesCount8(uint8(s.DaysOfWeek&0x7F)) == 1 {
			r.ByDayN = pos // one weekday: BYDAY=2TU, -1FR
		} else {
			r.BySetPos = pos
		}
	}
	if p.Period%12 == 0 {
		r.Freq, r.Interval, r.ByMonth = FreqYearly, p.Period/12, first.Time(nil).Month()
	}
	return r, nil
}

// FirstDate is the series' first pattern date (StartDate itself when it
// is one); ok is false when the series has none (within ten years of
// StartDate).
func (p *Pattern) FirstDate() (Minutes, bool) {
	for d, err := range p.Dates(time.Time{}, p.StartDate.Time(nil).AddDate(10, 0, 0), DateOptions{}) {
		return d, err == nil
	}
	return 0, false
}

// LastDate is the last date (midnight) of the series' range: for
// EndAfterNOccurrences the last of its first OccurrenceCount dates (walked
// within opt's cap, ErrTooManyInstances beyond it), otherwise EndDate's
// day; ok is false for a series without end.
func (p *Pattern) LastDate(opt DateOptions) (last Minutes, ok bool, err error) {
	max := opt.MaxInstances
	if max <= 0 {
		max = DefaultMaxInstances
	}
	d, err := p.lastDate(max)
	if err != nil || d < 0 {
		return 0, false, err
	}
	return d.minutes(), true, nil
}

// HasDate reports whether midnight d is a date of the pattern.
func (p *Pattern) HasDate(d Minutes) bool { return p.isPatternDate(d) }

// visitedMonths reports which calendar months a monthly or yearly pattern
// can fall in, from the month of its first date d.
func (p *Pattern) visitedMonths(d Minutes) (months [12]bool) {
	m0 := int(d.Time(nil).Month()) - 1
	for k := 0; k < 12; k++ {
		months[(m0+k*int(p.Period))%12] = true
	}
	return months
}

// monthDay is how a Month pattern's Day (beyond a month's end = its last
// day) reads in the months the pattern visits: −1 when it is always the
// last day, the day itself when every visited month has it, and otherwise
// ok false (Day 29 or 30 with February among the months).
func (p *Pattern) monthDay(first Minutes) (day int, ok bool) {
	day = int(p.PatternTypeSpecific.Day)
	minLen, maxLen := 31, 0
	for m, v := range p.visitedMonths(first) {
		if !v {
			continue
		}
		lo, hi := daysIn(2001, time.Month(m+1)), daysIn(2000, time.Month(m+1)) // a common and a leap year
		minLen, maxLen = min(minLen, lo), max(maxLen, hi)
	}
	switch {
	case day >= maxLen:
		return -1, true
	case day <= minLen:
		return day, true
	}
	return 0, false
}
