// Package sv writes text in the layout of MFCMAPI's SmartView pane: one
// field a line, tab indentation, "\n" line ends and no final newline.
package sv

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mapiblob/mapiblob/internal/wire"
)

// Writer accumulates SmartView lines.
type Writer struct {
	b     strings.Builder
	lines int
}

// Line writes one line at the given indentation depth.
func (w *Writer) Line(depth int, parts ...string) {
	if w.lines > 0 {
		w.b.WriteByte('\n')
	}
	w.lines++
	for i := 0; i < depth; i++ {
		w.b.WriteByte('\t')
	}
	for _, p := range parts {
		w.b.WriteString(p)
	}
}

// String is the text written so far.
func (w *Writer) String() string { return w.b.String() }

// Hex formats v as upper-case hex with at least digits digits, after "0x".
func Hex(v uint64, digits int) string {
	s := strings.ToUpper(strconv.FormatUint(v, 16))
	if len(s) < digits {
		s = strings.Repeat("0", digits-len(s)) + s
	}
	return "0x" + s
}

// HexDec is "0xHHHH (D)" with D in decimal (signed when signed is true).
func HexDec(v uint64, digits int, signed bool, bits int) string {
	d := strconv.FormatUint(v, 10)
	if signed {
		d = strconv.FormatInt(signExtend(v, bits), 10)
	}
	return Hex(v, digits) + " (" + d + ")"
}

func signExtend(v uint64, bits int) int64 {
	shift := 64 - bits
	return int64(v<<shift) >> shift
}

// Bytes is MFCMAPI's "cb: N lpb: HEX" for b ("lpb: NULL" when empty).
func Bytes(b []byte) string {
	if len(b) == 0 {
		return "cb: 0 lpb: NULL"
	}
	return "cb: " + strconv.Itoa(len(b)) + " lpb: " + wire.UpperHex(b)
}

// Unparsed writes MFCMAPI's block for bytes left over after a structure.
func (w *Writer) Unparsed(depth int, b []byte) {
	if len(b) == 0 {
		return
	}
	w.Line(depth, "Unparsed data size = ", Hex(uint64(len(b)), 8))
	w.Line(depth+1, Bytes(b))
}

// Flags names the set bits of v from names (in table order), joined by
// " | ", with any unnamed remainder as hex; "0x0" when v is zero.
func Flags(v uint64, names []FlagName) string {
	if v == 0 {
		return "0x0"
	}
	var parts []string
	rest := v
	for _, n := range names {
		if n.Bit != 0 && v&n.Bit == n.Bit {
			parts = append(parts, n.Name)
			rest &^= n.Bit
		}
	}
	if rest != 0 {
		parts = append(parts, "0x"+strings.ToUpper(strconv.FormatUint(rest, 16)))
	}
	return strings.Join(parts, " | ")
}

// FlagName names one bit.
type FlagName struct {
	Bit  uint64
	Name string
}

// Clip returns s cut to at most n bytes at a character boundary, with "…"
// after it when it was cut.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
