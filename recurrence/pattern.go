package recurrence

import (
	"encoding/binary"
	"strconv"
	"unsafe"

	"github.com/mapiblob/mapiblob/blob"
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

	mem   []uint64 // ParsePattern: the pointer-free block of the input copy and the date lists
	arena *Arena   // the arena mem comes from, set only while an Arena decodes; nil: the heap
}

// ParsePattern decodes a task's RecurrencePattern (PidLidTaskRecurrence).
// Bytes after the pattern are kept in Trailing. The result is one
// allocation, two when the pattern has instance dates or trailing bytes.
func ParsePattern(b []byte) (*Pattern, error) {
	p := new(Pattern)
	if err := p.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return p, nil
}

// UnmarshalBinary decodes b into p; see ParsePattern. It reuses p's
// storage for the date lists and trailing bytes, so decoding many blobs
// into one value does not allocate once it is large enough; b may point
// into that storage. After an error p's contents are unspecified.
func (p *Pattern) UnmarshalBinary(b []byte) error {
	c := wire.NewCursor(b)
	dl, err := p.decode(&c)
	if err != nil {
		return err
	}
	p.Trailing = nil
	if dl.n() == 0 && c.Len() == 0 {
		p.DeletedInstanceDates, p.ModifiedInstanceDates = nil, nil
		return nil
	}
	// One pointer-free block: a copy of the input (b may lie in the block
	// being reused) that the date lists are read in.
	shift, bufW, dateW := dl.layout(len(b))
	mem := grow(p.mem, bufW+dateW, p.arena)
	p.mem = mem
	buf := dl.place(p, mem, b, shift, bufW)
	if end := c.Offset(); end < len(buf) {
		p.Trailing = buf[end:len(buf):len(buf)]
	}
	return nil
}

// dateLists says where a decoded pattern's date lists lie in its input.
type dateLists struct {
	del, mod int // offsets of DeletedInstanceDates and ModifiedInstanceDates
	nd, nm   int // their lengths
}

func (d dateLists) n() int { return d.nd + d.nm }

// layout says where a pattern's input of n bytes and its date lists go
// in its pointer-free block: the copy starts shift bytes in and takes
// bufW words, and the dates take dateW words after it. The lists start at
// the same offset modulo 4 (a list is 4-byte values after a 4-byte
// count), so the shift puts both on 4-byte boundaries; on a little-endian
// machine each is then read in place, a Minutes being the blob's
// little-endian uint32, and needs no words of its own. (In both structures
// the lists start 2 bytes past a 4-byte boundary, so the shift is 2; it is
// computed, not assumed.)
func (d dateLists) layout(n int) (shift, bufW, dateW int) {
	switch {
	case d.n() == 0:
		return 0, words(n), 0
	case !nativeLE:
		return 0, words(n), words(4 * d.n())
	}
	shift = -d.del & 3
	return shift, words(shift + n), 0
}

// place copies b into mem as layout placed it and sets p's date lists in
// that copy (or, on a big-endian machine, decodes them into the words
// after it); it returns the copy.
func (d dateLists) place(p *Pattern, mem []uint64, b []byte, shift, bufW int) []byte {
	buf := carve[byte](mem, 8*bufW)[shift : shift+len(b) : shift+len(b)]
	copy(buf, b)
	p.DeletedInstanceDates, p.ModifiedInstanceDates = nil, nil
	switch {
	case d.n() == 0:
	case nativeLE:
		p.DeletedInstanceDates = minutesIn(buf, d.del, d.nd)
		p.ModifiedInstanceDates = minutesIn(buf, d.mod, d.nm)
	default:
		dates := carve[Minutes](mem[bufW:], d.n())
		if d.nd > 0 {
			p.DeletedInstanceDates = dates[:d.nd:d.nd]
			decodeDates(p.DeletedInstanceDates, buf[d.del:])
		}
		if d.nm > 0 {
			p.ModifiedInstanceDates = dates[d.nd:]
			decodeDates(p.ModifiedInstanceDates, buf[d.mod:])
		}
	}
	return buf
}

// minutesIn is the n values at offset off of buf, in place (nil for none);
// off lies on a 4-byte boundary of memory and the machine is
// little-endian.
func minutesIn(buf []byte, off, n int) []Minutes {
	if n == 0 {
		return nil
	}
	_ = buf[off+4*n-1]
	return unsafe.Slice((*Minutes)(unsafe.Pointer(&buf[off])), n)
}

