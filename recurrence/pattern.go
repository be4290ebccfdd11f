package recurrence

import (
	"encoding/binary"
	"strconv"

	"github.com/mapiblob/mapiblob/internal/sv"

	"github.com/mapiblob/mapiblob/internal/wire"
)

// Versions of [MS-OXOCAL] 2.2.1.44.
const (
	PatternVersion         = 0x3004 // ReaderVersion and WriterVersion of a RecurrencePattern
	ReaderVersion2         = 0x3006 // of an AppointmentRecurrencePattern
	WriterVersion2         = 0x3009 // written by this package; carries ChangeHighlight
	WriterVersion2Min      = 0x3006
	ChangeHighlightVersion = 0x3009 // WriterVersion2 from which ChangeHighlight is present
)

// PatternTypeSpecific holds the fields whose presence PatternType decides:
// DaysOfWeek for Week, MonthNth and HjMonthNth; Day for Month, MonthEnd,
// HjMonth and HjMonthEnd; N (1–5, 5 = last) for MonthNth and HjMonthNth.
type PatternTypeSpecific struct {
	DaysOfWeek DayMask
	Day        uint32
	N          uint32
}

// Pattern is a RecurrencePattern ([MS-OXOCAL] 2.2.1.44.1): the whole value
// of a task's PidLidTaskRecurrence and the head of every appointment pattern.
type Pattern struct {
	ReaderVersion         uint16              `json:"ReaderVersion"`
	WriterVersion         uint16              `json:"WriterVersion"`
	RecurFrequency        RecurFrequency      `json:"RecurFrequency"`
	PatternType           PatternType         `json:"PatternType"`
	CalendarType          CalendarType        `json:"CalendarType"`
	FirstDateTime         uint32              `json:"FirstDateTime"`
	Period                uint32              `json:"Period"`
	SlidingFlag           uint32              `json:"SlidingFlag"`
	PatternTypeSpecific   PatternTypeSpecific `json:"-"` // JSON per PatternType, see MarshalJSON
	EndType               EndType             `json:"EndType"`
	OccurrenceCount       uint32              `json:"OccurrenceCount"`
	FirstDOW              uint32              `json:"FirstDOW"`
	DeletedInstanceCount  uint32              `json:"DeletedInstanceCount"` // as stored; encoding writes len(DeletedInstanceDates)
	DeletedInstanceDates  []Minutes           `json:"DeletedInstanceDates"`
	ModifiedInstanceCount uint32              `json:"ModifiedInstanceCount"` // as stored; encoding writes len(ModifiedInstanceDates)
	ModifiedInstanceDates []Minutes           `json:"ModifiedInstanceDates"`
	StartDate             Minutes             `json:"StartDate"`
	EndDate               Minutes             `json:"EndDate"`

	// Trailing holds bytes after a task's pattern (ParsePattern only);
	// shown by the JSON envelope.
	Trailing []byte `json:"-"`

	dates []Minutes // backing array of both date lists, reused by UnmarshalBinary
}

// ParsePattern decodes a task's RecurrencePattern (PidLidTaskRecurrence).
// Bytes after the pattern are kept in Trailing.
func ParsePattern(b []byte) (*Pattern, error) {
	p := new(Pattern)
	if err := p.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return p, nil
}

// UnmarshalBinary decodes b into p; see ParsePattern. It reuses the
// storage of p's date lists, so decoding many blobs into one value does not
// allocate for them; after an error p's contents are unspecified.
func (p *Pattern) UnmarshalBinary(b []byte) error {
	var r wire.Reader
	r.Reset(b)
	v := Pattern{dates: p.dates}
	if !readPattern(&r, &v) {
		return r.Err()
	}
	if r.Len() > 0 {
		v.Trailing = append([]byte(nil), r.Rest()...)
	}
	*p = v
	return nil
}

// readPattern decodes a RecurrencePattern at the reader's position. The
// two date lists share one backing array.
// cursorOnly turns the fast paths off, so tests can check that both paths
// decode every blob alike.
var cursorOnly bool

