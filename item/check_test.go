package item_test

import (
	"bytes"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/mapiblob/mapiblob/goid"
	"github.com/mapiblob/mapiblob/internal/itemtest"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/mfcxml"
	"github.com/mapiblob/mapiblob/recurrence"
	"github.com/mapiblob/mapiblob/tzdef"
)

func codes(it *item.Item) []string {
	var out []string
	for _, f := range it.Check() {
		out = append(out, f.Severity.String()+" "+f.Code+" "+f.Path)
	}
	sort.Strings(out)
	return out
}

func TestCheckCleanMeeting(t *testing.T) {
	for x := range itemtest.Meeting(itemtest.Options{}).All {
		require.Empty(t, x.Check(), x.Path)
	}
}

func TestCheckCodes(t *testing.T) {
	otherGOID, _ := goid.New(itemtest.Created, make([]byte, 16))
	berlin, berlinTZ, _ := tzdef.FromZoneName("Europe/Berlin", 2000, 2037)
	for _, tt := range []struct {
		name   string
		change func(it *item.Item)
		want   []string
	}{
		{"recurring flag without pattern", func(it *item.Item) { it.Remove("PidLidAppointmentRecur") },
			[]string{"error ITEM_RECURRING_WITHOUT_PATTERN PidLidRecurring"}},
		{"pattern without recurring flag", func(it *item.Item) { it.Set(item.MustProp("PidLidRecurring", item.Bool(false))) },
			[]string{"error ITEM_PATTERN_WITHOUT_RECURRING PidLidRecurring"}},
		{"no start or end", func(it *item.Item) {
			it.Remove("PidLidAppointmentStartWhole")
			it.Remove("PidLidAppointmentEndWhole")
		}, []string{"error ITEM_NO_END_WHOLE PidLidAppointmentEndWhole", "error ITEM_NO_START_WHOLE PidLidAppointmentStartWhole"}},
		{"start an hour off the pattern", func(it *item.Item) {
			s, _ := it.StartWhole()
			e, _ := it.EndWhole()
			it.Set(item.MustProp("PidLidAppointmentStartWhole", item.Time(s.Add(time.Hour))))
			it.Set(item.MustProp("PidLidAppointmentEndWhole", item.Time(e.Add(2*time.Hour))))
		}, []string{"error ITEM_RECUR_DURATION_MISMATCH PidLidAppointmentRecur.EndTimeOffset", "error ITEM_RECUR_START_MISMATCH PidLidAppointmentRecur.RecurrencePattern.StartDate"}},
		{"exception outside the series and 8-bit text disagreeing", func(it *item.Item) {
			ap := it.Recurrence()
			ap.Exceptions[0].Info.StartDateTime += 365 * 1440
			ap.Exceptions[0].Info.EndDateTime += 365 * 1440
			ap.Exception(0).SetSubject("Other", 0)
			b, err := ap.MarshalBinary()
			require.NoError(t, err)
			// The 8-bit copy says "Other", the UTF-16 one "Otxer".
			b = bytes.Replace(b, []byte("O\x00t\x00h\x00e\x00r\x00"), []byte("O\x00t\x00x\x00e\x00r\x00"), 1)
			it.Set(item.MustProp("PidLidAppointmentRecur", item.Binary(b)))
		}, []string{"error ITEM_EXCEPTION_OUTSIDE_SERIES PidLidAppointmentRecur.ExceptionInfo[0].StartDateTime",
			"error ITEM_EXCEPTION_TEXT_MISMATCH PidLidAppointmentRecur.ExceptionInfo[0].Subject",
			"error RECUR_EXCEPTION_NOT_IN_MODIFIED PidLidAppointmentRecur.ExceptionInfo[0].StartDateTime",
			"warning RECUR_EXTENDED_DATES_MISMATCH PidLidAppointmentRecur.ExtendedException[0]",
		}},
		{"TZDefRecur against TimeZoneStruct", func(it *item.Item) {
			b, _ := berlinTZ.MarshalBinary()
			it.Set(item.MustProp("PidLidTimeZoneStruct", item.Binary(b)))
		}, []string{"error ITEM_RECUR_START_MISMATCH PidLidAppointmentRecur.RecurrencePattern.StartDate", "error TZ_STRUCT_MISMATCH PidLidAppointmentTimeZoneDefinitionRecur.TZRules[1]"}},
		{"GlobalObjectId and clean id of two meetings", func(it *item.Item) {
			b, _ := otherGOID.MarshalBinary()
			it.Set(item.MustProp("PidLidCleanGlobalObjectId", item.Binary(b)))
		}, []string{"error ITEM_GOID_CLEAN_MISMATCH PidLidCleanGlobalObjectId"}},
		{"meeting without organizer or subject", func(it *item.Item) {
			for _, n := range []string{"PidTagSentRepresentingEmailAddress", "PidTagSenderEmailAddress", "PidTagSubject"} {
				it.Remove(n)
			}
			it.Recipients = nil
		}, []string{"error ITEM_NO_ORGANIZER PidTagSentRepresentingEmailAddress", "warning ITEM_NO_SUBJECT PidTagSubject"}},
		{"unexpected class", func(it *item.Item) { it.Set(item.MustProp("PidTagMessageClass", item.Unicode("IPM.Note"))) },
			[]string{"warning ITEM_UNEXPECTED_MESSAGE_CLASS PidTagMessageClass"}},
		{"a blob that does not decode, and one with findings", func(it *item.Item) {
			it.Set(item.MustProp("PidLidGlobalObjectId", item.Binary([]byte{1, 2, 3})))
			d := *berlin
			d.Rules = nil
			b, _ := d.MarshalBinary()
			it.Set(item.MustProp("PidLidAppointmentTimeZoneDefinitionEndDisplay", item.Binary(b)))
		}, []string{"error ITEM_PROPERTY_UNREADABLE PidLidGlobalObjectId", "error TZ_NO_RULES PidLidAppointmentTimeZoneDefinitionEndDisplay.cRules"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			it := itemtest.Meeting(itemtest.Options{NoExceptionMessage: true})
			tt.change(it)
			sort.Strings(tt.want)
			if d := cmp.Diff(tt.want, codes(it)); d != "" {
				t.Errorf("(-want +got):\n%s\n%v", d, it.Check())
			}
		})
	}
}

