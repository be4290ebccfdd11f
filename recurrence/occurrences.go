package recurrence

import (
	"encoding/json"
	"iter"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/tzdef"
)

// Occurrence is one meeting of a series.
type Occurrence struct {
	Start         time.Time // in the series' zone (wall clock in UTC when no zone was given)
	End           time.Time
	OriginalStart time.Time // the slot the pattern gave it (iCalendar RECURRENCE-ID)
	// Exception is the exception of a modified instance (its ExceptionInfo
	// and ExtendedException), nil for a normal one; Index is its position
	// in the pattern's Exceptions.
	Exception *Exception
	Index     int
	// Floating is true when no zone was given: Start and End are wall-clock
	// times, not instants.
	Floating bool

	ap *AppointmentPattern // the pattern whose buffer holds the exception's strings
}

// Modified reports whether the occurrence is an exception.
func (o *Occurrence) Modified() bool { return o.Exception != nil }

// ExpandOptions bound an expansion.
type ExpandOptions struct {
	// MaxInstances caps the pattern dates walked, deleted ones included
	// (0: DefaultMaxInstances). Reaching it ends the expansion with
	// ErrTooManyInstances.
	MaxInstances int
}

// Clock converts a series' wall-clock minutes into times in its zone, as
// occurrence expansion does (RFC 5545's reading of a time in a gap or an
// overlap), keeping the rule of the year last asked for. A nil zone gives
// wall-clock times in UTC. The iCalendar export reads its times with it,
// so that they are the expansion's.
type Clock struct {
	zone tzdef.Zone
	loc  *time.Location
	yr   tzdef.YearRule
	ok   bool
}

// NewClock is a Clock of zone; the error is the zone's, when it has no
// location.
func NewClock(zone tzdef.Zone) (*Clock, error) {
	c := &Clock{zone: zone}
	if zone == nil {
		return c, nil
	}
	loc, err := zone.Location()
	if err != nil {
		return nil, err
	}
	c.loc = loc
	return c, nil
}

// At is the time m means in the clock's zone.
func (c *Clock) At(m Minutes) time.Time {
	w := m.Time(nil)
	if c.zone == nil {
		return w
	}
	if y := w.Year(); !c.ok || c.yr.Year != y {
		c.yr, _ = c.zone.Year(y)
		c.ok = true
	}
	u, _ := c.yr.UTC(w)
	return u.In(c.loc)
}

