// Package rules reads, writes and explains restrictions ([MS-OXCDATA]
// 2.12), rule conditions and extended rule conditions and actions
// ([MS-OXORULE]) and search folder definitions ([MS-OXOSRCH]).
//
// A restriction comes in three layouts: the MAPI one MFCMAPI's
// RESTRICTION parser reads (32-bit restriction types, relational operators
// and counts, values in propstream.FormatMAPI), the one of rule
// conditions (8-bit types and operators, 16-bit counts, values in
// propstream.FormatRule) and the one of extended rule conditions (32-bit
// counts). Decoding is lossless: MarshalBinary gives the input back.
package rules

import (
	"errors"
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/mfcprop"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
	"github.com/mapiblob/mapiblob/propstream"
)

// Layout says how a restriction is serialised.
type Layout uint8

// Layouts of a restriction.
const (
	LayoutMAPI     Layout = iota // 32-bit types, operators and counts; FormatMAPI values
	LayoutRule                   // 8-bit types and operators, 16-bit counts; FormatRule values ([MS-OXCDATA] 2.12)
	LayoutExtended               // as LayoutRule with 32-bit counts (extended rules, [MS-OXORULE] 2.2.4)
)

func (l Layout) format() propstream.Format {
	if l == LayoutMAPI {
		return propstream.FormatMAPI
	}
	return propstream.FormatRule
}

// Restriction types ([MS-OXCDATA] 2.12).
const (
	ResAnd            = 0x00
	ResOr             = 0x01
	ResNot            = 0x02
	ResContent        = 0x03
	ResProperty       = 0x04
	ResCompareProps   = 0x05
	ResBitmask        = 0x06
	ResSize           = 0x07
	ResExist          = 0x08
	ResSubRestriction = 0x09
	ResComment        = 0x0A
	ResCount          = 0x0B
	ResAnnotation     = 0x0C
)

// MaxDepth bounds the nesting of restrictions: a deeper one is refused.
const MaxDepth = 64

// Restriction is one restriction and what it holds; which fields are set
// depends on Type.
type Restriction struct {
	Type uint32 `json:"RestrictType"` // RestrictType
	// RestrictCount is the count of an and, or, or the number of tagged
	// values of a comment, as stored.
	Count        uint32        `json:"RestrictCount,omitempty"`
	Restrictions []Restriction `json:"Restricts,omitempty"` // and, or: the sub-restrictions
	// Sub is the restriction of a not, sub-object, count, comment or
	// annotation restriction (absent from a comment without one).
	Sub        *Restriction               `json:"Restriction,omitempty"`
	FuzzyLevel uint32                     `json:"FuzzyLevel,omitempty"` // content: FuzzyLevelLow and FuzzyLevelHigh
	RelOp      uint32                     `json:"RelOp,omitempty"`      // property, compare, bitmask, size: the operator
	PropTag    uint32                     `json:"PropTag,omitempty"`    // the property tested (PropTag1 of a compare)
	PropTag2   uint32                     `json:"PropTag2,omitempty"`   // compare: PropTag2
	Mask       uint32                     `json:"Mask,omitempty"`       // bitmask: Mask
	Size       uint32                     `json:"Size,omitempty"`       // size: Size
	SubObject  uint32                     `json:"SubObject,omitempty"`  // sub-restriction: the table's property tag
	CountLimit uint32                     `json:"Count,omitempty"`      // count: Count
	Value      *propstream.PropertyValue  `json:"TaggedValue,omitempty"`
	Values     []propstream.PropertyValue `json:"TaggedValues,omitempty"` // comment, annotation
	// RestrictionPresent is a comment's flag saying Sub follows.
	RestrictionPresent uint8 `json:"RestrictionPresent,omitempty"`
}

type decoder struct {
	c      wire.Cursor
	layout Layout
}

func (d *decoder) word(v *uint32, size int, path string) error {
	switch size {
	case 1:
		var b uint8
		if !d.c.U8(&b) {
			return d.c.Truncated(path, 1)
		}
		*v = uint32(b)
	case 2:
		var w uint16
		if !d.c.U16(&w) {
			return d.c.Truncated(path, 2)
		}
		*v = uint32(w)
	default:
		if !d.c.U32(v) {
			return d.c.Truncated(path, 4)
		}
	}
	return nil
}

