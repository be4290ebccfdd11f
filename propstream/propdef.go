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
type PropertyDefinitionStream struct {
	Version              uint16             `json:"wVersion"`               // wVersion: PropDefV1 (0x0102) or PropDefV2 (0x0103)
	FieldDefinitionCount uint32             `json:"dwFieldDefinitionCount"` // dwFieldDefinitionCount, as stored
	FieldDefinitions     []FieldDefinitionV `json:"FieldDefinitions"`
	// Trailing holds bytes after the last field definition.
	Trailing blob.HexBytes `json:"-"`
}

// FieldDefinitionV is one field definition of a property definition
// stream (a FieldDefinition structure). SkipBlocks are present in
// PropDefV2 streams only.
type FieldDefinitionV struct {
	Flags              uint32        `json:"dwFlags"`               // dwFlags: PDO_ flags
	VT                 uint16        `json:"wVT"`                   // wVT: the VARTYPE of the field
	DispID             uint32        `json:"dwDispid"`              // dwDispid: the property id or long id, 0 for a named field
	NmidName           UnicodeString `json:"wszNmidName"`           // wszNmidName: the string name (wNmidNameLength characters)
	NameANSI           PackedString  `json:"pasNameANSI"`           // pasNameANSI
	FormulaANSI        PackedString  `json:"pasFormulaANSI"`        // pasFormulaANSI
	ValidationRuleANSI PackedString  `json:"pasValidationRuleANSI"` // pasValidationRuleANSI
	ValidationTextANSI PackedString  `json:"pasValidationTextANSI"` // pasValidationTextANSI
	ErrorANSI          PackedString  `json:"pasErrorANSI"`          // pasErrorANSI
	InternalType       uint32        `json:"dwInternalType"`        // dwInternalType: iType values
	SkipBlocks         []SkipBlock   `json:"SkipBlocks,omitempty"`  // PropDefV2: skip blocks up to and with the empty one
}

// PackedString is a PackedAnsiString or PackedUnicodeString: a one-byte
// length, or 0xFF and a two-byte length, then that many characters.
type PackedString struct {
	Extended bool   `json:"-"` // the length was stored as 0xFF and a WORD
	Length   uint16 `json:"cchLength"`
	Text     []byte `json:"-"` // the characters as stored (8-bit or UTF-16LE)
}

// SkipBlock is a block of a PropDefV2 field definition: dwSize and that
// many bytes. The first one holds the field's Unicode name.
type SkipBlock struct {
	Size    uint32        `json:"dwSize"`
	Content blob.HexBytes `json:"Content"`
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

// fieldDefinitionMinSize is a PropDefV1 field definition with empty strings.
const fieldDefinitionMinSize = 4 + 2 + 4 + 2 + 5

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
	if !c.Fits(uint64(s.FieldDefinitionCount), fieldDefinitionMinSize) {
		return wire.CountTooLarge("dwFieldDefinitionCount", 2, uint64(s.FieldDefinitionCount), fieldDefinitionMinSize, c.Len())
	}
	s.FieldDefinitions = make([]FieldDefinitionV, s.FieldDefinitionCount)
	for i := range s.FieldDefinitions {
		if err := s.FieldDefinitions[i].decode(&c, s.Version == PropDefV2, wire.Path("FieldDefinitions", i, "")); err != nil {
			return err
		}
	}
	s.Trailing = c.Rest()
	return nil
}

func (p *PackedString) decode(c *wire.Cursor, unit int, path string) error {
	var n8 uint8
	if !c.U8(&n8) {
		return c.Truncated(path+".cchLength", 1)
	}
	p.Length, p.Extended = uint16(n8), false
	if n8 == 0xFF {
		p.Extended = true
		if !c.U16(&p.Length) {
			return c.Truncated(path+".cchExtendedLength", 2)
		}
	}
	if !c.Bytes(&p.Text, int(p.Length)*unit) {
		return c.Truncated(path+".szCharacters", int(p.Length)*unit)
	}
	return nil
}

