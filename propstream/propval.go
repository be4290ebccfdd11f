package propstream

import (
	"math"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/entryid"
	"github.com/mapiblob/mapiblob/internal/mfcprop"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
	"github.com/mapiblob/mapiblob/proptag"
)

// Format says how the property values of a structure are serialised.
type Format uint8

// Formats of property values.
const (
	// FormatMAPI is the layout of serialised SPropValue arrays and of
	// MAPI restrictions: 16-bit counts before strings and binaries and of
	// multi-valued properties, 16-bit booleans, 32-bit counts before the
	// elements of a multi-valued property.
	FormatMAPI Format = iota
	// FormatRule is [MS-OXCDATA] 2.11.1's PropertyValue as rules and
	// search folders store it: NUL-terminated strings, 8-bit booleans,
	// 32-bit counts before binaries.
	FormatRule
	// FormatNickname is the layout of the nickname cache's rows: an
	// SPropValue as it lies in memory, with its 4-byte alignment pad and
	// 8-byte value union, strings and binaries following with a 32-bit
	// count.
	FormatNickname
)

// PropertyValue is a property tag and its value ([MS-OXCDATA] 2.11.4
// TaggedPropertyValue). The value is kept as stored: fixed-size values as
// their bytes, strings and binaries as their bytes with the count as
// stored, multi-valued properties as their elements.
type PropertyValue struct {
	Tag uint32 `json:"PropertyTag"`
	// Count is the stored count of a counted string, binary or
	// multi-valued value.
	Count uint32 `json:"Count,omitempty"`
	// Data is the value's bytes: a fixed-size value, or the bytes of a
	// string (without its terminator) or binary.
	Data blob.HexBytes `json:"Value,omitempty"`
	// Values are the elements of a multi-valued property.
	Values []PropertyValue `json:"Values,omitempty"`
	// Missing is true when the count was read but the bytes it promises
	// are not there (the value is cut short).
	Missing bool `json:"-"`
	// Unterminated is true for a NUL-terminated string that runs to the
	// end of the input without its terminator.
	Unterminated bool `json:"-"`
	// Pad holds, in FormatNickname, the alignment pad and the bytes of the
	// value union that are not the value, as stored.
	Pad blob.HexBytes `json:"-"`
}

// Type is the property type of the tag.
func (p *PropertyValue) Type() uint16 { return uint16(p.Tag) }

func fixedSize(t uint16, f Format) (int, bool) {
	switch t {
	case uint16(proptag.PT_I2):
		if f == FormatMAPI {
			// MFCMAPI reads no bytes for a PT_I2 in this layout and
			// shows it as 0.
			return 0, true
		}
		return 2, true
	case uint16(proptag.PT_BOOLEAN):
		if f == FormatRule {
			return 1, true
		}
		return 2, true
	case uint16(proptag.PT_LONG), uint16(proptag.PT_R4), uint16(proptag.PT_ERROR):
		return 4, true
	case uint16(proptag.PT_DOUBLE), uint16(proptag.PT_CURRENCY), uint16(proptag.PT_I8), uint16(proptag.PT_SYSTIME):
		return 8, true
	case uint16(proptag.PT_APPTIME):
		// In FormatMAPI, MFCMAPI gives a PT_APPTIME no value and reads
		// the bytes after its tag as the next property.
		return 8, f != FormatMAPI
	case uint16(proptag.PT_CLSID):
		return 16, true
	case uint16(proptag.PT_NULL), uint16(proptag.PT_UNSPECIFIED):
		return 0, true
	}
	return 0, false
}

// known reports whether the type is one whose value this package reads;
// a value of another type takes no bytes.
func known(t uint16, f Format) bool {
	base := t &^ uint16(proptag.MV_FLAG)
	if _, ok := fixedSize(base, f); ok {
		return t&uint16(proptag.MV_FLAG) == 0 || base != uint16(proptag.PT_NULL) && base != uint16(proptag.PT_UNSPECIFIED)
	}
	switch base {
	case uint16(proptag.PT_STRING8), uint16(proptag.PT_UNICODE), uint16(proptag.PT_BINARY):
		return true
	}
	return false
}