func (d *decoder) typeSize() int {
	if d.layout == LayoutMAPI {
		return 4
	}
	return 1
}

func (d *decoder) countSize() int {
	switch d.layout {
	case LayoutRule:
		return 2
	}
	return 4
}

func (d *decoder) value(p *propstream.PropertyValue, path string) error {
	off := d.c.Offset()
	v, n, err := propstream.ReadPropertyValue(d.c.Peek(), d.layout.format())
	if err != nil {
		var de *blob.DecodeError
		if errors.As(err, &de) {
			e := *de
			e.Offset += off
			e.Path = path + e.Path
			return &e
		}
		return err
	}
	d.c.Skip(n)
	*p = v
	return nil
}

func (d *decoder) restriction(r *Restriction, depth int, path string) error {
	if depth > MaxDepth {
		return wire.Invalid(path, d.c.Offset(), "restrictions nest deeper than "+strconv.Itoa(MaxDepth))
	}
	p := func(f string) string { return wire.Path(path, -1, f) }
	if err := d.word(&r.Type, d.typeSize(), p("RestrictType")); err != nil {
		return err
	}
	ts := d.typeSize()
	switch r.Type {
	case ResAnd, ResOr:
		if err := d.word(&r.Count, d.countSize(), p("RestrictCount")); err != nil {
			return err
		}
		if !d.c.Fits(uint64(r.Count), ts) {
			return wire.CountTooLarge(p("RestrictCount"), d.c.Offset()-d.countSize(), uint64(r.Count), ts, d.c.Len())
		}
		r.Restrictions = make([]Restriction, r.Count)
		for i := range r.Restrictions {
			if err := d.restriction(&r.Restrictions[i], depth+1, wire.Path(p("Restricts"), i, "")); err != nil {
				return err
			}
		}
	case ResNot:
		r.Sub = new(Restriction)
		return d.restriction(r.Sub, depth+1, p("Restriction"))
	case ResContent:
		if err := d.word(&r.FuzzyLevel, 4, p("FuzzyLevel")); err != nil {
			return err
		}
		if err := d.word(&r.PropTag, 4, p("PropertyTag")); err != nil {
			return err
		}
		r.Value = new(propstream.PropertyValue)
		return d.value(r.Value, p("TaggedValue"))
	case ResProperty:
		if err := d.word(&r.RelOp, ts, p("RelOp")); err != nil {
			return err
		}
		if err := d.word(&r.PropTag, 4, p("PropTag")); err != nil {
			return err
		}
		r.Value = new(propstream.PropertyValue)
		return d.value(r.Value, p("TaggedValue"))
	case ResCompareProps:
		if err := d.word(&r.RelOp, ts, p("RelOp")); err != nil {
			return err
		}
		if err := d.word(&r.PropTag, 4, p("PropTag1")); err != nil {
			return err
		}
		return d.word(&r.PropTag2, 4, p("PropTag2"))
	case ResBitmask:
		if err := d.word(&r.RelOp, ts, p("BitmapRelOp")); err != nil {
			return err
		}
		if err := d.word(&r.PropTag, 4, p("PropTag")); err != nil {
			return err
		}
		return d.word(&r.Mask, 4, p("Mask"))
	case ResSize:
		if err := d.word(&r.RelOp, ts, p("RelOp")); err != nil {
			return err
		}
		if err := d.word(&r.PropTag, 4, p("PropTag")); err != nil {
			return err
		}
		return d.word(&r.Size, 4, p("Size"))
	case ResExist:
		return d.word(&r.PropTag, 4, p("PropTag"))
	case ResSubRestriction:
		if err := d.word(&r.SubObject, 4, p("SubObject")); err != nil {
			return err
		}
		r.Sub = new(Restriction)
		return d.restriction(r.Sub, depth+1, p("Restriction"))
	case ResComment, ResAnnotation:
		if err := d.word(&r.Count, ts, p("TaggedValuesCount")); err != nil {
			return err
		}
		if !d.c.Fits(uint64(r.Count), 4) {
			return wire.CountTooLarge(p("TaggedValuesCount"), d.c.Offset()-ts, uint64(r.Count), 4, d.c.Len())
		}
		r.Values = make([]propstream.PropertyValue, r.Count)
		for i := range r.Values {
			if err := d.value(&r.Values[i], wire.Path(p("TaggedValues"), i, "")); err != nil {
				return err
			}
		}
		if !d.c.U8(&r.RestrictionPresent) {
			return d.c.Truncated(p("RestrictionPresent"), 1)
		}
		if r.RestrictionPresent != 0 {
			r.Sub = new(Restriction)
			return d.restriction(r.Sub, depth+1, p("Restriction"))
		}
	case ResCount:
		if err := d.word(&r.CountLimit, 4, p("Count")); err != nil {
			return err
		}
		r.Sub = new(Restriction)
		return d.restriction(r.Sub, depth+1, p("SubRestriction"))
	}
	return nil
}

