// Package proptag knows MAPI property tags, property types, property sets
// and every property of the Outlook MAPI reference and [MS-OXPROPS]: for
// each, its canonical name, its other names (PR_…, ptag…, dispid…, LID_…),
// its tag, LID or string name, its types, its area and where it is defined,
// and which decoder of this module reads it when it is binary.
//
// The table is generated from the facts table mapi-properties.tsv, copied
// into internal/data (`go generate ./proptag`, see internal/genprops);
// decoders.go and corrections.go hold the little that is written by hand.
//
// A tag such as 0x80380102 is id 0x8038 and type PT_BINARY. Ids from 0x8000
// are named-property ids that each store assigns on its own, so a decoder is
// chosen from the (property set, LID) pair — here PSETID_Appointment and
// 0x825E, PidLidAppointmentTimeZoneDefinitionStartDisplay — never from the id.
package proptag

//go:generate go run ./internal/genprops -in internal/data/mapi-properties.tsv -o zz_generated.go

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
)

// PropTag is a 32-bit property tag: id << 16 | type.
type PropTag uint32

// NewTag builds a tag from an id and a type.
func NewTag(id uint16, t PropType) PropTag { return PropTag(uint32(id)<<16 | uint32(t)) }

// ID is the high 16 bits.
func (t PropTag) ID() uint16 { return uint16(t >> 16) }

// Type is the low 16 bits.
func (t PropTag) Type() PropType { return PropType(t) }

// IsNamed reports whether the id is in the named-property range 0x8000–0xFFFE,
// whose meaning depends on the store's name-to-id mapping.
func (t PropTag) IsNamed() bool { id := t.ID(); return id >= 0x8000 && id != 0xFFFF }

// String prints the tag as 0x80380102.
func (t PropTag) String() string { return fmt.Sprintf("0x%08X", uint32(t)) }

// PropertyKind says how a property is identified.
type PropertyKind uint8

// Kinds of property.
const (
	KindTag  PropertyKind = iota + 1 // a fixed property id (PidTag…)
	KindLID                          // a named property with a numeric long id, MNID_ID (PidLid…)
	KindName                         // a named property with a string name, MNID_STRING (PidName…)
)

// String is "tag", "lid" or "name", as in the facts table.
func (k PropertyKind) String() string {
	switch k {
	case KindTag:
		return "tag"
	case KindLID:
		return "lid"
	case KindName:
		return "name"
	}
	return "PropertyKind(" + strconv.Itoa(int(k)) + ")"
}

// Property is one entry of the table: a fixed-id property (Kind KindTag, Tag
// set), a named property with a LID (KindLID: Set and LID) or a named
// property with a string name (KindName: Set and NameString).
type Property struct {
	Name       string       // canonical name (PidTag…, PidLid…, PidName…); "" for the one LID without one
	Kind       PropertyKind // how the property is identified
	Aliases    []string     // other names: PR_… (with _A/_W forms), ptag…, dispid…, LID_…
	Set        guid.GUID    // property set of a named property
	LID        uint32       // long id of a KindLID property
	NameString string       // string name of a KindName property
	Tag        PropTag      // tag of a KindTag property: its id and Type
	Type       PropType     // the type: the Unicode one of a string pair, else the first listed; 0 when no source gives one
	Types      []PropType   // every type the sources list, in their order
	Area       string       // functional area the source gives, e.g. "Meetings"
	Section    string       // defining section, e.g. "[MS-OXPROPS] 2.22" ("~2.N": an older revision's number)
	Source     string       // where the facts were read: Office page file name and/or MS-OXPROPS section
	Decoder    blob.Kind    // the kind of structure this module decodes the value as; blob.KindAuto (empty) when none
}

// IsNamed reports whether p is a named (PidLid or PidName) property.
func (p *Property) IsNamed() bool { return p.Kind == KindLID || p.Kind == KindName }

// SetName is the property set's name, e.g. "PSETID_Appointment".
func (p *Property) SetName() string { return p.Set.Name() }

// DisplayName is the canonical name, or the first alias when there is none.
func (p *Property) DisplayName() string {
	if p.Name != "" || len(p.Aliases) == 0 {
		return p.Name
	}
	return p.Aliases[0]
}

// SetByName finds a property set GUID by name (PSETID_Appointment, PS_MAPI, …),
// case-insensitively.
func SetByName(name string) (guid.GUID, bool) {
	for _, w := range guid.WellKnownGUIDs() {
		if w.Kind == "property set" && strings.EqualFold(w.Name, strings.TrimSpace(name)) {
			return w.GUID, true
		}
	}
	return guid.Nil, false
}

// PropertySets lists the property sets this package names.
func PropertySets() []guid.WellKnown {
	var out []guid.WellKnown
	for _, w := range guid.WellKnownGUIDs() {
		if w.Kind == "property set" {
			out = append(out, w)
		}
	}
	return out
}

// ParseTag reads "0x80380102", "80380102", or the name of a PidTag property
// (PidTagStartDate, PR_START_DATE). A name with a string form picks its
// type: PR_SUBJECT_A is 0x0037001E, PR_SUBJECT_W and PR_SUBJECT 0x0037001F.
// Named properties have no fixed tag and are refused with a message saying so.
func ParseTag(s string) (PropTag, error) {
	s = strings.TrimSpace(s)
	h := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if len(h) == 8 {
		if v, err := strconv.ParseUint(h, 16, 32); err == nil {
			return PropTag(v), nil
		}
	}
	if p, t, ok := ByNameType(s); ok {
		switch p.Kind {
		case KindLID:
			return 0, fmt.Errorf("proptag: %s is a named property (%s, LID 0x%04X): its tag depends on the store", p.DisplayName(), p.SetName(), p.LID)
		case KindName:
			return 0, fmt.Errorf("proptag: %s is a named property (%s, name %q): its tag depends on the store", p.DisplayName(), p.SetName(), p.NameString)
		}
		return NewTag(p.Tag.ID(), t), nil
	}
	return 0, fmt.Errorf("proptag: %q is neither an 8-digit hex tag nor a known property name", s)
}
