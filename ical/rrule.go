package ical

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/recurrence"
)

// ErrNotExpressible is wrapped by the error for an iCalendar recurrence an
// Outlook recurrence blob cannot hold: errors.Is(err, ErrNotExpressible).
var ErrNotExpressible = errors.New("not expressible in an Outlook recurrence")

// ErrFloating is wrapped by the error for a floating time (no TZID, no Z)
// when ImportOptions.FloatingZone does not say the zone to read it in.
var ErrFloating = errors.New("set the zone to read it in (ImportOptions.FloatingZone)")

// RRuleError names the part of a recurrence that stopped the import.
type RRuleError struct {
	Property string // "RRULE", "RDATE", "EXRULE", "RECURRENCE-ID"
	Part     string // the rule part, e.g. "BYHOUR" or "FREQ=HOURLY"
	Detail   string // why, when there is more to say
	// Unsupported is true when the recurrence is valid iCalendar that
	// Outlook cannot hold (errors.Is(err, ErrNotExpressible)); false when
	// the text itself is malformed.
	Unsupported bool
}

func (e *RRuleError) Error() string {
	s := e.Property + ": " + e.Part
	if e.Unsupported {
		s += " is " + ErrNotExpressible.Error()
	} else {
		s += " is not valid"
	}
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

func (e *RRuleError) Unwrap() error {
	if e.Unsupported {
		return ErrNotExpressible
	}
	return nil
}

func unsupported(part, detail string) error {
	return &RRuleError{Property: "RRULE", Part: part, Detail: detail, Unsupported: true}
}

func malformed(part, detail string) error {
	return &RRuleError{Property: "RRULE", Part: part, Detail: detail}
}

type kv struct{ key, val string }

// splitRRule splits a RECUR value into its parts, keys upper-cased; a part
// given twice is an error.
func splitRRule(v string) ([]kv, error) {
	var out []kv
	seen := map[string]bool{}
	for _, p := range strings.Split(v, ";") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		k, val, ok := strings.Cut(p, "=")
		k = strings.ToUpper(strings.TrimSpace(k))
		if !ok || k == "" {
			return nil, malformed(strconv.Quote(p), "a rule part is NAME=VALUE")
		}
		if seen[k] {
			return nil, malformed(k, "given twice")
		}
		seen[k] = true
		out = append(out, kv{k, strings.ToUpper(strings.TrimSpace(val))})
	}
	return out, nil
}

type byDay struct {
	n  int
	wd time.Weekday
}

// rule is a parsed RRULE.
type rule struct {
	text       string
	freq       string
	interval   int // 0: not given
	count      int
	until      *when
	byDay      []byDay
	byMonthDay []int
	byMonth    []int
	bySetPos   []int
	wkst       *time.Weekday
	byHour     []int
	byMinute   []int
	bySecond   []int
}

func intList(k, v string, lo, hi int, zeroOK bool) ([]int, error) {
	var out []int
	for _, s := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < lo || n > hi || n == 0 && !zeroOK {
			return nil, malformed(k+"="+v, fmt.Sprintf("values are %d to %d", lo, hi))
		}
		out = append(out, n)
	}
	return out, nil
}

