package recurrence

//go:generate go run ./internal/gendecode -in . -o zz_decode_fields.go

import (
	"encoding/json"
	"math/bits"
	"strconv"
	"unsafe"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// ExceptionInfo describes one modified instance ([MS-OXOCAL] 2.2.1.44.2).
// Only the fields whose OverrideFlags bit is set are present in the blob;
// the others are zero here and absent from the JSON form. Subject and
// Location are kept in the pattern's buffer: read them through the view
// (*AppointmentPattern).Exception(i): Subject8, Location8 or Bytes.
//
// The struct holds no pointers, so a pattern's exceptions are one flat
// array the garbage collector does not scan.
type ExceptionInfo struct {
	StartDateTime     Minutes       // StartDateTime: the new start
	EndDateTime       Minutes       // EndDateTime: the new end
	OriginalStartDate Minutes       // OriginalStartDate: the start the pattern gave the instance
	OverrideFlags     OverrideFlags // OverrideFlags: which of the fields below are present
	SubjectLength     uint16        // SubjectLength, as stored; should be SubjectLength2 + 1
	SubjectLength2    uint16        // SubjectLength2, as stored: the length of Subject
	MeetingType       uint32        // MeetingType (PidLidAppointmentStateFlags)
	ReminderDelta     uint32        // ReminderDelta, in minutes
	ReminderSet       uint32        // ReminderSet (0 or 1)
	LocationLength    uint16        // LocationLength, as stored; should be LocationLength2 + 1
	LocationLength2   uint16        // LocationLength2, as stored: the length of Location
	BusyStatus        uint32        // BusyStatus: 0 free, 1 tentative, 2 busy, 3 OOF, 4 working elsewhere
	Attachment        uint32        // Attachment (0 or 1)
	SubType           uint32        // SubType (1: all-day)
	AppointmentColor  uint32        // AppointmentColor: 0 none, 1–10

	subject, location wire.Span // Subject and Location: 8-bit text in the item's code page
}

// ChangeHighlight is the ChangeHighlight of an ExtendedException
// ([MS-OXOCAL] 2.2.1.44.3), present when WriterVersion2 ≥ 0x3009.
type ChangeHighlight struct {
	ChangeHighlightSize  uint32 // as stored; encoding writes 4 + the length of Reserved
	ChangeHighlightValue uint32 // PidLidChangeHighlight of the exception

	reserved wire.Span // Reserved: ChangeHighlightSize − 4 bytes
}

// ExtendedException carries the Unicode strings and change highlight of
// one exception ([MS-OXOCAL] 2.2.1.44.4). StartDateTime, EndDateTime,
// OriginalStartDate, the strings and ReservedBlockEE2 exist only when the
// matching ExceptionInfo has ARO_SUBJECT or ARO_LOCATION (HasDates). Its
// strings and blocks are kept in the pattern's buffer: read them through
// the view (*AppointmentPattern).Exception(i): WideCharSubject,
// WideCharLocation or Bytes.
type ExtendedException struct {
	ChangeHighlight        ChangeHighlight
	ReservedBlockEE1Size   uint32  // ReservedBlockEE1Size, as stored
	StartDateTime          Minutes // StartDateTime (repeats ExceptionInfo's)
	EndDateTime            Minutes // EndDateTime
	OriginalStartDate      Minutes // OriginalStartDate
	WideCharSubjectLength  uint16  // WideCharSubjectLength, as stored: UTF-16 code units
	WideCharLocationLength uint16  // WideCharLocationLength, as stored
	ReservedBlockEE2Size   uint32  // ReservedBlockEE2Size, as stored

	reservedBlockEE1, wideCharSubject, wideCharLocation, reservedBlockEE2 wire.Span
}

// Exception is one modified instance: ExceptionInfo[i] and the
// ExtendedException[i] that belongs to it. It holds no pointers.
type Exception struct {
	Info     ExceptionInfo
	Extended ExtendedException
}

// HasDates reports whether the ExtendedException of an exception with
// these flags carries dates, strings and ReservedBlockEE2.
func (f OverrideFlags) HasDates() bool { return f&(ARO_SUBJECT|ARO_LOCATION) != 0 }

// fieldKind is how a field is laid out in the blob.
type fieldKind uint8

const (
	kindU16       fieldKind = iota // 2 bytes
	kindU32                        // 4 bytes
	kindDate                       // 4 bytes of Minutes
	kindText8                      // name1 (2), name2 (2), then name2 bytes of 8-bit text
	kindText16                     // name1 (2), then 2·name1 bytes of UTF-16LE
	kindBlock                      // name1 (4), then name1 bytes
	kindHighlight                  // name1 (4) ≥ 4, name2 (4), then name1 − 4 reserved bytes
)

// kindSizes is the fixed part of each kind's encoding (lengths and
// values); the bytes of a string, block or highlight's reserved part come
// on top.
var kindSizes = [...]int{kindU16: 2, kindU32: 4, kindDate: 4, kindText8: 4, kindText16: 2, kindBlock: 4, kindHighlight: 8}

func (k fieldKind) size() int { return kindSizes[k&7] }

// svStyle is how SmartView prints a field's value.
type svStyle uint8

const (
	svHex      svStyle = iota // 0x%08X
	svDate                    // 0x%08X = the time as MFCMAPI prints it
	svFlagList                // 0x%08X = the names of the set bits
	svOverride                // 0x%04X = the ARO_* names
)

// field describes one field of ExceptionInfo or ExtendedException, once:
// decoding, encoding, the size, the JSON form, SmartView, the findings on
// string lengths, Occurrence.Overrides and ModifyInstance all follow this
// description.
type field struct {
	name      string        // the spec's name: error path, JSON key, SmartView label
	name1     string        // text: the length field; block: the size field; highlight: ChangeHighlightSize
	name2     string        // kindText8: the second length; highlight: ChangeHighlightValue
	kind      fieldKind     //
	flags     OverrideFlags // present only when OverrideFlags has one of these bits (0: always)
	highlight bool          // present only when WriterVersion2 ≥ 0x3009
	off, off2 uintptr       // where the value, or the fields name1 and name2, live in Exception
	span      uintptr       // where the span of the bytes lives in Exception
	sv        svStyle       //
	flagNames []sv.FlagName // svFlagList: the bit names

	// ModifyInstance: the value an Overrides sets (set false: none), and
	// for strings, the text and the ChangeHighlight bit.
	override func(o *Overrides) (v uint32, set bool, err error)
	text     func(o *Overrides) *string
	chBit    uint32
}

// present reports whether the field is in an exception with these flags.
func (f *field) present(flags OverrideFlags, highlight bool) bool {
	return (f.flags == 0 || flags&f.flags != 0) && (!f.highlight || highlight)
}

// The accessors reach a field of an Exception through its offset, so that
// one loop over a table serves every field.
func (f *field) u16(e *Exception, off uintptr) *uint16 {
	return (*uint16)(unsafe.Add(unsafe.Pointer(e), off))
}

func (f *field) u32(e *Exception, off uintptr) *uint32 {
	return (*uint32)(unsafe.Add(unsafe.Pointer(e), off))
}

func (f *field) spanOf(e *Exception) *wire.Span {
	return (*wire.Span)(unsafe.Add(unsafe.Pointer(e), f.span))
}

// value is a numeric field's value (kindU16, kindU32, kindDate).
func (f *field) value(e *Exception) uint32 {
	if f.kind == kindU16 {
		return uint32(*f.u16(e, f.off))
	}
	return *f.u32(e, f.off)
}

var ex Exception // only for the offsets below

// at is the offset of the field p points to in ex.
func at[T any](p *T) uintptr { return uintptr(unsafe.Pointer(p)) - uintptr(unsafe.Pointer(&ex)) }

func overrideU32(get func(o *Overrides) *uint32) func(o *Overrides) (uint32, bool, error) {
	return func(o *Overrides) (uint32, bool, error) {
		if p := get(o); p != nil {
			return *p, true, nil
		}
		return 0, false, nil
	}
}

func overrideBool(get func(o *Overrides) *bool) func(o *Overrides) (uint32, bool, error) {
	return func(o *Overrides) (uint32, bool, error) {
		if p := get(o); p != nil {
			if *p {
				return 1, true, nil
			}
			return 0, true, nil
		}
		return 0, false, nil
	}
}

// infoFields is ExceptionInfo ([MS-OXOCAL] 2.2.1.44.2), in blob order.
var infoFields = []field{
	{name: "StartDateTime", kind: kindDate, off: at(&ex.Info.StartDateTime), sv: svDate},
	{name: "EndDateTime", kind: kindDate, off: at(&ex.Info.EndDateTime), sv: svDate},
	{name: "OriginalStartDate", kind: kindDate, off: at(&ex.Info.OriginalStartDate), sv: svDate},
	{name: "OverrideFlags", kind: kindU16, off: at(&ex.Info.OverrideFlags), sv: svOverride},
	{name: "Subject", name1: "SubjectLength", name2: "SubjectLength2", kind: kindText8, flags: ARO_SUBJECT,
		off: at(&ex.Info.SubjectLength), off2: at(&ex.Info.SubjectLength2), span: at(&ex.Info.subject),
		text: func(o *Overrides) *string { return o.Subject }, chBit: 0x10}, // BIT_CH_SUBJECT
	{name: "MeetingType", kind: kindU32, flags: ARO_MEETINGTYPE, off: at(&ex.Info.MeetingType), sv: svFlagList, flagNames: meetingTypeNames,
		override: overrideU32(func(o *Overrides) *uint32 { return o.MeetingType })},
	{name: "ReminderDelta", kind: kindU32, flags: ARO_REMINDERDELTA, off: at(&ex.Info.ReminderDelta),
		override: func(o *Overrides) (uint32, bool, error) {
			if o.ReminderDelta == nil {
				return 0, false, nil
			}
			m, err := wholeMinutes("reminder delta", *o.ReminderDelta, 1<<32-1)
			return uint32(m), err == nil, err
		}},
	{name: "ReminderSet", kind: kindU32, flags: ARO_REMINDER, off: at(&ex.Info.ReminderSet),
		override: overrideBool(func(o *Overrides) *bool { return o.ReminderSet })},
	{name: "Location", name1: "LocationLength", name2: "LocationLength2", kind: kindText8, flags: ARO_LOCATION,
		off: at(&ex.Info.LocationLength), off2: at(&ex.Info.LocationLength2), span: at(&ex.Info.location),
		text: func(o *Overrides) *string { return o.Location }, chBit: 0x8}, // BIT_CH_LOCATION
	{name: "BusyStatus", kind: kindU32, flags: ARO_BUSYSTATUS, off: at(&ex.Info.BusyStatus),
		override: overrideU32(func(o *Overrides) *uint32 { return o.BusyStatus })},
	{name: "Attachment", kind: kindU32, flags: ARO_ATTACHMENT, off: at(&ex.Info.Attachment),
		override: overrideBool(func(o *Overrides) *bool { return o.Attachment })},
	{name: "SubType", kind: kindU32, flags: ARO_SUBTYPE, off: at(&ex.Info.SubType),
		override: overrideBool(func(o *Overrides) *bool { return o.AllDay })},
	{name: "AppointmentColor", kind: kindU32, flags: ARO_APPTCOLOR, off: at(&ex.Info.AppointmentColor),
		override: overrideU32(func(o *Overrides) *uint32 { return o.AppointmentColor })},
}

// extFields is ExtendedException ([MS-OXOCAL] 2.2.1.44.4), in blob order.
var extFields = []field{
	{name: "ChangeHighlight", name1: "ChangeHighlightSize", name2: "ChangeHighlightValue", kind: kindHighlight, highlight: true,
		off: at(&ex.Extended.ChangeHighlight.ChangeHighlightSize), off2: at(&ex.Extended.ChangeHighlight.ChangeHighlightValue),
		span: at(&ex.Extended.ChangeHighlight.reserved), sv: svFlagList, flagNames: changeHighlightNames},
	{name: "ReservedBlockEE1", name1: "ReservedBlockEE1Size", kind: kindBlock,
		off: at(&ex.Extended.ReservedBlockEE1Size), span: at(&ex.Extended.reservedBlockEE1)},
	{name: "StartDateTime", kind: kindDate, flags: ARO_SUBJECT | ARO_LOCATION, off: at(&ex.Extended.StartDateTime), sv: svDate},
	{name: "EndDateTime", kind: kindDate, flags: ARO_SUBJECT | ARO_LOCATION, off: at(&ex.Extended.EndDateTime), sv: svDate},
	{name: "OriginalStartDate", kind: kindDate, flags: ARO_SUBJECT | ARO_LOCATION, off: at(&ex.Extended.OriginalStartDate), sv: svDate},
	{name: "WideCharSubject", name1: "WideCharSubjectLength", kind: kindText16, flags: ARO_SUBJECT,
		off: at(&ex.Extended.WideCharSubjectLength), span: at(&ex.Extended.wideCharSubject)},
	{name: "WideCharLocation", name1: "WideCharLocationLength", kind: kindText16, flags: ARO_LOCATION,
		off: at(&ex.Extended.WideCharLocationLength), span: at(&ex.Extended.wideCharLocation)},
	{name: "ReservedBlockEE2", name1: "ReservedBlockEE2Size", kind: kindBlock, flags: ARO_SUBJECT | ARO_LOCATION,
		off: at(&ex.Extended.ReservedBlockEE2Size), span: at(&ex.Extended.reservedBlockEE2)},
}

// record names the two tables in paths: ExceptionInfo[2].Subject.
func record(fs []field) string {
	if &fs[0] == &extFields[0] {
		return "ExtendedException"
	}
	return "ExceptionInfo"
}

// maskOf is the set of fields of fs (bit k for fs[k]) that an exception
// with these flags holds: unflagged ones when flagged is false, the others
// when it is true. Every table lists its unflagged fields first
// (TestFieldTables), so decoding can read those before it knows the flags.
func maskOf(fs []field, flags OverrideFlags, highlight, flagged bool) uint32 {
	var m uint32
	for k := range fs {
		if f := &fs[k]; (f.flags != 0) == flagged && f.present(flags, highlight) {
			m |= 1 << k
		}
	}
	return m
}

// masks holds the field sets of one table for decoding: the unflagged
// fields, and for each OverrideFlags bit the flagged fields it gates.
type masks struct {
	fs    []field
	base  uint32
	byBit [16]uint32
	ops   [32]op // fs in compact form, for the decoding loop
}

// op is what decodeFields needs of a field, in 8 bytes.
type op struct {
	kind            fieldKind
	fixed           uint8 // kind.size()
	off, off2, span uint16
}

// The masks of each table, [highlight] for infoFields and extFields.
var infoMasks, extMasks = [2]masks{newMasks(infoFields, false), newMasks(infoFields, true)},
	[2]masks{newMasks(extFields, false), newMasks(extFields, true)}

func newMasks(fs []field, highlight bool) masks {
	m := masks{fs: fs, base: maskOf(fs, 0, highlight, false)}
	for k := range fs {
		f := &fs[k]
		m.ops[k] = op{f.kind, uint8(f.kind.size()), uint16(f.off), uint16(f.off2), uint16(f.span)}
	}
	for b := range m.byBit {
		m.byBit[b] = maskOf(fs, 1<<b, highlight, true)
	}
	return m
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// of is the set of flagged fields an exception with these flags holds.
func (m *masks) of(flags OverrideFlags) uint32 {
	var v uint32
	for f := uint16(flags); f != 0; f &= f - 1 {
		v |= m.byBit[bits.TrailingZeros16(f)]
	}
	return v
}

// decodeFields reads the fields of table m.fs for exception i into e. The
// decoders generated from the same tables (zz_decode_fields.go) read every
// record that fits; decodeFields reads again the one that does not, to
// build the error, and TestGeneratedDecodersAgree holds the two together. It
// reads from the window of bytes the cursor has left, checking each length
// against it, and advances the cursor past what it used. Nothing is
// formatted unless a read fails; the error then names the field and its
// offset as [MS-OXOCAL] spells them.
func decodeFields(c *wire.Cursor, e *Exception, m *masks, i int) error {
	b := c.Peek()
	p := 0 // bytes of b used; each read first checks len(b)-p
	base := unsafe.Pointer(e)
	for pass, mask := 0, m.base; pass < 2; pass++ {
		if pass == 1 {
			mask = m.of(e.Info.OverrideFlags)
		}
		for ; mask != 0; mask &= mask - 1 {
			k := bits.TrailingZeros32(mask)
			o := &m.ops[k&31]
			kind, fixed := o.kind, int(o.fixed)
			need := fixed
			if kind == kindHighlight {
				need = 4 // ChangeHighlightSize; what follows is checked against it
			}
			if len(b)-p < need {
				return shortField(c, p, m.fs, k, i)
			}
			switch kind {
			case kindU16:
				*(*uint16)(unsafe.Add(base, o.off)) = le.Uint16(b[p:])
			case kindU32, kindDate:
				*(*uint32)(unsafe.Add(base, o.off)) = le.Uint32(b[p:])
			case kindText8:
				*(*uint16)(unsafe.Add(base, o.off)) = le.Uint16(b[p:])
				n := le.Uint16(b[p+2:])
				*(*uint16)(unsafe.Add(base, o.off2)) = n
				need = int(n)
			case kindText16:
				n := le.Uint16(b[p:])
				*(*uint16)(unsafe.Add(base, o.off)) = n
				need = 2 * int(n)
			case kindBlock:
				n := le.Uint32(b[p:])
				*(*uint32)(unsafe.Add(base, o.off)) = n
				need = int(n)
			case kindHighlight:
				f := &m.fs[k]
				n := le.Uint32(b[p:])
				*(*uint32)(unsafe.Add(base, o.off)) = n
				if n < 4 {
					return wire.Invalid(wire.Path(record(m.fs), i, f.name+"."+f.name1), c.Offset()+p,
						"ChangeHighlightSize "+strconv.FormatUint(uint64(n), 10)+" is less than the 4 bytes of ChangeHighlightValue")
				}
				if uint64(n) > uint64(len(b)-p-4) {
					return fieldTruncated(c, p+4, m.fs, i, f.name+"."+f.name2, int(n))
				}
				*(*uint32)(unsafe.Add(base, o.off2)) = le.Uint32(b[p+4:])
				need = int(n - 4)
			}
			p += fixed
			if kind >= kindText8 { // the bytes of a string or block
				if len(b)-p < need {
					return fieldTruncated(c, p, m.fs, i, m.fs[k].name, need)
				}
				*(*wire.Span)(unsafe.Add(base, o.span)) = wire.Span{Off: uint32(c.Offset() + p), Len: uint32(need)}
				p += need
			}
		}
	}
	c.Skip(p)
	return nil
}

// shortField is the error for field k of exception i when fewer bytes
// than its fixed part are left p bytes past the cursor: the first of its
// length and value fields that does not fit.
func shortField(c *wire.Cursor, p int, fs []field, k, i int) error {
	f := &fs[k]
	name, need := f.name1, f.kind.size()
	switch {
	case f.kind <= kindDate:
		name = f.name
	case f.kind == kindText8 && c.Len()-p >= 2:
		p, need, name = p+2, 2, f.name2
	case f.kind == kindText8:
		need = 2
	case f.kind == kindHighlight:
		name, need = f.name+"."+f.name1, 4
	}
	return fieldTruncated(c, p, fs, i, name, need)
}

// fieldTruncated is the error for a read of need bytes that failed p
// bytes past the cursor, in field name of exception i.
func fieldTruncated(c *wire.Cursor, p int, fs []field, i int, name string, need int) error {
	return wire.TruncatedAt(wire.Path(record(fs), i, name), c.Offset()+p, need, c.Len()-p)
}

// encodedSize is the length of e's fields of fs in the blob.
func encodedSize(e *Exception, fs []field, highlight bool) int {
	n := 0
	for k := range fs {
		f := &fs[k]
		if !f.present(e.Info.OverrideFlags, highlight) {
			continue
		}
		n += f.kind.size()
		switch f.kind {
		case kindText16:
			n += int(f.spanOf(e).Len &^ 1)
		case kindText8, kindBlock, kindHighlight:
			n += int(f.spanOf(e).Len)
		}
	}
	return n
}

// appendFields encodes e's fields of fs; buf holds the bytes of e's spans.
// Lengths and sizes are those of the bytes, except the first length of an
// 8-bit string (SubjectLength, LocationLength), which is written as stored.
func appendFields(b []byte, e *Exception, fs []field, buf []byte, highlight bool) []byte {
	for k := range fs {
		f := &fs[k]
		if !f.present(e.Info.OverrideFlags, highlight) {
			continue
		}
		switch f.kind {
		case kindU16:
			b = wire.AppendU16(b, *f.u16(e, f.off))
		case kindU32, kindDate:
			b = wire.AppendU32(b, *f.u32(e, f.off))
		case kindText8:
			s := f.spanOf(e).In(buf)
			b = wire.AppendU16(b, *f.u16(e, f.off))
			b = wire.AppendU16(b, uint16(len(s)))
			b = append(b, s...)
		case kindText16:
			s := f.spanOf(e).In(buf)
			b = wire.AppendU16(b, uint16(len(s)/2))
			b = append(b, s[:len(s)&^1]...)
		case kindBlock:
			s := f.spanOf(e).In(buf)
			b = wire.AppendU32(b, uint32(len(s)))
			b = append(b, s...)
		case kindHighlight:
			s := f.spanOf(e).In(buf)
			b = wire.AppendU32(b, uint32(4+len(s)))
			b = wire.AppendU32(b, *f.u32(e, f.off2))
			b = append(b, s...)
		}
	}
	return b
}

// appendJSON writes e's fields of fs as one JSON object: numbers and
// lengths as stored, strings decoded (8-bit ones in code page cp), blocks
// as upper-case hex; fields the blob does not hold are absent.
func appendJSON(b []byte, e *Exception, fs []field, buf []byte, cp blob.CodePage, highlight bool) []byte {
	b = append(b, '{')
	first := true
	key := func(name string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, '"', ':')
	}
	num := func(v uint64) { b = strconv.AppendUint(b, v, 10) }
	for k := range fs {
		f := &fs[k]
		if !f.present(e.Info.OverrideFlags, highlight) {
			continue
		}
		s := f.spanOf(e).In(buf)
		switch f.kind {
		case kindU16, kindU32, kindDate:
			key(f.name)
			num(uint64(f.value(e)))
		case kindText8:
			key(f.name1)
			num(uint64(*f.u16(e, f.off)))
			key(f.name2)
			num(uint64(*f.u16(e, f.off2)))
			key(f.name)
			b = appendJSONString(b, cp.Decode(s))
		case kindText16:
			key(f.name1)
			num(uint64(*f.u16(e, f.off)))
			key(f.name)
			text, _ := wire.DecodeUTF16(s)
			b = appendJSONString(b, text)
		case kindBlock:
			key(f.name1)
			num(uint64(*f.u32(e, f.off)))
			key(f.name)
			b = appendJSONHex(b, s)
		case kindHighlight:
			key(f.name)
			b = append(b, `{"`+f.name1+`":`...)
			num(uint64(*f.u32(e, f.off)))
			b = append(b, `,"`+f.name2+`":`...)
			num(uint64(*f.u32(e, f.off2)))
			b = append(b, `,"Reserved":`...)
			b = appendJSONHex(b, s)
			b = append(b, '}')
		}
	}
	return append(b, '}')
}

// appendJSONString writes s as encoding/json does (HTML characters escaped).
func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}