// The KB 2553248 case: the finding names the crash and the repair with the
// zone the other properties name; with no name, the one Windows zone whose
// rules the damaged definition has (tzdef.ChooseZone, the page's policy
// too); with rules several zones share, it says to give the zone, and
// never suggests one.
func TestEmptyKeyNameAdvice(t *testing.T) {
	it := itemtest.Meeting(itemtest.Options{EmptyStartDisplayKeyName: true, Zone: "Atlantic Standard Time"})
	it.Source = "meeting.msg"
	fs := it.Check()
	require.Len(t, fs, 1)
	require.Equal(t, "TZ_EMPTY_KEYNAME", fs[0].Code)
	require.Equal(t, "PidLidAppointmentTimeZoneDefinitionStartDisplay.cchKeyName", fs[0].Path)
	require.Contains(t, fs[0].Message, "KB 2553248 crashes")
	require.Contains(t, fs[0].Message, "mapiblob repair tz meeting.msg --zone 'Atlantic Standard Time'")
	require.NotContains(t, fs[0].Message, "Eastern")

	// With the StartDisplay definition alone: its rules tell Atlantic
	// Standard Time; Eastern Standard Time's are Turks and Caicos' too, so
	// they tell no zone.
	for _, c := range []struct{ zone, want, why, not string }{
		{"Atlantic Standard Time", "mapiblob repair tz meeting.msg --zone 'Atlantic Standard Time'", "alone has the rules of the definition whose key name is empty", ""},
		{"Eastern Standard Time", "--zone ZONE", "no time-zone property of the item names a zone", "Standard Time'"},
	} {
		it := itemtest.Meeting(itemtest.Options{EmptyStartDisplayKeyName: true, Zone: c.zone})
		it.Source = "meeting.msg"
		require.True(t, it.Remove("PidLidAppointmentTimeZoneDefinitionEndDisplay"))
		require.True(t, it.Remove("PidLidAppointmentTimeZoneDefinitionRecur"))
		require.False(t, it.Remove("PidLidAppointmentTimeZoneDefinitionRecur"), "removed twice")
		fs := it.Check()
		require.Len(t, fs, 1, c.zone)
		require.Contains(t, fs[0].Message, c.want, c.zone)
		require.Contains(t, fs[0].Message, c.why, c.zone)
		if c.not != "" {
			require.NotContains(t, fs[0].Message, c.not, c.zone)
		}
	}
}

func TestSetChecker(t *testing.T) {
	var s item.SetChecker
	a := itemtest.Meeting(itemtest.Options{Seed: 1, NoExceptionMessage: true})
	require.Empty(t, s.Add(a))
	require.Empty(t, s.Add(itemtest.Meeting(itemtest.Options{Seed: 2, NoExceptionMessage: true})))
	dup := s.Add(itemtest.Meeting(itemtest.Options{Seed: 1, NoExceptionMessage: true}))
	require.Len(t, dup, 1)
	require.Equal(t, "ITEMS_DUPLICATE", dup[0].Code)
	require.Contains(t, dup[0].Message, "as item 1 of this run")
	require.Empty(t, s.Findings())
	for _, r := s.Count(); r <= item.RecurringWarn; _, r = s.Count() {
		s.Add(a) // counted; duplicates are fine here
	}
	require.Equal(t, "warning", s.Findings()[0].Severity.String())
	for _, r := s.Count(); r <= item.RecurringMax; _, r = s.Count() {
		s.Add(a)
	}
	f := s.Findings()
	require.Equal(t, "error ITEMS_RECURRING_LIMIT", f[0].Severity.String()+" "+f[0].Code)
	require.True(t, strings.HasPrefix(f[0].Message, "1301 recurring items"))
	_ = recurrence.ARO_SUBJECT
}

