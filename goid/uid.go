package goid

import (
	"bytes"
	"crypto/rand"
	"errors"
	"math"
	"strings"
	"time"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// Form says what Data holds.
type Form uint8

// Forms of Data.
const (
	FormOutlook Form = iota // Outlook's own bytes (16 random ones)
	FormVCal                // "vCal-Uid": the UID of a meeting from another calendar system
)

// String is "Outlook" or "vCal-Uid".
func (f Form) String() string {
	if f == FormVCal {
		return "vCal-Uid"
	}
	return "Outlook"
}

// vCalMarker starts Data in the vCal-Uid form; vCalVersion follows it.
const (
	vCalMarker  = "vCal-Uid"
	vCalVersion = 1
	vCalHeader  = len(vCalMarker) + 4
)

// Form is FormVCal when Data starts with the "vCal-Uid" marker (matched
// exactly), whether or not the rest of the wrapping is well formed.
func (g *GlobalObjectID) Form() Form {
	if bytes.HasPrefix(g.Data, []byte(vCalMarker)) {
		return FormVCal
	}
	return FormOutlook
}

// vCalProblem says what is wrong with a vCal-Uid wrapping.
type vCalProblem uint8

const (
	vCalOK         vCalProblem = iota
	vCalNot                    // no marker: Outlook's form
	vCalCut                    // the marker without a full version field
	vCalBadVersion             // version is not 1
	vCalNoNUL                  // no NUL ends the UID
	vCalAfterNUL               // bytes follow the NUL
	vCalEmpty                  // the UID is empty
)

// vCalText returns the wrapped UID's bytes and what, if anything, is wrong.
func vCalText(data []byte) ([]byte, vCalProblem) {
	if !bytes.HasPrefix(data, []byte(vCalMarker)) {
		return nil, vCalNot
	}
	c := wire.NewCursor(data[len(vCalMarker):])
	var version uint32
	if !c.U32(&version) {
		return nil, vCalCut
	}
	if version != vCalVersion {
		return nil, vCalBadVersion
	}
	rest := c.Rest()
	i := bytes.IndexByte(rest, 0)
	switch {
	case i < 0:
		return nil, vCalNoNUL
	case i != len(rest)-1:
		return nil, vCalAfterNUL
	case i == 0:
		return nil, vCalEmpty
	}
	return rest[:i], vCalOK
}

// VCalUID is the UID a vCal-Uid id wraps, and true; false when Data is in
// Outlook's form or its wrapping is not well formed (version 1, a non-empty
// UID, one NUL at the end), in which case UID gives the hex form.
func (g *GlobalObjectID) VCalUID() (string, bool) {
	t, p := vCalText(g.Data)
	if p != vCalOK {
		return "", false
	}
	return string(t), true
}

// UID is the iCalendar UID of the meeting ([MS-OXCICAL] 2.1.3.1.1.20.26):
// the wrapped text for an id in the vCal-Uid form, otherwise the upper-case
// hex of the clean id (the instance date bytes zeroed), so that a series and
// its exceptions share one UID.
//
// FromUID(g.UID(), time.Time{}) equals g.Clean() for every id in Outlook's
// form with the right class id, and for every vCal-Uid id as FromUID writes
// it (creation time and X zero, no trailing bytes); for the rest the UID
// carries less than the id, and only the UID itself survives the trip.
func (g *GlobalObjectID) UID() string {
	if s, ok := g.VCalUID(); ok {
		return s
	}
	var stack [2 * (HeaderSize + 64)]byte
	return string(g.AppendUID(stack[:0]))
}

// AppendUID appends the hex form of the UID (the clean id in upper-case
// hex, trailing bytes included) to b, whatever form Data is in.
func (g *GlobalObjectID) AppendUID(b []byte) []byte {
	var raw [HeaderSize]byte
	b = appendHex(b, g.appendHeader(raw[:0], true))
	b = appendHex(b, g.Data)
	return appendHex(b, g.Trailing)
}

const hexDigits = "0123456789ABCDEF"

func appendHex(b, v []byte) []byte {
	for _, c := range v {
		b = append(b, hexDigits[c>>4], hexDigits[c&0xF])
	}
	return b
}

// FromUID makes the PidLidGlobalObjectId for an iCalendar UID on import
// ([MS-OXCICAL] 2.1.3.1.1.20.26): a UID that is the hex of a GlobalObjectId
// (either letter case, starting with the class id, Size agreeing with the
// length) decodes back to that id; any other UID is wrapped in the vCal-Uid
// form with a zero creation time. Either way the instance date is set from
// instance (its calendar date in its location; the zero time for a series,
// a single meeting or PidLidCleanGlobalObjectId), replacing any date bytes
// the hex carried. The UID must not be empty or contain a NUL.
func FromUID(uid string, instance time.Time) (*GlobalObjectID, error) {
	g, ok := parseHexUID(uid)
	if !ok {
		var err error
		if g, err = NewVCal(uid); err != nil {
			return nil, err
		}
	}
	if err := g.setDate(instance); err != nil {
		return nil, err
	}
	return g, nil
}

// parseHexUID decodes a UID in the hex form.
func parseHexUID(uid string) (*GlobalObjectID, bool) {
	if len(uid) < 2*HeaderSize || len(uid)%2 != 0 || !strings.EqualFold(uid[:32], classIDHex) {
		return nil, false
	}
	raw := make([]byte, len(uid)/2)
	for i := range raw {
		hi, lo := uid[2*i], uid[2*i+1]
		if !wire.IsHex(hi) || !wire.IsHex(lo) {
			return nil, false
		}
		raw[i] = wire.Unhex(hi)<<4 | wire.Unhex(lo)
	}
	g, err := Parse(raw)
	if err != nil {
		return nil, false
	}
	return g, true
}

// classIDHex is ByteArrayID in upper-case hex, as a hex UID starts.
var classIDHex = string(appendHex(nil, ByteArrayID[:]))

// NewVCal wraps a third-party iCalendar UID in the vCal-Uid form, as
// Exchange does on import: class id, no instance date, creation time and X
// zero, Data = "vCal-Uid", version 1, the UID's bytes, a NUL. The UID must
// not be empty or contain a NUL. Use Instance to date it for an exception.
func NewVCal(uid string) (*GlobalObjectID, error) {
	if uid == "" {
		return nil, errors.New("goid: the UID is empty")
	}
	if strings.IndexByte(uid, 0) >= 0 {
		return nil, errors.New("goid: the UID contains a NUL, which the vCal-Uid form cannot hold")
	}
	if len(uid) > math.MaxInt32-vCalHeader-1 {
		return nil, ErrDataTooLong
	}
	data := make([]byte, 0, vCalHeader+len(uid)+1)
	data = append(data, vCalMarker...)
	data = wire.AppendU32(data, vCalVersion)
	data = append(data, uid...)
	data = append(data, 0)
	return &GlobalObjectID{ByteArrayID: ByteArrayID, Size: uint32(len(data)), Data: data, buf: data}, nil
}

// New makes an id in Outlook's form for a series or a single meeting:
// class id, no instance date, the creation time, X zero and data (nil or
// empty: 16 bytes from crypto/rand, as Outlook writes). Use Instance to date
// it for an exception.
func New(created time.Time, data []byte) (*GlobalObjectID, error) {
	if !created.IsZero() && blob.FileTimeOf(created) == 0 {
		return nil, errors.New("goid: creation time " + created.String() + " is before 1601 or beyond a FILETIME")
	}
	if len(data) > math.MaxInt32 {
		return nil, ErrDataTooLong
	}
	if len(data) == 0 {
		data = make([]byte, 16)
		rand.Read(data)
	} else {
		data = bytes.Clone(data)
	}
	return &GlobalObjectID{ByteArrayID: ByteArrayID, CreationTime: blob.FileTimeOf(created),
		Size: uint32(len(data)), Data: data, buf: data}, nil
}
