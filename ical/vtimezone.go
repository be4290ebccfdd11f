package ical

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/mapiblob/mapiblob/tzdef"
)

// maxZoneYears bounds the years a VTIMEZONE is evaluated over.
const maxZoneYears = 800

// observance is a STANDARD or DAYLIGHT sub-component of a VTIMEZONE.
type observance struct {
	daylight bool
	start    time.Time // DTSTART: local time on the clock before the onset
	from, to int       // TZOFFSETFROM, TZOFFSETTO in seconds
	rule     *yearlyRule
	rdates   []time.Time
}

// yearlyRule is the RRULE of an observance: FREQ=YEARLY with BYMONTH and
// BYDAY (with an ordinal, or a weekday filtered by BYMONTHDAY), or
// BYMONTHDAY alone; UNTIL or COUNT may close it.
type yearlyRule struct {
	interval int
	month    time.Month // 0: DTSTART's month
	nth      int        // ordinal of BYDAY (−1 last, 1–4); 0 none
	weekday  time.Weekday
	hasDay   bool
	mdays    []int
	until    time.Time
	untilUTC bool
	count    int
}

// onset is one change of offset, evaluated.
type onset struct {
	at       time.Time // UTC instant
	wall     time.Time // local wall time on the clock before it
	daylight bool
	st       tzdef.SystemTime // as a Windows transition rule
	from, to int
}

func parseOffset(s string) (int, error) {
	s = strings.TrimSpace(s)
	if len(s) != 5 && len(s) != 7 || s[0] != '+' && s[0] != '-' {
		return 0, fmt.Errorf("offset %q is not ±HHMM[SS]", s)
	}
	n := 0
	for i := 1; i < len(s); i += 2 {
		v, err := strconv.Atoi(s[i : i+2])
		if err != nil || v < 0 {
			return 0, fmt.Errorf("offset %q is not ±HHMM[SS]", s)
		}
		n = n*60 + v
	}
	if len(s) == 5 {
		n *= 60
	}
	if n > 18*3600 {
		return 0, fmt.Errorf("offset %q is beyond ±18 hours", s)
	}
	if s[0] == '-' {
		n = -n
	}
	return n, nil
}

var icalWeekdays = map[string]time.Weekday{"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday,
	"WE": time.Wednesday, "TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday}

// parseObservanceRule reads the RRULE of an observance.
func parseObservanceRule(v string) (*yearlyRule, error) {
	r := &yearlyRule{interval: 1}
	parts, err := splitRRule(v)
	if err != nil {
		return nil, err
	}
	for _, kv := range parts {
		switch kv.key {
		case "FREQ":
			if kv.val != "YEARLY" {
				return nil, fmt.Errorf("RRULE FREQ=%s: a time-zone observance must recur yearly", kv.val)
			}
		case "INTERVAL":
			n, err := strconv.Atoi(kv.val)
			if err != nil || n < 1 || n > 1000 {
				return nil, fmt.Errorf("RRULE INTERVAL=%s is not valid", kv.val)
			}
			r.interval = n
		case "BYMONTH":
			n, err := strconv.Atoi(kv.val)
			if err != nil || n < 1 || n > 12 {
				return nil, fmt.Errorf("RRULE BYMONTH=%s: one month expected", kv.val)
			}
			r.month = time.Month(n)
		case "BYDAY":
			nth, wd, err := parseByDay(kv.val)
			if err != nil {
				return nil, fmt.Errorf("RRULE BYDAY=%s: %v", kv.val, err)
			}
			if nth < -1 || nth > 4 {
				return nil, fmt.Errorf("RRULE BYDAY=%s: only the first to fourth or the last weekday of a month is a Windows rule", kv.val)
			}
			r.nth, r.weekday, r.hasDay = nth, wd, true
		case "BYMONTHDAY":
			for _, s := range strings.Split(kv.val, ",") {
				n, err := strconv.Atoi(s)
				if err != nil || n < 1 || n > 31 {
					return nil, fmt.Errorf("RRULE BYMONTHDAY=%s is not supported in a VTIMEZONE", kv.val)
				}
				r.mdays = append(r.mdays, n)
			}
		case "UNTIL":
			w, err := parseWhen(kv.val, "", false)
			if err != nil {
				return nil, fmt.Errorf("RRULE UNTIL: %v", err)
			}
			r.until, r.untilUTC = w.wall, w.utc
			if w.date {
				r.until = w.wall.Add(24*time.Hour - time.Second)
			}
		case "COUNT":
			n, err := strconv.Atoi(kv.val)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("RRULE COUNT=%s is not valid", kv.val)
			}
			r.count = n
		case "WKST":
		default:
			return nil, fmt.Errorf("RRULE %s is not supported in a VTIMEZONE", kv.key)
		}
	}
	if r.hasDay && r.nth == 0 && len(r.mdays) == 0 {
		return nil, errors.New("RRULE BYDAY without an ordinal names several days a year")
	}
	return r, nil
}

