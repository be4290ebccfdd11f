package proptag

import "github.com/mapiblob/mapiblob/guid"

// Identity is what a source says about a property: its tag, its type as
// written, and for a named property its set and LID or name (an MFCMAPI XML
// export, a .msg file's name map).
type Identity struct {
	Tag    PropTag   // the store's tag, e.g. 0x80380102 (0 when absent)
	Type   string    // the type attribute as written, e.g. "PT_BINARY"
	Set    guid.GUID // property set of a named property
	HasSet bool
	LID    uint32 // long id of a named property
	HasLID bool
	Name   string // the name the export gives, e.g. PidLidAppointmentTimeZoneDefinitionStartDisplay
}

// Property looks the identity up in proptag's table: by (set, LID) first,
// then by the exported name, then by the tag of a fixed-id property.
func (id *Identity) Property() (*Property, bool) {
	if id == nil {
		return nil, false
	}
	if id.HasSet && id.HasLID {
		if p, ok := ByLID(id.Set, id.LID); ok {
			return p, true
		}
	}
	if id.Name != "" {
		if p, ok := ByName(id.Name); ok {
			return p, true
		}
	}
	if id.Tag != 0 && !id.Tag.IsNamed() {
		return ByTag(id.Tag)
	}
	return nil, false
}
