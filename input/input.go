// Package input turns the text a user pastes or exports into blobs: plain
// hex in any layout, MFCMAPI's "cb: N lpb: HEX", MFCMAPI's XML property
// export (which also names the property, so a decoder can be chosen from
// it; read by package mfcxml, as an export file is), and base64.
package input

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/wire"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/item/mfcxml"
	"github.com/mapiblob/mapiblob/proptag"
	"github.com/mapiblob/mapiblob/tzdef"
)

// Form names the text form a blob came in.
type Form string

// Forms.
const (
	FormHex     Form = "hex"
	FormMFCMAPI Form = "mfcmapi" // cb: N lpb: HEX
	FormXML     Form = "xml"
	FormBase64  Form = "base64"
	FormBinary  Form = "binary" // the blob's own bytes (a .bin file)
)

// Blob is one binary value read from the input.
type Blob struct {
	Bytes    []byte
	Form     Form
	Identity *proptag.Identity // set for FormXML
}

// ErrEmpty is the message of the *blob.SyntaxError for input with no content.
var ErrEmpty = errors.New("empty input")

// Parse reads every blob in text, detecting the form:
// an XML export (text starting with '<'), "base64:" followed by base64,
// MFCMAPI's "cb: N lpb: HEX", plain hex, and base64 when the text is not hex.
func Parse(text string) ([]Blob, error) {
	t := strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
	if t == "" {
		return nil, &blob.SyntaxError{Msg: ErrEmpty.Error()}
	}
	lead := len(text) - len(strings.TrimLeft(strings.TrimPrefix(text, "\uFEFF"), " \t\r\n"))
	if strings.HasPrefix(t, "<") {
		return parseXML(t)
	}
	if rest, ok := cutPrefixFold(t, "base64:"); ok {
		b, err := decodeBase64(rest)
		if err != nil {
			return nil, err
		}
		return []Blob{{Bytes: b, Form: FormBase64}}, nil
	}
	if hasPrefixFold(t, "cb:") {
		b, err := wire.ParseMFCMAPI(t)
		if err != nil {
			return nil, shift(err, text, lead)
		}
		return []Blob{{Bytes: b, Form: FormMFCMAPI}}, nil
	}
	b, herr := wire.ParseHex(t)
	if herr == nil {
		return []Blob{{Bytes: b, Form: FormHex}}, nil
	}
	// Base64 only when the text is not hex with a typo in it: a stray
	// character in hex must be the hex error at its position, not garbage
	// bytes from a base64 reading.
	if !HexLike(t) && looksBase64(t) {
		if b, err := decodeBase64(t); err == nil {
			return []Blob{{Bytes: b, Form: FormBase64}}, nil
		}
	}
	return nil, shift(herr, text, lead)
}

// HexLike reports whether text that failed to read as hex was meant as hex,
// so that it is not read as base64: at least 90% of its non-space
// characters are hex digits, or it is split by white space into pieces of
// which at least 90% are two characters long (bytes written "02 01 30 …").
// Base64 of arbitrary bytes has about a third hex digits and no such pieces.
func HexLike(text string) bool {
	chars, hexd := 0, 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			continue
		}
		chars++
		if wire.IsHex(c) {
			hexd++
		}
	}
	if chars == 0 {
		return false
	}
	if 10*hexd >= 9*chars {
		return true
	}
	fields := strings.Fields(text)
	pairs := 0
	for _, f := range fields {
		if len(f) == 2 {
			pairs++
		}
	}
	return len(fields) >= 2 && 10*pairs >= 9*len(fields)
}

// shift moves an error position found in a trimmed text by the characters
// trimmed from its start.
func shift(err error, text string, lead int) error {
	var e *blob.SyntaxError
	if errors.As(err, &e) && e.Pos > 0 {
		e.Pos += utf8.RuneCountInString(text[:lead])
	}
	return err
}

func hasPrefixFold(s, p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }

func cutPrefixFold(s, p string) (string, bool) {
	if hasPrefixFold(s, p) {
		return s[len(p):], true
	}
	return s, false
}