// Occurrences yields the series' meetings that overlap [from, to) (zero
// times: no bound), in start order: each pattern date that was not deleted
// at StartTimeOffset–EndTimeOffset, and each exception at its own start and
// end, which may lie on another day. zone is the series' time zone —
// a *tzdef.Definition (PidLidAppointmentTimeZoneDefinitionRecur, when it is
// consistent with PidLidTimeZoneStruct) or a *tzdef.TimeZoneStruct — and
// applies each year's rule, reading times in a daylight-saving gap or
// overlap as RFC 5545 does; with a nil zone the times are wall-clock times
// in UTC and Floating is set. A series without end needs `to`. The second
// value is non-nil once, when expansion stops on an error (Hijri calendars,
// the instance cap).
func (ap *AppointmentPattern) Occurrences(zone tzdef.Zone, from, to time.Time, opt ExpandOptions) iter.Seq2[Occurrence, error] {
	return func(yield func(Occurrence, error) bool) {
		if zone != nil && isNilZone(zone) {
			zone = nil
		}
		c, err := NewClock(zone)
		if err != nil {
			yield(Occurrence{}, err)
			return
		}
		p := &ap.RecurrencePattern
		// Exceptions by original day, and sorted by their actual start.
		byStart := make([]int, len(ap.Exceptions))
		for i := range byStart {
			byStart[i] = i
		}
		sort.SliceStable(byStart, func(a, b int) bool {
			return ap.Exceptions[byStart[a]].Info.StartDateTime < ap.Exceptions[byStart[b]].Info.StartDateTime
		})
		deleted := p.DeletedInstanceDates
		sorted := sort.SliceIsSorted(deleted, func(a, b int) bool { return deleted[a] < deleted[b] })
		isDeleted := func(m Minutes) bool {
			if len(deleted) == 0 {
				return false
			}
			if !sorted {
				return contains(deleted, m)
			}
			i := sort.Search(len(deleted), func(i int) bool { return deleted[i] >= m })
			return i < len(deleted) && deleted[i] == m
		}
		dur := time.Duration(int64(ap.EndTimeOffset)-int64(ap.StartTimeOffset)) * time.Minute
		// The pattern is walked from a little before `from`, so that an
		// instance that started earlier but is still going is included.
		walkFrom := from
		if !from.IsZero() {
			walkFrom = from.Add(-dur - 48*time.Hour)
		}
		walkTo := to
		next := 0 // next exception (in byStart order) to merge
		emitException := func(i int) bool {
			e := &ap.Exceptions[i].Info
			o := Occurrence{Start: c.At(e.StartDateTime), End: c.At(e.EndDateTime), OriginalStart: c.At(e.OriginalStartDate),
				Exception: &ap.Exceptions[i], Index: i, Floating: zone == nil, ap: ap}
			if !overlaps(o, from, to) {
				return true
			}
			return yield(o, nil)
		}
		for d, err := range p.Dates(walkFrom, walkTo, DateOptions(opt)) {
			if err != nil {
				yield(Occurrence{}, err)
				return
			}
			startM := d + Minutes(ap.StartTimeOffset)
			// Exceptions that start before this slot go first.
			for next < len(byStart) && ap.Exceptions[byStart[next]].Info.StartDateTime < startM {
				if !emitException(byStart[next]) {
					return
				}
				next++
			}
			if isDeleted(d) {
				continue
			}
			o := Occurrence{Start: c.At(startM), End: c.At(d + Minutes(ap.EndTimeOffset)), Floating: zone == nil}
			o.OriginalStart = o.Start
			if !to.IsZero() && !o.Start.Before(to) {
				break
			}
			if !overlaps(o, from, to) {
				continue
			}
			if !yield(o, nil) {
				return
			}
		}
		for ; next < len(byStart); next++ {
			if !emitException(byStart[next]) {
				return
			}
		}
	}
}

func isNilZone(z tzdef.Zone) bool {
	switch v := z.(type) {
	case *tzdef.Definition:
		return v == nil
	case *tzdef.TimeZoneStruct:
		return v == nil
	}
	return false
}

func overlaps(o Occurrence, from, to time.Time) bool {
	if !to.IsZero() && !o.Start.Before(to) {
		return false
	}
	if !from.IsZero() && !o.End.After(from) && !o.Start.Equal(from) {
		return false
	}
	return true
}

// Occurrences yields the dates of a task's recurrence in [from, to] (zero
// times: no bound) as midnights in UTC. A regenerating task (SlidingFlag)
// yields only its next instance: the first date on or after `from` (or
// StartDate), since later ones depend on when that one is completed.
func (p *Pattern) Occurrences(from, to time.Time, opt ExpandOptions) iter.Seq2[time.Time, error] {
	return func(yield func(time.Time, error) bool) {
		for d, err := range p.Dates(from, to, DateOptions(opt)) {
			if err != nil {
				yield(time.Time{}, err)
				return
			}
			if contains(p.DeletedInstanceDates, d) {
				continue
			}
			if !yield(d.Time(nil), nil) || p.SlidingFlag != 0 {
				return
			}
		}
	}
}

// Changes are what an exception changes in its instance: the ExceptionInfo
// fields its OverrideFlags mark, as stored; nil for a field it leaves to
// the series. Subject and Location are the texts the instance shows (the
// UTF-16 copy when the ExtendedException has one). Overrides gives them in
// the form ModifyInstance takes.
type Changes struct {
	Subject          *string
	MeetingType      *uint32 // PidLidAppointmentStateFlags of the exception
	ReminderDelta    *uint32 // minutes before the start
	ReminderSet      *uint32
	Location         *string
	BusyStatus       *uint32
	Attachment       *uint32
	SubType          *uint32 // 1: an all-day event
	AppointmentColor *uint32
}

