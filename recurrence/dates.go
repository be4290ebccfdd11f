package recurrence

import (
	"errors"
	"fmt"
	"iter"
	"time"
)

// Expansion errors.
var (
	// ErrUnsupported: the pattern cannot be expanded (a Hijri pattern type
	// or calendar, or an unknown pattern type).
	ErrUnsupported = errors.New("recurrence: pattern not supported for expansion")
	// ErrUnbounded: a series without end was expanded without an upper bound.
	ErrUnbounded = errors.New("recurrence: a series without end needs an upper bound")
	// ErrTooManyInstances: the instance cap was reached.
	ErrTooManyInstances = errors.New("recurrence: instance limit reached")
	// ErrBadPattern: a field makes expansion meaningless (Period 0, no weekday).
	ErrBadPattern = errors.New("recurrence: pattern cannot produce dates")
)

// DefaultMaxInstances is the number of pattern dates an expansion
// generates before it stops with ErrTooManyInstances, unless the caller
// sets another limit. It counts every pattern date walked, deleted ones
// included.
const DefaultMaxInstances = 100000

// day counts days since 1601-01-01.
type day int64

func (d day) minutes() Minutes { return Minutes(d * 1440) }

func dayOf(m Minutes) day { return day(m / 1440) }

func (d day) date() (int, time.Month, int) { return d.minutes().Time(nil).Date() }

func dayFromDate(y int, m time.Month, dd int) day { return day(daysFrom1601(y, m, dd)) }

func weekdayOf(d day) int { return int((d + 1) % 7) } // 1601-01-01 was a Monday

func monthIndex(y int, m time.Month) int64 { return int64(y-1601)*12 + int64(m) - 1 }

func monthStart(mi int64) (int, time.Month) { return 1601 + int(mi/12), time.Month(mi%12 + 1) }

func mod(a, b int64) int64 {
	r := a % b
	if r < 0 {
		r += b
	}
	return r
}

// Expandable reports why p cannot be expanded into dates, or nil.
func (p *Pattern) Expandable() error {
	if p.PatternType.IsHijri() || p.CalendarType == CAL_HIJRI || p.CalendarType == CAL_UMALQURA {
		return fmt.Errorf("%w: Hijri calendar recurrence", ErrUnsupported)
	}
	switch p.CalendarType {
	case CAL_DEFAULT, CAL_GREGORIAN, CAL_GREGORIAN_US, CAL_GREGORIAN_ME_FRENCH, CAL_GREGORIAN_ARABIC,
		CAL_GREGORIAN_XLIT_ENGL, CAL_GREGORIAN_XLIT_FREN, CAL_JAPAN, CAL_TAIWAN, CAL_KOREA, CAL_THAI:
		// Gregorian months and days (the era-based calendars count years differently only).
	default:
		return fmt.Errorf("%w: calendar %s", ErrUnsupported, p.CalendarType.String())
	}
	if p.Period == 0 {
		return fmt.Errorf("%w: Period is 0", ErrBadPattern)
	}
	switch p.PatternType {
	case Day:
		if p.Period%1440 != 0 {
			return fmt.Errorf("%w: a daily Period must be whole days", ErrBadPattern)
		}
	case Week, MonthNth:
		if p.PatternTypeSpecific.DaysOfWeek&AnyDay == 0 {
			return fmt.Errorf("%w: no weekday is set", ErrBadPattern)
		}
		if p.PatternType == MonthNth && (p.PatternTypeSpecific.N < 1 || p.PatternTypeSpecific.N > 5) {
			return fmt.Errorf("%w: N is not 1–5", ErrBadPattern)
		}
	case Month:
		if p.PatternTypeSpecific.Day < 1 {
			return fmt.Errorf("%w: day of month 0", ErrBadPattern)
		}
	case MonthEnd:
	default:
		return fmt.Errorf("%w: PatternType %s", ErrUnsupported, p.PatternType.String())
	}
	return nil
}

// unitDates calls emit for each date of the pattern from the unit that
// contains `from` on, in ascending order, until emit returns false. It
// jumps straight to the first valid unit (no walk from 1601). p must be
// Expandable.
func (p *Pattern) unitDates(from day, emit func(day) bool) {
	fdt := int64(p.FirstDateTime)
	per := int64(p.Period)
	switch p.PatternType {
	case Day:
		step := per / 1440
		// valid days d: (d − FirstDateTime/1440) mod step = 0
		first := int64(from) + mod(fdt/1440-int64(from), step)
		for d := first; ; d += step {
			if !emit(day(d)) {
				return
			}
		}
	case Week:
		mask := p.PatternTypeSpecific.DaysOfWeek
		fdow := int64(p.FirstDOW % 7)
		ws := int64(from) - mod(int64(weekdayOf(from))-fdow, 7) // start of from's week
		span := per * 7                                         // days between valid weeks
		off := mod(ws*1440-fdt, per*10080) / 1440
		if off != 0 {
			ws += span - off
		}
		for ; ; ws += span {
			for k := int64(0); k < 7; k++ {
				d := ws + k
				if mask.Has(time.Weekday(weekdayOf(day(d)))) && !emit(day(d)) {
					return
				}
			}
		}
	default: // months
		y, m, _ := from.date()
		mi := monthIndex(y, m)
		fy, fm, _ := dayOf(Minutes(fdt)).date()
		f := monthIndex(fy, fm)
		mi += mod(f-mi, per)
		for ; ; mi += per {
			yy, mm := monthStart(mi)
			if yy > 30000 {
				return
			}
			if !p.monthDates(yy, mm, emit) {
				return
			}
		}
	}
}