func looksBase64(s string) bool {
	n := 0
	nonHex := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\r' || c == '\n' || c == '\t':
			continue
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=':
			if !wire.IsHex(c) {
				nonHex = true
			}
			n++
		default:
			return false
		}
	}
	return nonHex && n%4 == 0
}

func decodeBase64(s string) ([]byte, error) {
	clean := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\r' || r == '\n' || r == '\t' {
			return -1
		}
		return r
	}, s)
	if clean == "" {
		return nil, &blob.SyntaxError{Msg: ErrEmpty.Error()}
	}
	b, err := base64.StdEncoding.DecodeString(clean)
	if err != nil {
		b2, err2 := base64.RawStdEncoding.DecodeString(clean)
		if err2 != nil {
			var ce base64.CorruptInputError
			if errors.As(err, &ce) {
				return nil, &blob.SyntaxError{Msg: "invalid base64 (character " + strconv.Itoa(int(ce)+1) + " of the base64 text)"}
			}
			return nil, &blob.SyntaxError{Msg: "invalid base64: " + err.Error()}
		}
		b = b2
	}
	if len(b) == 0 {
		return nil, &blob.SyntaxError{Msg: ErrEmpty.Error()}
	}
	return b, nil
}

// parseXML reads the binary properties of an MFCMAPI XML export, through
// package mfcxml, the one reader of MFCMAPI XML: a property pane's bare
// <property> elements, or every message of a message export with its
// embedded ones, in document order. Properties of other types are left
// out; a binary one whose value cannot be read is an error.
func parseXML(s string) ([]Blob, error) {
	items, err := mfcxml.ReadProperties([]byte(s), "")
	if err != nil {
		var re *item.ReadError
		if errors.As(err, &re) {
			err = re.Err
		}
		return nil, &blob.SyntaxError{Msg: "XML input: " + err.Error()}
	}
	var out []Blob
	n := 0
	for _, top := range items {
		for it := range top.All {
			for i := range it.Properties {
				p := &it.Properties[i]
				n++
				if p.Type() != proptag.PT_BINARY {
					continue
				}
				where := "XML property " + strconv.Itoa(n) + " (tag " + p.Tag.String() + ")"
				if errors.Is(p.Err, mfcxml.ErrNoValue) || p.Err == nil && len(p.Value.Bytes) == 0 {
					return nil, &blob.SyntaxError{Msg: where + " has no value"}
				}
				if p.Err != nil {
					return nil, &blob.SyntaxError{Msg: where + ": " + p.Err.Error()}
				}
				out = append(out, Blob{Bytes: p.Value.Bytes, Form: FormXML, Identity: p.Identity()})
			}
		}
	}
	if len(out) == 0 {
		return nil, &blob.SyntaxError{Msg: "XML input has no binary property"}
	}
	return out, nil
}

// Mode says how ParseBytes reads its input.
type Mode string

// Modes. ModeAuto tells binary from text by content (IsBinary) and reads
// text in the form it detects (Parse); the others force a reading.
const (
	ModeAuto   Mode = "auto"
	ModeHex    Mode = "hex" // plain hex in any layout, or MFCMAPI's "cb: N lpb: HEX"
	ModeBase64 Mode = "base64"
	ModeBinary Mode = "binary" // the bytes are the blob
	ModeXML    Mode = "xml"    // an MFCMAPI XML property export
)

// Modes lists the modes in the order the CLI names them.
func Modes() []Mode { return []Mode{ModeAuto, ModeHex, ModeBase64, ModeBinary, ModeXML} }

// ParseMode reads a mode name ("auto", "hex", "base64", "binary", "xml").
func ParseMode(s string) (Mode, bool) {
	for _, m := range Modes() {
		if strings.EqualFold(string(m), strings.TrimSpace(s)) {
			return m, true
		}
	}
	return "", false
}

// IsBinary reports whether b is binary data rather than text, and where the
// first byte is that says so: a NUL, a control character other than tab,
// line feed, vertical tab, form feed and carriage return, or a byte that is
// not valid UTF-8. A blob's own bytes nearly always hold one in their first
// bytes (version bytes 02 01 or 04 30, zero high bytes of small numbers).
// Text with a UTF-16 byte-order mark is text (see TextOf).
func IsBinary(b []byte) (bool, int) {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' || c == 0x7F {
				return true, i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return true, i
		}
		i += n
	}
	return false, -1
}

