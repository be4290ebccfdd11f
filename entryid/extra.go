package entryid

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/mfc"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// ConversationIndex is PidTagConversationIndex ([MS-OXOMSG] 2.2.1.3): a
// 22-byte header block (a reserved byte and the high 40 bits of a FILETIME,
// then a GUID) and 5-byte response levels.
type ConversationIndex struct {
	base
	// HasHeader is false when the bytes are fewer than the header's 22.
	HasHeader bool `json:"-"`
	// FileTime is the header's time: its first six bytes, big-endian, as
	// the high 48 bits of a FILETIME (the reserved byte is its top byte).
	HighDateTime uint32          `json:"HighDateTime"`
	LowDateTime  uint16          `json:"LowDateTime"`
	GUID         guid.GUID       `json:"GUID"`
	Responses    []ResponseLevel `json:"ResponseLevels"`
}

// ResponseLevel is one response level block.
type ResponseLevel struct {
	DeltaCode bool   `json:"DeltaCode"` // DC: TimeDelta counts 2^23 rather than 2^18 100-ns units
	TimeDelta uint32 `json:"TimeDelta"` // the 31-bit time difference
	Random    uint8  `json:"Random"`    // the 4-bit random number
	Level     uint8  `json:"ResponseLevel"`
}

// FileTime is the header's FILETIME.
func (ci *ConversationIndex) FileTime() uint64 {
	return uint64(ci.HighDateTime)<<32 | uint64(ci.LowDateTime)<<16
}

// FileTime is the response's time: the header's plus the delta.
func (r ResponseLevel) FileTime(header uint64) uint64 {
	if r.DeltaCode {
		return header + uint64(r.TimeDelta)<<23
	}
	return header + uint64(r.TimeDelta)<<18
}

// ParseConversationIndex decodes a conversation index; bytes that make no
// whole block are left in TrailingBytes.
func ParseConversationIndex(b []byte) (*ConversationIndex, error) {
	all := bytes.Clone(b)
	c := wire.NewCursor(all)
	ci := &ConversationIndex{}
	if h, ok := c.Fixed(22); ok {
		ci.HasHeader = true
		ci.HighDateTime = be32(h)
		ci.LowDateTime = uint16(h[4])<<8 | uint16(h[5])
		ci.GUID = guid.GUID(h[6:22])
		for c.Len() >= 5 {
			p, _ := c.Fixed(5)
			v := be32(p)
			ci.Responses = append(ci.Responses, ResponseLevel{DeltaCode: v&0x80000000 != 0, TimeDelta: v & 0x7FFFFFFF,
				Random: p[4] >> 4, Level: p[4] & 0x0F})
		}
	}
	ci.Finish(all, &c)
	return ci, nil
}

func be32(p []byte) uint32 {
	return uint32(p[0])<<24 | uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3])
}

// Kind is blob.KindConversationIndex.
func (ci *ConversationIndex) Kind() blob.Kind { return blob.KindConversationIndex }

// Check reports a missing header, a reserved byte other than 1 and bytes
// that make no response level.
func (ci *ConversationIndex) Check() []blob.Finding {
	var out []blob.Finding
	if !ci.HasHeader {
		return []blob.Finding{{Code: "CONVINDEX_SHORT", Severity: blob.Error, Path: "Header",
			Message: "the conversation index is shorter than its 22-byte header; Outlook cannot thread the message"}}
	}
	if ci.HighDateTime>>24 != 1 {
		out = append(out, blob.Finding{Code: "CONVINDEX_RESERVED", Severity: blob.Warning, Path: "Header.Reserved",
			Message: "the header's first byte is " + mfc.X(uint64(ci.HighDateTime>>24), 2) + ", not 0x01 ([MS-OXOMSG] 2.2.1.3)"})
	}
	return append(out, wire.TrailingFinding("CONVINDEX_TRAILING_BYTES", ci.Trailing)...)
}

