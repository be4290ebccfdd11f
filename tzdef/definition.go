package tzdef

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"strconv"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// Version and layout constants of [MS-OXOCAL] 2.2.1.41.
const (
	MajorVersion     = 0x02   // TZ_BIN_VERSION_MAJOR, header and rules
	MinorVersion     = 0x01   // TZ_BIN_VERSION_MINOR written by this package
	HeaderReserved   = 0x0002 // the header's wReserved
	RuleMajorVersion = 0x02
	RuleMinorVersion = 0x01
	RuleReserved     = 0x003E // a rule's wReserved: the 62 bytes that follow it
	RuleSize         = 66     // encoded size of a TZRule
	MaxRules         = 1024   // the largest cRules the specification allows
)

// RuleFlags is a TZRule's wTZRuleFlags.
type RuleFlags uint16

// Rule flags.
const (
	// TZRULE_FLAG_RECUR_CURRENT_TZREG marks the rule that matches the
	// series' PidLidTimeZoneStruct.
	TZRULE_FLAG_RECUR_CURRENT_TZREG RuleFlags = 0x0001
	// TZRULE_FLAG_EFFECTIVE_TZREG marks the rule in force now.
	TZRULE_FLAG_EFFECTIVE_TZREG RuleFlags = 0x0002
)

// String names the set flags ("TZRULE_FLAG_EFFECTIVE_TZREG", joined by
// " | " when several), "0x0" when none.
func (f RuleFlags) String() string {
	switch f {
	case 0:
		return "0x0"
	case TZRULE_FLAG_RECUR_CURRENT_TZREG:
		return "TZRULE_FLAG_RECUR_CURRENT_TZREG"
	case TZRULE_FLAG_EFFECTIVE_TZREG:
		return "TZRULE_FLAG_EFFECTIVE_TZREG"
	}
	s := ""
	rest := f
	for _, n := range []RuleFlags{TZRULE_FLAG_RECUR_CURRENT_TZREG, TZRULE_FLAG_EFFECTIVE_TZREG} {
		if f&n != 0 {
			if s != "" {
				s += " | "
			}
			s += n.String()
			rest &^= n
		}
	}
	if rest != 0 {
		if s != "" {
			s += " | "
		}
		s += "0x" + strconv.FormatUint(uint64(rest), 16)
	}
	return s
}

// Rule is a TZRule ([MS-OXOCAL] 2.2.1.41.1): the zone's offsets and
// transitions from 1 January of Year until the next rule's year. The JSON
// keys are the specification's field names.
type Rule struct {
	MajorVersion uint8      `json:"bMajorVersion"`  // bMajorVersion: 0x02
	MinorVersion uint8      `json:"bMinorVersion"`  // bMinorVersion: 0x01 or more
	Reserved     uint16     `json:"wReserved"`      // wReserved: 0x003E
	Flags        RuleFlags  `json:"wTZRuleFlags"`   // wTZRuleFlags
	Year         uint16     `json:"wYear"`          // wYear: the first year the rule applies to
	X            HexBytes14 `json:"X"`              // X: unused per the spec; real blobs hold the rest of a SYSTEMTIME here
	Bias         int32      `json:"lBias"`          // lBias: minutes to add to local time to get UTC
	StandardBias int32      `json:"lStandardBias"`  // lStandardBias: added to Bias in standard time
	DaylightBias int32      `json:"lDaylightBias"`  // lDaylightBias: added to Bias in daylight time
	StandardDate SystemTime `json:"stStandardDate"` // stStandardDate: to standard time, on the daylight clock
	DaylightDate SystemTime `json:"stDaylightDate"` // stDaylightDate: to daylight time, on the standard clock
}

// HexBytes14 is the 14-byte X field; JSON shows it as upper-case hex.
type HexBytes14 [14]byte

// MarshalText writes upper-case hex.
func (x HexBytes14) MarshalText() ([]byte, error) { return []byte(wire.UpperHex(x[:])), nil }

