package rules

import (
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
	"github.com/mapiblob/mapiblob/propstream"
)

// RestrictionValue is a restriction on its own, in the MAPI layout
// (MFCMAPI's RESTRICTION parser).
type RestrictionValue struct {
	Restriction Restriction   `json:"Restriction"`
	Trailing    blob.HexBytes `json:"-"`
}

// ParseRestriction decodes a restriction in the MAPI layout.
func ParseRestriction(b []byte) (*RestrictionValue, error) {
	r, n, err := DecodeRestriction(b, LayoutMAPI)
	if err != nil {
		return nil, err
	}
	return &RestrictionValue{Restriction: *r, Trailing: b[n:len(b):len(b)]}, nil
}

// Kind is blob.KindRestriction.
func (v *RestrictionValue) Kind() blob.Kind { return blob.KindRestriction }

// TrailingBytes are the bytes after the restriction.
func (v *RestrictionValue) TrailingBytes() []byte { return v.Trailing }

// Check reports unknown restriction types and trailing bytes.
func (v *RestrictionValue) Check() []blob.Finding {
	fs := v.Restriction.check("Restriction")
	return append(fs, trailingFinding("RESTRICTION_TRAILING_BYTES", "Restriction", len(v.Trailing))...)
}

// AppendBinary appends the restriction's bytes to b.
func (v *RestrictionValue) AppendBinary(b []byte) ([]byte, error) {
	return append(v.Restriction.AppendBinary(b, LayoutMAPI), v.Trailing...), nil
}

// MarshalBinary encodes the restriction.
func (v *RestrictionValue) MarshalBinary() ([]byte, error) { return v.AppendBinary(nil) }

// SmartView renders v as MFCMAPI's SmartView pane does.
func (v *RestrictionValue) SmartView() string {
	var w sv.Writer
	w.Line(0, v.Restriction.SmartViewText(""))
	w.Unparsed(0, v.Trailing)
	return w.String()
}

// Text renders v for people: its SmartView form.
func (v *RestrictionValue) Text() string { return v.SmartView() }

func (r *Restriction) check(path string) []blob.Finding {
	var fs []blob.Finding
	if r.Type > ResAnnotation {
		fs = append(fs, blob.Finding{Code: "RESTRICTION_UNKNOWN_TYPE", Severity: blob.Error, Path: path + ".RestrictType",
			Message: "restriction type " + sv.Hex(uint64(r.Type), 2) + " is not one [MS-OXCDATA] 2.12 defines; the server refuses the restriction"})
	}
	for i := range r.Restrictions {
		fs = append(fs, r.Restrictions[i].check(wire.Path(path+".Restricts", i, ""))...)
	}
	if r.Sub != nil {
		fs = append(fs, r.Sub.check(path+".Restriction")...)
	}
	return fs
}

func trailingFinding(code, path string, n int) []blob.Finding {
	if n == 0 {
		return nil
	}
	return []blob.Finding{{Code: code, Severity: blob.Warning, Path: path,
		Message: strconv.Itoa(n) + " bytes follow the structure; Outlook ignores them"}}
}

// NamedPropertyInformation maps the named property ids a rule condition
// or action uses to their names ([MS-OXORULE] 2.2.4.2).
type NamedPropertyInformation struct {
	NoOfNamedProps      uint16         `json:"NoOfNamedProps"`      // NoOfNamedProps, as stored
	PropIDs             []uint16       `json:"PropId"`              // PropId
	NamedPropertiesSize uint32         `json:"NamedPropertiesSize"` // NamedPropertiesSize, as stored
	NamedProperties     []PropertyName `json:"NamedProperties"`     // NamedProperties
}

// PropertyName is a named property's identity ([MS-OXCDATA] 2.6.1).
type PropertyName struct {
	Kind     uint8                    `json:"Kind"`               // Kind: 0 for a LID, 1 for a name
	GUID     guid.GUID                `json:"GUID"`               // GUID: the property set
	LID      uint32                   `json:"LID,omitempty"`      // LID (Kind 0)
	NameSize uint8                    `json:"NameSize,omitempty"` // NameSize (Kind 1): bytes of Name
	Name     propstream.UnicodeString `json:"Name,omitempty"`     // Name (Kind 1): UTF-16LE, NameSize bytes
}

