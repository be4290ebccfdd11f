// Package itemtest builds calendar items for tests, benchmarks and fuzz
// seeds from the project's own blob builders: a recurring meeting with a
// cancelled and a moved, retitled occurrence, its time-zone properties,
// GlobalObjectIds, organizer, recipients and its exception as an embedded
// message. Nothing here is copied from third-party files.
package itemtest

import (
	"fmt"
	"sync"
	"time"

	"github.com/mapiblob/mapiblob/goid"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/msg"
	"github.com/mapiblob/mapiblob/proptag"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

// Options vary the meeting.
type Options struct {
	// Zone is the Windows zone of the series (default Eastern Standard Time).
	Zone string
	// Seed varies the GlobalObjectId, the subject and the start week, so
	// that generated items differ.
	Seed int
	// EmptyStartDisplayKeyName writes
	// PidLidAppointmentTimeZoneDefinitionStartDisplay with cchKeyName 0 (the
	// KB 2553248 crash).
	EmptyStartDisplayKeyName bool
	// NoExceptionMessage leaves out the exception's embedded message.
	NoExceptionMessage bool
}

// Created is the creation time written into GlobalObjectIds.
var Created = time.Date(2025, 12, 1, 8, 0, 0, 0, time.UTC)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Pattern is the series: every Tuesday 09:30–10:00 from the first Tuesday
// of 2026 (plus Seed%20 weeks), 10 occurrences; the fourth is cancelled and
// the sixth moved to the Wednesday 14:00–14:30, retitled "Sync (moved)" in
// "Room 5".
func Pattern(seed int) (ap *recurrence.AppointmentPattern, first time.Time) {
	first = time.Date(2026, 1, 6+7*(seed%20), 9, 30, 0, 0, time.UTC)
	p := must(recurrence.NewWeekly(first, 1, recurrence.Tuesday, time.Sunday, recurrence.EndAfter(10)))
	ap = must(recurrence.NewAppointment(p, 9*time.Hour+30*time.Minute, 30*time.Minute))
	if err := ap.DeleteInstance(first.AddDate(0, 0, 21)); err != nil {
		panic(err)
	}
	orig := first.AddDate(0, 0, 35)
	start := time.Date(orig.Year(), orig.Month(), orig.Day()+1, 14, 0, 0, 0, time.UTC)
	end := start.Add(30 * time.Minute)
	subj, loc := "Sync (moved)", "Room 5"
	if err := ap.ModifyInstance(orig, recurrence.Overrides{Start: &start, End: &end, Subject: &subj, Location: &loc}); err != nil {
		panic(err)
	}
	return ap, first
}

func prop(name string, v item.Value) item.Property { return item.MustProp(name, v) }

func bin(m interface{ MarshalBinary() ([]byte, error) }) item.Value {
	return item.Binary(must(m.MarshalBinary()))
}

// MSGs writes n meetings (seeds 0…n-1) as .msg files' bytes.
func MSGs(n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = must(msg.Marshal(Meeting(Options{Seed: i})))
	}
	return out
}