// UnmarshalText reads 28 hex digits.
func (x *HexBytes14) UnmarshalText(b []byte) error {
	if len(b) != 28 {
		return &blob.DecodeError{Path: "X", Err: blob.ErrInvalid, Detail: "want 28 hex digits"}
	}
	for i := range x {
		if !wire.IsHex(b[2*i]) || !wire.IsHex(b[2*i+1]) {
			return &blob.DecodeError{Path: "X", Offset: i, Err: blob.ErrInvalid, Detail: "not hex"}
		}
		x[i] = wire.Unhex(b[2*i])<<4 | wire.Unhex(b[2*i+1])
	}
	return nil
}

// Definition is a TZDEFINITION ([MS-OXOCAL] 2.2.1.41), the value of
// PidLidAppointmentTimeZoneDefinitionStartDisplay, …EndDisplay and …Recur.
// The JSON keys are the specification's field names.
type Definition struct {
	MajorVersion  uint8  `json:"bMajorVersion"` // bMajorVersion: 0x02
	MinorVersion  uint8  `json:"bMinorVersion"` // bMinorVersion: 0x01 or more
	HeaderSize    uint16 `json:"cbHeader"`      // cbHeader, as stored; encoding writes 6 + 2·KeyNameLength + len(ExtraHeaderData)
	Reserved      uint16 `json:"wReserved"`     // wReserved: 0x0002
	KeyNameLength uint16 `json:"cchKeyName"`    // cchKeyName, as stored; encoding writes the UTF-16 length of KeyName
	KeyName       string `json:"KeyName"`       // KeyName: the Windows time-zone key name, e.g. "Eastern Standard Time"
	RuleCount     uint16 `json:"cRules"`        // cRules, as stored; encoding writes len(Rules)
	// ExtraHeaderData is header data that cbHeader covers beyond cRules
	// (a newer minor version's); kept byte-exact.
	ExtraHeaderData blob.HexBytes `json:"ExtraHeaderData"`
	Rules           []Rule        `json:"TZRules"` // TZRules

	// Trailing holds bytes after the last rule; shown by the JSON envelope.
	Trailing []byte `json:"-"`

	keyRaw []byte // KeyName's UTF-16 when it does not survive conversion to a string; empty otherwise
	keyDec string // KeyName as decoded, to tell whether keyRaw still applies
	fresh  bool   // decoding for Parse: the value has no storage yet, use one block
	arena  *Arena // decoding for Arena.Parse: the block comes from it
	keyMem []byte // Parse's block for an unknown key name: UTF-8, then the raw UTF-16; used once
}

// Parse decodes a TZDEFINITION into a new value. It makes at most two
// allocations whatever the blob holds — one for a blob of one or two rules
// whose key name is a Windows one and that has no extra header or trailing
// bytes (the common case): the value carries room for two rules, and
// everything else a blob may need (more rules, ExtraHeaderData, Trailing,
// an unknown key name) shares one more pointer-free block.
func Parse(b []byte) (*Definition, error) {
	v := new(parsedDefinition)
	d := &v.Definition
	d.Rules = v.rules[:0:len(v.rules)]
	d.fresh = true
	err := d.UnmarshalBinary(b)
	d.fresh = false
	if err != nil {
		return nil, err
	}
	return d, nil
}

// parsedDefinition is what Parse allocates: a Definition with room for the
// rules of most blobs.
type parsedDefinition struct {
	Definition
	rules [2]Rule
}

