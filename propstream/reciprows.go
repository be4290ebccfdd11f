package propstream

import (
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// RecipientRowStream is the recipient row stream of
// PidLidAppointmentUnsendableRecipients and
// PidLidForwardNotificationRecipients ([MS-OXOCAL]): a version, a row
// count, and rows of property values in FormatMAPI.
type RecipientRowStream struct {
	Version  uint32         `json:"cVersion"`  // cVersion: 1
	RowCount uint32         `json:"cRowCount"` // cRowCount, as stored; encoding writes len(Rows)
	Rows     []RecipientRow `json:"Rows"`
	Trailing blob.HexBytes  `json:"-"`
}

// RecipientRow is one row: cValues, ulReserved1 and the values.
type RecipientRow struct {
	ValueCount uint32          `json:"cValues"` // cValues, as stored; encoding writes len(Properties)
	Reserved1  uint32          `json:"ulReserved1"`
	Properties []PropertyValue `json:"Properties"`
}

// ParseRecipientRowStream decodes a recipient row stream.
func ParseRecipientRowStream(b []byte) (*RecipientRowStream, error) {
	s := new(RecipientRowStream)
	c := wire.NewCursor(b)
	if !c.U32(&s.Version) {
		return nil, c.Truncated("cVersion", 4)
	}
	if !c.U32(&s.RowCount) {
		return nil, c.Truncated("cRowCount", 4)
	}
	if !c.Fits(uint64(s.RowCount), 8) {
		return nil, wire.CountTooLarge("cRowCount", 4, uint64(s.RowCount), 8, c.Len())
	}
	s.Rows = make([]RecipientRow, s.RowCount)
	for i := range s.Rows {
		r := &s.Rows[i]
		path := wire.Path("Rows", i, "")
		if !c.U32(&r.ValueCount) || !c.U32(&r.Reserved1) {
			return nil, c.Truncated(path+".cValues", 8)
		}
		if !c.Fits(uint64(r.ValueCount), propertyMinSize) {
			return nil, wire.CountTooLarge(path+".cValues", c.Offset()-8, uint64(r.ValueCount), propertyMinSize, c.Len())
		}
		r.Properties = make([]PropertyValue, r.ValueCount)
		for j := range r.Properties {
			if err := r.Properties[j].decodeTagged(&c, FormatMAPI, wire.Path(path+".Properties", j, "")); err != nil {
				return nil, err
			}
		}
	}
	s.Trailing = c.Rest()
	return s, nil
}

// Kind is blob.KindRecipientRowStream.
func (s *RecipientRowStream) Kind() blob.Kind { return blob.KindRecipientRowStream }

// TrailingBytes are the bytes after the last row.
func (s *RecipientRowStream) TrailingBytes() []byte { return s.Trailing }

// Check reports values cut short and trailing bytes.
func (s *RecipientRowStream) Check() []blob.Finding {
	var fs []blob.Finding
	for i, r := range s.Rows {
		for j, v := range r.Properties {
			if v.Missing {
				fs = append(fs, blob.Finding{Code: "RECIPROWS_VALUE_TRUNCATED", Severity: blob.Error,
					Path:    wire.Path(wire.Path("Rows", i, "Properties"), j, "Value"),
					Message: "the value's count runs past the end of the stream; the recipient is misread"})
			}
		}
	}
	return append(fs, trailing("RECIPROWS_TRAILING_BYTES", "Rows", len(s.Trailing))...)
}

// AppendBinary appends the stream's bytes to b.
func (s *RecipientRowStream) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU32(b, s.Version)
	b = wire.AppendU32(b, uint32(len(s.Rows)))
	for _, r := range s.Rows {
		b = wire.AppendU32(b, uint32(len(r.Properties)))
		b = wire.AppendU32(b, r.Reserved1)
		for j := range r.Properties {
			b = r.Properties[j].appendTagged(b, FormatMAPI)
		}
	}
	return append(b, s.Trailing...), nil
}

// MarshalBinary encodes the stream.
func (s *RecipientRowStream) MarshalBinary() ([]byte, error) { return s.AppendBinary(nil) }

// SmartView renders s as MFCMAPI's SmartView pane does.
func (s *RecipientRowStream) SmartView() string {
	var w sv.Writer
	w.Line(0, "Recipient Row Stream")
	w.Line(1, "cVersion = ", strconv.FormatUint(uint64(s.Version), 10))
	w.Line(1, "cRowCount = ", strconv.FormatUint(uint64(s.RowCount), 10))
	for i, r := range s.Rows {
		w.Line(1, "Row ", strconv.Itoa(i))
		w.Line(2, "cValues = ", h8(r.ValueCount), " = ", strconv.FormatUint(uint64(r.ValueCount), 10))
		w.Line(2, "ulReserved1 = ", h8(r.Reserved1), " = ", strconv.FormatUint(uint64(r.Reserved1), 10))
		for j := range r.Properties {
			w.Line(2, "Property[", strconv.Itoa(j), "]")
			r.Properties[j].smartView(&w, "\t\t\t")
		}
	}
	w.Unparsed(1, s.Trailing)
	return w.String()
}

// Text renders s for people: its SmartView form.
func (s *RecipientRowStream) Text() string { return s.SmartView() }