// decodeValue reads the value of p (whose Tag is set) in format f. A
// counted value whose bytes are not there is kept as Missing without
// consuming them, as MFCMAPI reads it; a fixed-size one is an error.
func (p *PropertyValue) decodeValue(c *wire.Cursor, f Format, path string) error {
	t := p.Type()
	if !known(t, f) {
		return nil
	}
	if f == FormatNickname {
		return p.decodeNickname(c, path)
	}
	if t&uint16(proptag.MV_FLAG) != 0 {
		if f == FormatMAPI {
			var n uint16
			if !c.U16(&n) {
				return c.Truncated(path+".Count", 2)
			}
			p.Count = uint32(n)
		} else if !c.U32(&p.Count) {
			return c.Truncated(path+".Count", 4)
		}
		base := t &^ uint16(proptag.MV_FLAG)
		size, fixed := fixedSize(base, f)
		if !fixed {
			size = 4
		}
		if !c.Fits(uint64(p.Count), max(size, 1)) {
			return wire.CountTooLarge(path+".Count", c.Offset(), uint64(p.Count), max(size, 1), c.Len())
		}
		p.Values = make([]PropertyValue, p.Count)
		for i := range p.Values {
			e := &p.Values[i]
			e.Tag = uint32(base)
			var err error
			switch {
			case fixed:
				err = e.decodeFixed(c, size, wire.Path(path+".Values", i, ""))
			case f == FormatRule && base != uint16(proptag.PT_BINARY):
				err = e.decodeTerminated(c, base == uint16(proptag.PT_UNICODE))
			default:
				err = e.decodeCounted(c, 4, 1, wire.Path(path+".Values", i, ""))
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	if size, ok := fixedSize(t, f); ok {
		return p.decodeFixed(c, size, path)
	}
	if f == FormatRule && t != uint16(proptag.PT_BINARY) {
		return p.decodeTerminated(c, t == uint16(proptag.PT_UNICODE))
	}
	width := 2
	if f == FormatRule {
		width = 4
	}
	unit := 1
	if t == uint16(proptag.PT_UNICODE) {
		// An odd count of bytes: MFCMAPI reads Count/2 characters and
		// leaves the odd byte to what follows.
		unit = 2
	}
	return p.decodeCounted(c, width, unit, path)
}

func (p *PropertyValue) decodeFixed(c *wire.Cursor, size int, path string) error {
	var b []byte
	if !c.Bytes(&b, size) {
		return c.Truncated(path+".Value", size)
	}
	p.Data = b
	return nil
}

func (p *PropertyValue) decodeCounted(c *wire.Cursor, width, unit int, path string) error {
	if width == 2 {
		var n uint16
		if !c.U16(&n) {
			return c.Truncated(path+".Count", 2)
		}
		p.Count = uint32(n)
	} else if !c.U32(&p.Count) {
		return c.Truncated(path+".Count", 4)
	}
	var b []byte
	n := p.Count / uint32(unit) * uint32(unit)
	if uint64(n) > uint64(c.Len()) || !c.Bytes(&b, int(n)) {
		p.Missing = true
		return nil
	}
	p.Data = b
	return nil
}

func (p *PropertyValue) decodeTerminated(c *wire.Cursor, wide bool) error {
	rest := c.Peek()
	unit := 1
	if wide {
		unit = 2
	}
	n := 0
	for ; n+unit <= len(rest); n += unit {
		if rest[n] == 0 && (!wide || rest[n+1] == 0) {
			break
		}
	}
	var b []byte
	if n+unit > len(rest) {
		c.Bytes(&b, len(rest))
		p.Data, p.Unterminated = b, true
		return nil
	}
	c.Bytes(&b, n)
	c.Skip(unit)
	p.Data = b
	return nil
}

// appendValue appends the value of p in format f.
func (p *PropertyValue) appendValue(b []byte, f Format) []byte {
	t := p.Type()
	if !known(t, f) {
		return b
	}
	if f == FormatNickname {
		return p.appendNickname(b)
	}
	if t&uint16(proptag.MV_FLAG) != 0 {
		if f == FormatMAPI {
			b = wire.AppendU16(b, uint16(len(p.Values)))
		} else {
			b = wire.AppendU32(b, uint32(len(p.Values)))
		}
		base := t &^ uint16(proptag.MV_FLAG)
		_, fixed := fixedSize(base, f)
		for i := range p.Values {
			e := &p.Values[i]
			switch {
			case fixed:
				b = append(b, e.Data...)
			case f == FormatRule && base != uint16(proptag.PT_BINARY):
				b = e.appendValue(b, f)
			default:
				n := uint32(len(e.Data))
				if e.Missing {
					n = e.Count
				}
				b = wire.AppendU32(b, n)
				b = append(b, e.Data...)
			}
		}
		return b
	}
	if _, ok := fixedSize(t, f); ok {
		return append(b, p.Data...)
	}
	if f == FormatRule && t != uint16(proptag.PT_BINARY) {
		b = append(b, p.Data...)
		if p.Unterminated {
			return b
		}
		if t == uint16(proptag.PT_UNICODE) {
			return append(b, 0, 0)
		}
		return append(b, 0)
	}
	n := uint32(len(p.Data))
	if p.Missing || t == uint16(proptag.PT_UNICODE) && p.Count == n+1 && n%2 == 0 {
		n = p.Count
	}
	if f == FormatRule {
		b = wire.AppendU32(b, n)
	} else {
		b = wire.AppendU16(b, uint16(n))
	}
	return append(b, p.Data...)
}

// decodeTagged reads a tag and its value.
func (p *PropertyValue) decodeTagged(c *wire.Cursor, f Format, path string) error {
	if !c.U32(&p.Tag) {
		return c.Truncated(path+".PropertyTag", 4)
	}
	return p.decodeValue(c, f, path)
}

func (p *PropertyValue) appendTagged(b []byte, f Format) []byte {
	b = wire.AppendU32(b, p.Tag)
	return p.appendValue(b, f)
}

// tagNames writes MFCMAPI's block naming a tag: "PropTag = 0x… (TYPE)",
// then "Name: …" and "Other Matches: …" a level deeper; lead starts every
// line.
func tagNames(w *sv.Writer, lead, label string, tag uint32) {
	w.Line(0, lead, label, " = ", mfcprop.Hex8(tag), " (", mfcprop.TypeName(uint16(tag)), ")")
	if name, others, ok := mfcprop.Best(tag); ok {
		w.Line(0, lead, "\tName: ", name)
		if len(others) > 0 {
			w.Line(0, lead, "\tOther Matches: ", strings.Join(others, ", "))
		}
	}
}

// smartView writes the property as MFCMAPI's PROPERTIES parser shows it:
// its tag with names, PropString, AltPropString and a Smart View block;
// lead starts every line (tabs, and MFCMAPI's "|\t" bars inside
// restrictions).
func (p *PropertyValue) smartView(w *sv.Writer, lead string) {
	tagNames(w, lead, "PropTag", p.Tag)
	s, alt, ok := p.strings()
	if !ok {
		return
	}
	w.Line(0, lead, "PropString = ", s)
	if alt != "" {
		w.Line(0, lead, "AltPropString = ", alt)
	}
	if view := p.smartViewBlock(); view != "" {
		w.Line(0, lead, "Smart View")
		for _, line := range strings.Split(view, "\n") {
			w.Line(0, lead, "\t", line)
		}
	}
}

// SmartViewText is the value as MFCMAPI shows a property inside a
// structure, each line started by lead.
func (p *PropertyValue) SmartViewText(lead string) string {
	var w sv.Writer
	p.smartView(&w, lead)
	return w.String()
}

// ReadPropertyValue reads a tagged property value in format f from the
// start of b, and returns it with the number of bytes it took. An error
// is a *blob.DecodeError whose offset counts from the start of b.
func ReadPropertyValue(b []byte, f Format) (PropertyValue, int, error) {
	c := wire.NewCursor(b)
	var p PropertyValue
	err := p.decodeTagged(&c, f, "")
	return p, c.Offset(), err
}

// AppendTagged appends the tag and value of p in format f.
func (p *PropertyValue) AppendTagged(b []byte, f Format) []byte { return p.appendTagged(b, f) }

// altBytes is MFCMAPI's AltPropString of a string: "cb: N lpb: HEX" of
// its characters (of unit bytes each) with each control character other
// than tab, line feed and carriage return, and each of U+0080–U+009F,
// replaced by '.'.
func altBytes(d []byte, unit int) string {
	clean := d
	for i := 0; i+unit <= len(d); i += unit {
		u := uint16(d[i])
		if unit == 2 {
			u |= uint16(d[i+1]) << 8
		}
		if u < 0x20 && u != '\t' && u != '\n' && u != '\r' || u >= 0x80 && u <= 0x9F {
			if &clean[0] == &d[0] {
				clean = append([]byte(nil), d...)
			}
			clean[i] = '.'
			if unit == 2 {
				clean[i+1] = 0
			}
		}
	}
	if len(d) == 0 {
		return sv.Bytes(d)
	}
	return "cb: " + strconv.Itoa(len(d)) + " lpb: " + wire.UpperHex(clean)
}

// trimNUL drops one final NUL character of unit bytes: a counted string
// stores its terminator, which MFCMAPI does not show.
func trimNUL(b []byte, unit int) []byte {
	n := len(b)
	if n >= unit && b[n-1] == 0 && b[n-unit] == 0 {
		return b[:n-unit]
	}
	return b
}

func le(b []byte) uint64 {
	var v uint64
	for i := len(b) - 1; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return v
}

// strings are MFCMAPI's PropString and AltPropString of the value; ok is
// false for a type it shows no value for.
func (p *PropertyValue) strings() (s, alt string, ok bool) {
	t := p.Type()
	if t&uint16(proptag.MV_FLAG) != 0 && p.Values != nil {
		var ss, as []string
		for _, e := range p.Values {
			s, a, _ := e.strings()
			ss, as = append(ss, s), append(as, a)
		}
		n := strconv.Itoa(len(p.Values))
		return n + ": " + strings.Join(ss, "; "), n + ": " + strings.Join(as, "; "), true
	}
	v := le(p.Data)
	switch t {
	case uint16(proptag.PT_I2):
		return strconv.Itoa(int(int16(v))), sv.Hex(v, 1), true
	case uint16(proptag.PT_LONG):
		return strconv.Itoa(int(int32(v))), sv.Hex(v, 1), true
	case uint16(proptag.PT_I8):
		return strconv.FormatInt(int64(v), 10), sv.Hex(v, 1), true
	case uint16(proptag.PT_BOOLEAN):
		if v != 0 {
			return "True", "", true
		}
		return "False", "", true
	case uint16(proptag.PT_ERROR):
		return "Err: " + mfcprop.Hex8(uint32(v)) + "=" + errorName(uint32(v)), "", true
	case uint16(proptag.PT_R4):
		return strconv.FormatFloat(float64(math.Float32frombits(uint32(v))), 'f', -1, 32), "", true
	case uint16(proptag.PT_DOUBLE), uint16(proptag.PT_APPTIME):
		if len(p.Data) < 8 {
			return "", "", false
		}
		return strconv.FormatFloat(math.Float64frombits(v), 'f', -1, 64), "", true
	case uint16(proptag.PT_SYSTIME):
		return sv.FileTimeText(v), "Low: " + mfcprop.Hex8(uint32(v)) + " High: " + mfcprop.Hex8(uint32(v>>32)), true
	case uint16(proptag.PT_CLSID):
		if len(p.Data) == 16 {
			return guidName(guidOf(p.Data)), "", true
		}
	case uint16(proptag.PT_UNICODE):
		if len(p.Data) == 0 && !p.Missing && !p.Unterminated {
			return "", "", false // MFCMAPI shows no value for an empty string
		}
		if p.Missing {
			return "cb: " + strconv.Itoa(int(p.Count)) + " lpb: NULL", "", true
		}
		d := trimNUL(p.Data[:len(p.Data)/2*2], 2)
		return sv.Printable(UnicodeString(d).String()), altBytes(d, 2), true
	case uint16(proptag.PT_STRING8):
		if len(p.Data) == 0 && !p.Missing && !p.Unterminated {
			return "", "", false
		}
		if p.Missing {
			return "cb: " + strconv.Itoa(int(p.Count)) + " lpb: NULL", "", true
		}
		d := trimNUL(p.Data, 1)
		return sv.PrintableBytes(d), altBytes(d, 1), true
	case uint16(proptag.PT_BINARY):
		if p.Missing {
			return "cb: " + strconv.Itoa(int(p.Count)) + " lpb: NULL", "", true
		}
		return sv.Bytes(p.Data), sv.PrintableBytes(p.Data), true
	}
	return "", "", false
}

// smartViewBlock is what MFCMAPI's Smart View adds under a value: the
// flag names of a numeric property, the decoded structure of a binary one.
func (p *PropertyValue) smartViewBlock() string {
	t := p.Type()
	switch {
	case t == uint16(proptag.PT_LONG) || t == uint16(proptag.PT_I2):
		if s, ok := mfcprop.Flags(p.Tag, uint32(le(p.Data))); ok {
			return "Flags: " + s
		}
	case t == uint16(proptag.PT_BINARY) && !p.Missing:
		return binarySmartView(uint16(p.Tag>>16), false, p.Data)
	case t == uint16(proptag.PT_MV_BINARY):
		var rows []string
		for i, e := range p.Values {
			s := binarySmartView(uint16(p.Tag>>16), true, e.Data)
			if s == "" {
				continue
			}
			rows = append(rows, "Row "+strconv.Itoa(i), indent(s))
		}
		return strings.Join(rows, "\n")
	}
	return ""
}

func indent(s string) string { return "\t" + strings.ReplaceAll(s, "\n", "\n\t") }

// binarySmartView decodes a binary value by the structure MFCMAPI maps its
// property id to (smartview-mappings.tsv), "" when none applies.
func binarySmartView(id uint16, mv bool, b []byte) string {
	var v blob.Value
	var err error
	switch {
	case entryIDProps[id] && !mv, entryIDPropsMV[id] && mv:
		v, err = entryid.Parse(b)
	default:
		return ""
	}
	if err != nil {
		return ""
	}
	return v.SmartView()
}

// entryIDProps are the property ids MFCMAPI decodes as entry IDs
// (smartview-mappings.tsv, parser ENTRYID), single-valued and
// multi-valued.
var (
	entryIDProps = idSet(0x003F, 0x0041, 0x0043, 0x0045, 0x0046, 0x004C, 0x005B, 0x005E, 0x0C19, 0x0E09, 0x0E0A,
		0x0FFB, 0x0FFF, 0x1012, 0x3010, 0x35E0, 0x35E2, 0x35E3, 0x35E4, 0x35E5, 0x35E6, 0x35E7, 0x3616, 0x36D0,
		0x36D1, 0x36D2, 0x36D3, 0x36D4, 0x36D5, 0x36D6, 0x36D7, 0x3A12, 0x3E01, 0x3E06, 0x3E0A, 0x3FF0, 0x3FF3,
		0x3FF4, 0x3FF9, 0x3FFB, 0x5FF7, 0x6619, 0x661B, 0x661E, 0x661F, 0x6620, 0x6621, 0x6622, 0x6623, 0x6624,
		0x6625, 0x6626, 0x6627, 0x6628, 0x6629, 0x6630, 0x6631, 0x6636, 0x663B, 0x663C, 0x6646, 0x6651, 0x6652,
		0x665E, 0x6665, 0x6670, 0x667A, 0x668A, 0x668C, 0x684C, 0x684E, 0x6854, 0x6891, 0xFFFC)
	entryIDPropsMV = idSet(0x1098, 0x36D8, 0x36E4, 0x3D05, 0x6620, 0x6626, 0x6845)
)

func idSet(ids ...uint16) map[uint16]bool {
	m := make(map[uint16]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// errorNames are MAPI's error codes ([MS-OXCDATA] 2.4).
var errorNames = map[uint32]string{
	0x00000000: "S_OK", 0x80004005: "MAPI_E_CALL_FAILED", 0x8007000E: "MAPI_E_NOT_ENOUGH_MEMORY",
	0x80070057: "MAPI_E_INVALID_PARAMETER", 0x80004002: "MAPI_E_INTERFACE_NOT_SUPPORTED", 0x80070005: "MAPI_E_NO_ACCESS",
	0x80040102: "MAPI_E_NO_SUPPORT", 0x80040103: "MAPI_E_BAD_CHARWIDTH", 0x80040105: "MAPI_E_STRING_TOO_LONG",
	0x80040106: "MAPI_E_UNKNOWN_FLAGS", 0x80040107: "MAPI_E_INVALID_ENTRYID", 0x80040108: "MAPI_E_INVALID_OBJECT",
	0x80040109: "MAPI_E_OBJECT_CHANGED", 0x8004010A: "MAPI_E_OBJECT_DELETED", 0x8004010B: "MAPI_E_BUSY",
	0x8004010D: "MAPI_E_NOT_ENOUGH_DISK", 0x8004010E: "MAPI_E_NOT_ENOUGH_RESOURCES", 0x8004010F: "MAPI_E_NOT_FOUND",
	0x80040110: "MAPI_E_VERSION", 0x80040111: "MAPI_E_LOGON_FAILED", 0x80040112: "MAPI_E_SESSION_LIMIT",
	0x80040113: "MAPI_E_USER_CANCEL", 0x80040114: "MAPI_E_UNABLE_TO_ABORT", 0x80040115: "MAPI_E_NETWORK_ERROR",
	0x80040116: "MAPI_E_DISK_ERROR", 0x80040117: "MAPI_E_TOO_COMPLEX", 0x80040118: "MAPI_E_BAD_COLUMN",
	0x80040119: "MAPI_E_EXTENDED_ERROR", 0x8004011A: "MAPI_E_COMPUTED", 0x8004011B: "MAPI_E_CORRUPT_DATA",
	0x8004011C: "MAPI_E_UNCONFIGURED", 0x8004011D: "MAPI_E_FAILONEPROVIDER", 0x80040401: "MAPI_E_TIMEOUT",
	0x80040600: "MAPI_E_CORRUPT_STORE", 0x80040604: "MAPI_E_NOT_IN_QUEUE", 0x80040605: "MAPI_E_NO_SUPPRESS",
	0x00040380: "MAPI_W_ERRORS_RETURNED",
}

func errorName(v uint32) string {
	if n, ok := errorNames[v]; ok {
		return n
	}
	return mfcprop.Hex8(v)
}

// decodeNickname reads a value in FormatNickname.
func (p *PropertyValue) decodeNickname(c *wire.Cursor, path string) error {
	t := p.Type()
	head, ok := c.Fixed(4 + 8)
	if !ok {
		return c.Truncated(path+".Value", 12)
	}
	base := t &^ uint16(proptag.MV_FLAG)
	size, fixed := fixedSize(base, FormatMAPI)
	switch {
	case t&uint16(proptag.MV_FLAG) != 0:
		p.Pad = head
		if !c.U32(&p.Count) {
			return c.Truncated(path+".Count", 4)
		}
		unit := size
		if !fixed {
			unit = 4
		}
		if !c.Fits(uint64(p.Count), max(unit, 1)) {
			return wire.CountTooLarge(path+".Count", c.Offset()-4, uint64(p.Count), max(unit, 1), c.Len())
		}
		p.Values = make([]PropertyValue, p.Count)
		for i := range p.Values {
			e := &p.Values[i]
			e.Tag = uint32(base)
			var err error
			if fixed {
				err = e.decodeFixed(c, size, wire.Path(path+".Values", i, ""))
			} else {
				err = e.decodeCounted(c, 4, 1, wire.Path(path+".Values", i, ""))
			}
			if err != nil {
				return err
			}
		}
	case fixed && size <= 8:
		p.Data = head[4 : 4+size : 4+size]
		p.Pad = append(append(blob.HexBytes{}, head[:4]...), head[4+size:]...)
	case fixed:
		p.Pad = head
		return p.decodeFixed(c, size, path)
	default:
		p.Pad = head
		return p.decodeCounted(c, 4, 1, path)
	}
	return nil
}

func (p *PropertyValue) appendNickname(b []byte) []byte {
	t := p.Type()
	base := t &^ uint16(proptag.MV_FLAG)
	size, fixed := fixedSize(base, FormatMAPI)
	var pad [12]byte
	copy(pad[:], p.Pad)
	switch {
	case t&uint16(proptag.MV_FLAG) != 0:
		b = append(b, pad[:]...)
		b = wire.AppendU32(b, uint32(len(p.Values)))
		for _, e := range p.Values {
			if !fixed {
				n := uint32(len(e.Data))
				if e.Missing {
					n = e.Count
				}
				b = wire.AppendU32(b, n)
			}
			b = append(b, e.Data...)
		}
		return b
	case fixed && size <= 8:
		var d [8]byte
		copy(d[:], p.Data)
		b = append(b, pad[:4]...)
		b = append(b, d[:size]...)
		return append(b, pad[4:4+8-size]...)
	case fixed:
		b = append(b, pad[:]...)
		return append(b, p.Data...)
	}
	b = append(b, pad[:]...)
	n := uint32(len(p.Data))
	if p.Missing {
		n = p.Count
	}
	b = wire.AppendU32(b, n)
	return append(b, p.Data...)
}