// parseByDay reads one BYDAY entry: an optional ordinal and a weekday.
func parseByDay(s string) (int, time.Weekday, error) {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return 0, 0, fmt.Errorf("%q is not a weekday", s)
	}
	wd, ok := icalWeekdays[strings.ToUpper(s[len(s)-2:])]
	if !ok {
		return 0, 0, fmt.Errorf("%q is not a weekday", s)
	}
	n := 0
	if num := s[:len(s)-2]; num != "" {
		v, err := strconv.Atoi(num)
		if err != nil || v == 0 || v < -53 || v > 53 {
			return 0, 0, fmt.Errorf("%q has a bad ordinal", s)
		}
		n = v
	}
	return n, wd, nil
}

func daysIn(y int, m time.Month) int { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// weekOf is the relative SYSTEMTIME week (1–4, 5 = last) naming day d.
func weekOf(y int, m time.Month, d int) uint16 {
	w := (d-1)/7 + 1
	if w > 4 {
		w = 5
	}
	return uint16(w)
}

func timeOfDay(t time.Time) (uint16, uint16, uint16) {
	return uint16(t.Hour()), uint16(t.Minute()), uint16(t.Second())
}

// onsetIn is the onset of o in year y, if any, and the SYSTEMTIME naming it.
// n counts the rule's onsets so far (for COUNT).
func (o *observance) onsetIn(y int, n *int) (time.Time, tzdef.SystemTime, bool) {
	h, mi, s := timeOfDay(o.start)
	if o.rule == nil {
		for _, r := range append([]time.Time{o.start}, o.rdates...) {
			if r.Year() == y {
				return r, tzdef.SystemTime{Month: uint16(r.Month()), DayOfWeek: uint16(r.Weekday()), Day: weekOf(y, r.Month(), r.Day()),
					Hour: uint16(r.Hour()), Minute: uint16(r.Minute()), Second: uint16(r.Second())}, true
			}
		}
		return time.Time{}, tzdef.SystemTime{}, false
	}
	r := o.rule
	if y < o.start.Year() || (y-o.start.Year())%r.interval != 0 {
		return time.Time{}, tzdef.SystemTime{}, false
	}
	m := r.month
	if m == 0 {
		m = o.start.Month()
	}
	day := 0
	st := tzdef.SystemTime{Month: uint16(m), Hour: h, Minute: mi, Second: s}
	switch {
	case r.hasDay && len(r.mdays) > 0:
		for _, d := range r.mdays {
			if d <= daysIn(y, m) && time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Weekday() == r.weekday {
				day = d
				break
			}
		}
		if day == 0 {
			return time.Time{}, tzdef.SystemTime{}, false
		}
		st.DayOfWeek, st.Day = uint16(r.weekday), weekOf(y, m, day)
		if day+7 > daysIn(y, m) && r.mdays[len(r.mdays)-1] >= daysIn(y, m) {
			st.Day = 5
		}
	case r.hasDay:
		first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Weekday()
		d1 := 1 + (int(r.weekday)-int(first)+7)%7
		if r.nth > 0 {
			day = d1 + 7*(r.nth-1)
			st.Day = uint16(r.nth)
		} else {
			day = d1 + 28
			for day > daysIn(y, m) {
				day -= 7
			}
			st.Day = 5
		}
		st.DayOfWeek = uint16(r.weekday)
	default:
		day = o.start.Day()
		if len(r.mdays) > 0 {
			day = r.mdays[0]
		}
		if day > daysIn(y, m) {
			return time.Time{}, tzdef.SystemTime{}, false
		}
		st.DayOfWeek, st.Day = uint16(time.Date(y, m, day, 0, 0, 0, 0, time.UTC).Weekday()), weekOf(y, m, day)
	}
	wall := time.Date(y, m, day, int(h), int(mi), int(s), 0, time.UTC)
	if wall.Before(o.start) {
		return time.Time{}, tzdef.SystemTime{}, false
	}
	if !r.until.IsZero() {
		cmp := wall
		if r.untilUTC {
			cmp = wall.Add(-time.Duration(o.from) * time.Second)
		}
		if cmp.After(r.until) {
			return time.Time{}, tzdef.SystemTime{}, false
		}
	}
	if r.count > 0 {
		if *n >= r.count {
			return time.Time{}, tzdef.SystemTime{}, false
		}
		*n++
	}
	return wall, st, true
}

// observances reads the STANDARD and DAYLIGHT parts of a VTIMEZONE.
func observances(vtz *goical.Component) ([]observance, error) {
	var out []observance
	for _, c := range vtz.Children {
		if c.Name != "STANDARD" && c.Name != "DAYLIGHT" {
			continue
		}
		o := observance{daylight: c.Name == "DAYLIGHT"}
		p := c.Props.Get("DTSTART")
		if p == nil {
			return nil, fmt.Errorf("%s has no DTSTART", c.Name)
		}
		w, err := propWhen(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", c.Name, err)
		}
		o.start = w.wall
		for _, name := range []string{"TZOFFSETFROM", "TZOFFSETTO"} {
			p := c.Props.Get(name)
			if p == nil {
				return nil, fmt.Errorf("%s has no %s", c.Name, name)
			}
			off, err := parseOffset(p.Value)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %v", c.Name, name, err)
			}
			if name == "TZOFFSETFROM" {
				o.from = off
			} else {
				o.to = off
			}
		}
		if rr := c.Props.Values("RRULE"); len(rr) > 1 {
			return nil, fmt.Errorf("%s has %d RRULEs", c.Name, len(rr))
		} else if len(rr) == 1 {
			if o.rule, err = parseObservanceRule(rr[0].Value); err != nil {
				return nil, fmt.Errorf("%s %v", c.Name, err)
			}
		}
		for i := range c.Props.Values("RDATE") {
			ws, err := propWhens(&c.Props.Values("RDATE")[i])
			if err != nil {
				return nil, fmt.Errorf("%s %v", c.Name, err)
			}
			for _, w := range ws {
				if w.utc {
					w.wall = w.wall.Add(time.Duration(o.from) * time.Second)
				}
				o.rdates = append(o.rdates, w.wall)
			}
		}
		out = append(out, o)
	}
	if len(out) == 0 {
		return nil, errors.New("no STANDARD or DAYLIGHT observance")
	}
	return out, nil
}