func appendWord(b []byte, v uint32, size int) []byte {
	switch size {
	case 1:
		return append(b, byte(v))
	case 2:
		return wire.AppendU16(b, uint16(v))
	}
	return wire.AppendU32(b, v)
}

// appendBinary appends r in layout l; counts are written as the lengths
// of what they count.
func (r *Restriction) appendBinary(b []byte, l Layout) []byte {
	ts, cs := 4, 4
	if l != LayoutMAPI {
		ts = 1
	}
	if l == LayoutRule {
		cs = 2
	}
	f := l.format()
	b = appendWord(b, r.Type, ts)
	sub := func(b []byte) []byte {
		if r.Sub == nil {
			return b
		}
		return r.Sub.appendBinary(b, l)
	}
	val := func(b []byte) []byte {
		if r.Value == nil {
			return b
		}
		return r.Value.AppendTagged(b, f)
	}
	switch r.Type {
	case ResAnd, ResOr:
		b = appendWord(b, uint32(len(r.Restrictions)), cs)
		for i := range r.Restrictions {
			b = r.Restrictions[i].appendBinary(b, l)
		}
	case ResNot:
		b = sub(b)
	case ResContent:
		b = wire.AppendU32(b, r.FuzzyLevel)
		b = wire.AppendU32(b, r.PropTag)
		b = val(b)
	case ResProperty:
		b = appendWord(b, r.RelOp, ts)
		b = wire.AppendU32(b, r.PropTag)
		b = val(b)
	case ResCompareProps:
		b = appendWord(b, r.RelOp, ts)
		b = wire.AppendU32(b, r.PropTag)
		b = wire.AppendU32(b, r.PropTag2)
	case ResBitmask:
		b = appendWord(b, r.RelOp, ts)
		b = wire.AppendU32(b, r.PropTag)
		b = wire.AppendU32(b, r.Mask)
	case ResSize:
		b = appendWord(b, r.RelOp, ts)
		b = wire.AppendU32(b, r.PropTag)
		b = wire.AppendU32(b, r.Size)
	case ResExist:
		b = wire.AppendU32(b, r.PropTag)
	case ResSubRestriction:
		b = wire.AppendU32(b, r.SubObject)
		b = sub(b)
	case ResComment, ResAnnotation:
		b = appendWord(b, uint32(len(r.Values)), ts)
		for i := range r.Values {
			b = r.Values[i].AppendTagged(b, f)
		}
		if r.Sub != nil {
			b = append(b, max(r.RestrictionPresent, 1))
			b = sub(b)
		} else {
			b = append(b, 0)
		}
	case ResCount:
		b = wire.AppendU32(b, r.CountLimit)
		b = sub(b)
	}
	return b
}

