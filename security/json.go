package security

import (
	"encoding/json"

	"github.com/mapiblob/mapiblob/guid"
)

// MarshalJSON writes the fields the SID holds; a field cut off is absent.
func (s SIDBody) MarshalJSON() ([]byte, error) {
	var v struct {
		Revision            *uint8   `json:"Revision,omitempty"`
		SubAuthorityCount   *uint8   `json:"SubAuthorityCount,omitempty"`
		IdentifierAuthority *uint64  `json:"IdentifierAuthority,omitempty"`
		SubAuthority        []uint32 `json:"SubAuthority"`
		Text                string   `json:"Text,omitempty"`
	}
	if s.HasRevision {
		v.Revision = &s.Revision
	}
	if s.HasCount {
		v.SubAuthorityCount = &s.SubAuthorityCount
	}
	if s.HasAuthority {
		v.IdentifierAuthority = &s.Authority
	}
	v.SubAuthority = s.SubAuthority
	if v.SubAuthority == nil {
		v.SubAuthority = []uint32{}
	}
	v.Text = s.String()
	return json.Marshal(v)
}

// MarshalJSON writes the ACE's fields; the object fields appear only in an
// object ACE, and only those present.
func (a ACEBody) MarshalJSON() ([]byte, error) {
	var v struct {
		AceType             uint8      `json:"AceType"`
		AceFlags            uint8      `json:"AceFlags"`
		AceSize             uint16     `json:"AceSize"`
		Mask                *uint32    `json:"Mask,omitempty"`
		Flags               *uint32    `json:"Flags,omitempty"`
		ObjectType          *guid.GUID `json:"ObjectType,omitempty"`
		InheritedObjectType *guid.GUID `json:"InheritedObjectType,omitempty"`
		Sid                 *SIDBody   `json:"Sid,omitempty"`
	}
	if !a.HasHeader {
		return []byte("{}"), nil
	}
	v.AceType, v.AceFlags, v.AceSize = a.Type, a.Flags, a.Size
	if a.HasMask {
		v.Mask = &a.Mask
	}
	if a.HasObjectFlags {
		v.Flags = &a.ObjectFlags
	}
	if a.HasObjectType {
		v.ObjectType = &a.ObjectType
	}
	if a.HasInherited {
		v.InheritedObjectType = &a.InheritedObjectType
	}
	if a.SID.HasRevision {
		v.Sid = &a.SID
	}
	return json.Marshal(v)
}

// MarshalJSON writes the entry's tag and kind where present.
func (p NamedProp) MarshalJSON() ([]byte, error) {
	var v struct {
		Tag  *uint16 `json:"Tag,omitempty"`
		Kind *uint8  `json:"Kind,omitempty"`
	}
	if p.HasTag {
		v.Tag = &p.Tag
	}
	if p.HasKind {
		v.Kind = &p.PropKind
	}
	return json.Marshal(v)
}
