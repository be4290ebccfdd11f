package item

import (
	"strings"
	"sync"
	"time"

	"github.com/mapiblob/mapiblob/goid"
	"github.com/mapiblob/mapiblob/proptag"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/smartview"
	"github.com/mapiblob/mapiblob/tzdef"
)

// The calendar properties the item layer reads, by canonical name.
const (
	PidTagMessageClass                              = "PidTagMessageClass"
	PidTagSubject                                   = "PidTagSubject"
	PidLidLocation                                  = "PidLidLocation"
	PidLidAppointmentStartWhole                     = "PidLidAppointmentStartWhole"
	PidLidAppointmentEndWhole                       = "PidLidAppointmentEndWhole"
	PidLidAppointmentSubType                        = "PidLidAppointmentSubType"
	PidLidRecurring                                 = "PidLidRecurring"
	PidLidAppointmentRecur                          = "PidLidAppointmentRecur"
	PidLidTaskRecurrence                            = "PidLidTaskRecurrence"
	PidLidAppointmentTimeZoneDefinitionStartDisplay = "PidLidAppointmentTimeZoneDefinitionStartDisplay"
	PidLidAppointmentTimeZoneDefinitionEndDisplay   = "PidLidAppointmentTimeZoneDefinitionEndDisplay"
	PidLidAppointmentTimeZoneDefinitionRecur        = "PidLidAppointmentTimeZoneDefinitionRecur"
	PidLidTimeZoneStruct                            = "PidLidTimeZoneStruct"
	PidLidTimeZoneDescription                       = "PidLidTimeZoneDescription"
	PidLidGlobalObjectId                            = "PidLidGlobalObjectId"
	PidLidCleanGlobalObjectId                       = "PidLidCleanGlobalObjectId"
	PidLidAppointmentStateFlags                     = "PidLidAppointmentStateFlags"
	PidLidBusyStatus                                = "PidLidBusyStatus"
	PidLidReminderSet                               = "PidLidReminderSet"
	PidLidReminderDelta                             = "PidLidReminderDelta"
	PidTagSenderEmailAddress                        = "PidTagSenderEmailAddress"
	PidTagSenderSmtpAddress                         = "PidTagSenderSmtpAddress"
	PidTagSentRepresentingEmailAddress              = "PidTagSentRepresentingEmailAddress"
	PidTagSentRepresentingSmtpAddress               = "PidTagSentRepresentingSmtpAddress"
	PidTagSentRepresentingName                      = "PidTagSentRepresentingName"
	PidTagRecipientFlags                            = "PidTagRecipientFlags"
	PidTagSmtpAddress                               = "PidTagSmtpAddress"
	PidTagEmailAddress                              = "PidTagEmailAddress"
	PidTagDisplayName                               = "PidTagDisplayName"
)

// TZProperties are the three time-zone definition properties, in the order
// findings and repairs list them.
var TZProperties = []string{
	PidLidAppointmentTimeZoneDefinitionStartDisplay,
	PidLidAppointmentTimeZoneDefinitionEndDisplay,
	PidLidAppointmentTimeZoneDefinitionRecur,
}

var propCache sync.Map // name → *proptag.Property

// prop returns the table entry of a canonical name, cached.
func prop(name string) *proptag.Property {
	if p, ok := propCache.Load(name); ok {
		return p.(*proptag.Property)
	}
	p, _ := proptag.ByName(name)
	propCache.Store(name, p)
	return p
}

// get is Get with a cached lookup.
func (it *Item) get(name string) *Property {
	want := prop(name)
	if want == nil {
		return nil
	}
	return find(it.Properties, want)
}

// str returns a string property's text and whether it is present.
func (it *Item) str(name string) (string, bool) {
	p := it.get(name)
	if p == nil || p.Value.Type != proptag.PT_UNICODE && p.Value.Type != proptag.PT_STRING8 {
		return "", false
	}
	return p.Value.Str, true
}

func (it *Item) boolean(name string) (bool, bool) {
	p := it.get(name)
	if p == nil || p.Value.Type != proptag.PT_BOOLEAN {
		return false, false
	}
	return p.Value.Int != 0, true
}

func (it *Item) long(name string) (int32, bool) {
	p := it.get(name)
	if p == nil || p.Value.Type != proptag.PT_LONG {
		return 0, false
	}
	return int32(p.Value.Int), true
}

func (it *Item) systime(name string) (time.Time, bool) {
	p := it.get(name)
	if p == nil || p.Value.Type != proptag.PT_SYSTIME {
		return time.Time{}, false
	}
	return p.Value.Time, true
}

// MessageClass is PidTagMessageClass ("" when absent).
func (it *Item) MessageClass() string { s, _ := it.str(PidTagMessageClass); return s }

