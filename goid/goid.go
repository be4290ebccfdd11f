// Package goid reads, writes, checks and explains the identifier every
// meeting carries: PidLidGlobalObjectId and PidLidCleanGlobalObjectId
// ([MS-OXOCAL] 2.2.1.27 and 2.2.1.28, PSETID_Meeting LIDs 0x0003 and
// 0x0023), and maps it to and from the iCalendar UID ([MS-OXCICAL]
// 2.1.3.1.1.20.26).
//
// The layout is a 16-byte class id (the Byte Array ID), the instance date
// (YH and YL, the year big-endian, then M and D), a FILETIME creation time,
// 8 reserved bytes X, a little-endian Size and Size bytes of Data. The date
// is zero for a series master or a single meeting and the original date of
// the occurrence for an exception; the clean id is the same id with the
// date zeroed, shared by the series and all its exceptions.
//
// Data comes in two forms: Outlook's own (16 random bytes) and the vCal-Uid
// form, which wraps the UID of a meeting that came from another calendar
// system ("vCal-Uid", version 1, the UID's bytes, a NUL). UID gives the
// iCalendar UID either way and FromUID goes back.
package goid

import (
	"bytes"
	"encoding"
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/wire"
)

var (
	_ blob.Value                 = (*GlobalObjectID)(nil)
	_ encoding.BinaryUnmarshaler = (*GlobalObjectID)(nil)
)

// ByteArrayID is the class id every GlobalObjectId starts with
// (04 00 00 00 82 00 E0 00 74 C5 B7 10 1A 82 E0 08; MFCMAPI calls it
// s_rgbSPlus).
var ByteArrayID = guid.GlobalObjectIdByteArrayID

// HeaderSize is the length of the fields before Data.
const HeaderSize = 40

// GlobalObjectID is a PidLidGlobalObjectId or PidLidCleanGlobalObjectId
// value. The JSON keys are the field names of [MS-OXOCAL] 2.2.1.27.
//
// A decoded value keeps one copy of its input, and Data and Trailing point
// into it; UnmarshalBinary reuses that copy, so slices taken from an earlier
// decode into the same value are overwritten.
type GlobalObjectID struct {
	ByteArrayID  guid.GUID     // Byte Array ID: the class id, ByteArrayID in a valid id
	YH           uint8         // YH: high byte of the instance year
	YL           uint8         // YL: low byte of the instance year
	M            uint8         // M: instance month, 1–12
	D            uint8         // D: instance day, 1–31
	CreationTime blob.FileTime // Creation Time: when the id was made
	X            [8]byte       // X: reserved, zero
	// Size is the Size field as stored; encoding writes len(Data), so a
	// value edited in Go encodes consistently (Check reports a difference).
	Size uint32
	Data []byte // Data: Outlook's 16 random bytes, or the vCal-Uid form

	// Trailing holds bytes after Data, kept so that encoding gives the
	// input back. Shown by the JSON envelope.
	Trailing []byte

	buf []byte // the retained copy of the input
}

// Kind is blob.KindGOID.
func (g *GlobalObjectID) Kind() blob.Kind { return blob.KindGOID }

// TrailingBytes are the bytes after Data.
func (g *GlobalObjectID) TrailingBytes() []byte { return g.Trailing }

// IsGlobalObjectID reports whether b starts with the class id: the
// signature a detector can trust. A blob cut short after it is still
// reported, so that Parse can name the missing field.
func IsGlobalObjectID(b []byte) bool {
	return len(b) >= 16 && guid.GUID(b[:16]) == ByteArrayID
}

// Parse decodes a PidLidGlobalObjectId or PidLidCleanGlobalObjectId value
// into a value that holds its own copy of b: one allocation for an id in
// Outlook's own form (56 bytes or less), two for a longer one.
func Parse(b []byte) (*GlobalObjectID, error) {
	v := new(parsedID)
	g := &v.GlobalObjectID
	g.buf = v.room[:0:len(v.room)]
	if err := g.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return g, nil
}