// SmartView renders ci as MFCMAPI does ("Conversation Index").
func (ci *ConversationIndex) SmartView() string {
	var w sv.Writer
	w.Line(0, "Conversation Index")
	if ci.HasHeader {
		// MFCMAPI puts the header's low 16 bits at the bottom of the
		// FILETIME's low half rather than at its top; its times count from
		// that value.
		ft := uint64(ci.HighDateTime)<<32 | uint64(ci.LowDateTime)
		w.Line(1, "Current FILETIME: ", sv.FileTimeText(ft))
		w.Line(2, "LowDateTime = ", mfc.X(uint64(ci.LowDateTime), 4))
		w.Line(2, "HighDateTime = ", mfc.X(uint64(ci.HighDateTime), 8))
		w.Line(1, "GUID = ", ci.GUID.String())
		for i, r := range ci.Responses {
			w.Line(1, "ResponseLevel[", strconv.Itoa(i), "]")
			dc := "0"
			if r.DeltaCode {
				dc = "1"
			}
			w.Line(2, "DeltaCode = ", dc)
			w.Line(2, "Time = ", sv.FileTimeText(r.FileTime(ft)))
			w.Line(3, "TimeDelta = ", mfc.X(uint64(r.TimeDelta), 8), " = ", strconv.FormatUint(uint64(r.TimeDelta), 10))
			w.Line(2, "Random = ", mfc.X(uint64(r.Random), 2), " = ", strconv.Itoa(int(r.Random)))
			w.Line(2, "ResponseLevel = ", mfc.X(uint64(r.Level), 2), " = ", strconv.Itoa(int(r.Level)))
		}
	}
	w.Unparsed(1, ci.Trailing)
	return w.String()
}

// Text is the SmartView text.
func (ci *ConversationIndex) Text() string { return ci.SmartView() }

// Report tag versions ([MS-OXOMSG]).
const (
	ReportTagCurrentVersion        = 0x00020001 // with a search folder entry ID
	ReportTagNoSearchFolderVersion = 0x00010001 // without
)

// ReportTag is PidTagReportTag ([MS-OXOMSG]).
type ReportTag struct {
	base
	Cookie                  blob.HexBytes `json:"Cookie"` // "PCDFEB09\0"
	Version                 uint32        `json:"Version"`
	StoreEntryIDSize        uint32        `json:"StoreEntryIdSize"`
	StoreEntryID            *EntryID      `json:"StoreEntryId,omitempty"`
	FolderEntryIDSize       uint32        `json:"FolderEntryIdSize"`
	FolderEntryID           *EntryID      `json:"FolderEntryId,omitempty"`
	MessageEntryIDSize      uint32        `json:"MessageEntryIdSize"`
	MessageEntryID          *EntryID      `json:"MessageEntryId,omitempty"`
	SearchFolderEntryIDSize uint32        `json:"SearchFolderEntryIdSize"`
	SearchFolderEntryID     *EntryID      `json:"SearchFolderEntryId,omitempty"`
	MessageSearchKeySize    uint32        `json:"MessageSearchKeySize"`
	MessageSearchKey        blob.HexBytes `json:"MessageSearchKey"`
	AnsiTextSize            uint32        `json:"cchAnsiText"`
	AnsiText                string        `json:"AnsiText"`

	fields int // how many of the fields after Version were read
}

// ParseReportTag decodes PidTagReportTag; it fails when the cookie and
// version do not fit, and leaves later fields that do not fit out.
func ParseReportTag(b []byte) (*ReportTag, error) {
	all := bytes.Clone(b)
	c := wire.NewCursor(all)
	r := &ReportTag{}
	var ck []byte
	if !c.Bytes(&ck, 9) {
		return nil, c.Truncated("Cookie", 9)
	}
	r.Cookie = ck
	if !c.U32(&r.Version) {
		return nil, c.Truncated("Version", 4)
	}
	sized := func(n *uint32, e **EntryID) bool {
		if !c.U32(n) {
			return false
		}
		r.fields++
		if *n > 0 {
			*e = subEntryID(&c, *n)
		}
		return true
	}
	if !sized(&r.StoreEntryIDSize, &r.StoreEntryID) || !sized(&r.FolderEntryIDSize, &r.FolderEntryID) ||
		!sized(&r.MessageEntryIDSize, &r.MessageEntryID) {
		r.Finish(all, &c)
		return r, nil
	}
	if r.Version != ReportTagNoSearchFolderVersion && !sized(&r.SearchFolderEntryIDSize, &r.SearchFolderEntryID) {
		r.Finish(all, &c)
		return r, nil
	}
	if !c.U32(&r.MessageSearchKeySize) {
		r.Finish(all, &c)
		return r, nil
	}
	r.fields++
	if r.MessageSearchKeySize > 0 {
		var k []byte
		n := min(uint64(r.MessageSearchKeySize), uint64(c.Len()))
		c.Bytes(&k, int(n))
		r.MessageSearchKey = k
	}
	if !c.U32(&r.AnsiTextSize) {
		r.Finish(all, &c)
		return r, nil
	}
	r.fields++
	if r.AnsiTextSize > 0 {
		var t []byte
		n := min(uint64(r.AnsiTextSize), uint64(c.Len()))
		c.Bytes(&t, int(n))
		if i := bytes.IndexByte(t, 0); i >= 0 {
			t = t[:i]
		}
		r.AnsiText = mfc.Text8(t)
	}
	r.Finish(all, &c)
	return r, nil
}

