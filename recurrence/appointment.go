package recurrence

import (
	"slices"
	"unsafe"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// OverrideFlags says which fields an ExceptionInfo overrides.
type OverrideFlags uint16

// Override flags ([MS-OXOCAL] 2.2.1.44.2).
const (
	ARO_SUBJECT          OverrideFlags = 0x0001
	ARO_MEETINGTYPE      OverrideFlags = 0x0002
	ARO_REMINDERDELTA    OverrideFlags = 0x0004
	ARO_REMINDER         OverrideFlags = 0x0008
	ARO_LOCATION         OverrideFlags = 0x0010
	ARO_BUSYSTATUS       OverrideFlags = 0x0020
	ARO_ATTACHMENT       OverrideFlags = 0x0040
	ARO_SUBTYPE          OverrideFlags = 0x0080
	ARO_APPTCOLOR        OverrideFlags = 0x0100
	ARO_EXCEPTIONAL_BODY OverrideFlags = 0x0200

	aroKnown = 0x03FF
)

var aroNames = []struct {
	f    OverrideFlags
	name string
}{
	{ARO_SUBJECT, "ARO_SUBJECT"}, {ARO_MEETINGTYPE, "ARO_MEETINGTYPE"}, {ARO_REMINDERDELTA, "ARO_REMINDERDELTA"},
	{ARO_REMINDER, "ARO_REMINDER"}, {ARO_LOCATION, "ARO_LOCATION"}, {ARO_BUSYSTATUS, "ARO_BUSYSTATUS"},
	{ARO_ATTACHMENT, "ARO_ATTACHMENT"}, {ARO_SUBTYPE, "ARO_SUBTYPE"}, {ARO_APPTCOLOR, "ARO_APPTCOLOR"},
	{ARO_EXCEPTIONAL_BODY, "ARO_EXCEPTIONAL_BODY"},
}

func (f OverrideFlags) String() string {
	if f == 0 {
		return "0x0"
	}
	s := ""
	for _, n := range aroNames {
		if f&n.f != 0 {
			if s != "" {
				s += " | "
			}
			s += n.name
		}
	}
	if rest := f &^ aroKnown; rest != 0 {
		if s != "" {
			s += " | "
		}
		s += sv.Hex(uint64(rest), 1)
	}
	return s
}

// AppointmentPattern is an AppointmentRecurrencePattern ([MS-OXOCAL]
// 2.2.1.44.5), the value of PidLidAppointmentRecur.
//
// A decoded pattern is two allocations whatever it holds: the value, and
// one pointer-free block that holds a copy of the input, both date lists
// and the exceptions; strings and reserved blocks are spans into the copy.
type AppointmentPattern struct {
	RecurrencePattern  Pattern
	ReaderVersion2     uint32 // ReaderVersion2: 0x3006
	WriterVersion2     uint32 // WriterVersion2: 0x3008 or 0x3009 (ChangeHighlight present)
	StartTimeOffset    uint32 // StartTimeOffset: minutes after midnight at which each occurrence starts
	EndTimeOffset      uint32 // EndTimeOffset: minutes after that midnight at which it ends
	ExceptionCount     uint16 // ExceptionCount, as stored; encoding writes len(Exceptions)
	ReservedBlock1Size uint32 // ReservedBlock1Size, as stored
	ReservedBlock1     blob.HexBytes
	ReservedBlock2Size uint32 // ReservedBlock2Size, as stored
	ReservedBlock2     blob.HexBytes

	// Exceptions holds ExceptionInfo[i] with ExtendedException[i], in blob
	// order; their strings and blocks are read through the pattern's view
	// of each, ap.Exception(i) (Subject, Location, Bytes…).
	Exceptions []Exception

	// Trailing holds bytes after ReservedBlock2; shown by the JSON envelope.
	Trailing []byte

	// CodePage decodes the 8-bit ExceptionInfo strings in the JSON and text
	// forms (0: windows-1252). It is not part of the blob.
	CodePage blob.CodePage

	buf   []byte   // the copy of the input that spans point into, and text added by SetSubject/SetLocation
	mem   []uint64 // the pointer-free block buf (the date lists lie in it, see dateLists.layout) and Exceptions are carved from
	arena *Arena   // the arena mem comes from, set only while an Arena decodes; nil: the heap
}

// Parse decodes an AppointmentRecurrencePattern (PidLidAppointmentRecur).
//
// The input is copied once; every string and reserved block of the result
// points into that copy, so the result does not alias b. The result is two
// allocations, whatever the number of exceptions.
func Parse(b []byte) (*AppointmentPattern, error) {
	ap := new(AppointmentPattern)
	if err := ap.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return ap, nil
}

// minimum encoded sizes, for the count guard: ExceptionInfo is at least 14
// bytes, ExtendedException 4.
const minException = 14 + 4

// UnmarshalBinary decodes b into ap; see Parse. It reuses ap's storage —
// the copy of the input, the date lists and the exceptions — so decoding
// many blobs into one value allocates nothing once the storage is large
// enough; the strings, blocks and lists of the previous result are
// overwritten. b may point into ap's own storage. After an error ap's
// contents are unspecified.
func (ap *AppointmentPattern) UnmarshalBinary(b []byte) error {
	c := wire.NewCursor(b)
	p := &ap.RecurrencePattern
	dl, err := p.decode(&c)
	if err != nil {
		return err
	}
	// From here the decoder reads with plain indexes (q) and makes a
	// cursor at q only to build an error.
	q := c.Offset()
	if len(b)-q < 18 {
		return headerError(&c)
	}
	h := b[q : q+18 : q+18]
	ap.ReaderVersion2, ap.WriterVersion2 = le.Uint32(h), le.Uint32(h[4:])
	if ap.ReaderVersion2 != ReaderVersion2 || ap.WriterVersion2 < WriterVersion2Min {
		return headerError(&c)
	}
	ap.StartTimeOffset, ap.EndTimeOffset, ap.ExceptionCount = le.Uint32(h[8:]), le.Uint32(h[12:]), le.Uint16(h[16:])
	q += 18
	n := int(ap.ExceptionCount)
	if uint64(n) > uint64(len(b)-q)/minException {
		return wire.CountTooLarge("ExceptionInfo", q-2, uint64(n), minException, len(b)-q)
	}

	// Every count is checked: carve the input copy (the date lists are read
	// in it, or after it on a big-endian machine) and the exceptions from
	// one pointer-free block, and go on in the copy (b may lie in the block
	// being reused).
	shift, bufW, dateW := dl.layout(len(b))
	mem := grow(ap.mem, bufW+dateW+words(n*int(unsafe.Sizeof(Exception{}))), ap.arena)
	ap.mem = mem
	buf := dl.place(p, mem, b, shift, bufW)
	ap.buf = buf
	p.Trailing = nil
	ap.Exceptions = carve[Exception](mem[bufW+dateW:], n)

	highlight := ap.WriterVersion2 >= ChangeHighlightVersion
	if n > 0 {
		clear(ap.Exceptions) // absent fields are zero
		var done int
		if q, done = decodeInfos(buf, q, ap.Exceptions, highlight); done < n {
			if q, err = decodeRest(buf, q, ap.Exceptions, &infoMasks[b2i(highlight)], done); err != nil {
				return err
			}
		}
	}
	if ap.ReservedBlock1Size, ap.ReservedBlock1, q, err = blockAt(buf, q, "ReservedBlock1Size", "ReservedBlock1"); err != nil {
		return err
	}
	if n > 0 {
		var done int
		if q, done = decodeExts(buf, q, ap.Exceptions, highlight); done < n {
			if q, err = decodeRest(buf, q, ap.Exceptions, &extMasks[b2i(highlight)], done); err != nil {
				return err
			}
		}
	}
	if ap.ReservedBlock2Size, ap.ReservedBlock2, q, err = blockAt(buf, q, "ReservedBlock2Size", "ReservedBlock2"); err != nil {
		return err
	}
	ap.Trailing = nil
	if q < len(buf) {
		ap.Trailing = buf[q:len(buf):len(buf)]
	}
	return nil
}

// headerError is the error for ReaderVersion2 to ExceptionCount at the
// cursor when they do not fit or a version is not supported.
func headerError(c *wire.Cursor) error {
	rv2Off, start := c.Offset(), *c
	var rv2, wv2 uint32
	if !c.U32(&rv2) || !c.U32(&wv2) {
		return runTruncated(&start, versionParts)
	}
	if rv2 != ReaderVersion2 {
		return wire.Unsupported("ReaderVersion2", rv2Off, "ReaderVersion2 "+sv.Hex(uint64(rv2), 8)+" is not 0x00003006")
	}
	if wv2 < WriterVersion2Min {
		return wire.Unsupported("WriterVersion2", rv2Off+4, "WriterVersion2 "+sv.Hex(uint64(wv2), 8)+" is below 0x00003006")
	}
	return runTruncated(c, offsetParts)
}

// blockAt reads a size at offset q of buf and that many bytes (nil when
// none), and the offset after them; the error, when they do not fit, names
// the size field (sizeName) or the block (name) and its offset.
func blockAt(buf []byte, q int, sizeName, name string) (size uint32, s blob.HexBytes, end int, err error) {
	if len(buf)-q < 4 {
		return 0, nil, q, wire.TruncatedAt(sizeName, q, 4, len(buf)-q)
	}
	size = le.Uint32(buf[q:])
	q += 4
	if uint64(size) > uint64(len(buf)-q) {
		return size, nil, q, wire.TruncatedAt(name, q, int(size), len(buf)-q)
	}
	end = q + int(size)
	if size > 0 {
		s = buf[q:end:end]
	}
	return size, s, end, nil
}

// decodeRest reads one record (ExceptionInfo or ExtendedException, table
// m.fs) of each of es[done:] from offset q of buf with decodeFields: the
// records from the first one the generated decoder (decodeInfos,
// decodeExts) found not to fit, so that the error names the field and
// offset. It returns the offset after the records.
func decodeRest(buf []byte, q int, es []Exception, m *masks, done int) (int, error) {
	c := wire.NewCursor(buf)
	c.Skip(q)
	for i := done; i < len(es); i++ {
		if err := decodeFields(&c, &es[i], m, i); err != nil {
			return q, err
		}
	}
	return c.Offset(), nil
}

// words is the number of uint64 words that hold n bytes.
func words(n int) int { return (n + 7) / 8 }

// grow returns mem with n words, reusing its array when it is large
// enough, else n words from the arena a (nil: the heap).
func grow(mem []uint64, n int, a *Arena) []uint64 {
	if cap(mem) >= n {
		return mem[:n]
	}
	if a != nil {
		return a.carve(n)
	}
	return make([]uint64, n)
}

// carve returns the first n elements of type T laid over mem, or nil for
// n = 0. T must hold no pointers (mem is not scanned by the garbage
// collector) and need no alignment beyond 8 bytes; the caller has made mem
// large enough.
func carve[T any](mem []uint64, n int) []T {
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(mem))), n)
}