// monthDates emits the pattern's day(s) in one valid month.
func (p *Pattern) monthDates(y int, m time.Month, emit func(day) bool) bool {
	n := daysIn(y, m)
	s := p.PatternTypeSpecific
	switch p.PatternType {
	case Month:
		dd := int(s.Day)
		if dd > n {
			dd = n
		}
		return emit(dayFromDate(y, m, dd))
	case MonthEnd:
		return emit(dayFromDate(y, m, n))
	case MonthNth:
		first := dayFromDate(y, m, 1)
		count := 0
		last := day(-1)
		for k := 0; k < n; k++ {
			d := first + day(k)
			if !s.DaysOfWeek.Has(time.Weekday(weekdayOf(d))) {
				continue
			}
			count++
			last = d
			if int(s.N) == count && s.N < 5 {
				return emit(d)
			}
		}
		if s.N == 5 && last >= 0 {
			return emit(last)
		}
		return true
	}
	return false
}

func daysIn(y int, m time.Month) int { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// DateOptions bound a date expansion.
type DateOptions struct {
	// MaxInstances caps the pattern dates walked (0: DefaultMaxInstances).
	MaxInstances int
}

// lastDate is the last pattern date of the series' range, or -1 for a
// series without end. For EndAfterNOccurrences it walks the first
// OccurrenceCount dates (within the cap).
func (p *Pattern) lastDate(max int) (day, error) {
	switch {
	case p.EndType == EndAfterNOccurrences:
		if p.OccurrenceCount == 0 {
			return dayOf(p.StartDate) - 1, nil
		}
		if int64(p.OccurrenceCount) > int64(max) {
			return 0, ErrTooManyInstances
		}
		n := uint32(0)
		var last day
		start := dayOf(p.StartDate)
		p.unitDates(start, func(d day) bool {
			if d < start {
				return true
			}
			n++
			last = d
			return n < p.OccurrenceCount
		})
		return last, nil
	case p.EndType.IsNeverEnd():
		return -1, nil
	default: // EndAfterDate, and unknown end types read as dates
		return dayOf(p.EndDate), nil
	}
}

// walk calls emit for each pattern date from lo (but not before StartDate)
// through last, in order, until emit returns false. It returns
// ErrTooManyInstances after max dates.
func (p *Pattern) walk(lo, last day, max int, emit func(day) bool) error {
	if start := dayOf(p.StartDate); lo < start {
		lo = start
	}
	walked := 0
	var err error
	p.unitDates(lo, func(d day) bool {
		if d > last {
			return false
		}
		if d < lo {
			return true
		}
		walked++
		if walked > max {
			err = ErrTooManyInstances
			return false
		}
		return emit(d)
	})
	return err
}

// Dates yields the pattern's dates (midnights) from StartDate through the
// end of its range that fall in [from, to] (day precision; a zero time
// means no bound), in order. Deleted dates are included: they are pattern
// dates. A series without end needs `to`. The second value is non-nil
// once, when expansion stops on an error.
func (p *Pattern) Dates(from, to time.Time, opt DateOptions) iter.Seq2[Minutes, error] {
	return func(yield func(Minutes, error) bool) {
		if err := p.Expandable(); err != nil {
			yield(0, err)
			return
		}
		max := opt.MaxInstances
		if max <= 0 {
			max = DefaultMaxInstances
		}
		last, err := p.lastDate(max)
		if err != nil {
			yield(0, err)
			return
		}
		if !to.IsZero() {
			if m, ok := MinutesOf(to); ok && (last < 0 || dayOf(m) < last) {
				last = dayOf(m)
			}
		}
		if last < 0 {
			yield(0, ErrUnbounded)
			return
		}
		lo := dayOf(p.StartDate)
		if !from.IsZero() {
			if m, ok := MinutesOf(from); ok && dayOf(m) > lo {
				lo = dayOf(m)
			}
		}
		if stopErr := p.walk(lo, last, max, func(d day) bool { return yield(d.minutes(), nil) }); stopErr != nil {
			yield(0, stopErr)
		}
	}
}
