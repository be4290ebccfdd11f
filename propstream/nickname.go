package propstream

import (
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// NicknameCache is Outlook's autocomplete list (the nickname cache stream,
// PR_ROAMING_BINARYSTREAM of the IPM.Configuration.Autocomplete message):
// a 4-byte signature, a version, rows of property values in
// FormatNickname, four reserved bytes and 8 bytes of metadata.
//
// A count larger than the bytes left can hold is kept as stored with no
// entries read, and what follows is read after it, as MFCMAPI reads it;
// Check reports it.
type NicknameCache struct {
	Metadata1    blob.HexBytes `json:"Metadata1"` // 0D F0 AD BA
	MajorVersion uint32        `json:"MajorVersion"`
	MinorVersion uint32        `json:"MinorVersion"`
	RowCount     uint32        `json:"RowCount"` // as stored
	Rows         []NicknameRow `json:"Rows"`
	// Reserved are the four bytes between the rows and Metadata2, which
	// MFCMAPI skips.
	Reserved  uint32        `json:"Reserved"`
	Metadata2 blob.HexBytes `json:"Metadata2"`
	Trailing  blob.HexBytes `json:"-"`
}

// NicknameRow is one entry: cValues and the values.
type NicknameRow struct {
	ValueCount uint32          `json:"cValues"` // as stored
	Properties []PropertyValue `json:"Properties"`
}

// nicknameValueMinSize is a tag, pad and value union.
const nicknameValueMinSize = 16

// ParseNicknameCache decodes a nickname cache stream.
func ParseNicknameCache(b []byte) (*NicknameCache, error) {
	n := new(NicknameCache)
	c := wire.NewCursor(b)
	var m1 []byte
	if !c.Bytes(&m1, 4) {
		return nil, c.Truncated("Metadata1", 4)
	}
	n.Metadata1 = m1
	if !c.U32(&n.MajorVersion) {
		return nil, c.Truncated("MajorVersion", 4)
	}
	if !c.U32(&n.MinorVersion) {
		return nil, c.Truncated("MinorVersion", 4)
	}
	if !c.U32(&n.RowCount) {
		return nil, c.Truncated("RowCount", 4)
	}
	if c.Fits(uint64(n.RowCount), 4) {
		n.Rows = make([]NicknameRow, n.RowCount)
		for i := range n.Rows {
			r := &n.Rows[i]
			path := wire.Path("Rows", i, "")
			if !c.U32(&r.ValueCount) {
				return nil, c.Truncated(path+".cValues", 4)
			}
			if !c.Fits(uint64(r.ValueCount), nicknameValueMinSize) {
				continue
			}
			r.Properties = make([]PropertyValue, r.ValueCount)
			for j := range r.Properties {
				if err := r.Properties[j].decodeTagged(&c, FormatNickname, wire.Path(path+".Properties", j, "")); err != nil {
					return nil, err
				}
			}
		}
	}
	if !c.U32(&n.Reserved) {
		return nil, c.Truncated("Reserved", 4)
	}
	var m2 []byte
	if !c.Bytes(&m2, 8) {
		return nil, c.Truncated("Metadata2", 8)
	}
	n.Metadata2 = m2
	n.Trailing = c.Rest()
	return n, nil
}

// Kind is blob.KindNicknameCache.
func (n *NicknameCache) Kind() blob.Kind { return blob.KindNicknameCache }

// TrailingBytes are the bytes after Metadata2.
func (n *NicknameCache) TrailingBytes() []byte { return n.Trailing }

// Check reports counts larger than the stream and trailing bytes.
func (n *NicknameCache) Check() []blob.Finding {
	var fs []blob.Finding
	if uint64(len(n.Rows)) != uint64(n.RowCount) {
		fs = append(fs, blob.Finding{Code: "NICKNAME_BAD_COUNT", Severity: blob.Error, Path: "RowCount",
			Message: "RowCount is " + strconv.FormatUint(uint64(n.RowCount), 10) + ", more rows than the stream holds; Outlook discards the autocomplete list"})
	}
	for i, r := range n.Rows {
		if uint64(len(r.Properties)) != uint64(r.ValueCount) {
			fs = append(fs, blob.Finding{Code: "NICKNAME_BAD_COUNT", Severity: blob.Error, Path: wire.Path("Rows", i, "cValues"),
				Message: "cValues is " + strconv.FormatUint(uint64(r.ValueCount), 10) + ", more values than the stream holds; Outlook discards the autocomplete list"})
		}
	}
	return append(fs, trailing("NICKNAME_TRAILING_BYTES", "Metadata2", len(n.Trailing))...)
}

// AppendBinary appends the stream's bytes to b; a count is written as
// the number of entries, or as stored when none was read.
func (n *NicknameCache) AppendBinary(b []byte) ([]byte, error) {
	var m1 [4]byte
	copy(m1[:], n.Metadata1)
	b = append(b, m1[:]...)
	b = wire.AppendU32(b, n.MajorVersion)
	b = wire.AppendU32(b, n.MinorVersion)
	count := uint32(len(n.Rows))
	if count == 0 {
		count = n.RowCount
	}
	b = wire.AppendU32(b, count)
	for _, r := range n.Rows {
		vc := uint32(len(r.Properties))
		if vc == 0 {
			vc = r.ValueCount
		}
		b = wire.AppendU32(b, vc)
		for j := range r.Properties {
			b = r.Properties[j].appendTagged(b, FormatNickname)
		}
	}
	b = wire.AppendU32(b, n.Reserved)
	var m2 [8]byte
	copy(m2[:], n.Metadata2)
	b = append(b, m2[:]...)
	return append(b, n.Trailing...), nil
}

// MarshalBinary encodes the stream.
func (n *NicknameCache) MarshalBinary() ([]byte, error) { return n.AppendBinary(nil) }

// SmartView renders n as MFCMAPI's SmartView pane does.
func (n *NicknameCache) SmartView() string {
	var w sv.Writer
	w.Line(0, "Nickname Cache")
	w.Line(1, "Metadata1")
	w.Line(2, sv.Bytes(n.Metadata1))
	w.Line(1, "Major Version = ", strconv.Itoa(int(int32(n.MajorVersion))))
	w.Line(1, "Minor Version = ", strconv.Itoa(int(int32(n.MinorVersion))))
	w.Line(1, "Row Count = ", strconv.Itoa(int(int32(n.RowCount))))
	for i, r := range n.Rows {
		w.Line(1, "Row ", strconv.Itoa(i))
		w.Line(2, "cValues = ", h8(r.ValueCount), " = ", strconv.Itoa(int(int32(r.ValueCount))))
		for j := range r.Properties {
			w.Line(2, "Property[", strconv.Itoa(j), "]")
			r.Properties[j].smartView(&w, "\t\t\t")
		}
	}
	w.Line(1, "Metadata 2")
	w.Line(2, sv.Bytes(n.Metadata2))
	w.Unparsed(1, n.Trailing)
	return w.String()
}

// Text renders n for people: its SmartView form.
func (n *NicknameCache) Text() string { return n.SmartView() }