func (n *NamedPropertyInformation) decode(c *wire.Cursor) error {
	if !c.U16(&n.NoOfNamedProps) {
		return c.Truncated("NamedPropertyInformation.NoOfNamedProps", 2)
	}
	if n.NoOfNamedProps == 0 {
		return nil
	}
	if !c.Fits(uint64(n.NoOfNamedProps), 2+4+17) {
		return wire.CountTooLarge("NamedPropertyInformation.NoOfNamedProps", 0, uint64(n.NoOfNamedProps), 2+17, c.Len())
	}
	n.PropIDs = make([]uint16, n.NoOfNamedProps)
	for i := range n.PropIDs {
		c.U16(&n.PropIDs[i])
	}
	if !c.U32(&n.NamedPropertiesSize) {
		return c.Truncated("NamedPropertyInformation.NamedPropertiesSize", 4)
	}
	n.NamedProperties = make([]PropertyName, n.NoOfNamedProps)
	for i := range n.NamedProperties {
		p := &n.NamedProperties[i]
		path := wire.Path("NamedPropertyInformation.NamedProperties", i, "")
		var g []byte
		if !c.U8(&p.Kind) || !c.Bytes(&g, 16) {
			return c.Truncated(path+".GUID", 17)
		}
		p.GUID = guid.GUID(g)
		switch p.Kind {
		case 0:
			if !c.U32(&p.LID) {
				return c.Truncated(path+".LID", 4)
			}
		case 1:
			if !c.U8(&p.NameSize) {
				return c.Truncated(path+".NameSize", 1)
			}
			var name []byte
			if !c.Bytes(&name, int(p.NameSize)) {
				return c.Truncated(path+".Name", int(p.NameSize))
			}
			p.Name = name
		default:
			return wire.Invalid(path+".Kind", c.Offset()-17, "Kind is "+strconv.Itoa(int(p.Kind))+", neither 0 (LID) nor 1 (name)")
		}
	}
	return nil
}

func (n *NamedPropertyInformation) appendBinary(b []byte) []byte {
	b = wire.AppendU16(b, uint16(len(n.NamedProperties)))
	if len(n.NamedProperties) == 0 {
		return b
	}
	for i := range n.NamedProperties {
		var id uint16
		if i < len(n.PropIDs) {
			id = n.PropIDs[i]
		}
		b = wire.AppendU16(b, id)
	}
	b = wire.AppendU32(b, n.NamedPropertiesSize)
	for _, p := range n.NamedProperties {
		b = append(b, p.Kind)
		b = append(b, p.GUID[:]...)
		if p.Kind == 0 {
			b = wire.AppendU32(b, p.LID)
		} else {
			b = append(b, byte(len(p.Name)))
			b = append(b, p.Name...)
		}
	}
	return b
}

func (n *NamedPropertyInformation) smartView(w *sv.Writer, lead string) {
	w.Line(0, lead, "NamedPropertyInformation")
	in := lead + "\t"
	w.Line(0, in, "Number of named props = ", sv.Hex(uint64(n.NoOfNamedProps), 4))
	if n.NoOfNamedProps == 0 {
		return
	}
	w.Line(0, in, "Named prop size = ", sv.Hex(uint64(n.NamedPropertiesSize), 8))
	for i, p := range n.NamedProperties {
		w.Line(0, in, "Named Prop ", sv.Hex(uint64(i), 4))
		in2 := in + "\t"
		w.Line(0, in2, "PropID = ", sv.Hex(uint64(n.PropIDs[i]), 4))
		w.Line(0, in2, "Kind = ", sv.Hex(uint64(p.Kind), 2))
		w.Line(0, in2, "Guid = ", p.GUID.String())
		if p.Kind == 0 {
			w.Line(0, in2, "LID = ", sv.Hex(uint64(p.LID), 8))
		} else {
			s, _ := wire.DecodeUTF16(trimWideNUL(p.Name))
			w.Line(0, in2, "NameSize = ", sv.Hex(uint64(p.NameSize), 2))
			w.Line(0, in2, "Name = ", sv.Printable(s))
		}
	}
}

