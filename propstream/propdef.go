package propstream

import (
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/mfcprop"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// PropertyDefinitionStream is PidLidPropertyDefinitionStream ([MS-OXPROPS],
// [MS-OXCMSG] PropertyDefinition stream): the custom fields an Outlook form
// defines.
//
// A damaged stream decodes as MFCMAPI reads it: a field the bytes left
// cannot hold is absent (and not shown), and the fields after it are read
// from where it would have started; encoding writes exactly the fields
// that were read, so MarshalBinary still gives the input back, and Check
// reports each definition cut short.
type PropertyDefinitionStream struct {
	Version uint16 `json:"wVersion"` // wVersion: PropDefV1 (0x0102) or PropDefV2 (0x0103)
	// FieldDefinitionCount is dwFieldDefinitionCount as stored; encoding
	// writes len(FieldDefinitions), or this count when the stream ended
	// before its definitions did.
	FieldDefinitionCount uint32             `json:"dwFieldDefinitionCount"`
	FieldDefinitions     []FieldDefinitionV `json:"FieldDefinitions"`
	// Trailing holds bytes after the last field definition.
	Trailing blob.HexBytes `json:"-"`

	ended bool // the stream ended before dwFieldDefinitionCount definitions
}

// FieldDefinitionV is one field definition of a property definition
// stream (a FieldDefinition structure). InternalType and SkipBlocks are
// present in PropDefV2 streams only.
type FieldDefinitionV struct {
	Flags              uint32        `json:"dwFlags"`               // dwFlags: PDO_ flags
	VT                 uint16        `json:"wVT"`                   // wVT: the VARTYPE of the field
	DispID             uint32        `json:"dwDispid"`              // dwDispid: the property id or long id, 0 for a named field
	NmidNameLength     uint16        `json:"wNmidNameLength"`       // wNmidNameLength, as stored
	NmidName           UnicodeString `json:"wszNmidName"`           // wszNmidName: the string name
	NameANSI           PackedString  `json:"pasNameANSI"`           // pasNameANSI
	FormulaANSI        PackedString  `json:"pasFormulaANSI"`        // pasFormulaANSI
	ValidationRuleANSI PackedString  `json:"pasValidationRuleANSI"` // pasValidationRuleANSI
	ValidationTextANSI PackedString  `json:"pasValidationTextANSI"` // pasValidationTextANSI
	ErrorANSI          PackedString  `json:"pasErrorANSI"`          // pasErrorANSI
	InternalType       uint32        `json:"dwInternalType"`        // dwInternalType (PropDefV2): iType values
	// SkipBlocks (PropDefV2) are the skip blocks up to and with the empty
	// one; the first holds the field's Unicode name (FieldName).
	SkipBlocks []SkipBlock `json:"SkipBlocks,omitempty"`

	absent uint8 // fields the bytes could not hold (bits below); zero: all read
	size   int   // bytes decoded
}

// Bits of FieldDefinitionV.absent.
const (
	absFlags = 1 << iota
	absVT
	absDispID
	absNmidLength
	absNmidName
	absInternalType
)

// PackedString is a PackedAnsiString or PackedUnicodeString: a one-byte
// length, or 0xFF and a two-byte length, then that many characters.
type PackedString struct {
	Extended bool   `json:"-"` // the length was stored as 0xFF and a WORD
	Length   uint16 `json:"cchLength"`
	Text     []byte `json:"-"` // the characters as stored (8-bit or UTF-16LE)

	absent uint8 // 1: no length byte; 2: no WORD after 0xFF; 4: no characters
}

// SkipBlock is a block of a PropDefV2 field definition: dwSize and that
// many bytes. The first one holds the field's Unicode name, read as a
// PackedUnicodeString whatever dwSize says, as Outlook and MFCMAPI read it.
type SkipBlock struct {
	Size      uint32        `json:"dwSize"`
	FieldName *PackedString `json:"FieldName,omitempty"` // the first block's name
	Content   blob.HexBytes `json:"Content,omitempty"`   // the other blocks' bytes

	absent uint8 // 1: no dwSize; 2: no content
}

// Property definition stream versions.
const (
	PropDefV1 = 0x0102
	PropDefV2 = 0x0103
)

var (
	propDefVersions = sv.FlagTable{
		{Kind: sv.FlagValue, Value: PropDefV1, Name: "PropDefV1"},
		{Kind: sv.FlagValue, Value: PropDefV2, Name: "PropDefV2"},
	}
	pdoFlags = sv.FlagTable{
		{Kind: sv.FlagBit, Value: 0x01, Name: "PDO_IS_CUSTOM"},
		{Kind: sv.FlagBit, Value: 0x02, Name: "PDO_REQUIRED"},
		{Kind: sv.FlagBit, Value: 0x04, Name: "PDO_PRINT_SAVEAS"},
		{Kind: sv.FlagBit, Value: 0x08, Name: "PDO_CALC_AUTO"},
		{Kind: sv.FlagBit, Value: 0x10, Name: "PDO_FT_CONCAT"},
		{Kind: sv.FlagBit, Value: 0x20, Name: "PDO_FT_SWITCH"},
		{Kind: sv.FlagBit, Value: 0x40, Name: "PDO_PRINT_SAVEAS_DEF"},
	}
	internalTypes = sv.FlagTable{
		{Kind: sv.FlagValue, Value: 0xFFFFFFFF, Name: "iTypeUnknown"},
		{Kind: sv.FlagValue, Value: 0x00, Name: "iTypeString"},
		{Kind: sv.FlagValue, Value: 0x01, Name: "iTypeNumber"},
		{Kind: sv.FlagValue, Value: 0x02, Name: "iTypePercent"},
		{Kind: sv.FlagValue, Value: 0x03, Name: "iTypeCurrency"},
		{Kind: sv.FlagValue, Value: 0x04, Name: "iTypeBool"},
		{Kind: sv.FlagValue, Value: 0x05, Name: "iTypeDateTime"},
		{Kind: sv.FlagValue, Value: 0x06, Name: "iTypeDuration"},
		{Kind: sv.FlagValue, Value: 0x07, Name: "iTypeCombination"},
		{Kind: sv.FlagValue, Value: 0x08, Name: "iTypeFormula"},
		{Kind: sv.FlagValue, Value: 0x09, Name: "iTypeIntResult"},
		{Kind: sv.FlagValue, Value: 0x0A, Name: "iTypeVariant"},
		{Kind: sv.FlagValue, Value: 0x0B, Name: "iTypeFloatResult"},
		{Kind: sv.FlagValue, Value: 0x0C, Name: "iTypeConcat"},
		{Kind: sv.FlagValue, Value: 0x0D, Name: "iTypeKeywords"},
		{Kind: sv.FlagValue, Value: 0x0E, Name: "iTypeInteger"},
	}
)

// varTypes names VARENUM values ([MS-OAUT] 2.2.7).
var varTypes = sv.FlagTable{
	{Kind: sv.FlagValue, Value: 0x00, Name: "VT_EMPTY"}, {Kind: sv.FlagValue, Value: 0x01, Name: "VT_NULL"},
	{Kind: sv.FlagValue, Value: 0x02, Name: "VT_I2"}, {Kind: sv.FlagValue, Value: 0x03, Name: "VT_I4"},
	{Kind: sv.FlagValue, Value: 0x04, Name: "VT_R4"}, {Kind: sv.FlagValue, Value: 0x05, Name: "VT_R8"},
	{Kind: sv.FlagValue, Value: 0x06, Name: "VT_CY"}, {Kind: sv.FlagValue, Value: 0x07, Name: "VT_DATE"},
	{Kind: sv.FlagValue, Value: 0x08, Name: "VT_BSTR"}, {Kind: sv.FlagValue, Value: 0x09, Name: "VT_DISPATCH"},
	{Kind: sv.FlagValue, Value: 0x0A, Name: "VT_ERROR"}, {Kind: sv.FlagValue, Value: 0x0B, Name: "VT_BOOL"},
	{Kind: sv.FlagValue, Value: 0x0C, Name: "VT_VARIANT"}, {Kind: sv.FlagValue, Value: 0x0D, Name: "VT_UNKNOWN"},
	{Kind: sv.FlagValue, Value: 0x0E, Name: "VT_DECIMAL"}, {Kind: sv.FlagValue, Value: 0x10, Name: "VT_I1"},
	{Kind: sv.FlagValue, Value: 0x11, Name: "VT_UI1"}, {Kind: sv.FlagValue, Value: 0x12, Name: "VT_UI2"},
	{Kind: sv.FlagValue, Value: 0x13, Name: "VT_UI4"}, {Kind: sv.FlagValue, Value: 0x14, Name: "VT_I8"},
	{Kind: sv.FlagValue, Value: 0x15, Name: "VT_UI8"}, {Kind: sv.FlagValue, Value: 0x16, Name: "VT_INT"},
	{Kind: sv.FlagValue, Value: 0x17, Name: "VT_UINT"}, {Kind: sv.FlagValue, Value: 0x18, Name: "VT_VOID"},
	{Kind: sv.FlagValue, Value: 0x19, Name: "VT_HRESULT"}, {Kind: sv.FlagValue, Value: 0x1A, Name: "VT_PTR"},
	{Kind: sv.FlagValue, Value: 0x1B, Name: "VT_SAFEARRAY"}, {Kind: sv.FlagValue, Value: 0x1C, Name: "VT_CARRAY"},
	{Kind: sv.FlagValue, Value: 0x1D, Name: "VT_USERDEFINED"}, {Kind: sv.FlagValue, Value: 0x1E, Name: "VT_LPSTR"},
	{Kind: sv.FlagValue, Value: 0x1F, Name: "VT_LPWSTR"}, {Kind: sv.FlagValue, Value: 0x24, Name: "VT_RECORD"},
	{Kind: sv.FlagValue, Value: 0x25, Name: "VT_INT_PTR"}, {Kind: sv.FlagValue, Value: 0x26, Name: "VT_UINT_PTR"},
	{Kind: sv.FlagValue, Value: 0x40, Name: "VT_FILETIME"}, {Kind: sv.FlagValue, Value: 0x41, Name: "VT_BLOB"},
	{Kind: sv.FlagValue, Value: 0x42, Name: "VT_STREAM"}, {Kind: sv.FlagValue, Value: 0x43, Name: "VT_STORAGE"},
	{Kind: sv.FlagValue, Value: 0x44, Name: "VT_STREAMED_OBJECT"}, {Kind: sv.FlagValue, Value: 0x45, Name: "VT_STORED_OBJECT"},
	{Kind: sv.FlagValue, Value: 0x46, Name: "VT_BLOB_OBJECT"}, {Kind: sv.FlagValue, Value: 0x47, Name: "VT_CF"},
	{Kind: sv.FlagValue, Value: 0x48, Name: "VT_CLSID"}, {Kind: sv.FlagValue, Value: 0x49, Name: "VT_VERSIONED_STREAM"},
	{Kind: sv.FlagValue, Value: 0x0FFF, Name: "VT_BSTR_BLOB"}, {Kind: sv.FlagValue, Value: 0x1000, Name: "VT_VECTOR"},
	{Kind: sv.FlagValue, Value: 0x2000, Name: "VT_ARRAY"}, {Kind: sv.FlagValue, Value: 0x4000, Name: "VT_BYREF"},
	{Kind: sv.FlagValue, Value: 0x8000, Name: "VT_RESERVED"}, {Kind: sv.FlagValue, Value: 0xFFFF, Name: "VT_ILLEGAL"},
}

// ParsePropertyDefinitionStream decodes a PidLidPropertyDefinitionStream
// value.
func ParsePropertyDefinitionStream(b []byte) (*PropertyDefinitionStream, error) {
	s := new(PropertyDefinitionStream)
	if err := s.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return s, nil
}

// maxFieldDefinitions bounds the definitions of one stream, as MFCMAPI
// bounds them; a larger count reads none.
const maxFieldDefinitions = 1000

// UnmarshalBinary decodes b into s.
func (s *PropertyDefinitionStream) UnmarshalBinary(b []byte) error {
	*s = PropertyDefinitionStream{}
	c := wire.NewCursor(b)
	if !c.U16(&s.Version) {
		return c.Truncated("wVersion", 2)
	}
	if !c.U32(&s.FieldDefinitionCount) {
		return c.Truncated("dwFieldDefinitionCount", 4)
	}
	if s.FieldDefinitionCount < maxFieldDefinitions {
		// A definition after the end of the stream reads nothing: stop
		// there, so that no more are kept than the bytes can start.
		s.FieldDefinitions = make([]FieldDefinitionV, 0, min(int(s.FieldDefinitionCount), c.Len()/4+1))
		for range s.FieldDefinitionCount {
			if c.Empty() {
				s.ended = true
				break
			}
			var d FieldDefinitionV
			d.decode(&c, s.Version == PropDefV2)
			s.FieldDefinitions = append(s.FieldDefinitions, d)
		}
	}
	s.Trailing = c.Rest()
	return nil
}

func (p *PackedString) decode(c *wire.Cursor, unit int) {
	var n8 uint8
	if !c.U8(&n8) {
		p.absent = 7
		return
	}
	p.Length, p.Extended = uint16(n8), false
	if n8 == 0xFF {
		p.Extended = true
		if !c.U16(&p.Length) {
			p.absent = 6
			return
		}
	}
	if !c.Bytes(&p.Text, int(p.Length)*unit) {
		p.absent = 4
	}
}

func (p *PackedString) appendBinary(b []byte, unit int) []byte {
	if p.absent&1 != 0 {
		return b
	}
	n := min(len(p.Text)/unit, 0xFFFF)
	if p.absent&4 != 0 {
		n = int(p.Length)
	}
	if p.Extended || n >= 0xFF {
		b = append(b, 0xFF)
		if p.absent&2 != 0 {
			return b
		}
		b = wire.AppendU16(b, uint16(n))
	} else {
		b = append(b, byte(n))
	}
	return append(b, p.Text[:len(p.Text)/unit*unit]...)
}

func (d *FieldDefinitionV) decode(c *wire.Cursor, v2 bool) {
	start := c.Offset()
	defer func() { d.size = c.Offset() - start }()
	if !c.U32(&d.Flags) {
		d.absent |= absFlags
	}
	if !c.U16(&d.VT) {
		d.absent |= absVT
	}
	if !c.U32(&d.DispID) {
		d.absent |= absDispID
	}
	if !c.U16(&d.NmidNameLength) {
		d.absent |= absNmidLength | absNmidName
	} else {
		var name []byte
		if !c.Bytes(&name, 2*int(d.NmidNameLength)) {
			d.absent |= absNmidName
		}
		d.NmidName = name
	}
	for _, s := range []*PackedString{&d.NameANSI, &d.FormulaANSI, &d.ValidationRuleANSI, &d.ValidationTextANSI, &d.ErrorANSI} {
		s.decode(c, 1)
	}
	if !v2 {
		return
	}
	if !c.U32(&d.InternalType) {
		d.absent |= absInternalType
	}
	// Count the blocks first: up to and with the one whose size is zero or
	// cannot be read, each skipped by its size (at most to the end).
	n := 0
	for probe := *c; n < maxFieldDefinitions; {
		n++
		var size uint32
		if !probe.U32(&size) || size == 0 {
			break
		}
		probe.Skip(int(min(uint64(size), uint64(probe.Len()))))
	}
	d.SkipBlocks = make([]SkipBlock, n)
	for i := range d.SkipBlocks {
		sb := &d.SkipBlocks[i]
		if !c.U32(&sb.Size) {
			sb.absent |= 1
		}
		if i == 0 {
			sb.FieldName = new(PackedString)
			sb.FieldName.decode(c, 2)
			continue
		}
		var content []byte
		if uint64(sb.Size) > uint64(c.Len()) || !c.Bytes(&content, int(sb.Size)) {
			sb.absent |= 2
		}
		sb.Content = content
	}
}

// Complete reports whether every field of the definition was read.
func (d *FieldDefinitionV) Complete() bool {
	if d.absent != 0 {
		return false
	}
	for _, s := range []*PackedString{&d.NameANSI, &d.FormulaANSI, &d.ValidationRuleANSI, &d.ValidationTextANSI, &d.ErrorANSI} {
		if s.absent != 0 {
			return false
		}
	}
	for i := range d.SkipBlocks {
		if d.SkipBlocks[i].absent != 0 || d.SkipBlocks[i].FieldName != nil && d.SkipBlocks[i].FieldName.absent != 0 {
			return false
		}
	}
	return true
}

// Kind is blob.KindPropDefStream.
func (s *PropertyDefinitionStream) Kind() blob.Kind { return blob.KindPropDefStream }

// TrailingBytes are the bytes after the last field definition.
func (s *PropertyDefinitionStream) TrailingBytes() []byte { return s.Trailing }

// Check reports an unknown version, definitions cut short and trailing
// bytes.
func (s *PropertyDefinitionStream) Check() []blob.Finding {
	var fs []blob.Finding
	if s.Version != PropDefV1 && s.Version != PropDefV2 {
		fs = append(fs, blob.Finding{Code: "PROPDEF_BAD_VERSION", Severity: blob.Error, Path: "wVersion",
			Message: "wVersion is " + h4(s.Version) + ", neither PropDefV1 nor PropDefV2; Outlook cannot read the form's fields"})
	}
	if s.FieldDefinitionCount >= maxFieldDefinitions {
		fs = append(fs, blob.Finding{Code: "PROPDEF_TOO_MANY", Severity: blob.Error, Path: "dwFieldDefinitionCount",
			Message: "dwFieldDefinitionCount is " + strconv.FormatUint(uint64(s.FieldDefinitionCount), 10) + "; no definition was read"})
	}
	for i := range s.FieldDefinitions {
		if !s.FieldDefinitions[i].Complete() {
			fs = append(fs, blob.Finding{Code: "PROPDEF_TRUNCATED", Severity: blob.Error, Path: wire.Path("FieldDefinitions", i, ""),
				Message: "the field definition does not fit the stream; Outlook loses the form's custom fields"})
		}
	}
	return append(fs, trailing("PROPDEF_TRAILING_BYTES", "FieldDefinitions", len(s.Trailing))...)
}

// AppendBinary appends the stream's bytes to b: the count as stored, and
// of each definition the fields that were read (all of them for a value
// built in Go), skip block sizes and name lengths as stored.
func (s *PropertyDefinitionStream) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU16(b, s.Version)
	count := uint32(len(s.FieldDefinitions))
	if s.FieldDefinitionCount >= maxFieldDefinitions || s.ended {
		count = s.FieldDefinitionCount
	}
	b = wire.AppendU32(b, count)
	for i := range s.FieldDefinitions {
		d := &s.FieldDefinitions[i]
		if d.absent&absFlags == 0 {
			b = wire.AppendU32(b, d.Flags)
		}
		if d.absent&absVT == 0 {
			b = wire.AppendU16(b, d.VT)
		}
		if d.absent&absDispID == 0 {
			b = wire.AppendU32(b, d.DispID)
		}
		if d.absent&absNmidLength == 0 {
			n := uint16(len(d.NmidName) / 2)
			if d.absent&absNmidName != 0 {
				n = d.NmidNameLength
			}
			b = wire.AppendU16(b, n)
			b = append(b, d.NmidName[:len(d.NmidName)/2*2]...)
		}
		b = d.NameANSI.appendBinary(b, 1)
		b = d.FormulaANSI.appendBinary(b, 1)
		b = d.ValidationRuleANSI.appendBinary(b, 1)
		b = d.ValidationTextANSI.appendBinary(b, 1)
		b = d.ErrorANSI.appendBinary(b, 1)
		if s.Version != PropDefV2 {
			continue
		}
		if d.absent&absInternalType == 0 {
			b = wire.AppendU32(b, d.InternalType)
		}
		for _, sb := range d.SkipBlocks {
			if sb.absent&1 == 0 {
				size := sb.Size
				if sb.FieldName == nil && sb.absent&2 == 0 {
					size = uint32(len(sb.Content))
				}
				b = wire.AppendU32(b, size)
			}
			if sb.FieldName != nil {
				b = sb.FieldName.appendBinary(b, 2)
			} else {
				b = append(b, sb.Content...)
			}
		}
	}
	return append(b, s.Trailing...), nil
}

