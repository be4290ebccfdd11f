// Package syncstate reads, checks and explains the structures Exchange
// keeps to track changes and deletions: the XID and the
// PredecessorChangeList of [MS-OXCFXICS] 2.2.2.2 and 2.2.2.3 (PidTagChangeKey,
// PidTagPredecessorChangeList), and the free/busy tombstone list of
// PidTagScheduleInfoAppointmentTombstone ([MS-OXOCAL] 2.2.12.5).
//
// Each structure decodes as MFCMAPI's SmartView pane reads it: bytes that do
// not fit are left over (TrailingBytes) rather than refused wherever MFCMAPI
// shows them as "Unparsed data", so that MarshalBinary gives the input back:
// XIDs and predecessor change lists encode from their fields, a tombstone
// list gives back the bytes it was decoded from.
package syncstate

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/goid"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/mfc"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// base is what every value of this package keeps: the bytes it was read
// from, split into what the structure took and what was left after it.
type base = wire.Raw

// XID is [MS-OXCFXICS] 2.2.2.2: a namespace GUID and a local id of 1 to 8
// bytes (the rest of the value).
type XID struct {
	base
	NamespaceGUID guid.GUID     `json:"NamespaceGuid"`
	LocalID       blob.HexBytes `json:"LocalId"`
}

// ParseXID decodes an XID; it fails when the bytes are fewer than the GUID.
func ParseXID(b []byte) (*XID, error) {
	all := bytes.Clone(b)
	c := wire.NewCursor(all)
	x := &XID{}
	g, ok := c.Fixed(16)
	if !ok {
		return nil, c.Truncated("NamespaceGuid", 16)
	}
	x.NamespaceGUID = guid.GUID(g)
	x.LocalID = c.Rest()
	x.Finish(all, &c)
	return x, nil
}

// Kind is blob.KindXID.
func (x *XID) Kind() blob.Kind { return blob.KindXID }

// Check reports a LocalId outside the 1 to 8 bytes [MS-OXCFXICS] 2.2.2.2
// allows.
func (x *XID) Check() []blob.Finding {
	if n := len(x.LocalID); n < 1 || n > 8 {
		return []blob.Finding{{Code: "XID_LOCALID_SIZE", Severity: blob.Error, Path: "LocalId",
			Message: "the LocalId is " + strconv.Itoa(n) + " bytes, not 1 to 8 ([MS-OXCFXICS] 2.2.2.2); Exchange cannot compare the change"}}
	}
	return nil
}

// SmartView renders x as MFCMAPI does ("XID").
func (x *XID) SmartView() string {
	var w sv.Writer
	w.Line(0, "XID")
	w.Line(1, "NamespaceGuid = ", x.NamespaceGUID.String())
	w.Line(1, "LocalId = ", sv.Bytes(x.LocalID))
	return w.String()
}

// Text is the SmartView text.
func (x *XID) Text() string { return x.SmartView() }

// PCL is a PredecessorChangeList ([MS-OXCFXICS] 2.2.2.3): SizedXid
// records, each a size byte and an XID of that size.
type PCL struct {
	base
	XIDs []SizedXID `json:"SizedXids"`
}

// SizedXID is one SizedXid.
type SizedXID struct {
	XIDSize       uint8         `json:"XidSize"`
	NamespaceGUID guid.GUID     `json:"NamespaceGuid"`
	LocalID       blob.HexBytes `json:"LocalId"`
}

// ParsePCL decodes a PredecessorChangeList; a record whose size is below
// 16 or passes the end is left in TrailingBytes.
func ParsePCL(b []byte) (*PCL, error) {
	all := bytes.Clone(b)
	c := wire.NewCursor(all)
	p := &PCL{}
	for !c.Empty() {
		save := c
		var x SizedXID
		c.U8(&x.XIDSize)
		rec, ok := c.Fixed(int(x.XIDSize))
		if !ok || x.XIDSize < 16 {
			c = save
			break
		}
		x.NamespaceGUID = guid.GUID(rec[:16])
		x.LocalID = rec[16:]
		p.XIDs = append(p.XIDs, x)
	}
	p.Finish(all, &c)
	return p, nil
}

// Kind is blob.KindPCL.
func (p *PCL) Kind() blob.Kind { return blob.KindPCL }

// Check reports XIDs with a LocalId outside 1 to 8 bytes, more than one
// XID of a namespace ([MS-OXCFXICS] 2.2.2.3 keeps one per namespace) and
// bytes that make no SizedXid.
func (p *PCL) Check() []blob.Finding {
	var out []blob.Finding
	seen := map[guid.GUID]bool{}
	for i, x := range p.XIDs {
		if n := len(x.LocalID); n < 1 || n > 8 {
			out = append(out, blob.Finding{Code: "PCL_LOCALID_SIZE", Severity: blob.Error, Path: wire.Path("SizedXids", i, "LocalId"),
				Message: "the LocalId is " + strconv.Itoa(n) + " bytes, not 1 to 8 ([MS-OXCFXICS] 2.2.2.2)"})
		}
		if seen[x.NamespaceGUID] {
			out = append(out, blob.Finding{Code: "PCL_DUPLICATE_NAMESPACE", Severity: blob.Warning, Path: wire.Path("SizedXids", i, "NamespaceGuid"),
				Message: "a second XID of namespace " + x.NamespaceGUID.String() + "; a predecessor change list holds one per namespace"})
		}
		seen[x.NamespaceGUID] = true
	}
	if len(p.Trailing) > 0 {
		out = append(out, blob.Finding{Code: "PCL_TRAILING_BYTES", Severity: blob.Error, Path: "Trailing",
			Message: strconv.Itoa(len(p.Trailing)) + " bytes make no SizedXid; conflict detection cannot read them"})
	}
	return out
}

