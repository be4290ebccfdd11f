package tzdef

import (
	"encoding/binary"

	"github.com/mapiblob/mapiblob/internal/wire"
)

// TimeZoneStruct is PidLidTimeZoneStruct ([MS-OXOCAL] 2.2.1.39): the zone of
// a recurring series as one rule, 48 bytes.
type TimeZoneStruct struct {
	LBias          int32      `json:"lBias"`
	LStandardBias  int32      `json:"lStandardBias"`
	LDaylightBias  int32      `json:"lDaylightBias"`
	WStandardYear  uint16     `json:"wStandardYear"`
	StStandardDate SystemTime `json:"stStandardDate"`
	WDaylightYear  uint16     `json:"wDaylightYear"`
	StDaylightDate SystemTime `json:"stDaylightDate"`

	// Trailing holds bytes after the 48 that belong to the structure;
	// kept so that encoding gives the input back. Shown by the JSON envelope.
	Trailing []byte `json:"-"`
}

// TimeZoneStructSize is the encoded size without trailing bytes.
const TimeZoneStructSize = 48

// ParseTimeZoneStruct decodes a PidLidTimeZoneStruct value.
func ParseTimeZoneStruct(b []byte) (*TimeZoneStruct, error) {
	tz := new(TimeZoneStruct)
	if err := tz.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return tz, nil
}

// UnmarshalBinary decodes b into tz. It does not allocate unless b has
// bytes after the structure.
func (tz *TimeZoneStruct) UnmarshalBinary(b []byte) error {
	if len(b) == TimeZoneStructSize && !cursorOnly {
		// Fast path: the whole structure is there, nothing can fail.
		tz.LBias = int32(binary.LittleEndian.Uint32(b[0:]))
		tz.LStandardBias = int32(binary.LittleEndian.Uint32(b[4:]))
		tz.LDaylightBias = int32(binary.LittleEndian.Uint32(b[8:]))
		tz.WStandardYear = binary.LittleEndian.Uint16(b[12:])
		tz.StStandardDate.decode(b[14:30])
		tz.WDaylightYear = binary.LittleEndian.Uint16(b[30:])
		tz.StDaylightDate.decode(b[32:48])
		tz.Trailing = nil
		return nil
	}
	var r wire.Reader
	r.Reset(b)
	v := TimeZoneStruct{
		LBias:          r.I32("lBias"),
		LStandardBias:  r.I32("lStandardBias"),
		LDaylightBias:  r.I32("lDaylightBias"),
		WStandardYear:  r.U16("wStandardYear"),
		StStandardDate: readSystemTime(&r, "stStandardDate"),
		WDaylightYear:  r.U16("wDaylightYear"),
		StDaylightDate: readSystemTime(&r, "stDaylightDate"),
	}
	if err := r.Err(); err != nil {
		return err
	}
	if r.Len() > 0 {
		v.Trailing = append([]byte(nil), r.Rest()...)
	}
	*tz = v
	return nil
}

// MarshalBinary encodes tz, trailing bytes included.
func (tz *TimeZoneStruct) MarshalBinary() ([]byte, error) {
	return tz.AppendBinary(make([]byte, 0, TimeZoneStructSize+len(tz.Trailing)))
}

// AppendBinary appends the encoding of tz to b.
func (tz *TimeZoneStruct) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendI32(b, tz.LBias)
	b = wire.AppendI32(b, tz.LStandardBias)
	b = wire.AppendI32(b, tz.LDaylightBias)
	b = wire.AppendU16(b, tz.WStandardYear)
	b = tz.StStandardDate.appendTo(b)
	b = wire.AppendU16(b, tz.WDaylightYear)
	b = tz.StDaylightDate.appendTo(b)
	return append(b, tz.Trailing...), nil
}

// Rule returns tz as a rule of a definition (for comparisons and for
// computing offsets with the same code).
func (tz *TimeZoneStruct) Rule() Rule {
	return Rule{
		BMajorVersion: RuleMajorVersion, BMinorVersion: RuleMinorVersion, WReserved: RuleReserved,
		LBias: tz.LBias, LStandardBias: tz.LStandardBias, LDaylightBias: tz.LDaylightBias,
		StStandardDate: tz.StStandardDate, StDaylightDate: tz.StDaylightDate,
	}
}
