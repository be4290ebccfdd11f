// Package mfc holds what the SmartView renderers of the entry-ID, security
// and sync-state families share: MFCMAPI's flag tables and GUID names (facts
// tables in data/, copied from ../shared/data/mfcmapi, which genmfc turns
// into zz_tables.go), its way of naming a number from a flag table, and its
// date formats.
package mfc

//go:generate go run ./internal/genmfc -in data -o zz_tables.go

import (
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// kind is how one flag table entry matches ([MS-OXCDATA] leaves naming to
// the viewer; these are MFCMAPI's kinds, data/flags.tsv flag_kind).
type kind uint8

const (
	kindFlag        kind = iota // a bit flag: reported when any of its bits is set
	kindValue                   // an exact value of what remains
	kindLowerNibble             // an exact value of the low four bits
	kindClearBits               // a mask whose bits are shown as hex and cleared
)

// entry is one row of a flag table (flagTabs, generated from
// data/flags.tsv into zz_tables.go, as guidName is from data/guids.tsv).
type entry struct {
	kind  kind
	value uint32
	name  string
}

// Flags names v from the flag table of property (a name of data/flags.tsv:
// PR_DISPLAY_TYPE, flagACEType…) as MFCMAPI does: the entries in table
// order over what remains of v, joined by " | ", the unnamed rest as 0x%X;
// "0x0" when nothing is left to name.
func Flags(property string, v uint32) string {
	var parts []string
	rest := v
	for _, e := range flagTabs[property] {
		switch e.kind {
		case kindFlag:
			if e.value&rest != 0 {
				parts = append(parts, e.name)
				rest &^= e.value
			}
		case kindValue:
			if e.value == rest {
				parts = append(parts, e.name)
				rest = 0
			}
		case kindLowerNibble:
			if e.value == rest&0x0F {
				parts = append(parts, e.name)
				rest &^= 0x0F
			}
		case kindClearBits:
			if e.value&rest != 0 {
				parts = append(parts, Hex(uint64(e.value&rest)))
				rest &^= e.value
			}
		}
	}
	if rest != 0 || len(parts) == 0 {
		parts = append(parts, Hex(uint64(rest)))
	}
	return strings.Join(parts, " | ")
}

// Hex is "0x" and v in upper-case hex without padding (MFCMAPI's 0x%X).
func Hex(v uint64) string { return "0x" + strings.ToUpper(strconv.FormatUint(v, 16)) }

// X is "0x" and v in upper-case hex padded to digits digits (0x%08X).
func X(v uint64, digits int) string {
	s := strings.ToUpper(strconv.FormatUint(v, 16))
	if len(s) < digits {
		s = strings.Repeat("0", digits-len(s)) + s
	}
	return "0x" + s
}

// GUIDName is MFCMAPI's name of a GUID, "Unknown GUID" when it has none.
func GUIDName(g guid.GUID) string {
	if n, ok := guidName[g]; ok {
		return n
	}
	return "Unknown GUID"
}

// GUID is "{…} = name", the way MFCMAPI shows a GUID it looks up.
func GUID(g guid.GUID) string { return g.String() + " = " + GUIDName(g) }

// CString reads an 8-bit string up to and including its NUL, or to the
// end of c when there is none, and returns it without the NUL.
func CString(c *wire.Cursor) []byte {
	p := c.Peek()
	n := len(p)
	for i, b := range p {
		if b == 0 {
			n = i
			break
		}
	}
	var s []byte
	c.Bytes(&s, n)
	if n < len(p) {
		c.Skip(1)
	}
	return s
}

// WString reads a UTF-16LE string up to and including its NUL code unit,
// or to the end of c when there is none (an odd last byte is left unread),
// and returns its code units without the NUL.
func WString(c *wire.Cursor) []byte {
	p := c.Peek()
	n := len(p) &^ 1
	term := false
	for i := 0; i+1 < len(p); i += 2 {
		if p[i] == 0 && p[i+1] == 0 {
			n, term = i, true
			break
		}
	}
	var s []byte
	c.Bytes(&s, n)
	if term {
		c.Skip(2)
	}
	return s
}

// Text8 decodes an 8-bit string as windows-1252, as MFCMAPI shows one.
func Text8(b []byte) string { return blob.CodePage(1252).Decode(b) }

// Text16 decodes UTF-16LE code units.
func Text16(b []byte) string { s, _ := wire.DecodeUTF16(b); return s }
