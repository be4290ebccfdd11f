// Package proptag knows MAPI property tags, property types, property sets
// and the named properties of calendar, meeting, task and reminder items:
// for each, its canonical [MS-OXPROPS] name, its older Outlook names, its
// type, and which decoder of this module reads it when it is binary.
//
// A tag such as 0x80380102 is id 0x8038 and type PT_BINARY. Ids from 0x8000
// are named-property ids that each store assigns on its own, so a decoder is
// chosen from the (property set, LID) pair — here PSETID_Appointment and
// 0x825E, PidLidAppointmentTimeZoneDefinitionStartDisplay — never from the id.
package proptag

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

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

// Decoder names which decoder of this module reads a binary property.
type Decoder string

// Decoders.
const (
	DecoderNone               Decoder = ""
	DecoderTimeZoneDefinition Decoder = "tzdef"
	DecoderTimeZoneStruct     Decoder = "tzstruct"
	DecoderRecur              Decoder = "recur"
	DecoderAppointmentRecur   Decoder = "apptrecur"
	DecoderGlobalObjectID     Decoder = "goid"
)

// Property is one entry of the table: either a named property (Set and LID
// set, Tag zero) or a fixed-id PidTag property (Tag set).
type Property struct {
	Name    string    // canonical [MS-OXPROPS] name; "" for the one LID without one
	Aliases []string  // older names: dispid…, LID_…, PR_…
	Set     guid.GUID // property set of a named property
	LID     uint32    // long id of a named property
	Tag     PropTag   // tag of a PidTag property
	Type    PropType  // type (for PidTag properties, that of Tag)
	Section string    // defining section, e.g. "[MS-OXOCAL] 2.2.1.44"
	Decoder Decoder   // decoder of this module for the value, if any
	Note    string
}

// IsNamed reports whether p is a named (PidLid) property.
func (p *Property) IsNamed() bool { return p.Tag == 0 }

// SetName is the property set's name, e.g. "PSETID_Appointment".
func (p *Property) SetName() string { return p.Set.Name() }

// DisplayName is the canonical name, or the first alias when there is none.
func (p *Property) DisplayName() string {
	if p.Name != "" || len(p.Aliases) == 0 {
		return p.Name
	}
	return p.Aliases[0]
}

type setLID struct {
	set guid.GUID
	lid uint32
}

var (
	indexOnce sync.Once
	byName    map[string]*Property
	byLID     map[setLID]*Property
	byTag     map[PropTag]*Property
)

func buildIndex() {
	byName = make(map[string]*Property, 3*(len(namedTable)+len(taggedTable)))
	byLID = make(map[setLID]*Property, len(namedTable))
	byTag = make(map[PropTag]*Property, len(taggedTable))
	add := func(p *Property) {
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			if n == "" {
				continue
			}
			k := strings.ToLower(n)
			if _, dup := byName[k]; !dup {
				byName[k] = p
			}
		}
	}
	for i := range namedTable {
		p := &namedTable[i]
		byLID[setLID{p.Set, p.LID}] = p
		add(p)
	}
	for i := range taggedTable {
		p := &taggedTable[i]
		p.Type = p.Tag.Type()
		byTag[p.Tag] = p
		add(p)
	}
}

// NamedProperties lists the named properties of the table.
func NamedProperties() []Property { return append([]Property(nil), namedTable...) }

// TaggedProperties lists the PidTag properties of the table.
func TaggedProperties() []Property {
	indexOnce.Do(buildIndex)
	return append([]Property(nil), taggedTable...)
}

// ByLID finds a named property by property set and LID.
func ByLID(set guid.GUID, lid uint32) (*Property, bool) {
	indexOnce.Do(buildIndex)
	p, ok := byLID[setLID{set, lid}]
	return p, ok
}

// ByTag finds a PidTag property by tag. A string tag matches in either its
// PT_UNICODE or its PT_STRING8 form. Named-property ids (0x8000 and up) never
// match: their meaning is store-specific.
func ByTag(t PropTag) (*Property, bool) {
	indexOnce.Do(buildIndex)
	if p, ok := byTag[t]; ok {
		return p, true
	}
	switch t.Type() {
	case PT_STRING8:
		p, ok := byTag[NewTag(t.ID(), PT_UNICODE)]
		return p, ok
	case PT_MV_STRING8:
		p, ok := byTag[NewTag(t.ID(), PT_MV_UNICODE)]
		return p, ok
	}
	return nil, false
}

// ByName finds a property by canonical name or any alias, case-insensitively.
func ByName(name string) (*Property, bool) {
	indexOnce.Do(buildIndex)
	p, ok := byName[strings.ToLower(strings.TrimSpace(name))]
	return p, ok
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
// (PidTagStartDate, PR_START_DATE). Named properties have no fixed tag and
// are refused with a message saying so.
func ParseTag(s string) (PropTag, error) {
	s = strings.TrimSpace(s)
	h := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if len(h) == 8 {
		if v, err := strconv.ParseUint(h, 16, 32); err == nil {
			return PropTag(v), nil
		}
	}
	if p, ok := ByName(s); ok {
		if p.IsNamed() {
			return 0, fmt.Errorf("proptag: %s is a named property (%s, LID 0x%04X): its tag depends on the store", p.DisplayName(), p.SetName(), p.LID)
		}
		return p.Tag, nil
	}
	return 0, fmt.Errorf("proptag: %q is neither an 8-digit hex tag nor a known property name", s)
}