// parseRule reads an RRULE value. Parts Outlook has no field for are refused
// here, naming the part.
func parseRule(v string) (*rule, error) {
	parts, err := splitRRule(v)
	if err != nil {
		return nil, err
	}
	r := &rule{text: v}
	for _, p := range parts {
		switch p.key {
		case "FREQ":
			switch p.val {
			case "DAILY", "WEEKLY", "MONTHLY", "YEARLY":
				r.freq = p.val
			case "SECONDLY", "MINUTELY", "HOURLY":
				return nil, unsupported("FREQ="+p.val, "Outlook repeats at most daily")
			default:
				return nil, malformed("FREQ="+p.val, "")
			}
		case "INTERVAL":
			n, err := strconv.Atoi(p.val)
			if err != nil || n < 1 {
				return nil, malformed("INTERVAL="+p.val, "a positive integer")
			}
			r.interval = n
		case "COUNT":
			n, err := strconv.Atoi(p.val)
			if err != nil || n < 1 {
				return nil, malformed("COUNT="+p.val, "a positive integer")
			}
			r.count = n
		case "UNTIL":
			w, err := parseWhen(p.val, "", false)
			if err != nil {
				return nil, malformed("UNTIL="+p.val, err.Error())
			}
			r.until = &w
		case "BYDAY":
			for _, s := range strings.Split(p.val, ",") {
				n, wd, err := parseByDay(s)
				if err != nil {
					return nil, malformed("BYDAY="+p.val, err.Error())
				}
				r.byDay = append(r.byDay, byDay{n, wd})
			}
		case "BYMONTHDAY":
			if r.byMonthDay, err = intList(p.key, p.val, -31, 31, false); err != nil {
				return nil, err
			}
		case "BYMONTH":
			if r.byMonth, err = intList(p.key, p.val, 1, 12, false); err != nil {
				return nil, err
			}
		case "BYSETPOS":
			if r.bySetPos, err = intList(p.key, p.val, -366, 366, false); err != nil {
				return nil, err
			}
		case "WKST":
			wd, ok := icalWeekdays[p.val]
			if !ok {
				return nil, malformed("WKST="+p.val, "")
			}
			r.wkst = &wd
		case "BYHOUR":
			if r.byHour, err = intList(p.key, p.val, 0, 23, true); err != nil {
				return nil, err
			}
		case "BYMINUTE":
			if r.byMinute, err = intList(p.key, p.val, 0, 59, true); err != nil {
				return nil, err
			}
		case "BYSECOND":
			if r.bySecond, err = intList(p.key, p.val, 0, 60, true); err != nil {
				return nil, err
			}
		case "BYWEEKNO", "BYYEARDAY":
			return nil, unsupported(p.key, "")
		case "RSCALE":
			if p.val != "GREGORIAN" {
				return nil, unsupported("RSCALE="+p.val, "only the Gregorian calendar is imported")
			}
		case "SKIP":
			if p.val != "OMIT" {
				return nil, unsupported("SKIP="+p.val, "")
			}
		default:
			return nil, malformed(p.key, "not a rule part of RFC 5545")
		}
	}
	if r.freq == "" {
		return nil, malformed("FREQ", "missing")
	}
	if r.count > 0 && r.until != nil {
		return nil, malformed("COUNT with UNTIL", "RFC 5545 allows one of them")
	}
	return r, nil
}

// mask is the weekday set of BYDAY entries without ordinals.
func maskOf(ds []byDay) recurrence.DayMask {
	var m recurrence.DayMask
	for _, d := range ds {
		m |= recurrence.MaskOf(d.wd)
	}
	return m
}

func hasOrdinal(ds []byDay) bool {
	return slices.ContainsFunc(ds, func(d byDay) bool { return d.n != 0 })
}

// nthOf maps an ordinal (BYDAY or BYSETPOS) to Outlook's N: 1–4, −1 → 5.
func nthOf(part string, n int) (int, error) {
	switch {
	case n >= 1 && n <= 4:
		return n, nil
	case n == -1:
		return 5, nil
	}
	return 0, unsupported(part, "Outlook knows the first to fourth and the last")
}

