package proptag

import (
	"github.com/mapiblob/mapiblob/blob"
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob/guid"
	_ "github.com/mapiblob/mapiblob/internal/golden" // accepts go test ./... -update
)

func TestTagArithmetic(t *testing.T) {
	tag := PropTag(0x80380102)
	if tag.ID() != 0x8038 || tag.Type() != PT_BINARY || !tag.IsNamed() {
		t.Errorf("0x80380102: id %#x type %v named %v", tag.ID(), tag.Type(), tag.IsNamed())
	}
	if NewTag(0x8038, PT_BINARY) != tag || tag.String() != "0x80380102" {
		t.Errorf("NewTag/String: %v", NewTag(0x8038, PT_BINARY))
	}
	if PropTag(0x00600040).IsNamed() {
		t.Error("0x0060 is not a named id")
	}
}

func TestPropTypeNames(t *testing.T) {
	tests := []struct {
		t    PropType
		name string
	}{
		{PT_BINARY, "PT_BINARY"}, {PT_MV_LONG, "PT_MV_LONG"}, {PT_SVREID, "PT_SVREID"},
		{PT_ACTIONS, "PT_ACTIONS"}, {PT_UNSPECIFIED, "PT_UNSPECIFIED"}, {0x0999, "PropType(0x999)"},
		{MV_INSTANCE | PT_MV_UNICODE, "MV_INSTANCE|PT_MV_UNICODE"},
	}
	for _, tt := range tests {
		if got := tt.t.String(); got != tt.name {
			t.Errorf("%#x.String() = %q, want %q", uint16(tt.t), got, tt.name)
		}
	}
	for _, s := range []string{"PT_BINARY", "pt_binary", "PtypBinary", "0x0102", "258"} {
		if v, ok := ParsePropType(s); !ok || v != PT_BINARY {
			t.Errorf("ParsePropType(%q) = %v %v", s, v, ok)
		}
	}
	if v, ok := ParsePropType("PT_I4"); !ok || v != PT_LONG {
		t.Errorf("PT_I4 = %v", v)
	}
	if _, ok := ParsePropType("PT_NOPE"); ok {
		t.Error("PT_NOPE parsed")
	}
	for _, pt := range PropTypes() {
		back, ok := ParsePropType(pt.String())
		if !ok || back != pt {
			t.Errorf("%v does not round-trip", pt)
		}
	}
}

// The MFCMAPI export of the KB 2553248 report: tag 0x80380102 carries
// PSETID_Appointment LID 0x825E.
func TestMFCMAPIExample(t *testing.T) {
	p, ok := ByLID(guid.PSETID_Appointment, 0x825E)
	if !ok || p.Name != "PidLidAppointmentTimeZoneDefinitionStartDisplay" {
		t.Fatalf("ByLID = %+v %v", p, ok)
	}
	if p.Type != PropTag(0x80380102).Type() || p.Decoder != blob.KindTZDef || p.SetName() != "PSETID_Appointment" {
		t.Errorf("entry %+v", p)
	}
	if q, ok := ByName("dispidApptTZDefStartDisplay"); !ok || q != p {
		t.Errorf("alias lookup = %+v", q)
	}
}

func TestLookups(t *testing.T) {
	tests := []struct {
		name    string
		canon   string
		set     guid.GUID
		lid     uint32
		decoder blob.Kind
	}{
		{"PidLidAppointmentRecur", "PidLidAppointmentRecur", guid.PSETID_Appointment, 0x8216, blob.KindApptRecur},
		{"dispidapptrecur", "PidLidAppointmentRecur", guid.PSETID_Appointment, 0x8216, blob.KindApptRecur},
		{"LID_GLOBAL_OBJID", "PidLidGlobalObjectId", guid.PSETID_Meeting, 0x0003, blob.KindGOID},
		{"dispidTaskRecur", "PidLidTaskRecurrence", guid.PSETID_Task, 0x8116, blob.KindRecur},
		{"PidLidTimeZoneStruct", "PidLidTimeZoneStruct", guid.PSETID_Appointment, 0x8233, blob.KindTZStruct},
		{"dispidApptTZDefRecur", "PidLidAppointmentTimeZoneDefinitionRecur", guid.PSETID_Appointment, 0x8260, blob.KindTZDef},
		{"PidLidReminderDelta", "PidLidReminderDelta", guid.PSETID_Common, 0x8501, blob.KindAuto},
		{"dispidNonSendBccTrackStatus", "PidLidNonSendBccTrackStatus", guid.PSETID_Common, 0x8545, blob.KindAuto},
		{"dispidExchangeProcessed", "PidLidServerProcessed", guid.PSETID_CalendarAssistant, 0x85CC, blob.KindAuto},
	}
	for _, tt := range tests {
		p, ok := ByName(tt.name)
		if !ok || p.Name != tt.canon || p.Set != tt.set || p.LID != tt.lid || p.Decoder != tt.decoder {
			t.Errorf("ByName(%q) = %+v %v", tt.name, p, ok)
			continue
		}
		if q, _ := ByLID(tt.set, tt.lid); q != p {
			t.Errorf("ByLID(%v, %#x) = %+v", tt.set, tt.lid, q)
		}
	}
	if p, ok := ByName("dispidTrustRecipHighlights"); !ok || p.Name != "" || p.DisplayName() != "dispidTrustRecipHighlights" {
		t.Errorf("0x823E = %+v", p)
	}
	if _, ok := ByName("PidLidNoSuchThing"); ok {
		t.Error("unknown name found")
	}
}