// bytes is the content of span s of the pattern's buffer.
func (ap *AppointmentPattern) bytes(s wire.Span) []byte { return s.In(ap.buf) }

// Exception is the view of exception i (0 ≤ i < len(ap.Exceptions)): its
// ExceptionInfo and ExtendedException, and the strings and reserved blocks
// that live in the pattern's storage. It is the one way to read or set an
// exception's texts.
func (ap *AppointmentPattern) Exception(i int) ExceptionView { return ExceptionView{ap, i} }

// ExceptionView reads, and sets, one exception of a pattern; see
// AppointmentPattern.Exception. It is valid as long as the pattern's
// Exceptions are not replaced (ApplyEdits replaces them).
type ExceptionView struct {
	ap *AppointmentPattern
	i  int
}

// Index is the exception's position in the pattern's Exceptions.
func (v ExceptionView) Index() int { return v.i }

// Info is the exception's ExceptionInfo.
func (v ExceptionView) Info() *ExceptionInfo { return &v.ap.Exceptions[v.i].Info }

// Extended is the exception's ExtendedException.
func (v ExceptionView) Extended() *ExtendedException { return &v.ap.Exceptions[v.i].Extended }

// Bytes returns the raw bytes of a string or block of the exception, named
// as [MS-OXOCAL] names it: "Subject", "Location" (8-bit, in the item's code
// page), "WideCharSubject", "WideCharLocation" (UTF-16LE),
// "ReservedBlockEE1", "ReservedBlockEE2" or "ChangeHighlight.Reserved". It
// is nil for an absent field or an unknown name. The bytes are the
// pattern's own: do not modify them.
func (v ExceptionView) Bytes(name string) []byte {
	f := fieldNamed(name)
	if f == nil {
		return nil
	}
	return v.ap.bytes(*f.spanOf(&v.ap.Exceptions[v.i]))
}

