package ical

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/tzdef"
)

// ErrNoEvent is returned for an item that is no event: no
// PidLidAppointmentRecur and no PidLidAppointmentStartWhole, or an
// exception's embedded message (its series writes it).
var ErrNoEvent = errors.New("ical: not an event (no PidLidAppointmentRecur or PidLidAppointmentStartWhole)")

// exceptionClass is the message class of an exception's embedded message.
const exceptionClass = "IPM.OLE.CLASS.{00061055-0000-0000-C000-000000000046}"

// Encode writes the item as a complete VCALENDAR (see CalendarWriter).
func Encode(it *item.Item, opt ExportOptions) (string, error) {
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
	opt     ExportOptions
	cal     *Component
	started bool
	zones   map[string]bool
	buf     []byte
	err     error
}

// NewCalendarWriter starts a calendar on w (VERSION, PRODID,
// CALSCALE:GREGORIAN), written with the first item or at Close.
func NewCalendarWriter(w io.Writer, opt ExportOptions) *CalendarWriter {
	opt = opt.withDefaults()
	return &CalendarWriter{w: w, opt: opt, cal: newCalendar(&opt, true), zones: map[string]bool{}}
}

func (c *CalendarWriter) write(b []byte) {
	if c.err == nil {
		_, c.err = c.w.Write(b)
	}
}

func (c *CalendarWriter) begin() {
	if c.started {
		return
	}
	c.started = true
	c.write(c.cal.appendOpen(c.buf[:0]))
}

// Close ends the calendar (an empty one when nothing was added).
func (c *CalendarWriter) Close() error {
	c.begin()
	c.write(c.cal.appendClose(c.buf[:0]))
	return c.err
}

// Add writes one item's events (Events), and the VTIMEZONE of its zone
// once per calendar.
func (c *CalendarWriter) Add(it *item.Item) error {
	comps, err := Events(it, c.opt)
	if err != nil {
		return err
	}
	c.begin()
	for _, comp := range comps {
		if comp.Name == "VTIMEZONE" {
			id := comp.Get("TZID").Value
			if c.zones[id] {
				continue
			}
			c.zones[id] = true
		}
		c.buf = comp.appendTo(c.buf[:0])
		c.write(c.buf)
	}
	return c.err
}

// Events builds the item's components: for a recurring meeting the series
// with RRULE, EXDATE and one overriding VEVENT per exception (as Series
// builds them, in the series' zone), for a single one a VEVENT from
// PidLidAppointmentStartWhole/EndWhole in its StartDisplay zone; each with
// the UID of its GlobalObjectId, SUMMARY, LOCATION, ORGANIZER, TRANSP and
// X-MICROSOFT-CDO-BUSYSTATUS from the busy status, STATUS:CANCELLED for a
// cancelled meeting, a VALARM for its reminder, and DATE values for an
// all-day event; and before them the VTIMEZONE of its zone. The item's
// subject, location and GlobalObjectId stand for opt's Summary, Location
// and UID.
func Events(it *item.Item, opt ExportOptions) ([]*Component, error) {
	if strings.EqualFold(it.MessageClass(), exceptionClass) {
		return nil, fmt.Errorf("%w: an exception of a series, written with its series", ErrNoEvent)
	}
	opt = opt.withDefaults()
	opt.Summary, _ = it.Subject()
	opt.Location, _ = it.Location()
	opt.UID = uidOf(it)
	allDay := it.AllDay()
	var comps []*Component
	if ap := it.Recurrence(); ap != nil {
		var err error
		if comps, _, err = buildSeries(ap, it.SeriesZone(), &opt, allDay); err != nil {
			return nil, err
		}
	} else {
		var err error
		if comps, err = single(it, &opt, allDay); err != nil {
			return nil, err
		}
	}
	decorate(it, comps)
	return comps, nil
}