// monthDay reads BYMONTHDAY (with BYSETPOS for the idioms of a day past
// some months' end): one day 1–31, −1 (→ 31), "28,29,30;BYSETPOS=-1" (→ 30),
// "28,29;BYSETPOS=-1" (→ 29).
func (r *rule) monthDay() (int, error) {
	ds := slices.Clone(r.byMonthDay)
	slices.Sort(ds)
	switch {
	case len(r.bySetPos) == 1 && r.bySetPos[0] == -1 && slices.Equal(ds, []int{28, 29, 30}):
		return 30, nil
	case len(r.bySetPos) == 1 && r.bySetPos[0] == -1 && slices.Equal(ds, []int{28, 29}):
		return 29, nil
	case len(r.bySetPos) > 0:
		return 0, unsupported("BYSETPOS with BYMONTHDAY", "only the last-day idioms 28,29(,30);BYSETPOS=-1 are")
	case len(ds) > 1:
		return 0, unsupported("BYMONTHDAY="+joinInts(r.byMonthDay), "several days of the month")
	case ds[0] == -1:
		return 31, nil
	case ds[0] < 0:
		return 0, unsupported("BYMONTHDAY="+strconv.Itoa(ds[0]), "Outlook counts from the month's end only for its last day")
	}
	return ds[0], nil
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// nthDays reads a monthly or yearly BYDAY: one weekday with an ordinal, or
// a set of weekdays with one BYSETPOS.
func (r *rule) nthDays() (int, recurrence.DayMask, error) {
	switch {
	case len(r.byDay) == 1 && r.byDay[0].n != 0 && len(r.bySetPos) == 0:
		n, err := nthOf(fmt.Sprintf("BYDAY=%d%s", r.byDay[0].n, dayCode(r.byDay[0].wd)), r.byDay[0].n)
		return n, maskOf(r.byDay), err
	case hasOrdinal(r.byDay):
		return 0, 0, unsupported("BYDAY="+byDayText(r.byDay), "an ordinal on several days, or with BYSETPOS")
	case len(r.bySetPos) == 1:
		n, err := nthOf("BYSETPOS="+strconv.Itoa(r.bySetPos[0]), r.bySetPos[0])
		return n, maskOf(r.byDay), err
	case len(r.bySetPos) > 1:
		return 0, 0, unsupported("BYSETPOS="+joinInts(r.bySetPos), "several positions")
	}
	return 0, 0, unsupported("BYDAY="+byDayText(r.byDay)+" without an ordinal or BYSETPOS", "every such day of the "+strings.ToLower(strings.TrimSuffix(r.freq, "LY"))+"")
}

var dayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

func dayCode(wd time.Weekday) string { return dayCodes[wd%7] }

func byDayText(ds []byDay) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		if d.n != 0 {
			s[i] = strconv.Itoa(d.n)
		}
		s[i] += dayCode(d.wd)
	}
	return strings.Join(s, ",")
}

// series is what the builders need besides the rule.
type series struct {
	start   time.Time // DTSTART wall clock in the series' zone
	allDay  bool
	untilOf func(w when) (time.Time, error) // UNTIL as wall clock in the series' zone
}