// parsedID is what Parse allocates: an id with room for the copy of an
// input in Outlook's own form (56 bytes), so that such an id is one
// allocation; a longer one (the vCal-Uid form) takes a second.
type parsedID struct {
	GlobalObjectID
	room [HeaderSize + 16]byte
}

// UnmarshalBinary decodes b into g, reusing g's copy of its previous input
// when it is large enough (no allocation then). A wrong class id is not an
// error (Check reports it); a Size larger than the bytes left is.
func (g *GlobalObjectID) UnmarshalBinary(b []byte) error {
	c := wire.NewCursor(b)
	var (
		id, x          []byte
		yh, yl, mo, dd uint8
		ct             uint64
		size           uint32
	)
	if !c.Bytes(&id, 16) {
		return c.Truncated("ByteArrayID", 16)
	}
	if !c.U8(&yh) {
		return c.Truncated("YH", 1)
	}
	if !c.U8(&yl) {
		return c.Truncated("YL", 1)
	}
	if !c.U8(&mo) {
		return c.Truncated("M", 1)
	}
	if !c.U8(&dd) {
		return c.Truncated("D", 1)
	}
	if !c.U64(&ct) {
		return c.Truncated("CreationTime", 8)
	}
	if !c.Bytes(&x, 8) {
		return c.Truncated("X", 8)
	}
	if !c.U32(&size) {
		return c.Truncated("Size", 4)
	}
	if !c.Fits(uint64(size), 1) {
		return sizeError(size, c.Offset()-4, c.Len())
	}
	n := int(size)
	// The fixed fields are copied out before b is copied, in case b lies
	// inside g's own buffer.
	v := GlobalObjectID{ByteArrayID: guid.GUID(id), YH: yh, YL: yl, M: mo, D: dd,
		CreationTime: blob.FileTime(ct), X: [8]byte(x), Size: size}
	v.buf = append(g.buf[:0], b...)
	if n > 0 {
		v.Data = v.buf[HeaderSize : HeaderSize+n : HeaderSize+n]
	}
	if len(b) > HeaderSize+n {
		v.Trailing = v.buf[HeaderSize+n : len(b) : len(b)]
	}
	*g = v
	return nil
}

func sizeError(size uint32, off, left int) error {
	if size > math.MaxInt32 {
		return wire.Invalid("Size", off, "Size 0x"+strconv.FormatUint(uint64(size), 16)+" is negative as the signed length the specification reads")
	}
	return &blob.DecodeError{Path: "Size", Offset: off, Err: blob.ErrTruncated,
		Detail: "Size promises " + strconv.FormatUint(uint64(size), 10) + " bytes of Data, " + strconv.Itoa(left) + " left"}
}

// MarshalBinary encodes g, trailing bytes included.
func (g *GlobalObjectID) MarshalBinary() ([]byte, error) {
	return g.AppendBinary(make([]byte, 0, HeaderSize+len(g.Data)+len(g.Trailing)))
}

// ErrDataTooLong is returned when Data does not fit the 32-bit Size.
var ErrDataTooLong = errors.New("goid: Data is longer than Size can say")

// AppendBinary appends the encoding of g to b. Size is written as len(Data).
func (g *GlobalObjectID) AppendBinary(b []byte) ([]byte, error) {
	if uint64(len(g.Data)) > math.MaxInt32 {
		return b, ErrDataTooLong
	}
	b = g.appendHeader(b, false)
	return append(append(b, g.Data...), g.Trailing...), nil
}

// appendHeader appends the 40 bytes before Data (Size as len(Data)); clean
// zeroes the instance date.
func (g *GlobalObjectID) appendHeader(b []byte, clean bool) []byte {
	b = append(b, g.ByteArrayID[:]...)
	if clean {
		b = append(b, 0, 0, 0, 0)
	} else {
		b = append(b, g.YH, g.YL, g.M, g.D)
	}
	b = wire.AppendU64(b, uint64(g.CreationTime))
	b = append(b, g.X[:]...)
	return wire.AppendU32(b, uint32(len(g.Data)))
}