// TextOf returns b as text: UTF-8 as it is, UTF-16 with a byte-order mark
// (an MFCMAPI export saved by Notepad as "Unicode") converted. ok is false
// when b is not text.
func TextOf(b []byte) (string, bool) {
	if len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) && len(b)%2 == 0 {
		u := make([]uint16, 0, len(b)/2-1)
		for i := 2; i+1 < len(b); i += 2 {
			if b[0] == 0xFF {
				u = append(u, uint16(b[i])|uint16(b[i+1])<<8)
			} else {
				u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
			}
		}
		t := string(utf16.Decode(u))
		if bin, _ := IsBinary([]byte(t)); !bin && !strings.ContainsRune(t, utf8.RuneError) {
			return t, true
		}
		return "", false
	}
	if bin, _ := IsBinary(b); bin {
		return "", false
	}
	return string(b), true
}

// ParseBytes reads the blobs in b as mode says. ModeAuto takes binary data
// (IsBinary) as the blob itself and reads text as Parse does; ModeBinary
// takes b as it is; the text modes refuse binary data with the position of
// the first byte that makes it binary.
func ParseBytes(b []byte, mode Mode) ([]Blob, error) {
	if mode == "" {
		mode = ModeAuto
	}
	if mode == ModeBinary {
		if len(b) == 0 {
			return nil, &blob.SyntaxError{Msg: ErrEmpty.Error()}
		}
		return []Blob{{Bytes: b, Form: FormBinary}}, nil
	}
	text, ok := TextOf(b)
	if !ok {
		if mode == ModeAuto {
			return []Blob{{Bytes: b, Form: FormBinary}}, nil
		}
		_, at := IsBinary(b)
		msg := "the input is binary data, not " + string(mode) + " text"
		if at >= 0 {
			msg += " (byte 0x" + strconv.FormatUint(uint64(b[at]), 16) + " at offset " + strconv.Itoa(at) + ")"
		}
		return nil, &blob.SyntaxError{Msg: msg + "; read it as binary to take the bytes as the blob"}
	}
	switch mode {
	case ModeAuto:
		return Parse(text)
	case ModeHex:
		t := strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
		lead := len(text) - len(strings.TrimLeft(strings.TrimPrefix(text, "\uFEFF"), " \t\r\n"))
		if hasPrefixFold(t, "cb:") {
			b, err := wire.ParseMFCMAPI(t)
			if err != nil {
				return nil, shift(err, text, lead)
			}
			return []Blob{{Bytes: b, Form: FormMFCMAPI}}, nil
		}
		if t == "" {
			return nil, &blob.SyntaxError{Msg: ErrEmpty.Error()}
		}
		b, err := wire.ParseHex(t)
		if err != nil {
			return nil, shift(err, text, lead)
		}
		return []Blob{{Bytes: b, Form: FormHex}}, nil
	case ModeBase64:
		t := strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
		t, _ = cutPrefixFold(t, "base64:")
		b, err := decodeBase64(t)
		if err != nil {
			return nil, err
		}
		return []Blob{{Bytes: b, Form: FormBase64}}, nil
	case ModeXML:
		t := strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
		if t == "" {
			return nil, &blob.SyntaxError{Msg: ErrEmpty.Error()}
		}
		return parseXML(t)
	}
	return nil, &blob.SyntaxError{Msg: "unknown input mode " + strconv.Quote(string(mode))}
}

// IsZoneName tells a zone name ("Eastern Standard Time", "Europe/Berlin",
// "UTC") from blob text: a Windows key name CLDR knows or an IANA-style
// path, or text with a letter beyond a–f that is neither MFCMAPI's "cb: N
// lpb: …" form nor an XML export.
func IsZoneName(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<") {
		return false // an XML export
	}
	if tzdef.IANAName(s) != "" || strings.Contains(s, "/") && !strings.ContainsAny(s, "<>:") {
		return true
	}
	for _, c := range s {
		if c >= 'g' && c <= 'z' || c >= 'G' && c <= 'Z' {
			return !strings.Contains(strings.ToLower(s), "lpb:")
		}
	}
	return false
}