// SmartView renders p as MFCMAPI does ("Predecessor Change List").
func (p *PCL) SmartView() string {
	var w sv.Writer
	w.Line(0, "Predecessor Change List")
	w.Line(1, "Count = ", strconv.Itoa(len(p.XIDs)))
	for i, x := range p.XIDs {
		w.Line(1, "XID[", strconv.Itoa(i), "]")
		w.Line(2, "XidSize = ", mfc.X(uint64(x.XIDSize), 8), " = ", strconv.Itoa(int(x.XIDSize)))
		w.Line(2, "NamespaceGuid = ", x.NamespaceGUID.String())
		w.Line(2, "LocalId")
		w.Line(3, sv.Bytes(x.LocalID))
	}
	w.Unparsed(1, p.Trailing)
	return w.String()
}

// Text is the SmartView text.
func (p *PCL) Text() string { return p.SmartView() }

// TombstoneIdentifier is the Identifier of a tombstone list.
const TombstoneIdentifier = 0xBEDEAFCD

// Tombstone is PidTagScheduleInfoAppointmentTombstone ([MS-OXOCAL]
// 2.2.12.5): a header and records of declined meetings.
type Tombstone struct {
	base
	Identifier   uint32            `json:"Identifier"`
	HeaderSize   uint32            `json:"HeaderSize"`
	Version      uint32            `json:"Version"`
	RecordsCount uint32            `json:"RecordsCount"`
	RecordsSize  uint32            `json:"RecordsSize"`
	Records      []TombstoneRecord `json:"Records"`
}

// TombstoneRecord is one deleted meeting: its times in minutes since 1601,
// its GlobalObjectId and the user who deleted it.
type TombstoneRecord struct {
	StartTime          uint32        `json:"StartTime"`
	EndTime            uint32        `json:"EndTime"`
	GlobalObjectIDSize uint32        `json:"GlobalObjectIdSize"`
	GlobalObjectID     blob.HexBytes `json:"GlobalObjectId"`
	UsernameSize       uint16        `json:"UsernameSize"`
	Username           string        `json:"szUsername"`

	goid                 goid.GlobalObjectID
	hasUserSize, hasUser bool
}

// ParseTombstone decodes a tombstone list; it fails when the header does
// not fit. Records are read while bytes remain, whatever RecordsCount says,
// as MFCMAPI reads them; a record cut short ends the list.
func ParseTombstone(b []byte) (*Tombstone, error) {
	all := bytes.Clone(b)
	c := wire.NewCursor(all)
	t := &Tombstone{}
	for _, f := range []struct {
		name string
		v    *uint32
	}{{"Identifier", &t.Identifier}, {"HeaderSize", &t.HeaderSize}, {"Version", &t.Version},
		{"RecordsCount", &t.RecordsCount}, {"RecordsSize", &t.RecordsSize}} {
		if !c.U32(f.v) {
			return nil, c.Truncated(f.name, 4)
		}
	}
	for c.Len() >= 12+goid.HeaderSize {
		var r TombstoneRecord
		start := c.Peek()
		c.U32(&r.StartTime)
		c.U32(&r.EndTime)
		c.U32(&r.GlobalObjectIDSize)
		h, _ := c.Fixed(goid.HeaderSize)
		g := &r.goid
		g.ByteArrayID = guid.GUID(h[:16])
		g.YH, g.YL, g.M, g.D = h[16], h[17], h[18], h[19]
		g.CreationTime = blob.FileTime(le64(h[20:28]))
		copy(g.X[:], h[28:36])
		g.Size = le32(h[36:40])
		var data []byte
		if g.Size > 0 && uint64(g.Size) <= uint64(c.Len()) && c.Bytes(&data, int(g.Size)) {
			g.Data = data
		}
		r.GlobalObjectID = start[12 : len(start)-c.Len()]
		r.hasUserSize = c.U16(&r.UsernameSize)
		var u []byte
		if r.hasUserSize && c.Bytes(&u, int(r.UsernameSize)) {
			r.Username, r.hasUser = mfc.Text8(u), true
		}
		t.Records = append(t.Records, r)
		if !r.hasUser {
			break
		}
	}
	t.Finish(all, &c)
	return t, nil
}

func le32(p []byte) uint32 {
	return uint32(p[0]) | uint32(p[1])<<8 | uint32(p[2])<<16 | uint32(p[3])<<24
}

func le64(p []byte) uint64 { return uint64(le32(p)) | uint64(le32(p[4:]))<<32 }