// UnmarshalBinary decodes b into d. It reuses d's storage — the rule slice,
// ExtraHeaderData, Trailing and the key name when unchanged — growing a slice
// only when it is too small, so decoding blob after blob into one value does
// not allocate; the previous result's slices are overwritten. After an error
// d's contents are unspecified.
//
// Errors: blob.ErrTruncated; ErrUnsupportedVersion for a major version other
// than 2 or a minor version below 1 (in the header or any rule);
// ErrInvalid when cbHeader is smaller than the fields it must cover.
// Everything else that is out of the specification is left to Check.
func (d *Definition) UnmarshalBinary(b []byte) error {
	c := wire.NewCursor(b)
	// bMajorVersion, bMinorVersion, cbHeader, wReserved, cchKeyName.
	h, ok := c.Fixed(definitionHeaderSize)
	if !ok {
		return headerError(b)
	}
	if h[0] != MajorVersion || h[1] < MinorVersion {
		return versionError("bMajorVersion", 0, h[0], h[1])
	}
	d.MajorVersion, d.MinorVersion = h[0], h[1]
	d.HeaderSize = binary.LittleEndian.Uint16(h[2:])
	d.Reserved = binary.LittleEndian.Uint16(h[4:])
	d.KeyNameLength = binary.LittleEndian.Uint16(h[6:])
	var raw []byte
	if !c.Bytes(&raw, 2*int(d.KeyNameLength)) {
		return c.Truncated("KeyName", 2*int(d.KeyNameLength))
	}
	cRulesOff := c.Offset()
	if !c.U16(&d.RuleCount) {
		return c.Truncated("cRules", 2)
	}
	need := 6 + 2*int(d.KeyNameLength)
	if int(d.HeaderSize) < need {
		return wire.Invalid("cbHeader", 2, "cbHeader "+strconv.Itoa(int(d.HeaderSize))+
			" is less than the "+strconv.Itoa(need)+" bytes of wReserved, cchKeyName, KeyName and cRules")
	}
	var extra []byte
	if n := int(d.HeaderSize) - need; !c.Bytes(&extra, n) {
		return c.Truncated("ExtraHeaderData", n)
	}
	n := int(d.RuleCount)
	if !c.Fits(uint64(n), RuleSize) {
		return wire.CountTooLarge("TZRules", cRulesOff, uint64(n), RuleSize, c.Len())
	}
	rb, _ := c.Fixed(RuleSize * n) // cannot fail after Fits
	rest := c.Rest()
	if d.fresh {
		d.layOut(n, len(extra), len(rest), raw)
	}
	rules := d.Rules[:0]
	if cap(rules) < n {
		rules = make([]Rule, n)
	}
	rules = rules[:n]
	for i := range rules {
		r := (*[RuleSize]byte)(rb[RuleSize*i:])
		if r[0] != RuleMajorVersion || r[1] < RuleMinorVersion {
			return versionError(wire.Path("TZRules", i, "bMajorVersion"), cRulesOff+2+len(extra)+RuleSize*i, r[0], r[1])
		}
		rules[i].decode(r)
	}
	d.Rules = rules
	d.setKeyName(raw)
	d.ExtraHeaderData = reuse(d.ExtraHeaderData, extra)
	d.Trailing = reuse(d.Trailing, rest)
	return nil
}

// layOut gives a value being made by Parse the storage that a blob of n
// rules, extra bytes of ExtraHeaderData, rest bytes of Trailing and key
// name raw needs beyond the value's own room for two rules, in one
// pointer-free block (a []uint64, so the rules in it are aligned). Each
// slice is clipped to its length, so reusing the value later never writes
// into another's part. A key name CLDR does not know is decoded into the
// block too (setKeyName), and that part is never written again, since
// KeyName is a string.
//
// From an arena the block is carved from its storage, and an unknown key
// name is not put there: a string must not change, and the arena's storage
// is handed out again after Reset.
func (d *Definition) layOut(n, extra, rest int, raw []byte) {
	keyBytes := 0
	if len(raw) > 0 && d.arena == nil && knownKey(raw) == nil {
		keyBytes = 3*len(raw)/2 + len(raw) // UTF-8 (at most 3 bytes a unit) and a raw copy
	}
	ruleBytes := 0
	if n > cap(d.Rules) {
		ruleBytes = n * int(unsafe.Sizeof(Rule{}))
	}
	total := ruleBytes + extra + rest + keyBytes
	if total == 0 {
		return
	}
	var block []uint64
	if d.arena != nil {
		block = d.arena.blocks.Carve((total + 7) / 8)
	} else {
		block = make([]uint64, (total+7)/8)
	}
	mem := unsafe.Slice((*byte)(unsafe.Pointer(&block[0])), 8*len(block))
	if ruleBytes > 0 {
		d.Rules = unsafe.Slice((*Rule)(unsafe.Pointer(&block[0])), n)[:0:n]
		mem = mem[ruleBytes:]
	}
	if extra > 0 {
		d.ExtraHeaderData = mem[:0:extra]
	}
	if rest > 0 {
		d.Trailing = mem[extra : extra : extra+rest]
	}
	if keyBytes > 0 {
		d.keyMem = mem[extra+rest : extra+rest+keyBytes : extra+rest+keyBytes]
	}
}