// Kind is blob.KindReportTag.
func (r *ReportTag) Kind() blob.Kind { return blob.KindReportTag }

// Check reports a cookie other than "PCDFEB09" and bytes after the tag.
func (r *ReportTag) Check() []blob.Finding {
	var out []blob.Finding
	if string(r.Cookie) != ReportTagCookie {
		out = append(out, blob.Finding{Code: "REPORTTAG_COOKIE", Severity: blob.Error, Path: "Cookie",
			Message: "the cookie is not \"PCDFEB09\" ([MS-OXOMSG]); Outlook does not match the report to its message"})
	}
	return append(out, wire.TrailingFinding("REPORTTAG_TRAILING_BYTES", r.Trailing)...)
}

// SmartView renders r as MFCMAPI does ("Report Tag").
func (r *ReportTag) SmartView() string {
	var w sv.Writer
	w.Line(0, "Report Tag")
	bin(&w, 1, "Cookie", r.Cookie)
	w.Line(1, "Version = ", mfc.X(uint64(r.Version), 8), " = ", mfc.Flags("flagReportTagVersion", r.Version))
	n := r.fields
	eid := func(name string, size uint32, e *EntryID) {
		if n <= 0 {
			return
		}
		n--
		w.Line(1, name, "Size = ", mfc.X(uint64(size), 8))
		if e != nil {
			e.renderAs(&w, 1, name)
		}
	}
	eid("StoreEntryId", r.StoreEntryIDSize, r.StoreEntryID)
	eid("FolderEntryId", r.FolderEntryIDSize, r.FolderEntryID)
	eid("MessageEntryId", r.MessageEntryIDSize, r.MessageEntryID)
	if r.Version != ReportTagNoSearchFolderVersion {
		if n > 0 {
			n--
			w.Line(1, "SearchFolderEntryIdSize = ", mfc.X(uint64(r.SearchFolderEntryIDSize), 8))
			if r.SearchFolderEntryID != nil {
				r.SearchFolderEntryID.renderAs(&w, 1, "SearchFolderEntryID")
			}
		}
	}
	if n > 0 {
		n--
		w.Line(1, "MessageSearchKeySize = ", mfc.X(uint64(r.MessageSearchKeySize), 8))
		if len(r.MessageSearchKey) > 0 {
			bin(&w, 1, "MessageSearchKey", r.MessageSearchKey)
		}
	}
	if n > 0 {
		w.Line(1, "cchAnsiText = ", mfc.X(uint64(r.AnsiTextSize), 8))
		if r.AnsiTextSize > 0 {
			w.Line(1, "AnsiText = \"", r.AnsiText, "\"")
		}
	}
	w.Unparsed(1, r.Trailing)
	return w.String()
}

// Text is the SmartView text.
func (r *ReportTag) Text() string { return r.SmartView() }

// TaskAssigners is PidLidTaskAssigners ([MS-OXOTASK]): a count
// and that many TaskAssigner records.
type TaskAssigners struct {
	base
	Count     uint32         `json:"cAssigners"`
	Assigners []TaskAssigner `json:"TaskAssigners"`
}

