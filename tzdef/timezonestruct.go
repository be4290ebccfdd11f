package tzdef

import (
	"encoding/binary"

	"github.com/mapiblob/mapiblob/internal/wire"
)

// TimeZoneStruct is PidLidTimeZoneStruct ([MS-OXOCAL] 2.2.1.39): the zone of
// a recurring series as one rule, 48 bytes.
// The JSON keys are the specification's field names.
type TimeZoneStruct struct {
	Bias         int32      `json:"lBias"`          // lBias: minutes to add to local time to get UTC
	StandardBias int32      `json:"lStandardBias"`  // lStandardBias: added to Bias in standard time
	DaylightBias int32      `json:"lDaylightBias"`  // lDaylightBias: added to Bias in daylight time
	StandardYear uint16     `json:"wStandardYear"`  // wStandardYear
	StandardDate SystemTime `json:"stStandardDate"` // stStandardDate: to standard time, on the daylight clock
	DaylightYear uint16     `json:"wDaylightYear"`  // wDaylightYear
	DaylightDate SystemTime `json:"stDaylightDate"` // stDaylightDate: to daylight time, on the standard clock

	// Trailing holds bytes after the 48 that belong to the structure;
	// kept so that encoding gives the input back. Shown by the JSON envelope.
	Trailing []byte `json:"-"`
}

// TimeZoneStructSize is the encoded size without trailing bytes.
const TimeZoneStructSize = 48

// ParseTimeZoneStruct decodes a PidLidTimeZoneStruct value into a new
// value: one allocation, two with trailing bytes.
func ParseTimeZoneStruct(b []byte) (*TimeZoneStruct, error) {
	tz := new(TimeZoneStruct)
	if err := tz.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return tz, nil
}

// UnmarshalBinary decodes b into tz. It reuses tz.Trailing's storage for
// bytes after the structure, growing it only when too small, so it does not
// allocate when decoding into one value again and again.
func (tz *TimeZoneStruct) UnmarshalBinary(b []byte) error {
	c := wire.NewCursor(b)
	blk, ok := c.Fixed(TimeZoneStructSize)
	if !ok {
		return truncatedIn("", 0, tzStructLayout[:], len(b))
	}
	tz.decode((*[TimeZoneStructSize]byte)(blk))
	tz.Trailing = reuse(tz.Trailing, c.Rest())
	return nil
}

// decode fills tz from its 48 bytes.
func (tz *TimeZoneStruct) decode(b *[TimeZoneStructSize]byte) {
	tz.Bias = int32(binary.LittleEndian.Uint32(b[0:]))
	tz.StandardBias = int32(binary.LittleEndian.Uint32(b[4:]))
	tz.DaylightBias = int32(binary.LittleEndian.Uint32(b[8:]))
	tz.StandardYear = binary.LittleEndian.Uint16(b[12:])
	tz.StandardDate.decode((*[SystemTimeSize]byte)(b[14:30]))
	tz.DaylightYear = binary.LittleEndian.Uint16(b[30:])
	tz.DaylightDate.decode((*[SystemTimeSize]byte)(b[32:48]))
}

// tzStructLayout names the fields of a TimeZoneStruct, those of its
// SYSTEMTIMEs included, for truncation errors.
var tzStructLayout = func() (l [4 + 1 + 2*len(systemTimeLayout)]field) {
	i := 0
	add := func(name string, off, size int) { l[i] = field{name, off, size}; i++ }
	add("lBias", 0, 4)
	add("lStandardBias", 4, 4)
	add("lDaylightBias", 8, 4)
	add("wStandardYear", 12, 2)
	for _, f := range systemTimeLayout {
		add("stStandardDate."+f.name, 14+f.off, f.size)
	}
	add("wDaylightYear", 30, 2)
	for _, f := range systemTimeLayout {
		add("stDaylightDate."+f.name, 32+f.off, f.size)
	}
	return l
}()

// MarshalBinary encodes tz, trailing bytes included.
func (tz *TimeZoneStruct) MarshalBinary() ([]byte, error) {
	return tz.AppendBinary(make([]byte, 0, TimeZoneStructSize+len(tz.Trailing)))
}

// AppendBinary appends the encoding of tz to b.
func (tz *TimeZoneStruct) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendI32(b, tz.Bias)
	b = wire.AppendI32(b, tz.StandardBias)
	b = wire.AppendI32(b, tz.DaylightBias)
	b = wire.AppendU16(b, tz.StandardYear)
	b = tz.StandardDate.appendTo(b)
	b = wire.AppendU16(b, tz.DaylightYear)
	b = tz.DaylightDate.appendTo(b)
	return append(b, tz.Trailing...), nil
}

// Rule returns tz as a rule of a definition (for comparisons and for
// computing offsets with the same code).
func (tz *TimeZoneStruct) Rule() Rule {
	return Rule{
		MajorVersion: RuleMajorVersion, MinorVersion: RuleMinorVersion, Reserved: RuleReserved,
		Bias: tz.Bias, StandardBias: tz.StandardBias, DaylightBias: tz.DaylightBias,
		StandardDate: tz.StandardDate, DaylightDate: tz.DaylightDate,
	}
}