// definitionHeaderSize is the fixed part of a TZDEFINITION before KeyName.
const definitionHeaderSize = 8

// headerError is the error for a blob too short for the fixed header: the
// first field it lacks, after the version check once both version bytes
// are there.
func headerError(b []byte) error {
	if len(b) >= 2 && (b[0] != MajorVersion || b[1] < MinorVersion) {
		return versionError("bMajorVersion", 0, b[0], b[1])
	}
	return truncatedIn("", 0, headerLayout[:], len(b))
}

var headerLayout = [...]field{
	{"bMajorVersion", 0, 1}, {"bMinorVersion", 1, 1}, {"cbHeader", 2, 2}, {"wReserved", 4, 2}, {"cchKeyName", 6, 2},
}

// reuse copies src into dst's storage, growing it only when too small; an
// empty src leaves dst empty (nil stays nil).
func reuse(dst, src []byte) []byte {
	if len(src) == 0 {
		return dst[:0]
	}
	return append(dst[:0], src...)
}

// setKeyName sets KeyName (and keyRaw) from the raw UTF-16 of the blob
// without allocating when the key name is unchanged, is the last one
// interned, or is a Windows key name CLDR knows.
func (d *Definition) setKeyName(raw []byte) {
	// The last key name interned first: blobs come in runs of one zone,
	// and comparing the UTF-16 forms is one memory comparison.
	if last := lastKey.Load(); last != nil && string(raw) == last.utf16 {
		d.keyRaw, d.keyDec = d.keyRaw[:0], ""
		d.KeyName = last.s
		return
	}
	if len(d.keyRaw) > 0 {
		if d.KeyName == d.keyDec && bytes.Equal(d.keyRaw, raw) {
			return // the same inexact key name again
		}
	} else if sameKey(d.KeyName, raw) || utf16Equal(d.KeyName, raw) {
		return
	}
	d.keyRaw, d.keyDec = d.keyRaw[:0], ""
	if p := knownKey(raw); p != nil {
		lastKey.Store(p)
		d.KeyName = p.s
		return
	}
	if mem := d.keyMem; len(mem) > 0 {
		// Parse's block: the string points into it, and the block is
		// dropped so that nothing writes there again.
		d.keyMem = nil
		u, exact := wire.AppendUTF16AsUTF8(mem[:0], raw)
		d.KeyName = unsafe.String(unsafe.SliceData(u), len(u))
		if !exact {
			d.keyRaw = append(mem[len(u):len(u)], raw...)
			d.keyDec = d.KeyName
		}
		return
	}
	key, exact := wire.DecodeUTF16(raw)
	d.KeyName = key
	if !exact {
		d.keyRaw = append(d.keyRaw, raw...)
		d.keyDec = key
	}
}

