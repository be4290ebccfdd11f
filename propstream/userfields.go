package propstream

import (
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// FolderUserFields is PidTagUserFields ([MS-OXOCFG]): the user-defined
// fields of a folder, once with ANSI names and once with Unicode names.
//
// A stream that ends where a field definition or the Unicode list would
// begin decodes as far as it goes (Complete is false and Check says so),
// since MFCMAPI shows such streams; one that ends inside a field is an
// error.
type FolderUserFields struct {
	Ansi FieldDefinitionList `json:"FolderUserFieldAnsi"`
	// Unicode is absent when the stream ends after the ANSI list.
	Unicode *FieldDefinitionList `json:"FolderUserFieldUnicode,omitempty"`
	// Trailing holds bytes after the Unicode list.
	Trailing blob.HexBytes `json:"-"`
}

// FieldDefinitionList is a count and that many field definitions.
type FieldDefinitionList struct {
	// FieldDefinitionCount is the count as stored; encoding writes the
	// number of FieldDefinitions, or the stored count when the stream
	// ended before them (Complete false).
	FieldDefinitionCount uint32            `json:"FieldDefinitionCount"`
	FieldDefinitions     []FieldDefinition `json:"FieldDefinitions"`
	// Complete is false when the stream ended before the count's last
	// field definition.
	Complete bool `json:"-"`
}

// FieldDefinition is one user field (FolderFieldDefinitionA or
// FolderFieldDefinitionW): the name is ANSI in the first list and UTF-16LE
// in the second; the formula is UTF-16LE in both.
type FieldDefinition struct {
	FieldType       uint32        `json:"FieldType"`        // FieldType: ftString, ftInteger, ftCalc…
	FieldNameLength uint16        `json:"FieldNameLength"`  // FieldNameLength: characters in FieldName, as stored
	FieldName       []byte        `json:"-"`                // FieldName, raw (ANSI or UTF-16LE)
	Name            string        `json:"FieldName"`        // FieldName decoded
	PropSetGUID     guid.GUID     `json:"PropSetGuid"`      // PropSetGuid: the named property's set
	Fcapm           uint32        `json:"fcapm"`            // fcapm: FCAPM_ capabilities
	String          uint32        `json:"dwString"`         // dwString
	Bitmap          uint32        `json:"dwBitmap"`         // dwBitmap
	Display         uint32        `json:"dwDisplay"`        // dwDisplay
	Fmt             uint32        `json:"iFmt"`             // iFmt: the display format
	FormulaLength   uint16        `json:"wszFormulaLength"` // wszFormulaLength: characters in wszFormula, as stored
	Formula         UnicodeString `json:"wszFormula"`       // wszFormula: the formula of an ftCalc field
}

var (
	folderFieldTypes = sv.FlagTable{
		{Kind: sv.FlagValue, Value: 0x00, Name: "ftNull"},
		{Kind: sv.FlagValue, Value: 0x01, Name: "ftString"},
		{Kind: sv.FlagValue, Value: 0x03, Name: "ftInteger"},
		{Kind: sv.FlagValue, Value: 0x05, Name: "ftTime"},
		{Kind: sv.FlagValue, Value: 0x06, Name: "ftBoolean"},
		{Kind: sv.FlagValue, Value: 0x07, Name: "ftDuration"},
		{Kind: sv.FlagValue, Value: 0x0B, Name: "ftMultiString"},
		{Kind: sv.FlagValue, Value: 0x0C, Name: "ftFloat"},
		{Kind: sv.FlagValue, Value: 0x0E, Name: "ftCurrency"},
		{Kind: sv.FlagValue, Value: 0x12, Name: "ftCalc"},
		{Kind: sv.FlagValue, Value: 0x13, Name: "ftSwitch"},
		{Kind: sv.FlagValue, Value: 0x17, Name: "ftConcat"},
	}
	fieldCaps = sv.FlagTable{
		{Kind: sv.FlagBit, Value: 0x00000001, Name: "FCAPM_CAN_EDIT"},
		{Kind: sv.FlagBit, Value: 0x00000002, Name: "FCAPM_CAN_SORT"},
		{Kind: sv.FlagBit, Value: 0x00000004, Name: "FCAPM_CAN_GROUP"},
		{Kind: sv.FlagBit, Value: 0x00000100, Name: "FCAPM_MULTILINE_TEXT"},
		{Kind: sv.FlagBit, Value: 0x01000000, Name: "FCAPM_PERCENT"},
		{Kind: sv.FlagBit, Value: 0x80000000, Name: "FCAPM_CAN_EDIT_IN_ITEM"},
	}
)

// fieldMinSize is a field definition with empty strings.
const fieldMinSize = 4 + 2 + 16 + 5*4 + 2

// ParseFolderUserFields decodes a PidTagUserFields value.
func ParseFolderUserFields(b []byte) (*FolderUserFields, error) {
	f := new(FolderUserFields)
	if err := f.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return f, nil
}

// UnmarshalBinary decodes b into f.
func (f *FolderUserFields) UnmarshalBinary(b []byte) error {
	*f = FolderUserFields{}
	c := wire.NewCursor(b)
	if err := f.Ansi.decode(&c, false, "FolderUserFieldAnsi"); err != nil {
		return err
	}
	if f.Ansi.Complete && !c.Empty() {
		f.Unicode = new(FieldDefinitionList)
		if err := f.Unicode.decode(&c, true, "FolderUserFieldUnicode"); err != nil {
			return err
		}
	}
	f.Trailing = c.Rest()
	return nil
}

func (l *FieldDefinitionList) decode(c *wire.Cursor, wide bool, path string) error {
	if !c.U32(&l.FieldDefinitionCount) {
		return c.Truncated(path+".FieldDefinitionCount", 4)
	}
	n := min(uint64(l.FieldDefinitionCount), uint64(c.Len()/fieldMinSize))
	l.FieldDefinitions = make([]FieldDefinition, 0, n)
	for i := range l.FieldDefinitionCount {
		if c.Empty() {
			return nil
		}
		var d FieldDefinition
		if err := d.decode(c, wide, wire.Path(path+".FieldDefinitions", int(i), "")); err != nil {
			return err
		}
		l.FieldDefinitions = append(l.FieldDefinitions, d)
	}
	l.Complete = true
	return nil
}

func (d *FieldDefinition) decode(c *wire.Cursor, wide bool, path string) error {
	p := func(f string) string { return path + "." + f }
	if !c.U32(&d.FieldType) {
		return c.Truncated(p("FieldType"), 4)
	}
	if !c.U16(&d.FieldNameLength) {
		return c.Truncated(p("FieldNameLength"), 2)
	}
	size := int(d.FieldNameLength)
	if wide {
		size *= 2
	}
	if !c.Bytes(&d.FieldName, size) {
		return c.Truncated(p("FieldName"), size)
	}
	if wide {
		d.Name, _ = wire.DecodeUTF16(d.FieldName)
	} else {
		d.Name = blob.DefaultCodePage.Decode(d.FieldName)
	}
	fixed, ok := c.Fixed(16 + 5*4 + 2)
	if !ok {
		return c.Truncated(p("PropSetGuid"), 16+5*4+2)
	}
	r := wire.NewCursor(fixed)
	var g []byte
	r.Bytes(&g, 16)
	d.PropSetGUID = guid.GUID(g)
	r.U32(&d.Fcapm)
	r.U32(&d.String)
	r.U32(&d.Bitmap)
	r.U32(&d.Display)
	r.U32(&d.Fmt)
	r.U16(&d.FormulaLength)
	var formula []byte
	if !c.Bytes(&formula, 2*int(d.FormulaLength)) {
		return c.Truncated(p("wszFormula"), 2*int(d.FormulaLength))
	}
	d.Formula = formula
	return nil
}

// Kind is blob.KindFolderUserFields.
func (f *FolderUserFields) Kind() blob.Kind { return blob.KindFolderUserFields }

// TrailingBytes are the bytes after the Unicode list.
func (f *FolderUserFields) TrailingBytes() []byte { return f.Trailing }

// Check reports a stream that ends early, lists of different lengths and
// trailing bytes.
func (f *FolderUserFields) Check() []blob.Finding {
	var fs []blob.Finding
	for _, l := range []struct {
		l    *FieldDefinitionList
		path string
	}{{&f.Ansi, "FolderUserFieldAnsi"}, {f.Unicode, "FolderUserFieldUnicode"}} {
		if l.l != nil && !l.l.Complete {
			fs = append(fs, blob.Finding{Code: "USERFIELDS_TRUNCATED", Severity: blob.Error, Path: l.path + ".FieldDefinitions",
				Message: "the stream ends after " + strconv.Itoa(len(l.l.FieldDefinitions)) + " of " +
					strconv.FormatUint(uint64(l.l.FieldDefinitionCount), 10) + " field definitions; Outlook loses the folder's user fields"})
		}
	}
	if f.Unicode == nil && f.Ansi.Complete {
		fs = append(fs, blob.Finding{Code: "USERFIELDS_NO_UNICODE", Severity: blob.Warning, Path: "FolderUserFieldUnicode",
			Message: "the stream has no Unicode list; Outlook rebuilds the fields from the ANSI names"})
	}
	if f.Unicode != nil && f.Unicode.Complete && f.Ansi.Complete && len(f.Unicode.FieldDefinitions) != len(f.Ansi.FieldDefinitions) {
		fs = append(fs, blob.Finding{Code: "USERFIELDS_COUNT_MISMATCH", Severity: blob.Warning, Path: "FolderUserFieldUnicode.FieldDefinitionCount",
			Message: "the ANSI and Unicode lists hold different numbers of fields"})
	}
	return append(fs, trailing("USERFIELDS_TRAILING_BYTES", "FolderUserFieldUnicode", len(f.Trailing))...)
}

func (l *FieldDefinitionList) appendBinary(b []byte, wide bool) []byte {
	n := uint32(len(l.FieldDefinitions))
	if !l.Complete {
		n = l.FieldDefinitionCount
	}
	b = wire.AppendU32(b, n)
	for _, d := range l.FieldDefinitions {
		b = wire.AppendU32(b, d.FieldType)
		unit := 1
		if wide {
			unit = 2
		}
		b = wire.AppendU16(b, uint16(len(d.FieldName)/unit))
		b = append(b, d.FieldName[:len(d.FieldName)/unit*unit]...)
		b = append(b, d.PropSetGUID[:]...)
		b = wire.AppendU32(b, d.Fcapm)
		b = wire.AppendU32(b, d.String)
		b = wire.AppendU32(b, d.Bitmap)
		b = wire.AppendU32(b, d.Display)
		b = wire.AppendU32(b, d.Fmt)
		b = wire.AppendU16(b, uint16(len(d.Formula)/2))
		b = append(b, d.Formula[:len(d.Formula)/2*2]...)
	}
	return b
}

// AppendBinary appends the stream's bytes to b. FieldName is written as
// stored (Name is for reading).
func (f *FolderUserFields) AppendBinary(b []byte) ([]byte, error) {
	b = f.Ansi.appendBinary(b, false)
	if f.Unicode != nil {
		b = f.Unicode.appendBinary(b, true)
	}
	return append(b, f.Trailing...), nil
}

// MarshalBinary encodes the stream.
func (f *FolderUserFields) MarshalBinary() ([]byte, error) { return f.AppendBinary(nil) }

func (l *FieldDefinitionList) smartView(w *sv.Writer, name string, wide bool) {
	w.Line(1, name, ".FieldDefinitionCount = ", strconv.FormatUint(uint64(l.FieldDefinitionCount), 10))
	for i, d := range l.FieldDefinitions {
		w.Line(2, "Field ", strconv.Itoa(i))
		w.Line(3, "FieldType = ", h8(d.FieldType), " = ", folderFieldTypes.Interpret(d.FieldType))
		w.Line(3, "FieldNameLength = ", h8(uint32(d.FieldNameLength)), " = ", strconv.Itoa(int(d.FieldNameLength)))
		if len(d.FieldName) > 0 {
			w.Line(3, "FieldName = ", sv.Printable(d.Name))
		}
		w.Line(3, "PropSetGuid = ", guidName(d.PropSetGUID))
		w.Line(3, "fcapm = ", h8(d.Fcapm), " = ", fieldCaps.Interpret(d.Fcapm))
		w.Line(3, "dwString = ", h8(d.String))
		w.Line(3, "dwBitmap = ", h8(d.Bitmap))
		w.Line(3, "dwDisplay = ", h8(d.Display))
		w.Line(3, "iFmt = ", h8(d.Fmt))
		w.Line(3, "wszFormulaLength = ", h4(d.FormulaLength), " = ", strconv.Itoa(int(d.FormulaLength)))
		if len(d.Formula) > 0 {
			w.Line(3, "wszFormula = ", sv.Printable(d.Formula.String()))
		}
	}
}

// SmartView renders f as MFCMAPI's SmartView pane does.
func (f *FolderUserFields) SmartView() string {
	var w sv.Writer
	w.Line(0, "Folder User Field Stream")
	f.Ansi.smartView(&w, "FolderUserFieldAnsi", false)
	if f.Unicode != nil {
		f.Unicode.smartView(&w, "FolderUserFieldUnicode", true)
	}
	w.Unparsed(1, f.Trailing)
	return w.String()
}

// Text renders f for people: its SmartView form.
func (f *FolderUserFields) Text() string { return f.SmartView() }

// guidName is the GUID as MFCMAPI shows it: braced.
func guidName(g guid.GUID) string { return g.String() }
