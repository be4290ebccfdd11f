package goid

import (
	"encoding/binary"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/sv"
)

var monthNames = [13]string{"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// mfcMaxBytes is the longest Data MFCMAPI shows; longer Data is left to its
// "Unparsed data" block.
const mfcMaxBytes = 0xFFFF

// SmartView renders g as MFCMAPI's SmartView pane does ("Global Object ID").
func (g *GlobalObjectID) SmartView() string {
	var w sv.Writer
	w.Line(0, "Global Object ID")
	if g.ByteArrayID == ByteArrayID {
		w.Line(1, "Byte Array ID = s_rgbSPlus")
	} else {
		w.Line(1, "Byte Array ID = Unknown GUID")
	}
	w.Line(2, sv.Bytes(g.ByteArrayID[:]))
	y := uint64(g.Year())
	w.Line(1, "Year: ", sv.Hex(y, 4), " = ", strconv.FormatUint(y, 10))
	month := sv.Hex(uint64(g.M), 1)
	if g.M >= 1 && g.M <= 12 {
		month = monthNames[g.M]
	}
	w.Line(1, "Month: ", sv.Hex(uint64(g.M), 2), " = ", strconv.Itoa(int(g.M)), " = ", month)
	w.Line(1, "Day: ", sv.Hex(uint64(g.D), 2), " = ", strconv.Itoa(int(g.D)))
	ct := uint64(g.CreationTime)
	w.Line(1, "Creation Time = ", sv.Hex(ct>>32, 8), ":", sv.Hex(ct&0xFFFFFFFF, 8), " = ", sv.FileTimeText(uint64(g.CreationTime)))
	w.Line(1, "X: ", sv.Hex(uint64(binary.LittleEndian.Uint32(g.X[4:])), 8), ":", sv.Hex(uint64(binary.LittleEndian.Uint32(g.X[:4])), 8))
	w.Line(1, "Size: ", sv.Hex(uint64(g.Size), 2), " = ", strconv.Itoa(int(int32(g.Size))))
	unparsed := g.Trailing
	switch {
	case len(g.Data) > 0 && len(g.Data) <= mfcMaxBytes:
		w.Line(1, "Data")
		w.Line(2, sv.Bytes(g.Data))
	case len(g.Data) > mfcMaxBytes:
		unparsed = append(append([]byte(nil), g.Data...), g.Trailing...)
	}
	w.Unparsed(1, unparsed)
	return w.String()
}

// Text renders g for people: the form, the instance date, the UID, the
// creation time in UTC and, for Outlook's form, the data.
//
//	meeting id in Outlook's form, for the occurrence originally on 2011-01-18
//	UID: 040000008200E00074C5B7101A82E00800000000C0A52CE8E7DFCA01000000000000000010000000FFAFECEBDB4A2E4FA02EBC759661827B
//	created: 2010-04-19 17:44:05.916 UTC
//	data: FFAFECEBDB4A2E4FA02EBC759661827B
func (g *GlobalObjectID) Text() string {
	var b strings.Builder
	b.WriteString("meeting id in ")
	if _, ok := g.VCalUID(); ok {
		b.WriteString("the vCal-Uid form (the UID of a meeting from another calendar system)")
	} else if g.Form() == FormVCal {
		b.WriteString("a damaged vCal-Uid form")
	} else {
		b.WriteString("Outlook's form")
	}
	switch d, ok := g.InstanceDate(); {
	case !g.IsInstance():
		b.WriteString(", for a series or a single meeting")
	case ok:
		b.WriteString(", for the occurrence originally on " + d.Format("2006-01-02"))
	default:
		b.WriteString(", for an occurrence on an impossible date (year " + strconv.Itoa(g.Year()) +
			", month " + strconv.Itoa(int(g.M)) + ", day " + strconv.Itoa(int(g.D)) + ")")
	}
	b.WriteString("\nUID: ")
	b.WriteString(g.UID())
	b.WriteString("\ncreated: ")
	if g.CreationTime == 0 {
		b.WriteString("not set (0)")
	} else if g.CreationTime > 1<<63-1 {
		b.WriteString("out of range (0x" + strconv.FormatUint(uint64(g.CreationTime), 16) + ")")
	} else {
		b.WriteString(g.CreationTime.Time().Format("2006-01-02 15:04:05.000") + " UTC")
	}
	if g.Form() == FormOutlook {
		b.WriteString("\ndata: ")
		b.WriteString(hexString(g.Data))
	}
	if g.X != [8]byte{} {
		b.WriteString("\nX: " + hexString(g.X[:]))
	}
	if len(g.Trailing) > 0 {
		b.WriteString("\ntrailing bytes: " + strconv.Itoa(len(g.Trailing)))
	}
	return b.String()
}

// jsonForm is the JSON contract's value for kind "goid".
type jsonForm struct {
	ByteArrayID  blob.HexBytes `json:"ByteArrayID"`
	YH           uint8         `json:"YH"`
	YL           uint8         `json:"YL"`
	M            uint8         `json:"M"`
	D            uint8         `json:"D"`
	CreationTime uint64        `json:"CreationTime"`
	X            blob.HexBytes `json:"X"`
	Size         uint32        `json:"Size"`
	Data         blob.HexBytes `json:"Data"`
	UID          string        `json:"UID"`
	VCalUID      *string       `json:"VCalUID,omitempty"`
}

// MarshalJSON writes the fields under their [MS-OXOCAL] names (byte fields
// as upper-case hex, CreationTime as the raw FILETIME number, Size as
// stored), then the derived UID, and VCalUID for the vCal-Uid form.
func (g *GlobalObjectID) MarshalJSON() ([]byte, error) {
	j := jsonForm{ByteArrayID: g.ByteArrayID[:], YH: g.YH, YL: g.YL, M: g.M, D: g.D,
		CreationTime: uint64(g.CreationTime), X: g.X[:], Size: g.Size, Data: g.Data, UID: g.UID()}
	if s, ok := g.VCalUID(); ok {
		j.VCalUID = &s
	}
	return json.Marshal(j)
}

// String is the UID.
func (g *GlobalObjectID) String() string { return g.UID() }
