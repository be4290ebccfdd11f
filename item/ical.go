package item

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/internal/ical"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

// ICalOptions fill what the items do not hold.
type ICalOptions struct {
	Stamp  time.Time // DTSTAMP (default: now)
	ProdID string    // PRODID (default "-//mapiblob//mapiblob//EN")
}

// ErrNoEvent is returned for an item that is no event: no
// PidLidAppointmentRecur and no PidLidAppointmentStartWhole, or an
// exception's embedded message (its series writes it).
var ErrNoEvent = errors.New("item: not an event (no PidLidAppointmentRecur or PidLidAppointmentStartWhole)")

// ICalendar writes the item as a complete VCALENDAR (see CalendarWriter).
func (it *Item) ICalendar(opt ICalOptions) (string, error) {
	var b strings.Builder
	w := NewCalendarWriter(&b, opt)
	if err := w.Add(it); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	return b.String(), nil
}

// CalendarWriter writes items into one VCALENDAR as they come, keeping only
// the TZIDs of the VTIMEZONEs it has written.
type CalendarWriter struct {
	w       io.Writer
	opt     ICalOptions
	started bool
	zones   map[string]bool
	err     error
}

// NewCalendarWriter starts a calendar on w.
func NewCalendarWriter(w io.Writer, opt ICalOptions) *CalendarWriter {
	if opt.Stamp.IsZero() {
		opt.Stamp = time.Now()
	}
	if opt.ProdID == "" {
		opt.ProdID = "-//mapiblob//mapiblob//EN"
	}
	return &CalendarWriter{w: w, opt: opt, zones: map[string]bool{}}
}

func (c *CalendarWriter) write(s string) {
	if c.err == nil {
		_, c.err = io.WriteString(c.w, s)
	}
}

func (c *CalendarWriter) begin() {
	if c.started {
		return
	}
	c.started = true
	var w ical.Writer
	w.Line("BEGIN", "VCALENDAR")
	w.Line("VERSION", "2.0")
	w.Line("PRODID", ical.Text(c.opt.ProdID))
	w.Line("CALSCALE", "GREGORIAN")
	c.write(w.String())
}

// Close ends the calendar (an empty one when nothing was added).
func (c *CalendarWriter) Close() error {
	c.begin()
	var w ical.Writer
	w.Line("END", "VCALENDAR")
	c.write(w.String())
	return c.err
}

// Add writes one item's events: for a recurring meeting the series with
// RRULE, EXDATE and one overriding VEVENT per exception (from
// recurrence.AppointmentPattern.ICalendar, in the series' zone), for a
// single one a VEVENT from PidLidAppointmentStartWhole/EndWhole; each with
// the UID of its GlobalObjectId, SUMMARY, LOCATION, ORGANIZER, TRANSP from
// the busy status, STATUS:CANCELLED for a cancelled meeting, a VALARM for
// its reminder, and DATE values for an all-day event; and the VTIMEZONE of
// its zone, once per calendar.
func (c *CalendarWriter) Add(it *Item) error {
	if strings.EqualFold(it.MessageClass(), "IPM.OLE.CLASS.{00061055-0000-0000-C000-000000000046}") {
		return fmt.Errorf("%w: an exception of a series, written with its series", ErrNoEvent)
	}
	comps, err := it.components(c.opt)
	if err != nil {
		return err
	}
	c.begin()
	for _, comp := range comps {
		if comp.name == "VTIMEZONE" {
			id := comp.get("TZID")
			if c.zones[id] {
				continue
			}
			c.zones[id] = true
		}
		c.write(comp.String())
	}
	return c.err
}

// icalLine is one unfolded content line: "NAME;PARAMS" and the value.
type icalLine struct{ name, value string }

type icalComp struct {
	name  string
	lines []icalLine // the component's own lines, BEGIN/END excluded
	subs  []*icalComp
}

func (c *icalComp) get(name string) string {
	for _, l := range c.lines {
		if n, _, _ := strings.Cut(l.name, ";"); strings.EqualFold(n, name) {
			return l.value
		}
	}
	return ""
}