// Equal reports whether g and o hold the same fields and bytes.
func (g *GlobalObjectID) Equal(o *GlobalObjectID) bool {
	return g.YH == o.YH && g.YL == o.YL && g.M == o.M && g.D == o.D && g.sameSeries(o) && g.Size == o.Size
}

// sameSeries compares everything but the instance date and the stored Size.
func (g *GlobalObjectID) sameSeries(o *GlobalObjectID) bool {
	return g.ByteArrayID == o.ByteArrayID && g.CreationTime == o.CreationTime && g.X == o.X &&
		bytes.Equal(g.Data, o.Data) && bytes.Equal(g.Trailing, o.Trailing)
}

// clone returns a deep copy of g whose Data and Trailing share one new
// buffer.
func (g *GlobalObjectID) clone() *GlobalObjectID {
	v := *g
	v.buf = make([]byte, 0, len(g.Data)+len(g.Trailing))
	v.buf = append(append(v.buf, g.Data...), g.Trailing...)
	v.Data, v.Trailing = nil, nil
	if len(g.Data) > 0 {
		v.Data = v.buf[:len(g.Data):len(g.Data)]
	}
	if len(g.Trailing) > 0 {
		v.Trailing = v.buf[len(g.Data):]
	}
	return &v
}

// Year is the instance year, YH·256 + YL.
func (g *GlobalObjectID) Year() int { return int(g.YH)<<8 | int(g.YL) }

// IsInstance reports whether the instance date bytes are set: the id of one
// occurrence (an exception) rather than of a series or a single meeting.
func (g *GlobalObjectID) IsInstance() bool { return g.YH|g.YL|g.M|g.D != 0 }

// InstanceDate is the instance date as midnight UTC of that day. It is the
// zero time, with ok true, for a series master or a single meeting (all four
// bytes zero); ok is false when the bytes are set but do not make a date
// (month 13, day 0, 31 April, year 0).
func (g *GlobalObjectID) InstanceDate() (t time.Time, ok bool) {
	if !g.IsInstance() {
		return time.Time{}, true
	}
	y, m, d := g.Year(), int(g.M), int(g.D)
	if !validDate(y, m, d) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

func validDate(y, m, d int) bool {
	if y < 1 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// setDate sets YH, YL, M and D from t's calendar date (in t's location);
// the zero time clears them.
func (g *GlobalObjectID) setDate(t time.Time) error {
	if t.IsZero() {
		g.YH, g.YL, g.M, g.D = 0, 0, 0, 0
		return nil
	}
	y, m, d := t.Date()
	if y < 1 || y > math.MaxUint16 {
		return errors.New("goid: instance year " + strconv.Itoa(y) + " is outside 1–65535")
	}
	g.YH, g.YL, g.M, g.D = uint8(y>>8), uint8(y), uint8(m), uint8(d)
	return nil
}

// Clean returns a copy of g with the instance date zeroed: the value of
// PidLidCleanGlobalObjectId, shared by a series and all its exceptions.
func (g *GlobalObjectID) Clean() *GlobalObjectID {
	v := g.clone()
	v.YH, v.YL, v.M, v.D = 0, 0, 0, 0
	return v
}

// Instance returns a copy of g dated for the occurrence originally on date
// (its calendar date in its location): the PidLidGlobalObjectId of an
// exception of the series g identifies. The zero time gives the clean id.
func (g *GlobalObjectID) Instance(date time.Time) (*GlobalObjectID, error) {
	v := g.clone()
	if err := v.setDate(date); err != nil {
		return nil, err
	}
	return v, nil
}

// IsInstanceOf reports whether g is the id of an occurrence of the series
// master identifies: g carries an instance date and is otherwise the same
// id (whatever date master carries).
func (g *GlobalObjectID) IsInstanceOf(master *GlobalObjectID) bool {
	return g.IsInstance() && g.sameSeries(master)
}