func (p *PackedString) appendBinary(b []byte, unit int) []byte {
	n := min(len(p.Text)/unit, 0xFFFF)
	if p.Extended || n >= 0xFF {
		b = append(b, 0xFF)
		b = wire.AppendU16(b, uint16(n))
	} else {
		b = append(b, byte(n))
	}
	return append(b, p.Text[:n*unit]...)
}

func (d *FieldDefinitionV) decode(c *wire.Cursor, v2 bool, path string) error {
	p := func(f string) string { return path + "." + f }
	var nameLen uint16
	f, ok := c.Fixed(12)
	if !ok {
		return c.Truncated(p("dwFlags"), 12)
	}
	r := wire.NewCursor(f)
	r.U32(&d.Flags)
	r.U16(&d.VT)
	r.U32(&d.DispID)
	r.U16(&nameLen)
	var name []byte
	if !c.Bytes(&name, 2*int(nameLen)) {
		return c.Truncated(p("wszNmidName"), 2*int(nameLen))
	}
	d.NmidName = name
	for _, s := range []struct {
		s    *PackedString
		name string
	}{{&d.NameANSI, "pasNameANSI"}, {&d.FormulaANSI, "pasFormulaANSI"}, {&d.ValidationRuleANSI, "pasValidationRuleANSI"},
		{&d.ValidationTextANSI, "pasValidationTextANSI"}, {&d.ErrorANSI, "pasErrorANSI"}} {
		if err := s.s.decode(c, 1, p(s.name)); err != nil {
			return err
		}
	}
	if !v2 {
		return nil
	}
	if !c.U32(&d.InternalType) {
		return c.Truncated(p("dwInternalType"), 4)
	}
	for i := 0; ; i++ {
		var sb SkipBlock
		if !c.U32(&sb.Size) {
			return c.Truncated(wire.Path(p("SkipBlocks"), i, "dwSize"), 4)
		}
		var content []byte
		if !c.Bytes(&content, int(min(sb.Size, 1<<31-1))) {
			return c.Truncated(wire.Path(p("SkipBlocks"), i, "Content"), int(min(sb.Size, 1<<31-1)))
		}
		sb.Content = content
		d.SkipBlocks = append(d.SkipBlocks, sb)
		if sb.Size == 0 {
			return nil
		}
	}
}

// FieldName is the Unicode name the first skip block holds, and false
// when it holds none.
func (d *FieldDefinitionV) FieldName() (PackedString, bool) {
	if len(d.SkipBlocks) == 0 || d.SkipBlocks[0].Size == 0 {
		return PackedString{}, false
	}
	c := wire.NewCursor(d.SkipBlocks[0].Content)
	var ps PackedString
	if ps.decode(&c, 2, "") != nil {
		return PackedString{}, false
	}
	return ps, true
}

// Kind is blob.KindPropDefStream.
func (s *PropertyDefinitionStream) Kind() blob.Kind { return blob.KindPropDefStream }

// TrailingBytes are the bytes after the last field definition.
func (s *PropertyDefinitionStream) TrailingBytes() []byte { return s.Trailing }

// Check reports an unknown version and trailing bytes.
func (s *PropertyDefinitionStream) Check() []blob.Finding {
	var fs []blob.Finding
	if s.Version != PropDefV1 && s.Version != PropDefV2 {
		fs = append(fs, blob.Finding{Code: "PROPDEF_BAD_VERSION", Severity: blob.Error, Path: "wVersion",
			Message: "wVersion is " + h4(s.Version) + ", neither PropDefV1 nor PropDefV2; Outlook cannot read the form's fields"})
	}
	return append(fs, trailing("PROPDEF_TRAILING_BYTES", "FieldDefinitions", len(s.Trailing))...)
}

