package tzdef

import (
	"encoding/binary"
	"encoding/json"
	"github.com/mapiblob/mapiblob/blob"
	"strconv"
	"sync/atomic"

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
		return &DecodeError{Path: "X", Err: ErrInvalid, Detail: "want 28 hex digits"}
	}
	for i := range x {
		if !wire.IsHex(b[2*i]) || !wire.IsHex(b[2*i+1]) {
			return &DecodeError{Path: "X", Offset: i, Err: ErrInvalid, Detail: "not hex"}
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
	ExtraHeaderData HexBytes `json:"ExtraHeaderData"`
	Rules           []Rule   `json:"TZRules"` // TZRules

	// Trailing holds bytes after the last rule; shown by the JSON envelope.
	Trailing []byte `json:"-"`

	keyRaw []byte // KeyName's UTF-16 when it does not survive conversion to a string
	keyDec string // KeyName as decoded, to tell whether keyRaw still applies
}

// HexBytes is a byte slice that JSON shows as upper-case hex ("" when empty).
type HexBytes = blob.HexBytes

// Parse decodes a TZDEFINITION.
func Parse(b []byte) (*Definition, error) {
	d := new(Definition)
	if err := d.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return d, nil
}

// UnmarshalBinary decodes b into d. It reuses d's rule storage (and its key
// name when unchanged), so decoding blob after blob into one value does not
// allocate; after an error d's contents are unspecified.
//
// Errors: ErrTruncated; ErrUnsupportedVersion for a major version other
// than 2 or a minor version below 1 (in the header or any rule);
// ErrInvalid when cbHeader is smaller than the fields it must cover.
// Everything else that is out of the specification is left to Check.
func (d *Definition) UnmarshalBinary(b []byte) error {
	if !cursorOnly && d.parseFast(b) {
		return nil
	}
	var r wire.Reader
	r.Reset(b)
	var v Definition
	v.MajorVersion = r.U8("bMajorVersion")
	v.MinorVersion = r.U8("bMinorVersion")
	if r.OK() && (v.MajorVersion != MajorVersion || v.MinorVersion < MinorVersion) {
		return versionError(&r, "bMajorVersion", 0, v.MajorVersion, v.MinorVersion)
	}
	cbOff := r.Offset()
	v.HeaderSize = r.U16("cbHeader")
	v.Reserved = r.U16("wReserved")
	v.KeyNameLength = r.U16("cchKeyName")
	raw := r.UTF16("KeyName", int(v.KeyNameLength))
	v.RuleCount = r.U16("cRules")
	if err := r.Err(); err != nil {
		return err
	}
	var exact bool
	v.KeyName, exact = wire.DecodeUTF16(raw)
	if !exact {
		v.keyRaw = append([]byte(nil), raw...)
		v.keyDec = v.KeyName
	}
	need := 6 + 2*int(v.KeyNameLength)
	if int(v.HeaderSize) < need {
		r.FailAt("cbHeader", cbOff, ErrInvalid, "cbHeader "+strconv.Itoa(int(v.HeaderSize))+
			" is less than the "+strconv.Itoa(need)+" bytes of wReserved, cchKeyName, KeyName and cRules")
		return r.Err()
	}
	if extra := int(v.HeaderSize) - need; extra > 0 {
		v.ExtraHeaderData = append(HexBytes(nil), r.Bytes("ExtraHeaderData", extra)...)
	}
	cRulesOff := 8 + 2*int(v.KeyNameLength)
	n, ok := r.Count("TZRules", cRulesOff, uint64(v.RuleCount), RuleSize)
	if !ok {
		return r.Err()
	}
	if n > 0 {
		v.Rules = make([]Rule, n)
	}
	for i := range v.Rules {
		r.Enter("TZRules", i)
		if !readRule(&r, &v.Rules[i]) {
			return r.Err()
		}
		r.Leave()
	}
	if r.Len() > 0 {
		v.Trailing = append([]byte(nil), r.Rest()...)
	}
	*d = v
	return nil
}

// cursorOnly turns the fast paths off, so tests can check that both paths
// decode every blob alike.
var cursorOnly bool

// parseFast decodes the common, well-formed layout (exact cbHeader, every
// rule present and readable) without the cursor. It reports false, leaving
// d untouched, whenever anything is unusual; the cursor path then decodes
// or reports the problem.
func (d *Definition) parseFast(b []byte) bool {
	if len(b) < 10 || b[0] != MajorVersion || b[1] < MinorVersion {
		return false
	}
	cch := int(binary.LittleEndian.Uint16(b[6:]))
	end := 8 + 2*cch + 2
	if end > len(b) || int(binary.LittleEndian.Uint16(b[2:])) != 6+2*cch {
		return false
	}
	n := int(binary.LittleEndian.Uint16(b[end-2:]))
	if n == 0 || end+RuleSize*n > len(b) {
		return false
	}
	for i := 0; i < n; i++ {
		if rb := b[end+RuleSize*i:]; rb[0] != RuleMajorVersion || rb[1] < RuleMinorVersion {
			return false
		}
	}
	raw := b[8 : 8+2*cch]
	key := d.KeyName
	if !sameKey(key, raw) {
		var ok bool
		if last := lastKey.Load(); last != nil && sameKey(*last, raw) {
			key = *last
		} else if key, ok = knownKey(raw); ok {
			remember(key)
		} else {
			var exact bool
			if key, exact = wire.DecodeUTF16(raw); !exact {
				return false
			}
		}
	}
	rules := d.Rules[:0:cap(d.Rules)]
	if cap(rules) >= n {
		rules = rules[:n]
	} else {
		rules = make([]Rule, n)
	}
	for i := range rules {
		decodeRule(b[end+RuleSize*i:end+RuleSize*(i+1)], &rules[i])
	}
	*d = Definition{
		MajorVersion: b[0], MinorVersion: b[1], HeaderSize: uint16(6 + 2*cch),
		Reserved: binary.LittleEndian.Uint16(b[4:]), KeyNameLength: uint16(cch), KeyName: key,
		RuleCount: uint16(n), Rules: rules,
	}
	if rest := b[end+RuleSize*n:]; len(rest) > 0 {
		d.Trailing = append([]byte(nil), rest...)
	}
	return true
}

// sameKey reports whether raw (UTF-16LE) spells the ASCII string key, so a
// value decoding blob after blob of one zone keeps its key name string.
func sameKey(key string, raw []byte) bool {
	if len(raw) != 2*len(key) {
		return false
	}
	for i := 0; i < len(key); i++ {
		if raw[2*i] != key[i] || raw[2*i+1] != 0 || key[i] >= 0x80 {
			return false
		}
	}
	return true
}

// lastKey is the key name most recently interned: blobs of one zone
// usually come in runs.
var lastKey atomic.Pointer[string]

func remember(key string) { lastKey.Store(&key) }

// knownKey returns the interned string of a Windows key name that CLDR
// knows, without allocating, when raw spells one.
func knownKey(raw []byte) (string, bool) {
	var buf [64]byte
	n := len(raw) / 2
	if n > len(buf) {
		return "", false
	}
	for i := 0; i < n; i++ {
		c := raw[2*i]
		if raw[2*i+1] != 0 || c >= 0x80 {
			return "", false
		}
		buf[i] = c
	}
	k, ok := keyNames[string(buf[:n])]
	return k, ok
}

// decodeRule decodes 66 bytes the caller has bounds-checked.
func decodeRule(b []byte, t *Rule) {
	_ = b[RuleSize-1]
	t.MajorVersion = b[0]
	t.MinorVersion = b[1]
	t.Reserved = binary.LittleEndian.Uint16(b[2:])
	t.Flags = RuleFlags(binary.LittleEndian.Uint16(b[4:]))
	t.Year = binary.LittleEndian.Uint16(b[6:])
	t.X = HexBytes14(b[8:22])
	t.Bias = int32(binary.LittleEndian.Uint32(b[22:]))
	t.StandardBias = int32(binary.LittleEndian.Uint32(b[26:]))
	t.DaylightBias = int32(binary.LittleEndian.Uint32(b[30:]))
	t.StandardDate.decode(b[34:50])
	t.DaylightDate.decode(b[50:66])
}

func versionError(r *wire.Reader, field string, off int, major, minor uint8) error {
	r.FailAt(field, off, ErrUnsupportedVersion, "version "+strconv.Itoa(int(major))+"."+strconv.Itoa(int(minor))+
		" is not readable (major version must be 2 and minor version at least 1)")
	return r.Err()
}

func readRule(r *wire.Reader, t *Rule) bool {
	start := r.Offset()
	if r.Len() >= RuleSize {
		b := r.Bytes("", RuleSize)
		if b[0] != RuleMajorVersion || b[1] < RuleMinorVersion {
			versionError(r, "bMajorVersion", start, b[0], b[1])
			return false
		}
		decodeRule(b, t)
		return true
	}
	t.MajorVersion = r.U8("bMajorVersion")
	t.MinorVersion = r.U8("bMinorVersion")
	if r.OK() && (t.MajorVersion != RuleMajorVersion || t.MinorVersion < RuleMinorVersion) {
		versionError(r, "bMajorVersion", start, t.MajorVersion, t.MinorVersion)
		return false
	}
	t.Reserved = r.U16("wReserved")
	t.Flags = RuleFlags(r.U16("wTZRuleFlags"))
	t.Year = r.U16("wYear")
	copy(t.X[:], r.Bytes("X", 14))
	t.Bias = r.I32("lBias")
	t.StandardBias = r.I32("lStandardBias")
	t.DaylightBias = r.I32("lDaylightBias")
	t.StandardDate = readSystemTime(r, "stStandardDate")
	t.DaylightDate = readSystemTime(r, "stDaylightDate")
	return r.OK()
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
	if d.keyRaw != nil && d.KeyName == d.keyDec {
		return len(d.keyRaw) / 2
	}
	return wire.UTF16Len(d.KeyName)
}

// AppendBinary appends the encoding of d to b.
func (d *Definition) AppendBinary(b []byte) ([]byte, error) {
	units := d.keyUnits()
	if units > 0xFFFF || len(d.Rules) > 0xFFFF || 6+2*units+len(d.ExtraHeaderData) > 0xFFFF {
		return nil, &DecodeError{Path: "KeyName", Err: ErrInvalid, Detail: "key name, extra header data or rules too long to encode"}
	}
	b = append(b, d.MajorVersion, d.MinorVersion)
	b = wire.AppendU16(b, uint16(6+2*units+len(d.ExtraHeaderData)))
	b = wire.AppendU16(b, d.Reserved)
	b = wire.AppendU16(b, uint16(units))
	if d.keyRaw != nil && d.KeyName == d.keyDec {
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