// The repair of an export whose StartDisplay has an empty key name (with
// PR_ENTRYID and a GlobalObjectId): inferred from the other properties, its
// five properties decode with no findings, and the repaired item checks
// clean.
func TestRepairTZ(t *testing.T) {
	it := itemtest.Meeting(itemtest.Options{EmptyStartDisplayKeyName: true, Zone: "Atlantic Standard Time", NoExceptionMessage: true})
	x, err := mfcxml.Read(mfcxml.Marshal(it), "export.xml")
	require.NoError(t, err)
	it = x[0]
	require.NotNil(t, it.Get("PidTagEntryId"))
	require.NotNil(t, it.GlobalObjectID())
	r, err := it.RepairTZ("")
	require.NoError(t, err)
	require.Equal(t, "Atlantic Standard Time", r.Zone)
	require.Contains(t, r.Inferred, "PidLidAppointmentTimeZoneDefinitionRecur")
	require.Len(t, r.Properties, 5)
	for i := range r.Properties {
		p := &r.Properties[i]
		require.NoError(t, p.Err, p.Name())
		if p.Decoded != nil {
			require.Empty(t, p.Decoded.Findings, p.Name())
		}
		it.Set(*p)
	}
	require.Empty(t, it.Check())
	require.Equal(t, "(UTC-04:00) Atlantic Standard Time", r.Properties[4].Value.Str)
	// The XML fragment reads back as the same properties.
	back, err := mfcxml.Read([]byte(mfcxml.MarshalProperties(r.Properties, "repair")), "repair.xml")
	require.NoError(t, err)
	require.Len(t, back[0].Properties, 5)
	for i := range back[0].Properties {
		require.Equal(t, r.Properties[i].Value.Bytes, back[0].Properties[i].Value.Bytes)
		require.Equal(t, r.Properties[i].Name(), back[0].Properties[i].Name())
	}

	// Disagreeing names: refused, saying which.
	d, _, _ := tzdef.FromZoneName("Eastern Standard Time", 2000, 2037)
	b, _ := d.ForDisplay().MarshalBinary()
	it.Set(item.MustProp("PidLidAppointmentTimeZoneDefinitionEndDisplay", item.Binary(b)))
	_, err = it.RepairTZ("")
	require.ErrorContains(t, err, "disagree")
	require.ErrorContains(t, err, `"Eastern Standard Time"`)
	require.ErrorContains(t, err, `"Atlantic Standard Time"`)
	// A zone given is used as it is.
	r, err = it.RepairTZ("Europe/Berlin")
	require.NoError(t, err)
	require.Equal(t, "W. Europe Standard Time", r.Zone)
	require.Empty(t, r.Inferred)
}

// The organizer's copy of a meeting reports each attendee's tracked
// response, and a sent meeting whose attendees all have respNone is
// reported; one response, a received copy, or rows without a track status
// are not.
func TestTrackingNone(t *testing.T) {
	row := func(track int32) []item.Property {
		return []item.Property{item.MustProp("PidTagDisplayName", item.Unicode("A")), item.MustProp("PidTagSmtpAddress", item.Unicode("a@example.com")),
			item.MustProp("PidTagRecipientType", item.Long(1)), item.MustProp("PidTagRecipientTrackStatus", item.Long(track))}
	}
	for _, c := range []struct {
		name   string
		flags  int32
		tracks []int32
		want   bool
	}{
		{"sent, all respNone", 1, []int32{0, 0}, true},
		{"sent, one accepted", 1, []int32{0, 3}, false},
		{"received copy", 3, []int32{0, 0}, false},
		{"no attendees", 1, nil, false},
	} {
		it := itemtest.Meeting(itemtest.Options{NoExceptionMessage: true})
		it.Set(item.MustProp("PidLidAppointmentStateFlags", item.Long(c.flags)))
		it.Recipients = nil
		for _, tr := range c.tracks {
			it.Recipients = append(it.Recipients, row(tr))
		}
		got, responses := false, 0
		for _, f := range it.Check() {
			got = got || f.Code == item.CodeTrackingNone
			if f.Code == item.CodeAttendeeResponse {
				responses++
				require.Contains(t, f.Message, "A <a@example.com>: resp", c.name)
			}
		}
		require.Equal(t, c.want, got, c.name)
		if c.flags == 1 {
			require.Equal(t, len(c.tracks), responses, "%s: one response line per attendee", c.name)
		} else {
			require.Zero(t, responses, "%s: a received copy tracks no responses", c.name)
		}
	}
}