// AppendBinary appends the stream's bytes to b; the count is written as
// len(FieldDefinitions) and each skip block's size as its length.
func (s *PropertyDefinitionStream) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU16(b, s.Version)
	b = wire.AppendU32(b, uint32(len(s.FieldDefinitions)))
	for _, d := range s.FieldDefinitions {
		b = wire.AppendU32(b, d.Flags)
		b = wire.AppendU16(b, d.VT)
		b = wire.AppendU32(b, d.DispID)
		n := len(d.NmidName) / 2
		b = wire.AppendU16(b, uint16(n))
		b = append(b, d.NmidName[:2*n]...)
		b = d.NameANSI.appendBinary(b, 1)
		b = d.FormulaANSI.appendBinary(b, 1)
		b = d.ValidationRuleANSI.appendBinary(b, 1)
		b = d.ValidationTextANSI.appendBinary(b, 1)
		b = d.ErrorANSI.appendBinary(b, 1)
		if s.Version != PropDefV2 {
			continue
		}
		b = wire.AppendU32(b, d.InternalType)
		for _, sb := range d.SkipBlocks {
			b = wire.AppendU32(b, uint32(len(sb.Content)))
			b = append(b, sb.Content...)
		}
	}
	return append(b, s.Trailing...), nil
}

// MarshalBinary encodes the stream.
func (s *PropertyDefinitionStream) MarshalBinary() ([]byte, error) { return s.AppendBinary(nil) }

func packedSmartView(w *sv.Writer, depth int, name string, p PackedString, wide bool) {
	w.Line(depth, name)
	w.Line(depth+1, "Length = ", h4(p.Length))
	if len(p.Text) > 0 {
		w.Line(depth+1, "Characters")
		if wide {
			w.Line(depth+2, sv.Printable(UnicodeString(p.Text).String()))
		} else {
			w.Line(depth+2, sv.PrintableBytes(p.Text))
		}
	}
}

// SmartView renders s as MFCMAPI's SmartView pane does.
func (s *PropertyDefinitionStream) SmartView() string {
	var w sv.Writer
	w.Line(0, "Property Definition Stream")
	w.Line(1, "Version = ", h4(s.Version), " = ", propDefVersions.Interpret(uint32(s.Version)))
	w.Line(1, "FieldDefinitionCount = ", h8(s.FieldDefinitionCount))
	for i, d := range s.FieldDefinitions {
		w.Line(1, "Definition[", strconv.Itoa(i), "]")
		w.Line(2, "Flags = ", h8(d.Flags), " = ", pdoFlags.Interpret(d.Flags))
		w.Line(2, "VT = ", h4(d.VT), " = ", varTypes.Interpret(uint32(d.VT)))
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
		w.Line(2, "NmidNameLength = ", h4(uint16(len(d.NmidName)/2)))
		if len(d.NmidName) > 0 {
			w.Line(2, "NmidName = ", sv.Printable(d.NmidName.String()))
		}
		packedSmartView(&w, 2, "NameAnsi", d.NameANSI, false)
		packedSmartView(&w, 2, "FormulaANSI", d.FormulaANSI, false)
		packedSmartView(&w, 2, "ValidationRuleANSI", d.ValidationRuleANSI, false)
		packedSmartView(&w, 2, "ValidationTextANSI", d.ValidationTextANSI, false)
		packedSmartView(&w, 2, "ErrorANSI", d.ErrorANSI, false)
		if s.Version != PropDefV2 {
			continue
		}
		w.Line(2, "InternalType = ", h8(d.InternalType), " = ", internalTypes.Interpret(d.InternalType))
		w.Line(2, "SkipBlockCount = ", strconv.Itoa(len(d.SkipBlocks)))
		for j, sb := range d.SkipBlocks {
			w.Line(2, "SkipBlock[", strconv.Itoa(j), "]")
			w.Line(3, "Size = ", h8(sb.Size))
			if j == 0 {
				if fn, ok := d.FieldName(); ok {
					packedSmartView(&w, 3, "FieldName", fn, true)
					continue
				}
			}
			if len(sb.Content) > 0 {
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