// Subject is the subject the exception gives its instance: the UTF-16 copy
// (ExtendedException.WideCharSubject) when there is one, as it is
// authoritative, else the 8-bit ExceptionInfo.Subject read in code page cp.
func (v ExceptionView) Subject(cp blob.CodePage) string {
	return v.ap.exceptionText(v.i, subjectField, cp)
}

// Location is Subject for the location.
func (v ExceptionView) Location(cp blob.CodePage) string {
	return v.ap.exceptionText(v.i, locationField, cp)
}

// Subject8 decodes the 8-bit ExceptionInfo.Subject alone, in code page cp.
func (v ExceptionView) Subject8(cp blob.CodePage) string {
	return cp.Decode(v.ap.bytes(v.ap.Exceptions[v.i].Info.subject))
}

// Location8 decodes the 8-bit ExceptionInfo.Location alone, in code page cp.
func (v ExceptionView) Location8(cp blob.CodePage) string {
	return cp.Decode(v.ap.bytes(v.ap.Exceptions[v.i].Info.location))
}

// WideCharSubject decodes ExtendedException.WideCharSubject alone.
func (v ExceptionView) WideCharSubject() string {
	s, _ := wire.DecodeUTF16(v.ap.bytes(v.ap.Exceptions[v.i].Extended.wideCharSubject))
	return s
}

