package blob

import (
	"encoding"
)

// Kind names a structure this module decodes. It is the "kind" of the JSON
// form, the value of the CLI's --kind flag, and what proptag says decodes a
// property. The zero value, KindAuto, asks Decode to detect it. The
// structures are registered in package smartview, whose Kinds lists them
// and whose ParseKind reads a name.
type Kind string

// Kinds.
const (
	KindAuto      Kind = ""          // detect from the property or the bytes
	KindTZDef     Kind = "tzdef"     // TZDEFINITION (PidLidAppointmentTimeZoneDefinition*)
	KindTZStruct  Kind = "tzstruct"  // TimeZoneStruct (PidLidTimeZoneStruct)
	KindRecur     Kind = "recur"     // RecurrencePattern (PidLidTaskRecurrence)
	KindApptRecur Kind = "apptrecur" // AppointmentRecurrencePattern (PidLidAppointmentRecur)
	KindGOID      Kind = "goid"      // GlobalObjectId (PidLidGlobalObjectId, PidLidCleanGlobalObjectId)
)

// String is the name ("auto" for KindAuto).
func (k Kind) String() string {
	if k == KindAuto {
		return "auto"
	}
	return string(k)
}

// Value is a decoded structure: *tzdef.Definition, *tzdef.TimeZoneStruct,
// *recurrence.Pattern, *recurrence.AppointmentPattern or *goid.GlobalObjectID.
type Value interface {
	// Kind says which structure the value is.
	Kind() Kind
	// Check lists the structural problems that did not stop decoding.
	Check() []Finding
	// Text renders the value for people.
	Text() string
	// SmartView renders the value as MFCMAPI's SmartView pane does.
	SmartView() string
	// TrailingBytes are the bytes after the structure, kept so that
	// encoding gives the input back.
	TrailingBytes() []byte
	encoding.BinaryMarshaler
	encoding.BinaryAppender
}