// Subject is PidTagSubject and whether the item has one.
func (it *Item) Subject() (string, bool) { return it.str(PidTagSubject) }

// Location is PidLidLocation and whether the item has one.
func (it *Item) Location() (string, bool) { return it.str(PidLidLocation) }

// StartWhole is PidLidAppointmentStartWhole (UTC) and whether it is present.
func (it *Item) StartWhole() (time.Time, bool) { return it.systime(PidLidAppointmentStartWhole) }

// EndWhole is PidLidAppointmentEndWhole (UTC) and whether it is present.
func (it *Item) EndWhole() (time.Time, bool) { return it.systime(PidLidAppointmentEndWhole) }

// AllDay is PidLidAppointmentSubType: an all-day event.
func (it *Item) AllDay() bool { b, _ := it.boolean(PidLidAppointmentSubType); return b }

// Recurring is PidLidRecurring and whether the item has it.
func (it *Item) Recurring() (bool, bool) { return it.boolean(PidLidRecurring) }

// Recurrence is the decoded PidLidAppointmentRecur, or nil.
func (it *Item) Recurrence() *recurrence.AppointmentPattern {
	if p := it.get(PidLidAppointmentRecur); p != nil && p.Decoded != nil {
		ap, _ := p.Decoded.Value.(*recurrence.AppointmentPattern)
		return ap
	}
	return nil
}

// TaskRecurrence is the decoded PidLidTaskRecurrence, or nil.
func (it *Item) TaskRecurrence() *recurrence.Pattern {
	if p := it.get(PidLidTaskRecurrence); p != nil && p.Decoded != nil {
		rp, _ := p.Decoded.Value.(*recurrence.Pattern)
		return rp
	}
	return nil
}

// TZDefinition is the decoded time-zone definition of one of
// TZProperties, or nil.
func (it *Item) TZDefinition(name string) *tzdef.Definition {
	if p := it.get(name); p != nil && p.Decoded != nil {
		d, _ := p.Decoded.Value.(*tzdef.Definition)
		return d
	}
	return nil
}

// TimeZoneStruct is the decoded PidLidTimeZoneStruct, or nil.
func (it *Item) TimeZoneStruct() *tzdef.TimeZoneStruct {
	if p := it.get(PidLidTimeZoneStruct); p != nil && p.Decoded != nil {
		tz, _ := p.Decoded.Value.(*tzdef.TimeZoneStruct)
		return tz
	}
	return nil
}

// TimeZoneDescription is PidLidTimeZoneDescription ("" when absent).
func (it *Item) TimeZoneDescription() string { s, _ := it.str(PidLidTimeZoneDescription); return s }

// GlobalObjectID is the decoded PidLidGlobalObjectId, or nil.
func (it *Item) GlobalObjectID() *goid.GlobalObjectID { return it.goid(PidLidGlobalObjectId) }

// CleanGlobalObjectID is the decoded PidLidCleanGlobalObjectId, or nil.
func (it *Item) CleanGlobalObjectID() *goid.GlobalObjectID { return it.goid(PidLidCleanGlobalObjectId) }

func (it *Item) goid(name string) *goid.GlobalObjectID {
	if p := it.get(name); p != nil && p.Decoded != nil {
		g, _ := p.Decoded.Value.(*goid.GlobalObjectID)
		return g
	}
	return nil
}

// StateFlags is PidLidAppointmentStateFlags (asfMeeting 0x1, asfReceived
// 0x2, asfCanceled 0x4) and whether it is present.
func (it *Item) StateFlags() (int32, bool) { return it.long(PidLidAppointmentStateFlags) }

// BusyStatus is PidLidBusyStatus (0 free, 1 tentative, 2 busy, 3 out of
// office, 4 working elsewhere) and whether it is present.
func (it *Item) BusyStatus() (int32, bool) { return it.long(PidLidBusyStatus) }

// Reminder is PidLidReminderSet and PidLidReminderDelta (minutes before the
// start).
func (it *Item) Reminder() (set bool, minutes int32) {
	set, _ = it.boolean(PidLidReminderSet)
	minutes, _ = it.long(PidLidReminderDelta)
	return set, minutes
}

// IsMeeting reports whether the item is a meeting rather than an
// appointment: asfMeeting in PidLidAppointmentStateFlags, or a meeting
// message class (IPM.Schedule.Meeting.*).
func (it *Item) IsMeeting() bool {
	if f, ok := it.StateFlags(); ok && f&1 != 0 {
		return true
	}
	return hasClassPrefix(it.MessageClass(), "IPM.Schedule.Meeting")
}