// sameKey reports whether raw (UTF-16LE) spells the ASCII string key, so a
// value decoding blob after blob of one zone keeps its key name string. It
// compares eight characters at a time.
func sameKey(key string, raw []byte) bool {
	if len(raw) != 2*len(key) {
		return false
	}
	i := 0
	for ; i+8 <= len(key) && 2*i+16 <= len(raw); i += 8 {
		k := uint64(key[i]) | uint64(key[i+1])<<8 | uint64(key[i+2])<<16 | uint64(key[i+3])<<24 |
			uint64(key[i+4])<<32 | uint64(key[i+5])<<40 | uint64(key[i+6])<<48 | uint64(key[i+7])<<56
		if k&0x8080808080808080 != 0 ||
			binary.LittleEndian.Uint64(raw[2*i:]) != widen(uint32(k)) ||
			binary.LittleEndian.Uint64(raw[2*i+8:]) != widen(uint32(k>>32)) {
			return false
		}
	}
	for ; i < len(key); i++ {
		if raw[2*i] != key[i] || raw[2*i+1] != 0 || key[i] >= 0x80 {
			return false
		}
	}
	return true
}

// widen spreads four bytes into four little-endian 16-bit units (the
// UTF-16LE of four ASCII characters).
func widen(x uint32) uint64 {
	v := uint64(x)
	v = (v | v<<16) & 0x0000FFFF0000FFFF
	return (v | v<<8) & 0x00FF00FF00FF00FF
}

// utf16Equal reports whether raw is exactly the UTF-16LE encoding of key
// (which must be valid UTF-8): then decoding raw would give key back.
func utf16Equal(key string, raw []byte) bool {
	for _, r := range key {
		if r == utf8.RuneError || len(raw) < 2 {
			return false // invalid UTF-8 (or U+FFFD, decoded afresh) or raw too short
		}
		if r < 0x10000 {
			if binary.LittleEndian.Uint16(raw) != uint16(r) {
				return false
			}
			raw = raw[2:]
			continue
		}
		hi, lo := utf16.EncodeRune(r)
		if len(raw) < 4 || binary.LittleEndian.Uint16(raw) != uint16(hi) || binary.LittleEndian.Uint16(raw[2:]) != uint16(lo) {
			return false
		}
		raw = raw[4:]
	}
	return len(raw) == 0
}

// lastKey is the key name most recently interned: blobs of one zone
// usually come in runs. It points into keyNames, so storing it allocates
// nothing.
var lastKey atomic.Pointer[knownName]

// knownKey returns the interned string of a Windows key name that CLDR
// knows, without allocating, when raw spells one; nil otherwise.
func knownKey(raw []byte) *knownName {
	var buf [64]byte
	n := len(raw) / 2
	if n > len(buf) {
		return nil
	}
	for i := 0; i < n; i++ {
		c := raw[2*i]
		if raw[2*i+1] != 0 || c >= 0x80 {
			return nil
		}
		buf[i] = c
	}
	return keyNames[string(buf[:n])]
}

// decode fills t from its 66 bytes, the version already checked.
func (t *Rule) decode(b *[RuleSize]byte) {
	t.MajorVersion = b[0]
	t.MinorVersion = b[1]
	t.Reserved = binary.LittleEndian.Uint16(b[2:])
	t.Flags = RuleFlags(binary.LittleEndian.Uint16(b[4:]))
	t.Year = binary.LittleEndian.Uint16(b[6:])
	t.X = HexBytes14(b[8:22])
	t.Bias = int32(binary.LittleEndian.Uint32(b[22:]))
	t.StandardBias = int32(binary.LittleEndian.Uint32(b[26:]))
	t.DaylightBias = int32(binary.LittleEndian.Uint32(b[30:]))
	t.StandardDate.decode((*[SystemTimeSize]byte)(b[34:50]))
	t.DaylightDate.decode((*[SystemTimeSize]byte)(b[50:66]))
}

// versionError is the ErrUnsupportedVersion error for the version bytes of
// the header or of a rule.
func versionError(path string, off int, major, minor uint8) error {
	return wire.Unsupported(path, off, "version "+strconv.Itoa(int(major))+"."+strconv.Itoa(int(minor))+
		" is not readable (major version must be 2 and minor version at least 1)")
}