func (c *icalComp) String() string {
	var w ical.Writer
	c.write(&w)
	return w.String()
}

func (c *icalComp) write(w *ical.Writer) {
	w.Line("BEGIN", c.name)
	for _, l := range c.lines {
		w.Line(l.name, l.value)
	}
	for _, s := range c.subs {
		s.write(w)
	}
	w.Line("END", c.name)
}

// parseICal reads the components of a VCALENDAR's text (its children).
func parseICal(text string) ([]*icalComp, error) {
	text = strings.ReplaceAll(text, "\r\n ", "")
	text = strings.ReplaceAll(text, "\r\n\t", "")
	var stack []*icalComp
	var top []*icalComp
	for _, raw := range strings.Split(text, "\r\n") {
		if raw == "" {
			continue
		}
		name, value := splitLine(raw)
		switch strings.ToUpper(name) {
		case "BEGIN":
			c := &icalComp{name: strings.ToUpper(value)}
			if len(stack) > 0 {
				stack[len(stack)-1].subs = append(stack[len(stack)-1].subs, c)
			} else {
				top = append(top, c)
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 {
				return nil, errors.New("ical: END without BEGIN")
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) > 0 {
				stack[len(stack)-1].lines = append(stack[len(stack)-1].lines, icalLine{name, value})
			}
		}
	}
	if len(top) == 1 && top[0].name == "VCALENDAR" {
		return top[0].subs, nil
	}
	return top, nil
}

// splitLine cuts a content line at its first colon outside quotes.
func splitLine(s string) (string, string) {
	q := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			q = !q
		case ':':
			if !q {
				return s[:i], s[i+1:]
			}
		}
	}
	return s, ""
}

// uid is the item's iCalendar UID: from its GlobalObjectId (goid UID), or
// a stable one made from its properties when it has none.
func (it *Item) uid() string {
	if g := it.CleanGlobalObjectID(); g != nil {
		return g.UID()
	}
	if g := it.GlobalObjectID(); g != nil {
		return g.UID()
	}
	h := fnv.New64a()
	for i := range it.Properties {
		p := &it.Properties[i]
		h.Write([]byte(p.Name()))
		h.Write([]byte(p.Value.String()))
	}
	return fmt.Sprintf("mapiblob-%016x@mapiblob", h.Sum64())
}

// components are the item's VTIMEZONE and VEVENTs.
func (it *Item) components(opt ICalOptions) ([]*icalComp, error) {
	summary, _ := it.Subject()
	location, _ := it.Location()
	uid := it.uid()
	var comps []*icalComp
	if ap := it.Recurrence(); ap != nil {
		zone := it.SeriesZone()
		text, err := ap.ICalendar(zone, recurrence.ICalOptions{Summary: summary, Location: location, UID: uid,
			Stamp: opt.Stamp, ProdID: opt.ProdID})
		if err != nil {
			return nil, err
		}
		if comps, err = parseICal(text); err != nil {
			return nil, err
		}
	} else {
		start, ok := it.StartWhole()
		if !ok {
			return nil, ErrNoEvent
		}
		end, ok := it.EndWhole()
		if !ok {
			end = start
		}
		ev := &icalComp{name: "VEVENT"}
		ev.lines = append(ev.lines, icalLine{"UID", ical.Text(uid)}, icalLine{"DTSTAMP", opt.Stamp.UTC().Format("20060102T150405Z")})
		zone := it.displayZone()
		if z, ok := zone.(*tzdef.Definition); ok && z != nil {
			loc, err := z.Location()
			if err == nil {
				comps = append(comps, vtimezone(z))
				tzid := ";TZID=" + ical.Param(z.TZID())
				ev.lines = append(ev.lines, icalLine{"DTSTART" + tzid, start.In(loc).Format("20060102T150405")},
					icalLine{"DTEND" + tzid, end.In(loc).Format("20060102T150405")})
				zone = nil
			}
		}
		if zone != nil || len(ev.lines) == 2 {
			ev.lines = append(ev.lines, icalLine{"DTSTART", start.UTC().Format("20060102T150405Z")},
				icalLine{"DTEND", end.UTC().Format("20060102T150405Z")})
		}
		if summary != "" {
			ev.lines = append(ev.lines, icalLine{"SUMMARY", ical.Text(summary)})
		}
		if location != "" {
			ev.lines = append(ev.lines, icalLine{"LOCATION", ical.Text(location)})
		}
		comps = append(comps, ev)
	}
	until := ""
	if ap := it.Recurrence(); ap != nil {
		until = ap.RecurrencePattern.EndDate.Time(nil).Format("20060102")
	}
	it.decorate(comps, until)
	return comps, nil
}

