package sv

import (
	"strconv"
	"strings"
	"time"
)

// FlagKind says how an entry of a FlagTable matches a number.
type FlagKind uint8

// Entry kinds of a FlagTable, as MFCMAPI's flag tables have them.
const (
	// FlagBit names a bit: it matches when the bit is set, which is then
	// cleared.
	FlagBit FlagKind = iota
	// FlagValue names a value: it matches when what is left equals it,
	// which then clears what is left.
	FlagValue
	// FlagClear clears bits before the entries that follow read the rest.
	FlagClear
	// FlagByte1 names a value of bits 8–15 of what is left (MFCMAPI's
	// "third byte"), FlagByte0 one of bits 0–7 ("fourth byte"),
	// FlagHigh16 one of bits 16–31, FlagNibble one of bits 0–3; each
	// clears those bits when it matches.
	FlagByte1
	FlagByte0
	FlagHigh16
	FlagNibble
)

// FlagEntry is one row of a FlagTable.
type FlagEntry struct {
	Kind  FlagKind
	Value uint32
	Name  string
}

// FlagTable names the values and bits of a numeric field, in the order
// MFCMAPI reads them (value entries for zero first, clearing entries before
// the values they expose).
type FlagTable []FlagEntry

// Interpret names v by the table: the names of the entries that match, in
// table order, joined by " | ", then what no entry named as "0xHEX"; "0x0"
// when nothing matched and nothing is left.
func (t FlagTable) Interpret(v uint32) string {
	var parts []string
	rest := v
	for _, e := range t {
		switch e.Kind {
		case FlagBit:
			if e.Value&rest != 0 {
				parts = append(parts, e.Name)
				rest &^= e.Value
			}
		case FlagValue:
			if e.Value == rest {
				parts = append(parts, e.Name)
				rest = 0
			}
		case FlagClear:
			rest &^= e.Value
		case FlagByte1:
			if rest>>8&0xFF == e.Value {
				parts = append(parts, e.Name)
				rest &^= 0xFF00
			}
		case FlagByte0:
			if rest&0xFF == e.Value {
				parts = append(parts, e.Name)
				rest &^= 0xFF
			}
		case FlagHigh16:
			if rest>>16 == e.Value {
				parts = append(parts, e.Name)
				rest &= 0xFFFF
			}
		case FlagNibble:
			if rest&0xF == e.Value {
				parts = append(parts, e.Name)
				rest &^= 0xF
			}
		}
	}
	if rest != 0 || len(parts) == 0 {
		parts = append(parts, "0x"+strings.ToUpper(strconv.FormatUint(uint64(rest), 16)))
	}
	return strings.Join(parts, " | ")
}

// Lookup is the name of the value entry equal to v, and false when there
// is none.
func (t FlagTable) Lookup(v uint32) (string, bool) {
	for _, e := range t {
		if e.Kind == FlagValue && e.Value == v {
			return e.Name, true
		}
	}
	return "", false
}

// Printable is s as MFCMAPI shows text: each control character (below
// U+0020, or U+0080–U+009F) becomes '.'.
func Printable(s string) string {
	ok := true
	for _, r := range s {
		if invalidRune(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if invalidRune(r) {
			b.WriteByte('.')
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func invalidRune(r rune) bool {
	return r < 0x20 || r >= 0x80 && r <= 0x9F
}

// PrintableBytes is 8-bit text b as MFCMAPI shows it: bytes 0x20–0xFE other
// than 0x80–0x9F as the Latin-1 characters of the same value, the others
// as '.'.
func PrintableBytes(b []byte) string {
	var s strings.Builder
	s.Grow(len(b))
	for _, c := range b {
		if c < 0x20 || c >= 0x80 && c <= 0x9F || c == 0xFF {
			s.WriteByte('.')
		} else {
			s.WriteRune(rune(c))
		}
	}
	return s.String()
}

// MinutesTime formats minutes since 1601-01-01 as MFCMAPI does:
// "02:30:00.000 PM 2/17/2011".
func MinutesTime(m uint32) string {
	return FileTimeText(uint64(m) * 60 * 10_000_000)
}

var epoch1601 = time.Date(1601, 1, 1, 0, 0, 0, 0, time.UTC)

// FileTimeText formats a FILETIME (100 ns since 1601-01-01) as MFCMAPI does:
// "11:23:55.567 AM 4/26/2010"; "Invalid systime" for one Windows refuses.
func FileTimeText(ft uint64) string {
	if ft > 1<<63-1 {
		return "Invalid systime"
	}
	// time.Duration holds ±292 years: add in steps.
	t := epoch1601
	const step = uint64(100 * 365 * 24 * 3600 * 10_000_000)
	for ft > step {
		t = t.Add(time.Duration(step * 100))
		ft -= step
	}
	t = t.Add(time.Duration(ft * 100))
	h := t.Hour()
	ampm := "AM"
	if h >= 12 {
		ampm = "PM"
	}
	if h %= 12; h == 0 {
		h = 12
	}
	ms := t.Nanosecond() / 1e6
	return pad(h, 2) + ":" + pad(t.Minute(), 2) + ":" + pad(t.Second(), 2) + "." + pad(ms, 3) + " " + ampm + " " +
		strconv.Itoa(int(t.Month())) + "/" + strconv.Itoa(t.Day()) + "/" + strconv.Itoa(t.Year())
}

func pad(v, n int) string {
	s := strconv.Itoa(v)
	for len(s) < n {
		s = "0" + s
	}
	return s
}