func trimWideNUL(b []byte) []byte {
	if n := len(b); n >= 2 && b[n-1] == 0 && b[n-2] == 0 {
		return b[:n-2]
	}
	return b
}

// RuleCondition is PidTagRuleCondition or PidTagExtendedRuleMessageCondition
// as MFCMAPI reads them: NamedPropertyInformation ([MS-OXORULE] 2.2.4.2)
// then a restriction in the rule layout (with 32-bit counts when
// Extended).
type RuleCondition struct {
	Extended                 bool                     `json:"-"`
	NamedPropertyInformation NamedPropertyInformation `json:"NamedPropertyInformation"`
	Restriction              Restriction              `json:"RuleRestriction"`
	Trailing                 blob.HexBytes            `json:"-"`
}

// ParseRuleCondition decodes a rule condition (16-bit counts).
func ParseRuleCondition(b []byte) (*RuleCondition, error) { return parseCondition(b, false) }

// ParseExtendedRuleCondition decodes an extended rule condition
// (PidTagExtendedRuleMessageCondition, 32-bit counts).
func ParseExtendedRuleCondition(b []byte) (*RuleCondition, error) { return parseCondition(b, true) }

func parseCondition(b []byte, extended bool) (*RuleCondition, error) {
	rc := &RuleCondition{Extended: extended}
	c := wire.NewCursor(b)
	if err := rc.NamedPropertyInformation.decode(&c); err != nil {
		return nil, err
	}
	l := LayoutRule
	if extended {
		l = LayoutExtended
	}
	off := c.Offset()
	r, n, err := DecodeRestriction(c.Peek(), l)
	if err != nil {
		return nil, shift(err, off, "RuleRestriction.")
	}
	c.Skip(n)
	rc.Restriction = *r
	rc.Trailing = c.Rest()
	return rc, nil
}

// Kind is blob.KindRuleCondition or blob.KindExtendedRuleCondition.
func (rc *RuleCondition) Kind() blob.Kind {
	if rc.Extended {
		return blob.KindExtendedRuleCondition
	}
	return blob.KindRuleCondition
}

// TrailingBytes are the bytes after the restriction.
func (rc *RuleCondition) TrailingBytes() []byte { return rc.Trailing }

// Check reports unknown restriction types and trailing bytes.
func (rc *RuleCondition) Check() []blob.Finding {
	fs := rc.Restriction.check("RuleRestriction")
	return append(fs, trailingFinding("RULECOND_TRAILING_BYTES", "RuleRestriction", len(rc.Trailing))...)
}

// AppendBinary appends the condition's bytes to b.
func (rc *RuleCondition) AppendBinary(b []byte) ([]byte, error) {
	l := LayoutRule
	if rc.Extended {
		l = LayoutExtended
	}
	b = rc.NamedPropertyInformation.appendBinary(b)
	b = rc.Restriction.AppendBinary(b, l)
	return append(b, rc.Trailing...), nil
}

// MarshalBinary encodes the condition.
func (rc *RuleCondition) MarshalBinary() ([]byte, error) { return rc.AppendBinary(nil) }

// SmartView renders rc as MFCMAPI's SmartView pane does.
func (rc *RuleCondition) SmartView() string {
	var w sv.Writer
	if rc.Extended {
		w.Line(0, "Extended Rule Condition")
	} else {
		w.Line(0, "Rule Condition")
	}
	rc.NamedPropertyInformation.smartView(&w, "\t")
	w.Line(0, rc.Restriction.SmartViewText("\t"))
	w.Unparsed(1, rc.Trailing)
	return w.String()
}

// Text renders rc for people: its SmartView form.
func (rc *RuleCondition) Text() string { return rc.SmartView() }