func appendJSONHex(b []byte, s []byte) []byte {
	b = append(b, '"')
	b, _ = blob.HexBytes(s).AppendText(b)
	return append(b, '"')
}

// writeSmartView writes e's fields of fs as MFCMAPI's SmartView does, at
// the given depth; values under a field go one level deeper.
func writeSmartView(w *sv.Writer, depth int, e *Exception, fs []field, buf []byte, cp blob.CodePage, highlight bool) {
	for k := range fs {
		f := &fs[k]
		if !f.present(e.Info.OverrideFlags, highlight) {
			continue
		}
		s := f.spanOf(e).In(buf)
		switch f.kind {
		case kindU16, kindU32, kindDate:
			v := f.value(e)
			switch f.sv {
			case svHex:
				w.Line(depth, f.name, ": ", h8(v))
			case svDate:
				w.Line(depth, f.name, ": ", h8(v), " = ", mfcTime(Minutes(v)))
			case svFlagList:
				w.Line(depth, f.name, ": ", h8(v), " = ", sv.Flags(uint64(v), f.flagNames))
			case svOverride:
				w.Line(depth, f.name, ": ", sv.Hex(uint64(v), 4), " = ", OverrideFlags(v).String())
			}
		case kindText8:
			for _, l := range [2]struct {
				name string
				v    uint16
			}{{f.name1, *f.u16(e, f.off)}, {f.name2, *f.u16(e, f.off2)}} {
				w.Line(depth, l.name, ": ", sv.Hex(uint64(l.v), 4), " = ", strconv.Itoa(int(l.v)))
			}
			if len(s) > 0 {
				w.Line(depth, f.name, `: "`, cp.Decode(s), `"`)
			}
		case kindText16:
			n := *f.u16(e, f.off)
			w.Line(depth, f.name1, ": ", h8(uint32(n)), " = ", strconv.Itoa(int(n)))
			if len(s) > 0 {
				text, _ := wire.DecodeUTF16(s)
				w.Line(depth, f.name, `: "`, text, `"`)
			}
		case kindBlock:
			w.Line(depth, f.name1, ": ", h8(*f.u32(e, f.off)))
			if len(s) > 0 {
				w.Line(depth+1, sv.Bytes(s))
			}
		case kindHighlight:
			v := *f.u32(e, f.off2)
			w.Line(depth, f.name)
			w.Line(depth+1, f.name1, ": ", h8(*f.u32(e, f.off)))
			w.Line(depth+1, f.name2, ": ", h8(v), " = ", sv.Flags(uint64(v), f.flagNames))
			if len(s) > 0 {
				w.Line(depth+1, "Reserved: ", sv.Bytes(s))
			}
		}
	}
}

// fieldNamed finds the string or block field called name in either table.
func fieldNamed(name string) *field {
	for _, fs := range [2][]field{infoFields, extFields} {
		for k := range fs {
			if f := &fs[k]; f.name == name && f.kind >= kindText8 {
				return f
			}
		}
	}
	if name == "ChangeHighlight.Reserved" {
		return &extFields[0]
	}
	return nil
}

// The 8-bit strings of ExceptionInfo.
var subjectField, locationField = fieldNamed("Subject"), fieldNamed("Location")

// wideOf is the UTF-16 field (kindText16) that copies the 8-bit field f.
func wideOf(f *field) *field {
	for k := range extFields {
		if w := &extFields[k]; w.kind == kindText16 && w.flags == f.flags {
			return w
		}
	}
	return nil
}