// pattern maps the rule to an Outlook RecurrencePattern through the
// builders of package recurrence, as [MS-OXCICAL] 2.1.3.2.2 describes.
func (r *rule) pattern(s series, warn func(string, ...any)) (*recurrence.Pattern, error) {
	// Parts that must repeat DTSTART to be harmless.
	for _, x := range []struct {
		part string
		vs   []int
		want int
	}{{"BYHOUR", r.byHour, s.start.Hour()}, {"BYMINUTE", r.byMinute, s.start.Minute()}, {"BYSECOND", r.bySecond, s.start.Second()}} {
		if len(x.vs) > 1 || len(x.vs) == 1 && x.vs[0] != x.want {
			return nil, unsupported(x.part, "Outlook holds one time of day, DTSTART's")
		}
	}
	interval := max(r.interval, 1)
	limit := func(max int, unit string) error {
		if interval > max {
			return unsupported(fmt.Sprintf("INTERVAL=%d", interval), fmt.Sprintf("Outlook allows every 1 to %d %s", max, unit))
		}
		return nil
	}
	day := s.start.Day()
	warnLastDay := func(d int, months ...time.Month) {
		shortest := 28
		if len(months) == 1 && months[0] != time.February {
			shortest = daysIn(2001, months[0])
		}
		if d > shortest {
			warn("RRULE: day %d: RFC 5545 skips months without it, Outlook takes their last day instead", d)
		}
	}
	build := func(end recurrence.End) (*recurrence.Pattern, error) {
		switch r.freq {
		case "DAILY":
			if len(r.byMonth) > 0 || len(r.byMonthDay) > 0 || len(r.bySetPos) > 0 {
				return nil, unsupported(r.firstOf("BYMONTH", "BYMONTHDAY", "BYSETPOS")+" in a daily rule", "")
			}
			if len(r.byDay) > 0 {
				if hasOrdinal(r.byDay) {
					return nil, unsupported("BYDAY="+byDayText(r.byDay)+" in a daily rule", "")
				}
				if interval != 1 {
					return nil, unsupported("BYDAY with INTERVAL in a daily rule", "")
				}
				if maskOf(r.byDay) == recurrence.Weekdays {
					return recurrence.NewEveryWeekday(s.start, end)
				}
				return recurrence.NewWeekly(s.start, 1, maskOf(r.byDay), r.firstDOW(1), end)
			}
			if err := limit(999, "days"); err != nil {
				return nil, err
			}
			return recurrence.NewDaily(s.start, interval, end)
		case "WEEKLY":
			if len(r.byMonth) > 0 || len(r.byMonthDay) > 0 || len(r.bySetPos) > 0 {
				return nil, unsupported(r.firstOf("BYMONTH", "BYMONTHDAY", "BYSETPOS")+" in a weekly rule", "")
			}
			if hasOrdinal(r.byDay) {
				return nil, unsupported("BYDAY="+byDayText(r.byDay)+" in a weekly rule", "ordinals belong to monthly and yearly rules")
			}
			if err := limit(99, "weeks"); err != nil {
				return nil, err
			}
			mask := recurrence.MaskOf(s.start.Weekday())
			if len(r.byDay) > 0 {
				mask = maskOf(r.byDay)
			}
			fdow := r.firstDOW(interval)
			if interval == 1 && mask == recurrence.Weekdays && fdow == time.Sunday {
				return recurrence.NewEveryWeekday(s.start, end)
			}
			return recurrence.NewWeekly(s.start, interval, mask, fdow, end)
		case "MONTHLY":
			if len(r.byMonth) > 0 {
				return nil, unsupported("BYMONTH in a monthly rule", "")
			}
			if interval%12 == 0 && interval/12 <= 8 {
				// Every 12·n months is a yearly series in DTSTART's month, as
				// the export writes it back: import it so.
				y := *r
				y.freq, y.interval, y.byMonth = "YEARLY", interval/12, []int{int(s.start.Month())}
				return y.pattern(s, warn)
			}
			if err := limit(99, "months"); err != nil {
				return nil, err
			}
			switch {
			case len(r.byDay) > 0 && len(r.byMonthDay) > 0:
				return nil, unsupported("BYDAY with BYMONTHDAY", "")
			case len(r.byDay) > 0:
				n, mask, err := r.nthDays()
				if err != nil {
					return nil, err
				}
				return recurrence.NewMonthlyNth(s.start, interval, n, mask, end)
			case len(r.byMonthDay) > 0:
				d, err := r.monthDay()
				if err != nil {
					return nil, err
				}
				if len(r.byMonthDay) == 1 && r.byMonthDay[0] > 0 {
					warnLastDay(d)
				}
				return recurrence.NewMonthly(s.start, interval, d, end)
			case len(r.bySetPos) > 0:
				return nil, unsupported("BYSETPOS without BYDAY", "")
			}
			warnLastDay(day)
			return recurrence.NewMonthly(s.start, interval, day, end)
		case "YEARLY":
			if err := limit(8, "years"); err != nil {
				return nil, err
			}
			if len(r.byMonth) > 1 {
				return nil, unsupported("BYMONTH="+joinInts(r.byMonth), "several months")
			}
			month := s.start.Month()
			if len(r.byMonth) == 1 {
				month = time.Month(r.byMonth[0])
			} else if len(r.byDay) > 0 || len(r.byMonthDay) > 0 {
				return nil, unsupported(r.firstOf("BYDAY", "BYMONTHDAY")+" without BYMONTH in a yearly rule", "it repeats in every month or week of the year")
			}
			switch {
			case len(r.byDay) > 0 && len(r.byMonthDay) > 0:
				return nil, unsupported("BYDAY with BYMONTHDAY", "")
			case len(r.byDay) > 0:
				n, mask, err := r.nthDays()
				if err != nil {
					return nil, err
				}
				return recurrence.NewYearlyNth(s.start, interval, month, n, mask, end)
			case len(r.byMonthDay) > 0:
				d, err := r.monthDay()
				if err != nil {
					return nil, err
				}
				if len(r.byMonthDay) == 1 && r.byMonthDay[0] > 0 {
					warnLastDay(d, month)
				}
				if d == 31 && r.byMonthDay[0] == -1 {
					// The last day of one month: its longest day, which Outlook
					// moves to the month's end where the month is shorter (day 29
					// of February is what Outlook writes for "last day of
					// February", and the export writes -1 for it).
					d = daysIn(2000, month)
				}
				return recurrence.NewYearly(s.start, interval, month, d, end)
			case len(r.bySetPos) > 0:
				return nil, unsupported("BYSETPOS without BYDAY", "")
			}
			warnLastDay(s.start.Day(), month)
			return recurrence.NewYearly(s.start, interval, month, s.start.Day(), end)
		}
		return nil, malformed("FREQ="+r.freq, "")
	}
	var end recurrence.End
	switch {
	case r.count > 0 && r.count <= recurrence.MaxOccurrences:
		end = recurrence.EndAfter(r.count)
	case r.count > recurrence.DefaultMaxInstances:
		return nil, unsupported(fmt.Sprintf("COUNT=%d", r.count), fmt.Sprintf("more than %d occurrences", recurrence.DefaultMaxInstances))
	case r.count > 0:
		// More than Outlook's "end after" holds: end on the date of the last one.
		p, err := build(recurrence.NoEnd())
		if err != nil {
			return nil, err
		}
		n := 0
		var last recurrence.Minutes
		for d, err := range p.Dates(time.Time{}, recurrence.NeverEndDate.Time(nil), recurrence.DateOptions{MaxInstances: r.count + 1}) {
			if err != nil {
				return nil, fmt.Errorf("RRULE: COUNT=%d: %w", r.count, err)
			}
			last = d
			if n++; n == r.count {
				break
			}
		}
		warn("RRULE: COUNT=%d is more than Outlook's %d; the series ends on the date of the last one, %s", r.count, recurrence.MaxOccurrences, last.Time(nil).Format("2006-01-02"))
		end = recurrence.EndOn(last.Time(nil))
	case r.until != nil:
		u, err := s.untilOf(*r.until)
		if err != nil {
			return nil, err
		}
		date := time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC)
		if !r.until.date && !s.allDay {
			startClock := s.start.Sub(time.Date(s.start.Year(), s.start.Month(), s.start.Day(), 0, 0, 0, 0, time.UTC))
			if u.Sub(date) < startClock {
				date = date.AddDate(0, 0, -1) // the last day's occurrence starts after UNTIL
			}
		}
		if date.Before(time.Date(s.start.Year(), s.start.Month(), s.start.Day(), 0, 0, 0, 0, time.UTC)) {
			return nil, malformed("UNTIL="+r.until.wall.Format("20060102T150405"), "before DTSTART")
		}
		end = recurrence.EndOn(date)
	default:
		end = recurrence.NoEnd()
	}
	p, err := build(end)
	if err != nil {
		var re *RRuleError
		if errors.As(err, &re) {
			return nil, err
		}
		return nil, fmt.Errorf("RRULE %s: %w", r.text, err)
	}
	return p, nil
}

// firstDOW is WKST, or when absent RFC 5545's Monday for rules where the
// week start matters (INTERVAL > 1), else Outlook's default Sunday.
func (r *rule) firstDOW(interval int) time.Weekday {
	if r.wkst != nil {
		return *r.wkst
	}
	if interval > 1 {
		return time.Monday
	}
	return time.Sunday
}

func (r *rule) firstOf(parts ...string) string {
	for _, p := range parts {
		switch {
		case p == "BYMONTH" && len(r.byMonth) > 0:
			return "BYMONTH=" + joinInts(r.byMonth)
		case p == "BYMONTHDAY" && len(r.byMonthDay) > 0:
			return "BYMONTHDAY=" + joinInts(r.byMonthDay)
		case p == "BYSETPOS" && len(r.bySetPos) > 0:
			return "BYSETPOS=" + joinInts(r.bySetPos)
		case p == "BYDAY" && len(r.byDay) > 0:
			return "BYDAY=" + byDayText(r.byDay)
		}
	}
	return parts[0]
}