// uidOf is the item's iCalendar UID: from its GlobalObjectId (goid UID), or
// a stable one made from its properties when it has none.
func uidOf(it *item.Item) string {
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

// single is the VEVENT of an item without recurrence, after the VTIMEZONE
// of its display zone when it has one.
func single(it *item.Item, opt *ExportOptions, allDay bool) ([]*Component, error) {
	start, ok := it.StartWhole()
	if !ok {
		return nil, ErrNoEvent
	}
	end, ok := it.EndWhole()
	if !ok {
		end = start
	}
	ev := &Component{Name: "VEVENT"}
	ev.Add("UID", Text(opt.UID))
	ev.Add("DTSTAMP", opt.Stamp.UTC().Format(fmtUTC))
	var comps []*Component
	placed := false
	if z, ok := displayZone(it).(*tzdef.Definition); ok && z != nil {
		if loc, err := z.Location(); err == nil {
			comps = append(comps, VTimezone(z, "", 0))
			tz := Param{"TZID", z.TZID()}
			if allDay {
				tz = Param{"VALUE", "DATE"}
				ev.Add("DTSTART", start.In(loc).Format(fmtDate), tz)
				ev.Add("DTEND", end.In(loc).Format(fmtDate), tz)
			} else {
				ev.Add("DTSTART", start.In(loc).Format(fmtDateTime), tz)
				ev.Add("DTEND", end.In(loc).Format(fmtDateTime), tz)
			}
			placed = true
		}
	}
	if !placed {
		if allDay {
			ev.Add("DTSTART", start.UTC().Format(fmtDate), Param{"VALUE", "DATE"})
			ev.Add("DTEND", end.UTC().Format(fmtDate), Param{"VALUE", "DATE"})
		} else {
			ev.Add("DTSTART", start.UTC().Format(fmtUTC))
			ev.Add("DTEND", end.UTC().Format(fmtUTC))
		}
	}
	if opt.Summary != "" {
		ev.Add("SUMMARY", Text(opt.Summary))
	}
	if opt.Location != "" {
		ev.Add("LOCATION", Text(opt.Location))
	}
	return append(comps, ev), nil
}

// displayZone is the zone a single item's times are shown in:
// PidLidAppointmentTimeZoneDefinitionStartDisplay when it names a zone,
// else the series zone.
func displayZone(it *item.Item) tzdef.Zone {
	if d := it.TZDefinition(item.PidLidAppointmentTimeZoneDefinitionStartDisplay); d != nil && strings.Trim(d.KeyName, "\x00") != "" && len(d.Rules) > 0 {
		return d
	}
	if z := it.SeriesZone(); z != nil {
		if d, ok := z.(*tzdef.Definition); ok {
			return d
		}
	}
	return nil
}

var busyStatusNames = [...]string{"FREE", "TENTATIVE", "BUSY", "OOF", "WORKINGELSEWHERE"}

// attendeeParams are an ATTENDEE's parameters as [MS-OXCICAL] maps a
// recipient row: CN, ROLE and CUTYPE from PidTagRecipientType (to: a
// required participant, cc: an optional one, bcc: a resource), PARTSTAT
// from PidTagRecipientTrackStatus (respTentative, respAccepted,
// respDeclined; NEEDS-ACTION otherwise).
func attendeeParams(a item.Attendee) []Param {
	var ps []Param
	if a.Name != "" {
		ps = append(ps, Param{"CN", a.Name})
	}
	switch a.Type {
	case 2:
		ps = append(ps, Param{"ROLE", "OPT-PARTICIPANT"})
	case 3:
		ps = append(ps, Param{"CUTYPE", "RESOURCE"}, Param{"ROLE", "NON-PARTICIPANT"})
	default:
		ps = append(ps, Param{"ROLE", "REQ-PARTICIPANT"})
	}
	partstat := "NEEDS-ACTION"
	switch a.TrackStatus {
	case 2:
		partstat = "TENTATIVE"
	case 3:
		partstat = "ACCEPTED"
	case 4:
		partstat = "DECLINED"
	}
	return append(ps, Param{"PARTSTAT", partstat})
}

// mailAddress reports whether addr can be written as a mailto: URI.
func mailAddress(addr string) bool {
	return addr != "" && strings.Contains(addr, "@") && !strings.ContainsAny(addr, " /")
}

// decorate adds what the blob does not hold to every VEVENT: ORGANIZER,
// ATTENDEE (with the response the organizer's copy tracks), TRANSP and
// X-MICROSOFT-CDO-BUSYSTATUS where the event does not state its
// transparency, STATUS:CANCELLED, and a VALARM.
func decorate(it *item.Item, comps []*Component) {
	name, addr := it.Organizer()
	attendees := it.Attendees()
	busy, hasBusy := it.BusyStatus()
	flags, _ := it.StateFlags()
	remind, delta := it.Reminder()
	for _, c := range comps {
		if c.Name != "VEVENT" {
			continue
		}
		master := c.Get("RECURRENCE-ID") == nil
		transp, status := c.Get("TRANSP") != nil, c.Get("STATUS") != nil
		if mailAddress(addr) {
			var cn []Param
			if name != "" {
				cn = []Param{{"CN", name}}
			}
			c.Add("ORGANIZER", "mailto:"+addr, cn...)
		}
		for _, a := range attendees {
			if mailAddress(a.Address) {
				c.Add("ATTENDEE", "mailto:"+a.Address, attendeeParams(a)...)
			}
		}
		if !transp && hasBusy {
			t := "OPAQUE"
			if busy == 0 {
				t = "TRANSPARENT"
			}
			c.Add("TRANSP", t)
			if master {
				c.Add("X-MICROSOFT-CDO-BUSYSTATUS", busyStatusNames[min(max(int(busy), 0), 4)])
			}
		}
		if flags&4 != 0 && !status {
			c.Add("STATUS", "CANCELLED")
		}
		if remind && delta >= 0 {
			alarm := &Component{Name: "VALARM"}
			alarm.Add("ACTION", "DISPLAY")
			alarm.Add("DESCRIPTION", "Reminder")
			alarm.Add("TRIGGER", "-PT"+strconv.Itoa(int(delta))+"M")
			c.Children = append(c.Children, alarm)
		}
	}
}