// Meeting is the recurring meeting of Pattern as an item.
func Meeting(o Options) *item.Item {
	zone := o.Zone
	if zone == "" {
		zone = "Eastern Standard Time"
	}
	def, tz := zoneOf(zone)
	loc := must(def.Location())
	ap, first := Pattern(o.Seed)
	wall := func(t time.Time) time.Time {
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, loc)
	}
	start := wall(first)
	data := make([]byte, 16)
	for i := range data {
		data[i] = byte(o.Seed>>(8*(i%4))) ^ byte(0x5A+i)
	}
	g := must(goid.New(Created, data))
	display := def.ForDisplay()
	startDisplay := display
	if o.EmptyStartDisplayKeyName {
		c := *display
		c.KeyName = ""
		startDisplay = &c
	}
	subject := fmt.Sprintf("Weekly sync %d", o.Seed)
	props := []item.Property{
		prop("PidTagMessageClass", item.Unicode("IPM.Appointment")),
		prop("PidTagSubject", item.Unicode(subject)),
		prop("PidTagEntryId", item.Binary(append(append(make([]byte, 20, 70), 0x07, 0), append(make([]byte, 44), byte(o.Seed>>8), byte(o.Seed), 0, 0)...))), // a message entry ID ([MS-OXCDATA] 2.2.4.2)
		prop("PidLidLocation", item.Unicode("Room 4")),
		prop("PidLidAppointmentStartWhole", item.Time(start)),
		prop("PidLidAppointmentEndWhole", item.Time(start.Add(30*time.Minute))),
		prop("PidLidAppointmentSubType", item.Bool(false)),
		prop("PidLidRecurring", item.Bool(true)),
		prop("PidLidAppointmentRecur", bin(ap)),
		prop("PidLidAppointmentTimeZoneDefinitionStartDisplay", bin(startDisplay)),
		prop("PidLidAppointmentTimeZoneDefinitionEndDisplay", bin(display)),
		prop("PidLidAppointmentTimeZoneDefinitionRecur", bin(def)),
		prop("PidLidTimeZoneStruct", bin(tz)),
		prop("PidLidTimeZoneDescription", item.Unicode("(UTC-05:00) Eastern Time (US & Canada)")),
		prop("PidLidGlobalObjectId", bin(g)),
		prop("PidLidCleanGlobalObjectId", bin(g.Clean())),
		prop("PidLidAppointmentStateFlags", item.Long(1)),
		prop("PidLidBusyStatus", item.Long(2)),
		prop("PidLidReminderSet", item.Bool(true)),
		prop("PidLidReminderDelta", item.Long(15)),
		prop("PidTagSentRepresentingName", item.Unicode("Ada Organizer")),
		prop("PidTagSentRepresentingEmailAddress", item.Unicode("ada@example.com")),
		prop("PidTagSenderEmailAddress", item.Unicode("ada@example.com")),
		prop("PidTagMessageCodepage", item.Long(1252)),
		prop("PidTagImportance", item.Long(1)),
		prop("PidTagMessageSize", item.Long(4096)),
		prop("PidLidAppointmentDuration", item.Long(30)),
		prop("PidTagCreationTime", item.Time(Created)),
		{Tag: proptag.NewTag(0x0E1E, proptag.PT_STRING8), Value: item.Value{Type: proptag.PT_STRING8, Bytes: []byte("8-bit caf\xe9")}},
		prop("PidTagMessageSizeExtended", item.Value{Type: proptag.PT_I8, Int: 1 << 40}),
		prop("PidLidPercentComplete", item.Value{Type: proptag.PT_DOUBLE, Float: 0.25}),
		prop("PidNameKeywords", item.Value{Type: proptag.PT_MV_UNICODE, Multi: []item.Value{item.Unicode("sync"), item.Unicode("weekly")}}),
		prop("PidLidNonSendToTrackStatus", item.Value{Type: proptag.PT_MV_LONG, Multi: []item.Value{item.Long(1), item.Long(2)}}),
	}
	it := item.New(props...)
	it.Recipients = [][]item.Property{
		{prop("PidTagDisplayName", item.Unicode("Ada Organizer")), prop("PidTagSmtpAddress", item.Unicode("ada@example.com")),
			prop("PidTagRecipientType", item.Long(1)), prop("PidTagRecipientFlags", item.Long(3))},
		{prop("PidTagDisplayName", item.Unicode("Bob Attendee")), prop("PidTagSmtpAddress", item.Unicode("bob@example.com")),
			prop("PidTagRecipientType", item.Long(1)), prop("PidTagRecipientFlags", item.Long(1))},
	}
	if !o.NoExceptionMessage {
		orig := wall(first.AddDate(0, 0, 35))
		exStart := time.Date(orig.Year(), orig.Month(), orig.Day()+1, 14, 0, 0, 0, loc)
		inst := must(g.Instance(orig))
		ex := item.New(
			prop("PidTagMessageClass", item.Unicode("IPM.OLE.CLASS.{00061055-0000-0000-C000-000000000046}")),
			prop("PidTagSubject", item.Unicode("Sync (moved)")),
			prop("PidLidLocation", item.Unicode("Room 5")),
			prop("PidLidAppointmentStartWhole", item.Time(exStart)),
			prop("PidLidAppointmentEndWhole", item.Time(exStart.Add(30*time.Minute))),
			prop("PidLidExceptionReplaceTime", item.Time(orig)),
			prop("PidLidGlobalObjectId", bin(inst)),
			prop("PidLidCleanGlobalObjectId", bin(g.Clean())),
			prop("PidLidAppointmentStateFlags", item.Long(1)),
			prop("PidLidBusyStatus", item.Long(2)),
		)
		it.Attachments = []item.Attachment{{
			Properties: []item.Property{
				prop("PidTagAttachMethod", item.Long(5)),
				prop("PidTagAttachmentHidden", item.Bool(true)),
				prop("PidTagExceptionStartTime", item.Time(time.Date(exStart.Year(), exStart.Month(), exStart.Day(), 14, 0, 0, 0, time.UTC))),
				prop("PidTagExceptionEndTime", item.Time(time.Date(exStart.Year(), exStart.Month(), exStart.Day(), 14, 30, 0, 0, time.UTC))),
				prop("PidTagDisplayName", item.Unicode("Sync (moved)")),
			},
			Embedded: ex,
		}}
		ex.Path = "/__attach_version1.0_#00000000/__substg1.0_3701000D"
		ex.Parent = "/"
	}
	it.Decode()
	return it
}

var zones sync.Map // name → [2]any{*tzdef.Definition, *tzdef.TimeZoneStruct}

// zoneOf builds a zone's blobs once per name (it takes milliseconds).
func zoneOf(name string) (*tzdef.Definition, *tzdef.TimeZoneStruct) {
	if v, ok := zones.Load(name); ok {
		z := v.([2]any)
		return z[0].(*tzdef.Definition), z[1].(*tzdef.TimeZoneStruct)
	}
	def, tz := must2(tzdef.FromZoneName(name, 2000, 2037))
	zones.Store(name, [2]any{def, tz})
	return def, tz
}

func must2[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		panic(err)
	}
	return a, b
}