func readPattern(r *wire.Reader, p *Pattern) bool {
	if !cursorOnly {
		if n, ok := decodePattern(r.Peek(), p); ok {
			r.Skip(n)
			return true
		}
	}
	if r.Len() >= 22 {
		b := r.Bytes("", 22)
		p.ReaderVersion = binary.LittleEndian.Uint16(b[0:])
		p.WriterVersion = binary.LittleEndian.Uint16(b[2:])
		p.RecurFrequency = RecurFrequency(binary.LittleEndian.Uint16(b[4:]))
		p.PatternType = PatternType(binary.LittleEndian.Uint16(b[6:]))
		p.CalendarType = CalendarType(binary.LittleEndian.Uint16(b[8:]))
		p.FirstDateTime = binary.LittleEndian.Uint32(b[10:])
		p.Period = binary.LittleEndian.Uint32(b[14:])
		p.SlidingFlag = binary.LittleEndian.Uint32(b[18:])
	} else {
		p.ReaderVersion = r.U16("ReaderVersion")
		p.WriterVersion = r.U16("WriterVersion")
		p.RecurFrequency = RecurFrequency(r.U16("RecurFrequency"))
		p.PatternType = PatternType(r.U16("PatternType"))
		p.CalendarType = CalendarType(r.U16("CalendarType"))
		p.FirstDateTime = r.U32("FirstDateTime")
		p.Period = r.U32("Period")
		p.SlidingFlag = r.U32("SlidingFlag")
		if !r.OK() {
			return false
		}
	}
	if p.ReaderVersion != PatternVersion {
		return r.FailAt("ReaderVersion", 0, ErrUnsupportedVersion, "ReaderVersion "+sv.Hex(uint64(p.ReaderVersion), 4)+" is not 0x3004")
	}
	if p.WriterVersion != PatternVersion {
		return r.FailAt("WriterVersion", 2, ErrUnsupportedVersion, "WriterVersion "+sv.Hex(uint64(p.WriterVersion), 4)+" is not 0x3004")
	}
	switch p.PatternType.specificSize() {
	case 0:
	case 4:
		v := r.U32("PatternTypeSpecific")
		if p.PatternType == Week {
			p.PatternTypeSpecific.DaysOfWeek = DayMask(v)
		} else {
			p.PatternTypeSpecific.Day = v
		}
	case 8:
		p.PatternTypeSpecific.DaysOfWeek = DayMask(r.U32("PatternTypeSpecific.DaysOfWeek"))
		p.PatternTypeSpecific.N = r.U32("PatternTypeSpecific.N")
	default:
		return r.FailAt("PatternType", 6, ErrInvalid, "PatternType "+sv.Hex(uint64(p.PatternType), 4)+
			" is not defined, so the size of PatternTypeSpecific is unknown")
	}
	p.EndType = EndType(r.U32("EndType"))
	p.OccurrenceCount = r.U32("OccurrenceCount")
	p.FirstDOW = r.U32("FirstDOW")
	delOff := r.Offset()
	p.DeletedInstanceCount = r.U32("DeletedInstanceCount")
	nd, ok := r.Count("DeletedInstanceDates", delOff, uint64(p.DeletedInstanceCount), 4)
	if !ok {
		return false
	}
	del := r.Bytes("DeletedInstanceDates", 4*nd)
	modOff := r.Offset()
	p.ModifiedInstanceCount = r.U32("ModifiedInstanceCount")
	nm, ok := r.Count("ModifiedInstanceDates", modOff, uint64(p.ModifiedInstanceCount), 4)
	if !ok {
		return false
	}
	mod := r.Bytes("ModifiedInstanceDates", 4*nm)
	p.StartDate = Minutes(r.U32("StartDate"))
	p.EndDate = Minutes(r.U32("EndDate"))
	if !r.OK() {
		return false
	}
	if nd+nm > 0 {
		all := p.dates
		if cap(all) >= nd+nm {
			all = all[:nd+nm]
		} else {
			all = make([]Minutes, nd+nm)
			p.dates = all
		}
		decodeDates(all[:nd], del)
		decodeDates(all[nd:], mod)
		p.DeletedInstanceDates = all[:nd:nd]
		p.ModifiedInstanceDates = all[nd:]
	}
	return true
}

// decodePattern is the cursor-free path of readPattern for well-formed
// input: it returns the bytes used, or ok false (leaving the dates storage
// as it was) whenever anything would fail, for the cursor path to report.
func decodePattern(b []byte, p *Pattern) (n int, ok bool) {
	if len(b) < 50 {
		return 0, false
	}
	if binary.LittleEndian.Uint16(b[0:]) != PatternVersion || binary.LittleEndian.Uint16(b[2:]) != PatternVersion {
		return 0, false
	}
	pt := PatternType(binary.LittleEndian.Uint16(b[6:]))
	size := pt.specificSize()
	if size < 0 || len(b) < 50+size {
		return 0, false
	}
	n = 22 + size
	d := int(binary.LittleEndian.Uint32(b[n+12:]))
	if d < 0 || d > (len(b)-n-16-12)/4 {
		return 0, false
	}
	mOff := n + 16 + 4*d
	m := int(binary.LittleEndian.Uint32(b[mOff:]))
	if m < 0 || m > (len(b)-mOff-4-8)/4 {
		return 0, false
	}
	end := mOff + 4 + 4*m
	p.ReaderVersion = PatternVersion
	p.WriterVersion = PatternVersion
	p.RecurFrequency = RecurFrequency(binary.LittleEndian.Uint16(b[4:]))
	p.PatternType = pt
	p.CalendarType = CalendarType(binary.LittleEndian.Uint16(b[8:]))
	p.FirstDateTime = binary.LittleEndian.Uint32(b[10:])
	p.Period = binary.LittleEndian.Uint32(b[14:])
	p.SlidingFlag = binary.LittleEndian.Uint32(b[18:])
	switch size {
	case 4:
		v := binary.LittleEndian.Uint32(b[22:])
		if pt == Week {
			p.PatternTypeSpecific.DaysOfWeek = DayMask(v)
		} else {
			p.PatternTypeSpecific.Day = v
		}
	case 8:
		p.PatternTypeSpecific.DaysOfWeek = DayMask(binary.LittleEndian.Uint32(b[22:]))
		p.PatternTypeSpecific.N = binary.LittleEndian.Uint32(b[26:])
	}
	p.EndType = EndType(binary.LittleEndian.Uint32(b[n:]))
	p.OccurrenceCount = binary.LittleEndian.Uint32(b[n+4:])
	p.FirstDOW = binary.LittleEndian.Uint32(b[n+8:])
	p.DeletedInstanceCount = uint32(d)
	p.ModifiedInstanceCount = uint32(m)
	p.StartDate = Minutes(binary.LittleEndian.Uint32(b[end:]))
	p.EndDate = Minutes(binary.LittleEndian.Uint32(b[end+4:]))
	if d+m > 0 {
		all := p.dates
		if cap(all) >= d+m {
			all = all[:d+m]
		} else {
			all = make([]Minutes, d+m)
			p.dates = all
		}
		decodeDates(all[:d], b[n+16:])
		decodeDates(all[d:], b[mOff+4:])
		p.DeletedInstanceDates = all[:d:d]
		p.ModifiedInstanceDates = all[d:]
	}
	return end + 8, true
}