// MarshalBinary encodes the stream.
func (s *PropertyDefinitionStream) MarshalBinary() ([]byte, error) { return s.AppendBinary(nil) }

func packedSmartView(w *sv.Writer, depth int, name string, p *PackedString, wide bool) {
	if p.absent&1 != 0 {
		return
	}
	w.Line(depth, name)
	if p.absent&2 == 0 {
		w.Line(depth+1, "Length = ", h4(p.Length))
	}
	if len(p.Text) > 0 {
		w.Line(depth+1, "Characters")
		if wide {
			w.Line(depth+2, wideText(p.Text))
		} else {
			w.Line(depth+2, ansiText(p.Text))
		}
	}
}

// SmartView renders s as MFCMAPI's SmartView pane does.
func (s *PropertyDefinitionStream) SmartView() string {
	var w sv.Writer
	w.Line(0, "Property Definition Stream")
	w.Line(1, "Version = ", h4(s.Version), " = ", propDefVersions.Interpret(uint32(s.Version)))
	w.Line(1, "FieldDefinitionCount = ", h8(s.FieldDefinitionCount))
	for i := range s.FieldDefinitions {
		d := &s.FieldDefinitions[i]
		if d.size == 0 && !d.Complete() {
			continue // MFCMAPI shows no definition it read nothing of
		}
		w.Line(1, "Definition[", strconv.Itoa(i), "]")
		if d.absent&absFlags == 0 {
			w.Line(2, "Flags = ", h8(d.Flags), " = ", pdoFlags.Interpret(d.Flags))
		}
		if d.absent&absVT == 0 {
			w.Line(2, "VT = ", h4(d.VT), " = ", varTypes.Interpret(uint32(d.VT)))
		}
		if d.absent&absDispID == 0 {
			w.Line(2, "DispID = ", h8(d.DispID))
			if d.DispID < 0x8000 {
				if name, others, ok := mfcprop.Best(d.DispID << 16); ok && d.DispID != 0 {
					w.Line(3, " = ", name)
					if len(others) > 0 {
						w.Line(3, ": (", strings.Join(others, ", "), ")")
					}
				}
			} else if names := mfcprop.NamedNames(d.DispID); len(names) > 0 {
				w.Line(3, " = ", strings.Join(names, ", "))
			}
		}
		if d.absent&absNmidLength == 0 {
			w.Line(2, "NmidNameLength = ", h4(d.NmidNameLength))
		}
		if len(d.NmidName) > 0 {
			w.Line(2, "NmidName = ", sv.Printable(d.NmidName.String()))
		}
		packedSmartView(&w, 2, "NameAnsi", &d.NameANSI, false)
		packedSmartView(&w, 2, "FormulaANSI", &d.FormulaANSI, false)
		packedSmartView(&w, 2, "ValidationRuleANSI", &d.ValidationRuleANSI, false)
		packedSmartView(&w, 2, "ValidationTextANSI", &d.ValidationTextANSI, false)
		packedSmartView(&w, 2, "ErrorANSI", &d.ErrorANSI, false)
		if s.Version != PropDefV2 {
			continue
		}
		if d.absent&absInternalType == 0 {
			w.Line(2, "InternalType = ", h8(d.InternalType), " = ", internalTypes.Interpret(d.InternalType))
		}
		w.Line(2, "SkipBlockCount = ", strconv.Itoa(len(d.SkipBlocks)))
		for j := range d.SkipBlocks {
			sb := &d.SkipBlocks[j]
			if sb.absent&1 != 0 && (sb.FieldName == nil || sb.FieldName.absent&1 != 0) {
				continue
			}
			w.Line(2, "SkipBlock[", strconv.Itoa(j), "]")
			if sb.absent&1 == 0 {
				w.Line(3, "Size = ", h8(sb.Size))
			}
			if sb.FieldName != nil {
				packedSmartView(&w, 3, "FieldName", sb.FieldName, true)
			} else if len(sb.Content) > 0 {
				w.Line(3, "Content")
				w.Line(4, sv.Bytes(sb.Content))
			}
		}
	}
	w.Unparsed(1, s.Trailing)
	return w.String()
}

// Text renders s for people: its SmartView form.
func (s *PropertyDefinitionStream) Text() string { return s.SmartView() }