// IsCalendar reports whether the message class is a calendar item's:
// IPM.Appointment, IPM.Schedule.Meeting.* (and their derived classes), or
// IPM.OLE.CLASS.{00061055-0000-0000-C000-000000000046} (an exception).
func (it *Item) IsCalendar() bool {
	c := it.MessageClass()
	return hasClassPrefix(c, "IPM.Appointment") || hasClassPrefix(c, "IPM.Schedule.Meeting") ||
		strings.EqualFold(c, "IPM.OLE.CLASS.{00061055-0000-0000-C000-000000000046}")
}

// hasClassPrefix reports whether class is base or derived from it
// (base.something), case-insensitively.
func hasClassPrefix(class, base string) bool {
	if len(class) < len(base) || !strings.EqualFold(class[:len(base)], base) {
		return false
	}
	return len(class) == len(base) || class[len(base)] == '.'
}

// Organizer is the organizer's address: the SMTP or e-mail address of the
// sent-representing user, else of the sender, else of the recipient row
// flagged recipOrganizer (PidTagRecipientFlags 0x2). It is "" when the
// item names none.
func (it *Item) Organizer() (name, address string) {
	name, _ = it.str(PidTagSentRepresentingName)
	for _, n := range []string{PidTagSentRepresentingSmtpAddress, PidTagSentRepresentingEmailAddress, PidTagSenderSmtpAddress, PidTagSenderEmailAddress} {
		if s, ok := it.str(n); ok && strings.TrimSpace(s) != "" {
			return name, s
		}
	}
	for _, row := range it.Recipients {
		f := getIn(row, PidTagRecipientFlags)
		if f == nil || f.Value.Type != proptag.PT_LONG || f.Value.Int&2 == 0 {
			continue
		}
		n := ""
		if d := getIn(row, PidTagDisplayName); d != nil {
			n = d.Value.Str
		}
		for _, a := range []string{PidTagSmtpAddress, PidTagEmailAddress} {
			if p := getIn(row, a); p != nil && strings.TrimSpace(p.Value.Str) != "" {
				return n, p.Value.Str
			}
		}
	}
	return name, ""
}

// Attendee is one attendee of a meeting, from a recipient row that is not
// the organizer's.
type Attendee struct {
	Name, Address string
	// Type is PidTagRecipientType: 1 to (a required attendee), 2 cc (an
	// optional one), 3 bcc (a resource).
	Type int64
	// TrackStatus is PidTagRecipientTrackStatus, the attendee's response as
	// the organizer's copy tracks it (0 respNone … 5 respNotResponded);
	// HasTrackStatus says whether the row holds one.
	TrackStatus    int64
	HasTrackStatus bool
}

// Attendees are the item's recipient rows but the organizer's (the row
// flagged recipOrganizer, PidTagRecipientFlags 0x2), in the item's order.
func (it *Item) Attendees() []Attendee {
	var out []Attendee
	for _, row := range it.Recipients {
		if f := getIn(row, PidTagRecipientFlags); f != nil && f.Value.Type == proptag.PT_LONG && f.Value.Int&2 != 0 {
			continue
		}
		var a Attendee
		if d := getIn(row, PidTagDisplayName); d != nil {
			a.Name = d.Value.Str
		}
		for _, n := range []string{PidTagSmtpAddress, PidTagEmailAddress} {
			if p := getIn(row, n); p != nil && strings.TrimSpace(p.Value.Str) != "" {
				a.Address = p.Value.Str
				break
			}
		}
		if p := getIn(row, "PidTagRecipientType"); p != nil && p.Value.Type == proptag.PT_LONG {
			a.Type = p.Value.Int
		}
		if p := getIn(row, "PidTagRecipientTrackStatus"); p != nil && p.Value.Type == proptag.PT_LONG {
			a.TrackStatus, a.HasTrackStatus = p.Value.Int, true
		}
		out = append(out, a)
	}
	return out
}

// Series is the item's recurring series, ready to expand: its
// PidLidAppointmentRecur or PidLidTaskRecurrence, the zone SeriesZone gives
// and the item's code page; nil when the item has neither pattern.
func (it *Item) Series() *smartview.Series {
	ap, task := it.Recurrence(), it.TaskRecurrence()
	if ap == nil && task == nil {
		return nil
	}
	return &smartview.Series{Appointment: ap, Task: task, Zone: it.SeriesZone(), CodePage: it.CodePage()}
}

// SeriesZone is the zone the item's recurring series is expanded in
// (tzdef.SeriesZone of PidLidAppointmentTimeZoneDefinitionRecur and
// PidLidTimeZoneStruct), or nil when the item has neither.
func (it *Item) SeriesZone() tzdef.Zone {
	return tzdef.SeriesZone(it.TZDefinition(PidLidAppointmentTimeZoneDefinitionRecur), it.TimeZoneStruct())
}
