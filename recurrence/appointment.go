package recurrence

import (
	"encoding/binary"

	"github.com/mapiblob/mapiblob/internal/sv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// CodePage is a Windows code page number, used to decode the 8-bit
// Subject and Location of ExceptionInfo (0 means windows-1252).
type CodePage = blob.CodePage

// ParseCodePage reads a code page by number or name ("932", "cp932",
// "shift_jis", "windows-1250").
func ParseCodePage(s string) (CodePage, bool) { return blob.ParseCodePage(s) }

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

// ExceptionInfo describes one modified instance ([MS-OXOCAL] 2.2.1.44.2).
// Only the fields whose OverrideFlags bit is set are present in the blob;
// the others are zero here and absent from the JSON form.
type ExceptionInfo struct {
	StartDateTime     Minutes
	EndDateTime       Minutes
	OriginalStartDate Minutes
	OverrideFlags     OverrideFlags
	SubjectLength     uint16 // as stored; should be SubjectLength2 + 1
	SubjectLength2    uint16 // as stored; the length of Subject
	Subject           []byte // 8-bit, in the item's code page; see SubjectText
	MeetingType       uint32
	ReminderDelta     uint32
	ReminderSet       uint32
	LocationLength    uint16
	LocationLength2   uint16
	Location          []byte // 8-bit, in the item's code page; see LocationText
	BusyStatus        uint32
	Attachment        uint32
	SubType           uint32
	AppointmentColor  uint32
}

// SubjectText decodes Subject in code page cp.
func (e *ExceptionInfo) SubjectText(cp CodePage) string { return cp.Decode(e.Subject) }

// LocationText decodes Location in code page cp.
func (e *ExceptionInfo) LocationText(cp CodePage) string { return cp.Decode(e.Location) }

// ChangeHighlight is the ChangeHighlight of an ExtendedException
// ([MS-OXOCAL] 2.2.1.44.3), present when WriterVersion2 ≥ 0x3009.
type ChangeHighlight struct {
	ChangeHighlightSize  uint32   `json:"ChangeHighlightSize"` // as stored; encoding writes 4 + len(Reserved)
	ChangeHighlightValue uint32   `json:"ChangeHighlightValue"`
	Reserved             HexBytes `json:"Reserved"`
}

// ExtendedException carries the Unicode strings and change highlight of
// one exception ([MS-OXOCAL] 2.2.1.44.4). StartDateTime, EndDateTime,
// OriginalStartDate, the strings and ReservedBlockEE2 exist only when the
// matching ExceptionInfo has ARO_SUBJECT or ARO_LOCATION (HasDates).
type ExtendedException struct {
	ChangeHighlight        ChangeHighlight
	ReservedBlockEE1Size   uint32 // as stored
	ReservedBlockEE1       HexBytes
	StartDateTime          Minutes
	EndDateTime            Minutes
	OriginalStartDate      Minutes
	WideCharSubjectLength  uint16
	WideCharSubject        []byte // UTF-16LE; see SubjectText
	WideCharLocationLength uint16
	WideCharLocation       []byte // UTF-16LE; see LocationText
	ReservedBlockEE2Size   uint32
	ReservedBlockEE2       HexBytes
}

// SubjectText decodes WideCharSubject.
func (x *ExtendedException) SubjectText() string {
	s, _ := wire.DecodeUTF16(x.WideCharSubject)
	return s
}

// LocationText decodes WideCharLocation.
func (x *ExtendedException) LocationText() string {
	s, _ := wire.DecodeUTF16(x.WideCharLocation)
	return s
}

// HexBytes is a byte slice that JSON shows as upper-case hex ("" when empty).
type HexBytes = blob.HexBytes

// AppointmentPattern is an AppointmentRecurrencePattern ([MS-OXOCAL]
// 2.2.1.44.5), the value of PidLidAppointmentRecur.
type AppointmentPattern struct {
	RecurrencePattern  Pattern
	ReaderVersion2     uint32
	WriterVersion2     uint32
	StartTimeOffset    uint32 // minutes after midnight at which each occurrence starts
	EndTimeOffset      uint32 // minutes after that midnight at which it ends
	ExceptionCount     uint16 // as stored; encoding writes len(ExceptionInfo)
	ExceptionInfo      []ExceptionInfo
	ReservedBlock1Size uint32 // as stored
	ReservedBlock1     HexBytes
	ExtendedException  []ExtendedException
	ReservedBlock2Size uint32 // as stored
	ReservedBlock2     HexBytes

	// Trailing holds bytes after ReservedBlock2; shown by the JSON envelope.
	Trailing []byte

	// CodePage decodes the 8-bit ExceptionInfo strings in the JSON and text
	// forms (0: windows-1252). It is not part of the blob.
	CodePage CodePage

	buf []byte // the copy of the input that strings and blocks point into
}

// extended returns the ExtendedException of exception i, or nil.
func (ap *AppointmentPattern) extended(i int) *ExtendedException {
	if i < len(ap.ExtendedException) {
		return &ap.ExtendedException[i]
	}
	return nil
}

// subjectOf is the subject an exception gives its instance: the UTF-16 copy
// in x when it has one (it is authoritative), else the 8-bit Subject read in
// code page cp. x may be nil.
func subjectOf(e *ExceptionInfo, x *ExtendedException, cp CodePage) string {
	if x != nil && len(x.WideCharSubject) > 0 {
		return x.SubjectText()
	}
	return e.SubjectText(cp)
}

// locationOf is subjectOf for the location.
func locationOf(e *ExceptionInfo, x *ExtendedException, cp CodePage) string {
	if x != nil && len(x.WideCharLocation) > 0 {
		return x.LocationText()
	}
	return e.LocationText(cp)
}

// HasDates reports whether the ExtendedException of an exception with
// these flags carries dates, strings and ReservedBlockEE2.
func (f OverrideFlags) HasDates() bool { return f&(ARO_SUBJECT|ARO_LOCATION) != 0 }

// Parse decodes an AppointmentRecurrencePattern (PidLidAppointmentRecur).
//
// The input is copied once; every string and reserved block of the result
// points into that copy, so the result does not alias b.
func Parse(b []byte) (*AppointmentPattern, error) {
	ap := new(AppointmentPattern)
	if err := ap.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return ap, nil
}

// minimum encoded sizes, for the count guards
const (
	minExceptionInfo     = 14
	minExtendedException = 4
)

// UnmarshalBinary decodes b into ap; see Parse. It reuses ap's storage —
// the copy of the input, the date lists and the exception slices — so
// decoding many blobs into one value allocates nothing once the storage is
// large enough; the strings, blocks and lists of the previous result are
// overwritten. After an error ap's contents are unspecified.
func (ap *AppointmentPattern) UnmarshalBinary(b []byte) error {
	buf := append(ap.buf[:0], b...) // memmove: safe even if b points into ap.buf
	ap.buf = buf
	if !cursorOnly && ap.decodeFast(buf) {
		return nil
	}
	var r wire.Reader
	r.Reset(buf)
	v := AppointmentPattern{CodePage: ap.CodePage, buf: buf}
	if !readPattern(&r, &v.RecurrencePattern) {
		return r.Err()
	}
	rv2Off := r.Offset()
	v.ReaderVersion2 = r.U32("ReaderVersion2")
	v.WriterVersion2 = r.U32("WriterVersion2")
	if !r.OK() {
		return r.Err()
	}
	if v.ReaderVersion2 != ReaderVersion2 {
		r.FailAt("ReaderVersion2", rv2Off, ErrUnsupportedVersion, "ReaderVersion2 "+sv.Hex(uint64(v.ReaderVersion2), 8)+" is not 0x00003006")
		return r.Err()
	}
	if v.WriterVersion2 < WriterVersion2Min {
		r.FailAt("WriterVersion2", rv2Off+4, ErrUnsupportedVersion, "WriterVersion2 "+sv.Hex(uint64(v.WriterVersion2), 8)+" is below 0x00003006")
		return r.Err()
	}
	v.StartTimeOffset = r.U32("StartTimeOffset")
	v.EndTimeOffset = r.U32("EndTimeOffset")
	ecOff := r.Offset()
	v.ExceptionCount = r.U16("ExceptionCount")
	n, ok := r.Count("ExceptionInfo", ecOff, uint64(v.ExceptionCount), minExceptionInfo+minExtendedException)
	if !ok {
		return r.Err()
	}
	if n > 0 {
		if cap(ap.ExceptionInfo) >= n && cap(ap.ExtendedException) >= n {
			v.ExceptionInfo, v.ExtendedException = ap.ExceptionInfo[:n], ap.ExtendedException[:n]
		} else {
			v.ExceptionInfo = make([]ExceptionInfo, n)
			v.ExtendedException = make([]ExtendedException, n)
		}
	}
	for i := range v.ExceptionInfo {
		r.Enter("ExceptionInfo", i)
		if !readExceptionInfo(&r, &v.ExceptionInfo[i]) {
			return r.Err()
		}
		r.Leave()
	}
	v.ReservedBlock1Size, v.ReservedBlock1 = readBlock(&r, "ReservedBlock1Size", "ReservedBlock1")
	highlight := v.WriterVersion2 >= ChangeHighlightVersion
	for i := range v.ExtendedException {
		r.Enter("ExtendedException", i)
		if !readExtendedException(&r, &v.ExtendedException[i], v.ExceptionInfo[i].OverrideFlags, highlight) {
			return r.Err()
		}
		r.Leave()
	}
	v.ReservedBlock2Size, v.ReservedBlock2 = readBlock(&r, "ReservedBlock2Size", "ReservedBlock2")
	if !r.OK() {
		return r.Err()
	}
	if r.Len() > 0 {
		v.Trailing = r.Rest()
	}
	*ap = v
	return nil
}

// decodeFast decodes a well-formed blob without the cursor, into ap
// directly, reusing its storage. It reports false whenever anything would
// fail; the cursor path then decodes from the start and names the problem.
func (ap *AppointmentPattern) decodeFast(b []byte) bool {
	p := &ap.RecurrencePattern
	dates := p.dates
	*p = Pattern{dates: dates}
	n, ok := decodePattern(b, p)
	if !ok || len(b)-n < 18 {
		return false
	}
	rest := b[n:]
	ap.ReaderVersion2, ap.WriterVersion2 = le32(rest), le32(rest[4:])
	if ap.ReaderVersion2 != ReaderVersion2 || ap.WriterVersion2 < WriterVersion2Min {
		return false
	}
	ap.StartTimeOffset, ap.EndTimeOffset = le32(rest[8:]), le32(rest[12:])
	count := int(le16(rest[16:]))
	rest = rest[18:]
	if count > len(rest)/(minExceptionInfo+minExtendedException) {
		return false
	}
	ap.ExceptionCount = uint16(count)
	if count == 0 {
		ap.ExceptionInfo, ap.ExtendedException = ap.ExceptionInfo[:0], ap.ExtendedException[:0]
	} else if cap(ap.ExceptionInfo) >= count && cap(ap.ExtendedException) >= count {
		ap.ExceptionInfo, ap.ExtendedException = ap.ExceptionInfo[:count], ap.ExtendedException[:count]
	} else {
		ap.ExceptionInfo, ap.ExtendedException = make([]ExceptionInfo, count), make([]ExtendedException, count)
	}
	for i := range ap.ExceptionInfo {
		m, ok := decodeExceptionInfo(rest, &ap.ExceptionInfo[i])
		if !ok {
			return false
		}
		rest = rest[m:]
	}
	block := func(size *uint32, dst *HexBytes) bool {
		if len(rest) < 4 {
			return false
		}
		*size = le32(rest)
		rest = rest[4:]
		if uint64(*size) > uint64(len(rest)) {
			return false
		}
		*dst = nil
		if m := int(*size); m > 0 {
			*dst = rest[:m:m]
			rest = rest[m:]
		}
		return true
	}
	if !block(&ap.ReservedBlock1Size, &ap.ReservedBlock1) {
		return false
	}
	highlight := ap.WriterVersion2 >= ChangeHighlightVersion
	for i := range ap.ExtendedException {
		m, ok := decodeExtendedException(rest, &ap.ExtendedException[i], ap.ExceptionInfo[i].OverrideFlags, highlight)
		if !ok {
			return false
		}
		rest = rest[m:]
	}
	if !block(&ap.ReservedBlock2Size, &ap.ReservedBlock2) {
		return false
	}
	ap.Trailing = nil
	if len(rest) > 0 {
		ap.Trailing = rest
	}
	return true
}

func readBlock(r *wire.Reader, sizeName, name string) (uint32, HexBytes) {
	size := r.U32(sizeName)
	if !r.OK() {
		return 0, nil
	}
	if uint64(size) > uint64(r.Len()) {
		r.Fail(name, ErrTruncated, "need "+itoa(int(size))+" bytes, "+itoa(r.Len())+" left")
		return 0, nil
	}
	if size == 0 {
		return 0, nil
	}
	return size, r.Bytes(name, int(size))
}

func le16(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }
func le32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// decodeExceptionInfo decodes one ExceptionInfo from the start of b without
// the cursor, returning the bytes used, or ok false when b is too short (the
// cursor path then reports where).
func decodeExceptionInfo(b []byte, e *ExceptionInfo) (n int, ok bool) {
	if len(b) < 14 {
		return 0, false
	}
	*e = ExceptionInfo{
		StartDateTime: Minutes(le32(b[0:])), EndDateTime: Minutes(le32(b[4:])),
		OriginalStartDate: Minutes(le32(b[8:])), OverrideFlags: OverrideFlags(le16(b[12:])),
	}
	f := e.OverrideFlags
	n = 14
	u32 := func(dst *uint32) bool {
		if len(b) < n+4 {
			return false
		}
		*dst = le32(b[n:])
		n += 4
		return true
	}
	str := func(l1, l2 *uint16, s *[]byte) bool {
		if len(b) < n+4 {
			return false
		}
		*l1, *l2 = le16(b[n:]), le16(b[n+2:])
		n += 4
		m := int(*l2)
		if len(b) < n+m {
			return false
		}
		*s = b[n : n+m : n+m]
		n += m
		return true
	}
	if f&ARO_SUBJECT != 0 && !str(&e.SubjectLength, &e.SubjectLength2, &e.Subject) ||
		f&ARO_MEETINGTYPE != 0 && !u32(&e.MeetingType) ||
		f&ARO_REMINDERDELTA != 0 && !u32(&e.ReminderDelta) ||
		f&ARO_REMINDER != 0 && !u32(&e.ReminderSet) ||
		f&ARO_LOCATION != 0 && !str(&e.LocationLength, &e.LocationLength2, &e.Location) ||
		f&ARO_BUSYSTATUS != 0 && !u32(&e.BusyStatus) ||
		f&ARO_ATTACHMENT != 0 && !u32(&e.Attachment) ||
		f&ARO_SUBTYPE != 0 && !u32(&e.SubType) ||
		f&ARO_APPTCOLOR != 0 && !u32(&e.AppointmentColor) {
		return 0, false
	}
	return n, true
}

// decodeExtendedException is the cursor-free path of readExtendedException.
func decodeExtendedException(b []byte, x *ExtendedException, f OverrideFlags, highlight bool) (n int, ok bool) {
	*x = ExtendedException{}
	block := func(size *uint32, dst *HexBytes) bool {
		if len(b) < n+4 {
			return false
		}
		*size = le32(b[n:])
		n += 4
		if uint64(*size) > uint64(len(b)-n) {
			return false
		}
		if m := int(*size); m > 0 {
			*dst = b[n : n+m : n+m]
			n += m
		}
		return true
	}
	if highlight {
		if len(b) < 8 {
			return 0, false
		}
		size := le32(b)
		if size < 4 || uint64(size) > uint64(len(b)-4) {
			return 0, false
		}
		x.ChangeHighlight.ChangeHighlightSize = size
		x.ChangeHighlight.ChangeHighlightValue = le32(b[4:])
		n = 8
		if m := int(size - 4); m > 0 {
			x.ChangeHighlight.Reserved = b[n : n+m : n+m]
			n += m
		}
	}
	if !block(&x.ReservedBlockEE1Size, &x.ReservedBlockEE1) {
		return 0, false
	}
	if !f.HasDates() {
		return n, true
	}
	if len(b) < n+12 {
		return 0, false
	}
	x.StartDateTime, x.EndDateTime, x.OriginalStartDate = Minutes(le32(b[n:])), Minutes(le32(b[n+4:])), Minutes(le32(b[n+8:]))
	n += 12
	wide := func(l *uint16, s *[]byte) bool {
		if len(b) < n+2 {
			return false
		}
		*l = le16(b[n:])
		n += 2
		m := 2 * int(*l)
		if len(b) < n+m {
			return false
		}
		*s = b[n : n+m : n+m]
		n += m
		return true
	}
	if f&ARO_SUBJECT != 0 && !wide(&x.WideCharSubjectLength, &x.WideCharSubject) ||
		f&ARO_LOCATION != 0 && !wide(&x.WideCharLocationLength, &x.WideCharLocation) ||
		!block(&x.ReservedBlockEE2Size, &x.ReservedBlockEE2) {
		return 0, false
	}
	return n, true
}

func readExceptionInfo(r *wire.Reader, e *ExceptionInfo) bool {
	if !cursorOnly {
		if n, ok := decodeExceptionInfo(r.Peek(), e); ok {
			r.Skip(n)
			return true
		}
	}
	*e = ExceptionInfo{}
	if r.Len() >= 14 {
		b := r.Bytes("", 14)
		e.StartDateTime = Minutes(binary.LittleEndian.Uint32(b[0:]))
		e.EndDateTime = Minutes(binary.LittleEndian.Uint32(b[4:]))
		e.OriginalStartDate = Minutes(binary.LittleEndian.Uint32(b[8:]))
		e.OverrideFlags = OverrideFlags(binary.LittleEndian.Uint16(b[12:]))
	} else {
		e.StartDateTime = Minutes(r.U32("StartDateTime"))
		e.EndDateTime = Minutes(r.U32("EndDateTime"))
		e.OriginalStartDate = Minutes(r.U32("OriginalStartDate"))
		e.OverrideFlags = OverrideFlags(r.U16("OverrideFlags"))
	}
	f := e.OverrideFlags
	if f&ARO_SUBJECT != 0 {
		e.SubjectLength = r.U16("SubjectLength")
		e.SubjectLength2 = r.U16("SubjectLength2")
		e.Subject = r.String8("Subject", int(e.SubjectLength2))
	}
	if f&ARO_MEETINGTYPE != 0 {
		e.MeetingType = r.U32("MeetingType")
	}
	if f&ARO_REMINDERDELTA != 0 {
		e.ReminderDelta = r.U32("ReminderDelta")
	}
	if f&ARO_REMINDER != 0 {
		e.ReminderSet = r.U32("ReminderSet")
	}
	if f&ARO_LOCATION != 0 {
		e.LocationLength = r.U16("LocationLength")
		e.LocationLength2 = r.U16("LocationLength2")
		e.Location = r.String8("Location", int(e.LocationLength2))
	}
	if f&ARO_BUSYSTATUS != 0 {
		e.BusyStatus = r.U32("BusyStatus")
	}
	if f&ARO_ATTACHMENT != 0 {
		e.Attachment = r.U32("Attachment")
	}
	if f&ARO_SUBTYPE != 0 {
		e.SubType = r.U32("SubType")
	}
	if f&ARO_APPTCOLOR != 0 {
		e.AppointmentColor = r.U32("AppointmentColor")
	}
	return r.OK()
}

func readExtendedException(r *wire.Reader, x *ExtendedException, f OverrideFlags, highlight bool) bool {
	if !cursorOnly {
		if n, ok := decodeExtendedException(r.Peek(), x, f, highlight); ok {
			r.Skip(n)
			return true
		}
	}
	*x = ExtendedException{}
	if highlight {
		off := r.Offset()
		x.ChangeHighlight.ChangeHighlightSize = r.U32("ChangeHighlight.ChangeHighlightSize")
		if !r.OK() {
			return false
		}
		size := x.ChangeHighlight.ChangeHighlightSize
		if size < 4 {
			return r.FailAt("ChangeHighlight.ChangeHighlightSize", off, ErrInvalid,
				"ChangeHighlightSize "+itoa(int(size))+" is less than the 4 bytes of ChangeHighlightValue")
		}
		if uint64(size) > uint64(r.Len()) {
			return r.Fail("ChangeHighlight.ChangeHighlightValue", ErrTruncated, "need "+itoa(int(size))+" bytes, "+itoa(r.Len())+" left")
		}
		x.ChangeHighlight.ChangeHighlightValue = r.U32("ChangeHighlight.ChangeHighlightValue")
		if size > 4 {
			x.ChangeHighlight.Reserved = r.Bytes("ChangeHighlight.Reserved", int(size-4))
		}
	}
	x.ReservedBlockEE1Size, x.ReservedBlockEE1 = readBlock(r, "ReservedBlockEE1Size", "ReservedBlockEE1")
	if f.HasDates() {
		x.StartDateTime = Minutes(r.U32("StartDateTime"))
		x.EndDateTime = Minutes(r.U32("EndDateTime"))
		x.OriginalStartDate = Minutes(r.U32("OriginalStartDate"))
		if f&ARO_SUBJECT != 0 {
			x.WideCharSubjectLength = r.U16("WideCharSubjectLength")
			x.WideCharSubject = r.UTF16("WideCharSubject", int(x.WideCharSubjectLength))
		}
		if f&ARO_LOCATION != 0 {
			x.WideCharLocationLength = r.U16("WideCharLocationLength")
			x.WideCharLocation = r.UTF16("WideCharLocation", int(x.WideCharLocationLength))
		}
		x.ReservedBlockEE2Size, x.ReservedBlockEE2 = readBlock(r, "ReservedBlockEE2Size", "ReservedBlockEE2")
	}
	return r.OK()
}

// Size is the encoded length of ap.
func (ap *AppointmentPattern) Size() int {
	n := ap.RecurrencePattern.Size() + 18 + len(ap.ReservedBlock1) + 4 + len(ap.ReservedBlock2) + 4 + len(ap.Trailing)
	for i := range ap.ExceptionInfo {
		e := &ap.ExceptionInfo[i]
		n += 14 + 4*bits(e.OverrideFlags&(ARO_MEETINGTYPE|ARO_REMINDERDELTA|ARO_REMINDER|ARO_BUSYSTATUS|ARO_ATTACHMENT|ARO_SUBTYPE|ARO_APPTCOLOR))
		if e.OverrideFlags&ARO_SUBJECT != 0 {
			n += 4 + len(e.Subject)
		}
		if e.OverrideFlags&ARO_LOCATION != 0 {
			n += 4 + len(e.Location)
		}
	}
	for i := range ap.ExtendedException {
		x := &ap.ExtendedException[i]
		if ap.WriterVersion2 >= ChangeHighlightVersion {
			n += 8 + len(x.ChangeHighlight.Reserved)
		}
		n += 4 + len(x.ReservedBlockEE1)
		if i < len(ap.ExceptionInfo) && ap.ExceptionInfo[i].OverrideFlags.HasDates() {
			f := ap.ExceptionInfo[i].OverrideFlags
			n += 12 + 4 + len(x.ReservedBlockEE2)
			if f&ARO_SUBJECT != 0 {
				n += 2 + len(x.WideCharSubject)
			}
			if f&ARO_LOCATION != 0 {
				n += 2 + len(x.WideCharLocation)
			}
		}
	}
	return n
}

func bits(f OverrideFlags) int {
	n := 0
	for ; f != 0; f &= f - 1 {
		n++
	}
	return n
}

// MarshalBinary encodes ap.
func (ap *AppointmentPattern) MarshalBinary() ([]byte, error) {
	return ap.AppendBinary(make([]byte, 0, ap.Size()))
}

// AppendBinary appends the encoding of ap to b. Counts and sizes are
// computed from the slices, except SubjectLength and LocationLength, which
// are written as stored (use SetSubject/SetLocation to keep them right).
func (ap *AppointmentPattern) AppendBinary(b []byte) ([]byte, error) {
	if len(ap.ExtendedException) != len(ap.ExceptionInfo) {
		return nil, &DecodeError{Path: "ExtendedException", Err: ErrInvalid,
			Detail: "there must be one ExtendedException per ExceptionInfo (" + itoa(len(ap.ExtendedException)) + " vs " + itoa(len(ap.ExceptionInfo)) + ")"}
	}
	if len(ap.ExceptionInfo) > 0xFFFF {
		return nil, &DecodeError{Path: "ExceptionCount", Err: ErrInvalid, Detail: "more than 65535 exceptions"}
	}
	b, err := ap.RecurrencePattern.appendPattern(b)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU32(b, ap.ReaderVersion2)
	b = wire.AppendU32(b, ap.WriterVersion2)
	b = wire.AppendU32(b, ap.StartTimeOffset)
	b = wire.AppendU32(b, ap.EndTimeOffset)
	b = wire.AppendU16(b, uint16(len(ap.ExceptionInfo)))
	for i := range ap.ExceptionInfo {
		b = ap.ExceptionInfo[i].appendTo(b)
	}
	b = wire.AppendU32(b, uint32(len(ap.ReservedBlock1)))
	b = append(b, ap.ReservedBlock1...)
	for i := range ap.ExtendedException {
		b = ap.ExtendedException[i].appendTo(b, ap.ExceptionInfo[i].OverrideFlags, ap.WriterVersion2 >= ChangeHighlightVersion)
	}
	b = wire.AppendU32(b, uint32(len(ap.ReservedBlock2)))
	b = append(b, ap.ReservedBlock2...)
	return append(b, ap.Trailing...), nil
}

func (e *ExceptionInfo) appendTo(b []byte) []byte {
	b = wire.AppendU32(b, uint32(e.StartDateTime))
	b = wire.AppendU32(b, uint32(e.EndDateTime))
	b = wire.AppendU32(b, uint32(e.OriginalStartDate))
	b = wire.AppendU16(b, uint16(e.OverrideFlags))
	f := e.OverrideFlags
	if f&ARO_SUBJECT != 0 {
		b = wire.AppendU16(b, e.SubjectLength)
		b = wire.AppendU16(b, uint16(len(e.Subject)))
		b = append(b, e.Subject...)
	}
	if f&ARO_MEETINGTYPE != 0 {
		b = wire.AppendU32(b, e.MeetingType)
	}
	if f&ARO_REMINDERDELTA != 0 {
		b = wire.AppendU32(b, e.ReminderDelta)
	}
	if f&ARO_REMINDER != 0 {
		b = wire.AppendU32(b, e.ReminderSet)
	}
	if f&ARO_LOCATION != 0 {
		b = wire.AppendU16(b, e.LocationLength)
		b = wire.AppendU16(b, uint16(len(e.Location)))
		b = append(b, e.Location...)
	}
	if f&ARO_BUSYSTATUS != 0 {
		b = wire.AppendU32(b, e.BusyStatus)
	}
	if f&ARO_ATTACHMENT != 0 {
		b = wire.AppendU32(b, e.Attachment)
	}
	if f&ARO_SUBTYPE != 0 {
		b = wire.AppendU32(b, e.SubType)
	}
	if f&ARO_APPTCOLOR != 0 {
		b = wire.AppendU32(b, e.AppointmentColor)
	}
	return b
}

func (x *ExtendedException) appendTo(b []byte, f OverrideFlags, highlight bool) []byte {
	if highlight {
		b = wire.AppendU32(b, uint32(4+len(x.ChangeHighlight.Reserved)))
		b = wire.AppendU32(b, x.ChangeHighlight.ChangeHighlightValue)
		b = append(b, x.ChangeHighlight.Reserved...)
	}
	b = wire.AppendU32(b, uint32(len(x.ReservedBlockEE1)))
	b = append(b, x.ReservedBlockEE1...)
	if f.HasDates() {
		b = wire.AppendU32(b, uint32(x.StartDateTime))
		b = wire.AppendU32(b, uint32(x.EndDateTime))
		b = wire.AppendU32(b, uint32(x.OriginalStartDate))
		if f&ARO_SUBJECT != 0 {
			b = wire.AppendU16(b, uint16(len(x.WideCharSubject)/2))
			b = append(b, x.WideCharSubject[:len(x.WideCharSubject)&^1]...)
		}
		if f&ARO_LOCATION != 0 {
			b = wire.AppendU16(b, uint16(len(x.WideCharLocation)/2))
			b = append(b, x.WideCharLocation[:len(x.WideCharLocation)&^1]...)
		}
		b = wire.AppendU32(b, uint32(len(x.ReservedBlockEE2)))
		b = append(b, x.ReservedBlockEE2...)
	}
	return b
}

// IsAppointmentPattern reports whether b holds a RecurrencePattern followed
// by the ReaderVersion2 of an AppointmentRecurrencePattern, which is how a
// PidLidAppointmentRecur value differs from a task's PidLidTaskRecurrence.
func IsAppointmentPattern(b []byte) bool {
	var r wire.Reader
	r.Reset(b)
	var p Pattern
	if !readPatternNoAlloc(&r, &p) {
		return false
	}
	return r.Len() >= 4 && r.U32("") == ReaderVersion2
}

// readPatternNoAlloc walks a pattern without building its date lists.
func readPatternNoAlloc(r *wire.Reader, p *Pattern) bool {
	p.ReaderVersion = r.U16("ReaderVersion")
	p.WriterVersion = r.U16("WriterVersion")
	r.U16("RecurFrequency")
	p.PatternType = PatternType(r.U16("PatternType"))
	r.Bytes("", 14)
	n := p.PatternType.specificSize()
	if !r.OK() || n < 0 || p.ReaderVersion != PatternVersion {
		return false
	}
	r.Bytes("", n+12)
	d := r.U32("")
	if uint64(d)*4 > uint64(r.Len()) {
		return false
	}
	r.Bytes("", int(d)*4)
	m := r.U32("")
	if uint64(m)*4 > uint64(r.Len()) {
		return false
	}
	r.Bytes("", int(m)*4+8)
	return r.OK()
}

func decode8(cp CodePage, b []byte) string { return cp.Decode(b) }