// MarshalBinary encodes d. The stored counts (cbHeader, cchKeyName, cRules)
// are computed from the fields, so a definition edited in Go encodes
// consistently; for a parsed blob they equal what was read.
func (d *Definition) MarshalBinary() ([]byte, error) {
	return d.AppendBinary(make([]byte, 0, d.Size()))
}

// Size is the encoded length of d.
func (d *Definition) Size() int {
	return 4 + 6 + 2*d.keyUnits() + len(d.ExtraHeaderData) + RuleSize*len(d.Rules) + len(d.Trailing)
}

func (d *Definition) keyUnits() int {
	if len(d.keyRaw) > 0 && d.KeyName == d.keyDec {
		return len(d.keyRaw) / 2
	}
	return wire.UTF16Len(d.KeyName)
}

// AppendBinary appends the encoding of d to b.
func (d *Definition) AppendBinary(b []byte) ([]byte, error) {
	units := d.keyUnits()
	if units > 0xFFFF || len(d.Rules) > 0xFFFF || 6+2*units+len(d.ExtraHeaderData) > 0xFFFF {
		return nil, &blob.DecodeError{Path: "KeyName", Err: blob.ErrInvalid, Detail: "key name, extra header data or rules too long to encode"}
	}
	b = append(b, d.MajorVersion, d.MinorVersion)
	b = wire.AppendU16(b, uint16(6+2*units+len(d.ExtraHeaderData)))
	b = wire.AppendU16(b, d.Reserved)
	b = wire.AppendU16(b, uint16(units))
	if len(d.keyRaw) > 0 && d.KeyName == d.keyDec {
		b = append(b, d.keyRaw...)
	} else {
		b, _ = wire.AppendUTF16(b, d.KeyName)
	}
	b = wire.AppendU16(b, uint16(len(d.Rules)))
	b = append(b, d.ExtraHeaderData...)
	for i := range d.Rules {
		b = d.Rules[i].appendTo(b)
	}
	return append(b, d.Trailing...), nil
}

// AppendBinary appends the 66-byte encoding of the rule.
func (t *Rule) AppendBinary(b []byte) ([]byte, error) { return t.appendTo(b), nil }

func (t *Rule) appendTo(b []byte) []byte {
	b = append(b, t.MajorVersion, t.MinorVersion)
	b = wire.AppendU16(b, t.Reserved)
	b = wire.AppendU16(b, uint16(t.Flags))
	b = wire.AppendU16(b, t.Year)
	b = append(b, t.X[:]...)
	b = wire.AppendI32(b, t.Bias)
	b = wire.AppendI32(b, t.StandardBias)
	b = wire.AppendI32(b, t.DaylightBias)
	b = t.StandardDate.appendTo(b)
	return t.DaylightDate.appendTo(b)
}

// SameZone reports whether the rule's biases and transition dates equal
// those of tz (the consistency test between PidLidAppointmentTimeZoneDefinitionRecur
// and PidLidTimeZoneStruct).
func (t *Rule) SameZone(tz *TimeZoneStruct) bool {
	return t.Bias == tz.Bias && t.StandardBias == tz.StandardBias && t.DaylightBias == tz.DaylightBias &&
		t.StandardDate == tz.StandardDate && t.DaylightDate == tz.DaylightDate
}

// TimeZoneStruct returns the rule as a PidLidTimeZoneStruct.
func (t *Rule) TimeZoneStruct() *TimeZoneStruct {
	return &TimeZoneStruct{
		Bias: t.Bias, StandardBias: t.StandardBias, DaylightBias: t.DaylightBias,
		StandardYear: t.StandardDate.Year, StandardDate: t.StandardDate,
		DaylightYear: t.DaylightDate.Year, DaylightDate: t.DaylightDate,
	}
}

// MarshalJSON writes the JSON form: the fields under their [MS-OXOCAL]
// names, with TZRules an empty list (not null) when there are none.
func (d *Definition) MarshalJSON() ([]byte, error) {
	type plain Definition
	v := *d
	if v.Rules == nil {
		v.Rules = []Rule{}
	}
	return json.Marshal((*plain)(&v))
}