// DefinitionFromVTimezone builds the TZDEFINITION (with its TimeZoneStruct)
// that a VTIMEZONE describes: one rule for each year from which the
// VTIMEZONE's offsets or transition rules change, key name keyName, the
// rule in force in year now flagged TZRULE_FLAG_EFFECTIVE_TZREG and
// TZRULE_FLAG_RECUR_CURRENT_TZREG (as tzdef.FromLocation does). The first
// rule also governs the years before it; when it has daylight saving its
// year is the one after its observances' first DTSTART, which undoes the
// lead-in year that Definition.VTimezone writes, and without daylight
// saving it is 1601, the year Definition.VTimezone starts it. A year with more than one
// daylight-saving period, or offsets that are not whole minutes, cannot be
// a Windows rule and is an error naming it.
func DefinitionFromVTimezone(vtz *goical.Component, keyName string, now int) (*tzdef.Definition, *tzdef.TimeZoneStruct, error) {
	obs, err := observances(vtz)
	if err != nil {
		return nil, nil, fmt.Errorf("VTIMEZONE %s: %w", keyName, err)
	}
	ymin, ymax := 30000, 0
	for i := range obs {
		o := &obs[i]
		ys := []int{o.start.Year()}
		if o.rule != nil && !o.rule.until.IsZero() {
			ys = append(ys, o.rule.until.Year())
		}
		if o.rule != nil && o.rule.count > 0 {
			ys = append(ys, o.start.Year()+o.rule.count*o.rule.interval)
		}
		for _, r := range o.rdates {
			ys = append(ys, r.Year())
		}
		for _, y := range ys {
			ymin, ymax = min(ymin, y), max(ymax, y)
		}
	}
	ymin = max(ymin, 1601)
	ymax++
	if ymax > 30827 || ymax-ymin > maxZoneYears {
		return nil, nil, fmt.Errorf("VTIMEZONE %s: observances span %d–%d, more than %d years", keyName, ymin, ymax, maxZoneYears)
	}
	var ons []onset
	counts := make([]int, len(obs))
	for y := ymin; y <= ymax; y++ {
		for i := range obs {
			o := &obs[i]
			wall, st, ok := o.onsetIn(y, &counts[i])
			if !ok {
				continue
			}
			ons = append(ons, onset{at: wall.Add(-time.Duration(o.from) * time.Second), wall: wall, daylight: o.daylight, st: st, from: o.from, to: o.to})
		}
	}
	if len(ons) == 0 {
		return nil, nil, fmt.Errorf("VTIMEZONE %s: no onset between %d and %d", keyName, ymin, ymax)
	}
	sort.SliceStable(ons, func(i, j int) bool { return ons[i].at.Before(ons[j].at) })
	d := &tzdef.Definition{MajorVersion: tzdef.MajorVersion, MinorVersion: tzdef.MinorVersion, Reserved: tzdef.HeaderReserved, KeyName: keyName}
	k := 0 // onsets before year y
	for y := ymin; y <= ymax; y++ {
		for k < len(ons) && ons[k].wall.Year() < y {
			k++
		}
		inForce := ons[0].from
		if k > 0 {
			inForce = ons[k-1].to
		}
		var year []onset
		for j := k; j < len(ons) && ons[j].wall.Year() == y; j++ {
			if ons[j].from != ons[j].to {
				year = append(year, ons[j])
			} else if len(year) == 0 {
				inForce = ons[j].to
			}
		}
		r, err := yearRule(y, inForce, year)
		if err != nil {
			return nil, nil, fmt.Errorf("VTIMEZONE %s: %w", keyName, err)
		}
		if n := len(d.Rules); n > 0 {
			prev := d.Rules[n-1]
			prev.Year = r.Year
			if prev == r {
				continue
			}
		}
		d.Rules = append(d.Rules, r)
	}
	if len(d.Rules) > tzdef.MaxRules {
		return nil, nil, fmt.Errorf("VTIMEZONE %s: %d rules, more than a TZDEFINITION holds", keyName, len(d.Rules))
	}
	switch {
	case !d.Rules[0].HasDST():
		d.Rules[0].Year = 1601 // as Definition.VTimezone writes a first rule without daylight saving
	case d.Rules[0].Year == uint16(ymin) && (len(d.Rules) == 1 || int(d.Rules[1].Year) > ymin+1):
		d.Rules[0].Year++
	}
	now = min(max(now, int(d.Rules[0].Year)), ymax)
	cur := d.RuleFor(now)
	cur.Flags = tzdef.TZRULE_FLAG_EFFECTIVE_TZREG | tzdef.TZRULE_FLAG_RECUR_CURRENT_TZREG
	b, err := d.MarshalBinary()
	if err != nil {
		return nil, nil, err
	}
	if err := d.UnmarshalBinary(b); err != nil {
		return nil, nil, err
	}
	return d, d.RecurRule().TimeZoneStruct(), nil
}