// TaskAssigner is one record: its size, the assigner's entry ID and name in
// 8-bit and UTF-16 forms.
type TaskAssigner struct {
	Size            uint32        `json:"cbAssigner"`
	EntryIDSize     uint32        `json:"cbEntryID"`
	EntryID         blob.HexBytes `json:"lpEntryID"`
	DisplayName     string        `json:"szDisplayName"`
	DisplayNameW    string        `json:"wzDisplayName"`
	Unparsed        blob.HexBytes `json:"Unparsed,omitempty"`
	hasEntry, hasW8 bool
}

// ParseTaskAssigners decodes PidLidTaskAssigners; it fails when cAssigners
// promises more records than the bytes can hold.
func ParseTaskAssigners(b []byte) (*TaskAssigners, error) {
	all := bytes.Clone(b)
	c := wire.NewCursor(all)
	t := &TaskAssigners{}
	if !c.U32(&t.Count) {
		return nil, c.Truncated("cAssigners", 4)
	}
	if !c.Fits(uint64(t.Count), 4) {
		return nil, wire.CountTooLarge("cAssigners", 0, uint64(t.Count), 4, c.Len())
	}
	for i := uint32(0); i < t.Count && c.Len() >= 4; i++ {
		var a TaskAssigner
		c.U32(&a.Size)
		var rec []byte
		c.Bytes(&rec, int(min(uint64(a.Size), uint64(c.Len()))))
		rc := wire.NewCursor(rec)
		if rc.U32(&a.EntryIDSize) {
			var e []byte
			rc.Bytes(&e, int(min(uint64(a.EntryIDSize), uint64(rc.Len()))))
			a.EntryID, a.hasEntry = e, true
			a.DisplayName = mfc.Text8(mfc.CString(&rc))
			a.DisplayNameW = mfc.Text16(mfc.WString(&rc))
			a.hasW8 = true
		}
		if !rc.Empty() {
			a.Unparsed = rc.Rest()
		}
		t.Assigners = append(t.Assigners, a)
	}
	t.Finish(all, &c)
	return t, nil
}

// Kind is blob.KindTaskAssigners.
func (t *TaskAssigners) Kind() blob.Kind { return blob.KindTaskAssigners }

// Check reports fewer records than cAssigners and bytes after them.
func (t *TaskAssigners) Check() []blob.Finding {
	var out []blob.Finding
	if uint64(len(t.Assigners)) < uint64(t.Count) {
		out = append(out, blob.Finding{Code: "TASKASSIGNERS_COUNT", Severity: blob.Error, Path: "cAssigners",
			Message: "cAssigners says " + strconv.FormatUint(uint64(t.Count), 10) + " but " + strconv.Itoa(len(t.Assigners)) + " records fit"})
	}
	return append(out, wire.TrailingFinding("TASKASSIGNERS_TRAILING_BYTES", t.Trailing)...)
}

// SmartView renders t as MFCMAPI does ("Task Assigners").
func (t *TaskAssigners) SmartView() string {
	var w sv.Writer
	w.Line(0, "Task Assigners")
	w.Line(1, "cAssigners = ", mfc.X(uint64(t.Count), 8), " = ", strconv.FormatUint(uint64(t.Count), 10))
	for i, a := range t.Assigners {
		w.Line(1, "Task Assigner[", strconv.Itoa(i), "]")
		if a.hasEntry {
			w.Line(2, "cbEntryID = ", mfc.X(uint64(a.EntryIDSize), 8), " = ", strconv.FormatUint(uint64(a.EntryIDSize), 10))
			bin(&w, 2, "lpEntryID", a.EntryID)
			w.Line(2, "szDisplayName (ANSI) = ", a.DisplayName)
			w.Line(2, "szDisplayName (Unicode) = ", a.DisplayNameW)
		}
		w.Unparsed(2, a.Unparsed)
	}
	w.Unparsed(1, t.Trailing)
	return w.String()
}

// Text is the SmartView text.
func (t *TaskAssigners) Text() string { return t.SmartView() }

// Encoded is an entry ID in MFCMAPI's encoded form: each byte b as the
// UTF-16 code unit 0xAC00+b, so that an entry ID travels as text.
type Encoded struct {
	base
	EntryID blob.HexBytes `json:"EntryID"` // the entry ID's bytes
}