// Changes lists what a modified occurrence changes, with strings from the
// UTF-16 copy when the ExtendedException has one, else from the 8-bit
// field in code page cp. It is nil for a normal occurrence.
func (o *Occurrence) Changes(cp blob.CodePage) *Changes {
	e := o.Exception
	if e == nil {
		return nil
	}
	c := &Changes{}
	for k := range infoFields {
		f := &infoFields[k]
		if f.flags == 0 || !f.present(e.Info.OverrideFlags, false) {
			continue
		}
		if f.kind == kindText8 {
			t := o.ap.exceptionText(o.Index, f, cp)
			switch f.name {
			case "Subject":
				c.Subject = &t
			case "Location":
				c.Location = &t
			}
			continue
		}
		v := f.value(e)
		for _, x := range c.numbers() {
			if x.name == f.name {
				*x.p = &v
			}
		}
	}
	return c
}

// numbered is one number field of Changes by its ExceptionInfo name.
type numbered struct {
	name string
	p    **uint32
}

// numbers are the number fields of c, in ExceptionInfo order.
func (c *Changes) numbers() []numbered {
	return []numbered{{"MeetingType", &c.MeetingType}, {"ReminderDelta", &c.ReminderDelta}, {"ReminderSet", &c.ReminderSet},
		{"BusyStatus", &c.BusyStatus}, {"Attachment", &c.Attachment}, {"SubType", &c.SubType}, {"AppointmentColor", &c.AppointmentColor}}
}

// IsZero reports whether c changes nothing (a nil c changes nothing).
func (c *Changes) IsZero() bool {
	if c == nil {
		return true
	}
	if c.Subject != nil || c.Location != nil {
		return false
	}
	for _, x := range c.numbers() {
		if *x.p != nil {
			return false
		}
	}
	return true
}

// change is one changed field: its ExceptionInfo name and value.
type change struct {
	name string
	v    any
}

// Each yields the changed fields by their ExceptionInfo names, sorted by
// name; a value is a string (Subject, Location) or a uint32.
func (c *Changes) Each(yield func(name string, v any) bool) {
	if c == nil {
		return
	}
	var all []change
	if c.Subject != nil {
		all = append(all, change{"Subject", *c.Subject})
	}
	if c.Location != nil {
		all = append(all, change{"Location", *c.Location})
	}
	for _, x := range c.numbers() {
		if *x.p != nil {
			all = append(all, change{x.name, **x.p})
		}
	}
	slices.SortFunc(all, func(a, b change) int { return strings.Compare(a.name, b.name) })
	for _, x := range all {
		if !yield(x.name, x.v) {
			return
		}
	}
}

// MarshalJSON writes the JSON contract's "overrides": an object keyed by
// the ExceptionInfo field names, sorted, with the values as stored.
func (c *Changes) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for name, v := range c.Each {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, name)
		b = append(b, ':')
		switch v := v.(type) {
		case string:
			s, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			b = append(b, s...)
		case uint32:
			b = strconv.AppendUint(b, uint64(v), 10)
		}
	}
	return append(b, '}'), nil
}

// Overrides are the changes in the form ModifyInstance takes: the texts,
// the numbers, ReminderSet, Attachment and SubType as booleans (not zero),
// ReminderDelta as a duration.
func (c *Changes) Overrides() Overrides {
	var o Overrides
	if c == nil {
		return o
	}
	o.Subject, o.Location = c.Subject, c.Location
	o.MeetingType, o.BusyStatus, o.AppointmentColor = c.MeetingType, c.BusyStatus, c.AppointmentColor
	if c.ReminderDelta != nil {
		d := time.Duration(*c.ReminderDelta) * time.Minute
		o.ReminderDelta = &d
	}
	for _, x := range []struct {
		from *uint32
		to   **bool
	}{{c.ReminderSet, &o.ReminderSet}, {c.Attachment, &o.Attachment}, {c.SubType, &o.AllDay}} {
		if x.from != nil {
			v := *x.from != 0
			*x.to = &v
		}
	}
	return o
}