// Size is the encoded length of p without trailing bytes.
func (p *Pattern) Size() int {
	n := p.PatternType.specificSize()
	if n < 0 {
		n = 0
	}
	return 50 + n + 4*len(p.DeletedInstanceDates) + 4*len(p.ModifiedInstanceDates)
}

// MarshalBinary encodes p (trailing bytes included).
func (p *Pattern) MarshalBinary() ([]byte, error) {
	return p.AppendBinary(make([]byte, 0, p.Size()+len(p.Trailing)))
}

// AppendBinary appends the encoding of p, trailing bytes included.
func (p *Pattern) AppendBinary(b []byte) ([]byte, error) {
	b, err := p.appendPattern(b)
	if err != nil {
		return nil, err
	}
	return append(b, p.Trailing...), nil
}

func (p *Pattern) appendPattern(b []byte) ([]byte, error) {
	if p.PatternType.specificSize() < 0 {
		return nil, &DecodeError{Path: "PatternType", Offset: 6, Err: ErrInvalid,
			Detail: "PatternType " + sv.Hex(uint64(p.PatternType), 4) + " cannot be encoded"}
	}
	b = wire.AppendU16(b, p.ReaderVersion)
	b = wire.AppendU16(b, p.WriterVersion)
	b = wire.AppendU16(b, uint16(p.RecurFrequency))
	b = wire.AppendU16(b, uint16(p.PatternType))
	b = wire.AppendU16(b, uint16(p.CalendarType))
	b = wire.AppendU32(b, p.FirstDateTime)
	b = wire.AppendU32(b, p.Period)
	b = wire.AppendU32(b, p.SlidingFlag)
	switch p.PatternType.specificSize() {
	case 4:
		if p.PatternType == Week {
			b = wire.AppendU32(b, uint32(p.PatternTypeSpecific.DaysOfWeek))
		} else {
			b = wire.AppendU32(b, p.PatternTypeSpecific.Day)
		}
	case 8:
		b = wire.AppendU32(b, uint32(p.PatternTypeSpecific.DaysOfWeek))
		b = wire.AppendU32(b, p.PatternTypeSpecific.N)
	}
	b = wire.AppendU32(b, uint32(p.EndType))
	b = wire.AppendU32(b, p.OccurrenceCount)
	b = wire.AppendU32(b, p.FirstDOW)
	b = wire.AppendU32(b, uint32(len(p.DeletedInstanceDates)))
	for _, d := range p.DeletedInstanceDates {
		b = wire.AppendU32(b, uint32(d))
	}
	b = wire.AppendU32(b, uint32(len(p.ModifiedInstanceDates)))
	for _, d := range p.ModifiedInstanceDates {
		b = wire.AppendU32(b, uint32(d))
	}
	b = wire.AppendU32(b, uint32(p.StartDate))
	b = wire.AppendU32(b, uint32(p.EndDate))
	return b, nil
}

// patternTypeSpecificJSON is the PatternTypeSpecific object of the JSON form.
func (p *Pattern) patternTypeSpecificJSON() map[string]uint32 {
	s := p.PatternTypeSpecific
	switch p.PatternType {
	case Week:
		return map[string]uint32{"DaysOfWeek": uint32(s.DaysOfWeek)}
	case Month, MonthEnd, HjMonth, HjMonthEnd:
		return map[string]uint32{"Day": s.Day}
	case MonthNth, HjMonthNth:
		return map[string]uint32{"DaysOfWeek": uint32(s.DaysOfWeek), "N": s.N}
	}
	return map[string]uint32{}
}

func itoa(n int) string { return strconv.Itoa(n) }

// decodeDates fills dst from len(dst) little-endian uint32 values in src.
func decodeDates(dst []Minutes, src []byte) {
	src = src[:4*len(dst)]
	for i := range dst {
		b := src[4*i : 4*i+4 : 4*i+4]
		dst[i] = Minutes(uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24)
	}
}