// Kind is blob.KindTombstone.
func (t *Tombstone) Kind() blob.Kind { return blob.KindTombstone }

// Check reports header fields other than the values [MS-OXOCAL] 2.2.12.5
// requires, a RecordsCount other than the records present, and records cut
// short.
func (t *Tombstone) Check() []blob.Finding {
	var out []blob.Finding
	for _, f := range []struct {
		name      string
		got, want uint32
	}{{"Identifier", t.Identifier, TombstoneIdentifier}, {"HeaderSize", t.HeaderSize, 0x14}, {"Version", t.Version, 3}, {"RecordsSize", t.RecordsSize, 0x14}} {
		if f.got != f.want {
			out = append(out, blob.Finding{Code: "TOMBSTONE_" + strings.ToUpper(f.name), Severity: blob.Error, Path: f.name,
				Message: f.name + " is " + mfc.X(uint64(f.got), 8) + ", not " + mfc.X(uint64(f.want), 8) + " ([MS-OXOCAL] 2.2.12.5); Outlook may not read the tombstones"})
		}
	}
	if uint64(t.RecordsCount) != uint64(len(t.Records)) {
		out = append(out, blob.Finding{Code: "TOMBSTONE_COUNT", Severity: blob.Warning, Path: "RecordsCount",
			Message: "RecordsCount says " + strconv.FormatUint(uint64(t.RecordsCount), 10) + " but " + strconv.Itoa(len(t.Records)) + " records follow"})
	}
	if len(t.Trailing) > 0 {
		out = append(out, blob.Finding{Code: "TOMBSTONE_TRAILING_BYTES", Severity: blob.Warning, Path: "Trailing",
			Message: strconv.Itoa(len(t.Trailing)) + " bytes make no whole record"})
	}
	return out
}

// SmartView renders t as MFCMAPI does ("Tombstone").
func (t *Tombstone) SmartView() string {
	var w sv.Writer
	w.Line(0, "Tombstone")
	w.Line(1, "Identifier = ", mfc.X(uint64(t.Identifier), 8))
	w.Line(1, "HeaderSize = ", mfc.X(uint64(t.HeaderSize), 8))
	w.Line(1, "Version = ", mfc.X(uint64(t.Version), 8))
	w.Line(1, "RecordsCount = ", mfc.X(uint64(t.RecordsCount), 8))
	w.Line(1, "ActualRecordsCount (computed) = ", mfc.X(uint64(len(t.Records)), 8))
	w.Line(1, "RecordsSize = ", mfc.X(uint64(t.RecordsSize), 8))
	for i := range t.Records {
		r := &t.Records[i]
		w.Line(1, "Record[", strconv.Itoa(i), "]")
		w.Line(2, "StartTime = ", mfc.X(uint64(r.StartTime), 8), " = ", sv.MinutesTime(r.StartTime))
		w.Line(2, "Endtime = ", mfc.X(uint64(r.EndTime), 8), " = ", sv.MinutesTime(r.EndTime))
		w.Line(2, "GlobalObjectIdSize = ", mfc.X(uint64(r.GlobalObjectIDSize), 8))
		for _, line := range strings.Split(r.goid.SmartView(), "\n") {
			w.Line(2, line)
		}
		if r.hasUserSize {
			w.Line(2, "UsernameSize= ", mfc.X(uint64(r.UsernameSize), 4))
		}
		if r.hasUser {
			w.Line(2, "szUsername = ", r.Username)
		}
	}
	w.Unparsed(1, t.Trailing)
	return w.String()
}

// Text is the SmartView text.
func (t *Tombstone) Text() string { return t.SmartView() }

// ErrLocalIDTooLong is returned when a SizedXid's LocalId makes its size
// pass the one byte XidSize can hold.
var ErrLocalIDTooLong = errors.New("syncstate: a SizedXid's LocalId is longer than XidSize can say")

// MarshalBinary encodes x from its fields.
func (x *XID) MarshalBinary() ([]byte, error) { return x.AppendBinary(nil) }

// AppendBinary appends the encoding of x: the GUID, the LocalId and any
// trailing bytes.
func (x *XID) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, x.NamespaceGUID[:]...)
	return append(append(b, x.LocalID...), x.Trailing...), nil
}

// MarshalBinary encodes p from its fields.
func (p *PCL) MarshalBinary() ([]byte, error) { return p.AppendBinary(nil) }

// AppendBinary appends the encoding of p: each SizedXid with XidSize
// computed from its LocalId, then any trailing bytes.
func (p *PCL) AppendBinary(b []byte) ([]byte, error) {
	for _, x := range p.XIDs {
		n := 16 + len(x.LocalID)
		if n > 0xFF {
			return b, ErrLocalIDTooLong
		}
		b = append(b, byte(n))
		b = append(b, x.NamespaceGUID[:]...)
		b = append(b, x.LocalID...)
	}
	return append(b, p.Trailing...), nil
}

// IsTombstone reports whether b starts with a tombstone list's Identifier,
// 0xBEDEAFCD: the signature a detector can trust.
func IsTombstone(b []byte) bool { return len(b) >= 4 && le32(b) == TombstoneIdentifier }