// decode reads a RecurrencePattern at the cursor into p's fields and says
// where its date lists are, for place to set them (every count is checked
// against the bytes left before that). It reads from the bytes the
// cursor has left with plain indexes and moves the cursor once, at the
// end; on a failure it moves the cursor to the run or field that does not
// fit, so the error names it and its offset. Nothing is formatted unless a
// read fails.
func (p *Pattern) decode(c *wire.Cursor) (dateLists, error) {
	var dl dateLists
	b := c.Peek()
	base := c.Offset()
	if len(b) < 22 {
		return dl, runTruncated(c, headParts)
	}
	h := b[:22:22]
	p.ReaderVersion = le.Uint16(h[0:])
	p.WriterVersion = le.Uint16(h[2:])
	p.RecurFrequency = RecurFrequency(le.Uint16(h[4:]))
	p.PatternType = PatternType(le.Uint16(h[6:]))
	p.CalendarType = CalendarType(le.Uint16(h[8:]))
	p.FirstDateTime = le.Uint32(h[10:])
	p.Period = le.Uint32(h[14:])
	p.SlidingFlag = le.Uint32(h[18:])
	if le.Uint32(h) != PatternVersion|PatternVersion<<16 {
		if p.ReaderVersion != PatternVersion {
			return dl, wire.Unsupported("ReaderVersion", 0, "ReaderVersion "+sv.Hex(uint64(p.ReaderVersion), 4)+" is not 0x3004")
		}
		return dl, wire.Unsupported("WriterVersion", 2, "WriterVersion "+sv.Hex(uint64(p.WriterVersion), 4)+" is not 0x3004")
	}
	q := 22 // bytes of b read
	s := &p.PatternTypeSpecific
	switch p.PatternType.specificSize() {
	case 0:
		*s = PatternTypeSpecific{}
	case 4:
		if len(b) < 26 {
			c.Skip(q)
			return dl, runTruncated(c, specificParts4)
		}
		v := le.Uint32(b[22:26])
		*s = PatternTypeSpecific{}
		if p.PatternType == Week {
			s.DaysOfWeek = DayMask(v)
		} else {
			s.Day = v
		}
		q = 26
	case 8:
		if len(b) < 30 {
			c.Skip(q)
			return dl, runTruncated(c, specificParts8)
		}
		*s = PatternTypeSpecific{DaysOfWeek: DayMask(le.Uint32(b[22:26])), N: le.Uint32(b[26:30])}
		q = 30
	default:
		return dl, wire.Invalid("PatternType", 6, "PatternType "+sv.Hex(uint64(p.PatternType), 4)+
			" is not defined, so the size of PatternTypeSpecific is unknown")
	}
	if len(b)-q < 16 {
		c.Skip(q)
		return dl, runTruncated(c, endParts)
	}
	t := b[q : q+16 : q+16]
	p.EndType = EndType(le.Uint32(t))
	p.OccurrenceCount = le.Uint32(t[4:])
	p.FirstDOW = le.Uint32(t[8:])
	p.DeletedInstanceCount = le.Uint32(t[12:])
	q += 16
	if uint64(p.DeletedInstanceCount) > uint64(len(b)-q)/4 {
		return dl, wire.CountTooLarge("DeletedInstanceDates", base+q-4, uint64(p.DeletedInstanceCount), 4, len(b)-q)
	}
	dl.del, dl.nd = base+q, int(p.DeletedInstanceCount)
	q += 4 * dl.nd
	if len(b)-q < 4 {
		c.Skip(q)
		return dl, c.Truncated("ModifiedInstanceCount", 4)
	}
	p.ModifiedInstanceCount = le.Uint32(b[q:])
	q += 4
	if uint64(p.ModifiedInstanceCount) > uint64(len(b)-q)/4 {
		return dl, wire.CountTooLarge("ModifiedInstanceDates", base+q-4, uint64(p.ModifiedInstanceCount), 4, len(b)-q)
	}
	dl.mod, dl.nm = base+q, int(p.ModifiedInstanceCount)
	q += 4 * dl.nm
	if len(b)-q < 8 {
		c.Skip(q)
		return dl, runTruncated(c, dateParts)
	}
	p.StartDate, p.EndDate = Minutes(le.Uint32(b[q:])), Minutes(le.Uint32(b[q+4:]))
	c.Skip(q + 8)
	return dl, nil
}

var le = binary.LittleEndian

// nativeLE reports whether the machine stores a uint32 little-endian, as
// the blob does.
var nativeLE = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// part is one field of a run that the decoder reads with one length check
// (wire.Cursor.Fixed); the parts name the field a short read stops in.
type part struct {
	name string
	size int
}

// The runs of RecurrencePattern and AppointmentRecurrencePattern.
var (
	headParts = []part{{"ReaderVersion", 2}, {"WriterVersion", 2}, {"RecurFrequency", 2}, {"PatternType", 2},
		{"CalendarType", 2}, {"FirstDateTime", 4}, {"Period", 4}, {"SlidingFlag", 4}}
	specificParts4 = []part{{"PatternTypeSpecific", 4}}
	specificParts8 = []part{{"PatternTypeSpecific.DaysOfWeek", 4}, {"PatternTypeSpecific.N", 4}}
	endParts       = []part{{"EndType", 4}, {"OccurrenceCount", 4}, {"FirstDOW", 4}, {"DeletedInstanceCount", 4}}
	dateParts      = []part{{"StartDate", 4}, {"EndDate", 4}}
	versionParts   = []part{{"ReaderVersion2", 4}, {"WriterVersion2", 4}}
	offsetParts    = []part{{"StartTimeOffset", 4}, {"EndTimeOffset", 4}, {"ExceptionCount", 2}}
)

// runTruncated is the error for a run of parts longer than the bytes left:
// the first part that does not fit, at its offset. Its callers call it only
// for a run that does not fit; were one to fit, the error says the run
// could not be read rather than the decoder stopping the program.
func runTruncated(c *wire.Cursor, parts []part) error {
	off, left := c.Offset(), c.Len()
	for _, p := range parts {
		if left < p.size {
			return wire.TruncatedAt(p.name, off, p.size, left)
		}
		off, left = off+p.size, left-p.size
	}
	return wire.Invalid(parts[0].name, c.Offset(), "the run from "+parts[0].name+" could not be read")
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
		return nil, &blob.DecodeError{Path: "PatternType", Offset: 6, Err: blob.ErrInvalid,
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
		dst[i] = Minutes(le.Uint32(src[4*i:]))
	}
}