func TestTaggedLookups(t *testing.T) {
	for _, tt := range []struct {
		in  string
		tag PropTag
	}{
		{"PidTagStartDate", 0x00600040}, {"PR_END_DATE", 0x00610040}, {"pidtagmessageclass", 0x001A001F},
		{"PidTagInternetCodepage", 0x3FDE0003}, {"PR_MESSAGE_CODEPAGE", 0x3FFD0003},
		{"0x00600040", 0x00600040}, {"80380102", 0x80380102},
	} {
		tag, err := ParseTag(tt.in)
		if err != nil || tag != tt.tag {
			t.Errorf("ParseTag(%q) = %v, %v", tt.in, tag, err)
		}
	}
	if p, ok := ByTag(0x001A001E); !ok || p.Name != "PidTagMessageClass" {
		t.Errorf("8-bit message class = %+v", p)
	}
	if p, ok := ByTag(0x00600040); !ok || p.Type != PT_SYSTIME || p.Aliases[0] != "PR_START_DATE" {
		t.Errorf("ByTag start date = %+v", p)
	}
	if _, ok := ByTag(0x80380102); ok {
		t.Error("a named-property id matched a fixed tag")
	}
	_, err := ParseTag("PidLidAppointmentRecur")
	if err == nil || !strings.Contains(err.Error(), "named property") {
		t.Errorf("ParseTag(named) err = %v", err)
	}
	if _, err := ParseTag("0x8038010"); err == nil {
		t.Error("7 digits parsed")
	}
}

func TestTableIntegrity(t *testing.T) {
	seen := map[setLID]bool{}
	for _, p := range NamedProperties() {
		if p.Set.Name() == "" {
			t.Errorf("%s: set %v has no name", p.Name, p.Set)
		}
		switch p.Kind {
		case KindLID:
			if p.Name != "" && !strings.HasPrefix(p.Name, "PidLid") {
				t.Errorf("%s: canonical names of LID properties start with PidLid", p.Name)
			}
			k := setLID{p.Set, p.LID}
			if seen[k] && p.Name != "PidLidNonSendableBccTrackStatus" { // the one LID with two names
				t.Errorf("%s: duplicate (set, LID)", p.Name)
			}
			seen[k] = true
		case KindName:
			if !strings.HasPrefix(p.Name, "PidName") || p.NameString == "" || p.LID != 0 {
				t.Errorf("%s: a string-named property is a PidName with a string name", p.Name)
			}
		default:
			t.Errorf("%s: kind %v among named properties", p.Name, p.Kind)
		}
		if p.Decoder != blob.KindAuto && p.Type != PT_BINARY && p.Type != PT_MV_BINARY {
			t.Errorf("%s: decoder on a %v property", p.Name, p.Type)
		}
	}
	if n := len(TaggedProperties()); n < 879 {
		t.Errorf("only %d PidTag properties", n)
	}
	for _, p := range TaggedProperties() {
		if !strings.HasPrefix(p.Name, "PidTag") || p.Type != p.Tag.Type() || p.IsNamed() || p.Kind != KindTag {
			t.Errorf("%+v", p)
		}
	}
	if n := len(NamedProperties()); n < 537 {
		t.Errorf("only %d named properties", n)
	}
	if len(PropertySets()) < 18 {
		t.Errorf("property sets: %d", len(PropertySets()))
	}
	if g, ok := SetByName("psetid_appointment"); !ok || g != guid.PSETID_Appointment {
		t.Error("SetByName")
	}
}