// displayZone is the zone a single item's times are shown in:
// PidLidAppointmentTimeZoneDefinitionStartDisplay when it names a zone,
// else the series zone.
func (it *Item) displayZone() tzdef.Zone {
	if d := it.TZDefinition(PidLidAppointmentTimeZoneDefinitionStartDisplay); d != nil && strings.Trim(d.KeyName, "\x00") != "" && len(d.Rules) > 0 {
		return d
	}
	if z := it.SeriesZone(); z != nil {
		if d, ok := z.(*tzdef.Definition); ok {
			return d
		}
	}
	return nil
}

func vtimezone(d *tzdef.Definition) *icalComp {
	cs, _ := parseICal(d.VTimezone())
	if len(cs) == 1 {
		return cs[0]
	}
	return &icalComp{name: "VTIMEZONE", lines: []icalLine{{"TZID", d.TZID()}}}
}

// decorate adds what the blob does not hold to every VEVENT, and turns an
// all-day event's times into DATE values.
func (it *Item) decorate(comps []*icalComp, until string) {
	name, addr := it.Organizer()
	busy, hasBusy := it.BusyStatus()
	flags, _ := it.StateFlags()
	remind, delta := it.Reminder()
	allDay := it.AllDay()
	for _, c := range comps {
		if c.name != "VEVENT" {
			continue
		}
		master := c.get("RECURRENCE-ID") == ""
		var add []icalLine
		if addr != "" && strings.Contains(addr, "@") && !strings.ContainsAny(addr, " /") {
			n := "ORGANIZER"
			if name != "" {
				n += ";CN=" + ical.Param(name)
			}
			add = append(add, icalLine{n, "mailto:" + addr})
		}
		if c.get("TRANSP") == "" && hasBusy {
			t := "OPAQUE"
			if busy == 0 {
				t = "TRANSPARENT"
			}
			add = append(add, icalLine{"TRANSP", t})
			if master {
				add = append(add, icalLine{"X-MICROSOFT-CDO-BUSYSTATUS", [...]string{"FREE", "TENTATIVE", "BUSY", "OOF", "WORKINGELSEWHERE"}[min(max(int(busy), 0), 4)]})
			}
		}
		if flags&4 != 0 && c.get("STATUS") == "" {
			add = append(add, icalLine{"STATUS", "CANCELLED"})
		}
		c.lines = append(c.lines, add...)
		if allDay {
			for i := range c.lines {
				c.lines[i] = toDate(c.lines[i], until)
			}
		}
		if remind && delta >= 0 {
			c.subs = append(c.subs, &icalComp{name: "VALARM", lines: []icalLine{
				{"ACTION", "DISPLAY"}, {"DESCRIPTION", "Reminder"}, {"TRIGGER", fmt.Sprintf("-PT%dM", delta)}}})
		}
	}
}

// toDate turns a date-time property of an all-day event into a DATE value
// (its wall-clock date) and an RRULE's UNTIL into the series' last day
// (until), since the UTC instant may fall on the day before.
func toDate(l icalLine, until string) icalLine {
	n, _, _ := strings.Cut(l.name, ";")
	switch strings.ToUpper(n) {
	case "DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE":
		if len(l.value) >= 8 {
			return icalLine{n + ";VALUE=DATE", l.value[:8]}
		}
	case "RRULE":
		parts := strings.Split(l.value, ";")
		for i, p := range parts {
			if strings.HasPrefix(p, "UNTIL=") && until != "" {
				parts[i] = "UNTIL=" + until
			}
		}
		return icalLine{l.name, strings.Join(parts, ";")}
	}
	return l
}