// ParseEncode reads b as an entry ID's bytes, to be shown encoded.
func ParseEncode(b []byte) (*Encoded, error) {
	return &Encoded{base: wire.RawOf(bytes.Clone(b)), EntryID: bytes.Clone(b)}, nil
}

// Kind is blob.KindEncodeEntryID.
func (e *Encoded) Kind() blob.Kind { return blob.KindEncodeEntryID }

// Check reports nothing: any bytes encode.
func (e *Encoded) Check() []blob.Finding { return nil }

// SmartView renders e as MFCMAPI does ("Encoded Entry ID").
func (e *Encoded) SmartView() string {
	var s strings.Builder
	for _, c := range e.EntryID {
		s.WriteRune(rune(0xAC00 + int(c)))
	}
	var w sv.Writer
	w.Line(0, "Encoded Entry ID")
	w.Line(1, s.String())
	return w.String()
}

// Text is the SmartView text.
func (e *Encoded) Text() string { return e.SmartView() }

// Decoded is the encoded form read back: the UTF-16 code units 0xAC00+b
// give the bytes b.
type Decoded struct {
	base
	EntryID blob.HexBytes `json:"EntryID"`
}

// ParseDecode reads b as UTF-16LE code units of the encoded form; a code
// unit outside 0xAC00–0xACFF is an error.
func ParseDecode(b []byte) (*Decoded, error) {
	all := bytes.Clone(b)
	c := wire.NewCursor(all)
	out := make([]byte, 0, len(b)/2)
	for c.Len() >= 2 {
		off := c.Offset()
		var u uint16
		c.U16(&u)
		if u < 0xAC00 || u > 0xACFF {
			return nil, wire.Invalid(wire.Path("EntryID", off/2, ""), off, "code unit "+mfc.X(uint64(u), 4)+" is not 0xAC00–0xACFF")
		}
		out = append(out, byte(u-0xAC00))
	}
	d := &Decoded{EntryID: out}
	d.Finish(all, &c)
	return d, nil
}

// Kind is blob.KindDecodeEntryID.
func (d *Decoded) Kind() blob.Kind { return blob.KindDecodeEntryID }

// Check reports an odd byte left over.
func (d *Decoded) Check() []blob.Finding {
	return wire.TrailingFinding("DECODEENTRYID_TRAILING_BYTES", d.Trailing)
}

// SmartView renders d as MFCMAPI does ("Decoded Entry ID").
func (d *Decoded) SmartView() string {
	var w sv.Writer
	w.Line(0, "Decoded Entry ID")
	w.Line(1, sv.Bytes(d.EntryID))
	w.Unparsed(1, d.Trailing)
	return w.String()
}

// Text is the SmartView text.
func (d *Decoded) Text() string { return d.SmartView() }

// MarshalBinary encodes ci from its fields.
func (ci *ConversationIndex) MarshalBinary() ([]byte, error) { return ci.AppendBinary(nil) }

// AppendBinary appends the encoding of ci: the header block, each response
// level (TimeDelta's top bit is dropped, it has 31), then any trailing bytes.
func (ci *ConversationIndex) AppendBinary(b []byte) ([]byte, error) {
	if ci.HasHeader {
		h := ci.HighDateTime
		b = append(b, byte(h>>24), byte(h>>16), byte(h>>8), byte(h), byte(ci.LowDateTime>>8), byte(ci.LowDateTime))
		b = append(b, ci.GUID[:]...)
		for _, r := range ci.Responses {
			v := r.TimeDelta & 0x7FFFFFFF
			if r.DeltaCode {
				v |= 0x80000000
			}
			b = append(b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v), r.Random<<4|r.Level&0x0F)
		}
	}
	return append(b, ci.Trailing...), nil
}

// ReportTagCookie is the cookie a report tag starts with.
const ReportTagCookie = "PCDFEB09\x00"

// IsReportTag reports whether b starts with the report tag's cookie: the
// signature a detector can trust.
func IsReportTag(b []byte) bool {
	return len(b) >= len(ReportTagCookie) && string(b[:len(ReportTagCookie)]) == ReportTagCookie
}
