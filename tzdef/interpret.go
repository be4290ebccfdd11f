package tzdef

import (
	"time"
)

// RuleFor returns the rule in force during year: the rule with the greatest
// Year ≤ year, or the first rule for a year before every rule. Rules need
// not be sorted. It returns nil when d has no rules.
func (d *Definition) RuleFor(year int) *Rule {
	var best *Rule
	for i := range d.Rules {
		r := &d.Rules[i]
		if int(r.Year) <= year && (best == nil || r.Year > best.Year) {
			best = r
		}
	}
	if best == nil {
		for i := range d.Rules {
			r := &d.Rules[i]
			if best == nil || r.Year < best.Year {
				best = r
			}
		}
	}
	return best
}

// EffectiveRule returns the first rule flagged TZRULE_FLAG_EFFECTIVE_TZREG, or nil.
func (d *Definition) EffectiveRule() *Rule { return d.flagged(TZRULE_FLAG_EFFECTIVE_TZREG) }

// RecurRule returns the first rule flagged TZRULE_FLAG_RECUR_CURRENT_TZREG, or nil.
func (d *Definition) RecurRule() *Rule { return d.flagged(TZRULE_FLAG_RECUR_CURRENT_TZREG) }

func (d *Definition) flagged(f RuleFlags) *Rule {
	for i := range d.Rules {
		if d.Rules[i].Flags&f != 0 {
			return &d.Rules[i]
		}
	}
	return nil
}

// ConsistentWith reports whether d may expand a series whose
// PidLidTimeZoneStruct is tz: its TZRULE_FLAG_RECUR_CURRENT_TZREG rule
// exists and has the same biases and dates. When it does not, the series
// is expanded with tz alone.
func (d *Definition) ConsistentWith(tz *TimeZoneStruct) bool {
	r := d.RecurRule()
	return r != nil && r.SameZone(tz)
}

// HasDST reports whether the rule has both transitions.
func (t *Rule) HasDST() bool { return t.StandardDate.IsSet() && t.DaylightDate.IsSet() }

// StandardOffset is the UTC offset in standard time, in seconds (EST: −18000).
func (t *Rule) StandardOffset() int { return -60 * int(t.Bias+t.StandardBias) }

// DaylightOffset is the UTC offset in daylight time, in seconds (EDT: −14400).
func (t *Rule) DaylightOffset() int { return -60 * int(t.Bias+t.DaylightBias) }

// Transition is a change of offset.
type Transition struct {
	UTC        time.Time // the instant, in UTC
	Local      time.Time // the wall-clock time the rule names (on the clock before the change), as UTC-located fields
	ToDaylight bool      // true for the change to daylight time
	OffsetFrom int       // UTC offset before, seconds
	OffsetTo   int       // UTC offset after, seconds
}

// Transitions returns the rule's two transitions in year, in time order.
// It returns none for a rule without daylight saving, and only those whose
// SYSTEMTIME names a day of that year.
func (t *Rule) Transitions(year int) []Transition {
	if !t.HasDST() {
		return nil
	}
	var out []Transition
	if m, d, ok := t.DaylightDate.DateIn(year); ok {
		wall := time.Date(year, m, d, 0, 0, 0, 0, time.UTC).Add(t.DaylightDate.timeOfDay())
		out = append(out, Transition{
			UTC: wall.Add(-time.Duration(t.StandardOffset()) * time.Second), Local: wall, ToDaylight: true,
			OffsetFrom: t.StandardOffset(), OffsetTo: t.DaylightOffset(),
		})
	}
	if m, d, ok := t.StandardDate.DateIn(year); ok {
		wall := time.Date(year, m, d, 0, 0, 0, 0, time.UTC).Add(t.StandardDate.timeOfDay())
		tr := Transition{
			UTC: wall.Add(-time.Duration(t.DaylightOffset()) * time.Second), Local: wall,
			OffsetFrom: t.DaylightOffset(), OffsetTo: t.StandardOffset(),
		}
		if len(out) == 1 && tr.UTC.Before(out[0].UTC) {
			out = []Transition{tr, out[0]}
		} else {
			out = append(out, tr)
		}
	}
	return out
}

// Offset returns the UTC offset in seconds at instant u and whether
// daylight time is in force, using the rule of u's local year (see
// YearRule for where a year begins). ok is false when d has no rules.
func (d *Definition) Offset(u time.Time) (offset int, dst bool, ok bool) {
	if len(d.Rules) == 0 {
		return 0, false, false
	}
	yr := zoneYearAt(d, u)
	i := yr.segmentAt(u)
	return yr.seg[i].off, yr.seg[i].dst, true
}

// Offset returns the UTC offset in seconds at instant u and whether
// daylight time is in force.
func (tz *TimeZoneStruct) Offset(u time.Time) (offset int, dst bool) {
	yr := zoneYearAt(tz, u)
	i := yr.segmentAt(u)
	return yr.seg[i].off, yr.seg[i].dst
}

// zoneYearAt is the YearRule of the local year that instant u falls in.
func zoneYearAt(z interface{ Year(int) (YearRule, bool) }, u time.Time) YearRule {
	u = u.UTC()
	y := u.Year()
	yr, _ := z.Year(y)
	switch {
	case u.Before(yr.Start):
		yr, _ = z.Year(y - 1)
	case !u.Before(yr.End()):
		yr, _ = z.Year(y + 1)
	}
	return yr
}

// Transitions lists the changes of offset during local year year, in time
// order: those of the year's rule that change the offset, and a change at
// the year's start when the rule begins the year at another offset than
// the year before ended with. A rule's own dates, read literally, are
// Rule.Transitions.
func (d *Definition) Transitions(year int) []Transition {
	yr, ok := d.Year(year)
	if !ok {
		return nil
	}
	return yr.Transitions()
}

// Transitions lists the changes of offset during year.
func (tz *TimeZoneStruct) Transitions(year int) []Transition {
	yr, _ := tz.Year(year)
	return yr.Transitions()
}