// WideCharLocation decodes ExtendedException.WideCharLocation alone.
func (v ExceptionView) WideCharLocation() string {
	s, _ := wire.DecodeUTF16(v.ap.bytes(v.ap.Exceptions[v.i].Extended.wideCharLocation))
	return s
}

// SetSubject overrides the exception's subject: it sets ARO_SUBJECT and
// both copies, the 8-bit one in code page cp (characters cp cannot encode
// become '?') with SubjectLength = SubjectLength2 + 1, and the UTF-16 one.
// It changes the exception in place, as assigning to its fields would: a
// copy of the pattern shares that array (ApplyEdits writes new arrays).
func (v ExceptionView) SetSubject(s string, cp blob.CodePage) {
	v.ap.setText(&v.ap.Exceptions[v.i], subjectField, s, cp)
}

// SetLocation is SetSubject for the location (ARO_LOCATION).
func (v ExceptionView) SetLocation(s string, cp blob.CodePage) {
	v.ap.setText(&v.ap.Exceptions[v.i], locationField, s, cp)
}

// exceptionText is the text of the 8-bit field f of exception i, from its
// UTF-16 twin when that has any.
func (ap *AppointmentPattern) exceptionText(i int, f *field, cp blob.CodePage) string {
	e := &ap.Exceptions[i]
	if w := wideOf(f); w.spanOf(e).Len > 0 {
		s, _ := wire.DecodeUTF16(ap.bytes(*w.spanOf(e)))
		return s
	}
	return cp.Decode(ap.bytes(*f.spanOf(e)))
}

// setText fills both copies of the 8-bit field f and its UTF-16 twin,
// appending the bytes to the pattern's buffer.
func (ap *AppointmentPattern) setText(e *Exception, f *field, s string, cp blob.CodePage) {
	t := encodeText(f, s, cp)
	buf := slices.Grow(ap.buf[:len(ap.buf):len(ap.buf)], t.size())
	ap.buf = t.place(e, buf)
}