var (
	resTypes = sv.FlagTable{
		{Kind: sv.FlagValue, Value: 0x0, Name: "RES_AND"}, {Kind: sv.FlagValue, Value: 0x1, Name: "RES_OR"},
		{Kind: sv.FlagValue, Value: 0x2, Name: "RES_NOT"}, {Kind: sv.FlagValue, Value: 0x3, Name: "RES_CONTENT"},
		{Kind: sv.FlagValue, Value: 0x4, Name: "RES_PROPERTY"}, {Kind: sv.FlagValue, Value: 0x5, Name: "RES_COMPAREPROPS"},
		{Kind: sv.FlagValue, Value: 0x6, Name: "RES_BITMASK"}, {Kind: sv.FlagValue, Value: 0x7, Name: "RES_SIZE"},
		{Kind: sv.FlagValue, Value: 0x8, Name: "RES_EXIST"}, {Kind: sv.FlagValue, Value: 0x9, Name: "RES_SUBRESTRICTION"},
		{Kind: sv.FlagValue, Value: 0xA, Name: "RES_COMMENT"}, {Kind: sv.FlagValue, Value: 0xB, Name: "RES_COUNT"},
		{Kind: sv.FlagValue, Value: 0xC, Name: "RES_ANNOTATION"},
	}
	relOps = sv.FlagTable{
		{Kind: sv.FlagValue, Value: 0, Name: "RELOP_LT"}, {Kind: sv.FlagValue, Value: 1, Name: "RELOP_LE"},
		{Kind: sv.FlagValue, Value: 2, Name: "RELOP_GT"}, {Kind: sv.FlagValue, Value: 3, Name: "RELOP_GE"},
		{Kind: sv.FlagValue, Value: 4, Name: "RELOP_EQ"}, {Kind: sv.FlagValue, Value: 5, Name: "RELOP_NE"},
		{Kind: sv.FlagValue, Value: 6, Name: "RELOP_RE"}, {Kind: sv.FlagValue, Value: 0x64, Name: "RELOP_MEMBER_OF_DL"},
	}
	bitmapRelOps = sv.FlagTable{
		{Kind: sv.FlagValue, Value: 0, Name: "BMR_EQZ"}, {Kind: sv.FlagValue, Value: 1, Name: "BMR_NEZ"},
	}
	fuzzyLevels = sv.FlagTable{
		{Kind: sv.FlagBit, Value: 0x00000010, Name: "FL_PREFIX_ON_ANY_WORD"},
		{Kind: sv.FlagBit, Value: 0x00000020, Name: "FL_PHRASE_MATCH"},
		{Kind: sv.FlagBit, Value: 0x00010000, Name: "FL_IGNORECASE"},
		{Kind: sv.FlagBit, Value: 0x00020000, Name: "FL_IGNORENONSPACE"},
		{Kind: sv.FlagBit, Value: 0x00040000, Name: "FL_LOOSE"},
		{Kind: sv.FlagClear, Value: 0xFFFFFFF0},
		{Kind: sv.FlagValue, Value: 0, Name: "FL_FULLSTRING"},
		{Kind: sv.FlagValue, Value: 1, Name: "FL_SUBSTRING"},
		{Kind: sv.FlagValue, Value: 2, Name: "FL_PREFIX"},
	}
)