// yearRule is the TZRule of year y given the offset in force on 1 January
// and the year's changes of offset.
func yearRule(y, inForce int, changes []onset) (tzdef.Rule, error) {
	r := tzdef.Rule{MajorVersion: tzdef.RuleMajorVersion, MinorVersion: tzdef.RuleMinorVersion, Reserved: tzdef.RuleReserved, Year: uint16(y)}
	whole := func(offs ...int) error {
		for _, o := range offs {
			if o%60 != 0 {
				return fmt.Errorf("%d: offset %ds is not whole minutes", y, o)
			}
		}
		return nil
	}
	set := func(std, dst int) {
		r.Bias = int32(-std / 60)
		r.DaylightBias = int32(-(dst - std) / 60)
	}
	jan1 := tzdef.SystemTime{Month: 1, DayOfWeek: uint16(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Weekday()), Day: 1}
	switch len(changes) {
	case 0:
		if err := whole(inForce); err != nil {
			return r, err
		}
		set(inForce, inForce)
		return r, nil
	case 1:
		c := changes[0]
		if err := whole(c.from, c.to); err != nil {
			return r, err
		}
		if c.to > c.from { // forward for the rest of the year
			set(c.from, c.to)
			r.DaylightDate, r.StandardDate = c.st, jan1
		} else {
			set(c.to, c.from)
			r.DaylightDate, r.StandardDate = jan1, c.st
		}
		return r, nil
	case 2:
		var std, dst *onset
		for i := range changes {
			if changes[i].daylight {
				dst = &changes[i]
			} else {
				std = &changes[i]
			}
		}
		if std == nil || dst == nil {
			// Two changes of one kind: tell them apart by direction.
			a, b := &changes[0], &changes[1]
			if a.to > b.to {
				dst, std = a, b
			} else {
				dst, std = b, a
			}
			if dst.to == std.to {
				return r, fmt.Errorf("%d: two changes to the same offset", y)
			}
		}
		if err := whole(std.to, dst.to); err != nil {
			return r, err
		}
		set(std.to, dst.to)
		r.StandardDate, r.DaylightDate = std.st, dst.st
		return r, nil
	}
	return r, fmt.Errorf("%d has %d changes of offset (more than one daylight-saving period): %w", y, len(changes), tzdef.ErrNotExpressible)
}