// encodedText is a text field's value in both its forms.
type encodedText struct {
	f        *field
	b8, wide []byte
	n        int // UTF-16 units
}

func encodeText(f *field, s string, cp blob.CodePage) encodedText {
	wide, n := wire.AppendUTF16(nil, s)
	return encodedText{f, encode8(cp, s), wide, n}
}

func (t *encodedText) size() int { return len(t.b8) + len(t.wide) }

// place sets the field and its UTF-16 twin in e, appending their bytes to
// buf, which must have room for them (appending never moves it), and
// returns buf.
func (t *encodedText) place(e *Exception, buf []byte) []byte {
	f, w := t.f, wideOf(t.f)
	e.Info.OverrideFlags |= f.flags
	*f.spanOf(e) = wire.Span{Off: uint32(len(buf)), Len: uint32(len(t.b8))}
	buf = append(buf, t.b8...)
	*f.u16(e, f.off2), *f.u16(e, f.off) = uint16(len(t.b8)), uint16(len(t.b8)+1)
	*w.spanOf(e) = wire.Span{Off: uint32(len(buf)), Len: uint32(len(t.wide))}
	buf = append(buf, t.wide...)
	*w.u16(e, w.off) = uint16(t.n)
	return buf
}

// Size is the encoded length of ap.
func (ap *AppointmentPattern) Size() int {
	n := ap.RecurrencePattern.Size() + 18 + 4 + len(ap.ReservedBlock1) + 4 + len(ap.ReservedBlock2) + len(ap.Trailing)
	highlight := ap.WriterVersion2 >= ChangeHighlightVersion
	for i := range ap.Exceptions {
		e := &ap.Exceptions[i]
		n += encodedSize(e, infoFields, highlight) + encodedSize(e, extFields, highlight)
	}
	return n
}

// MarshalBinary encodes ap.
func (ap *AppointmentPattern) MarshalBinary() ([]byte, error) {
	return ap.AppendBinary(make([]byte, 0, ap.Size()))
}

// AppendBinary appends the encoding of ap to b. Counts and sizes are
// computed from the data, except SubjectLength and LocationLength, which
// are written as stored (SetSubject and SetLocation keep them right).
func (ap *AppointmentPattern) AppendBinary(b []byte) ([]byte, error) {
	if len(ap.Exceptions) > 0xFFFF {
		return nil, &blob.DecodeError{Path: "ExceptionCount", Err: blob.ErrInvalid, Detail: "more than 65535 exceptions"}
	}
	b, err := ap.RecurrencePattern.appendPattern(b)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU32(b, ap.ReaderVersion2)
	b = wire.AppendU32(b, ap.WriterVersion2)
	b = wire.AppendU32(b, ap.StartTimeOffset)
	b = wire.AppendU32(b, ap.EndTimeOffset)
	b = wire.AppendU16(b, uint16(len(ap.Exceptions)))
	highlight := ap.WriterVersion2 >= ChangeHighlightVersion
	for i := range ap.Exceptions {
		b = appendFields(b, &ap.Exceptions[i], infoFields, ap.buf, highlight)
	}
	b = wire.AppendU32(b, uint32(len(ap.ReservedBlock1)))
	b = append(b, ap.ReservedBlock1...)
	for i := range ap.Exceptions {
		b = appendFields(b, &ap.Exceptions[i], extFields, ap.buf, highlight)
	}
	b = wire.AppendU32(b, uint32(len(ap.ReservedBlock2)))
	b = append(b, ap.ReservedBlock2...)
	return append(b, ap.Trailing...), nil
}

// IsAppointmentPattern reports whether b holds a RecurrencePattern followed
// by the ReaderVersion2 of an AppointmentRecurrencePattern, which is how a
// PidLidAppointmentRecur value differs from a task's PidLidTaskRecurrence.
func IsAppointmentPattern(b []byte) bool {
	c := wire.NewCursor(b)
	var p Pattern
	var v uint32
	_, err := p.decode(&c)
	return err == nil && c.U32(&v) && v == ReaderVersion2
}