// smartView writes r as MFCMAPI does; lead starts every line and each
// level of nesting adds "|\t".
func (r *Restriction) smartView(w *sv.Writer, lead string) {
	in := lead + "|\t"
	w.Line(0, in, "rt = ", sv.Hex(uint64(r.Type), 1), " = ", resTypes.Interpret(r.Type))
	in2 := in + "|\t"
	tagLine := func(label string, tag uint32) { w.Line(0, in2, label, " = ", mfcprop.TagLine(tag)) }
	prop := func() {
		if r.Value != nil {
			w.Line(0, in2, "lpProp")
			w.Line(0, r.Value.SmartViewText(in2+"\t"))
		}
	}
	sub := func(label string) {
		if r.Sub != nil {
			w.Line(0, in2, label)
			r.Sub.smartView(w, in2)
		}
	}
	switch r.Type {
	case ResAnd, ResOr:
		if r.Type == ResAnd {
			w.Line(0, in, "resAnd")
		} else {
			w.Line(0, in, "resOr")
		}
		w.Line(0, in2, "cRes = ", mfcprop.Hex8(r.Count))
		for i := range r.Restrictions {
			w.Line(0, in2, "lpRes[", mfcprop.Hex8(uint32(i)), "]")
			r.Restrictions[i].smartView(w, in2)
		}
	case ResNot:
		w.Line(0, in, "resNot")
		sub("lpRes")
	case ResContent:
		w.Line(0, in, "resContent")
		w.Line(0, in2, "FuzzyLevel = ", fuzzyLevels.Interpret(r.FuzzyLevel), " = ", mfcprop.Hex8(r.FuzzyLevel))
		tagLine("PropTag", r.PropTag)
		prop()
	case ResProperty:
		w.Line(0, in, "resProperty")
		w.Line(0, in2, "relop = ", relOps.Interpret(r.RelOp), " = ", mfcprop.Hex8(r.RelOp))
		tagLine("PropTag", r.PropTag)
		prop()
	case ResCompareProps:
		w.Line(0, in, "resCompareProps")
		w.Line(0, in2, "relop = ", relOps.Interpret(r.RelOp), " = ", mfcprop.Hex8(r.RelOp))
		tagLine("ulPropTag1", r.PropTag)
		tagLine("ulPropTag2", r.PropTag2)
	case ResBitmask:
		w.Line(0, in, "resBitMask")
		w.Line(0, in2, "relBMR = ", bitmapRelOps.Interpret(r.RelOp), " = ", mfcprop.Hex8(r.RelOp))
		tagLine("PropTag", r.PropTag)
		mask, ok := mfcprop.Flags(r.PropTag, r.Mask)
		if !ok {
			mask = sv.Hex(uint64(r.Mask), 1)
		}
		w.Line(0, in2, "Mask = ", mask, " = ", mfcprop.Hex8(r.Mask))
	case ResSize:
		w.Line(0, in, "resSize")
		w.Line(0, in2, "relop = ", relOps.Interpret(r.RelOp), " = ", mfcprop.Hex8(r.RelOp))
		w.Line(0, in2, "cb = ", mfcprop.Hex8(r.Size))
		tagLine("PropTag", r.PropTag)
	case ResExist:
		w.Line(0, in, "resExist")
		tagLine("PropTag", r.PropTag)
	case ResSubRestriction:
		w.Line(0, in, "resSub")
		tagLine("SubObject", r.SubObject)
		sub("lpRes")
	case ResComment, ResAnnotation:
		if r.Type == ResComment {
			w.Line(0, in, "resComment")
		} else {
			w.Line(0, in, "resAnnotation")
		}
		w.Line(0, in2, "cValues = ", mfcprop.Hex8(r.Count))
		for i := range r.Values {
			w.Line(0, in2, "Property[", strconv.Itoa(i), "]")
			w.Line(0, r.Values[i].SmartViewText(in2+"\t"))
		}
		sub("lpRes")
	case ResCount:
		w.Line(0, in, "resCount")
		w.Line(0, in2, "ulCount = ", mfcprop.Hex8(r.CountLimit))
		sub("lpRes")
	}
}

// SmartViewText is r as MFCMAPI shows a restriction inside a structure:
// "Restriction" and the tree under it, each line started by lead.
func (r *Restriction) SmartViewText(lead string) string {
	var w sv.Writer
	w.Line(0, lead, "Restriction")
	r.smartView(&w, lead)
	return w.String()
}

// DecodeRestriction reads a restriction in layout l from the start of b
// and returns it with the number of bytes it took. An error is a
// *blob.DecodeError whose offset counts from the start of b.
func DecodeRestriction(b []byte, l Layout) (*Restriction, int, error) {
	d := decoder{c: wire.NewCursor(b), layout: l}
	r := new(Restriction)
	if err := d.restriction(r, 0, ""); err != nil {
		return nil, 0, err
	}
	return r, d.c.Offset(), nil
}

// AppendBinary appends r in layout l.
func (r *Restriction) AppendBinary(b []byte, l Layout) []byte { return r.appendBinary(b, l) }
