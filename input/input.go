// Package input turns the text a user pastes or exports into blobs: plain
// hex in any layout, MFCMAPI's "cb: N lpb: HEX", MFCMAPI's XML property
// export (which also names the property, so a decoder can be chosen from
// it), and base64.
package input

import (
	"encoding/base64"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/wire"
	"github.com/mapiblob/mapiblob/proptag"
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

// Error is a problem with the input text. Pos is a 1-based character
// position in the text (0 when the problem has no single place).
type Error struct {
	Pos int
	Msg string
}

func (e *Error) Error() string {
	if e.Pos > 0 {
		return e.Msg + " at position " + strconv.Itoa(e.Pos)
	}
	return e.Msg
}

// ErrEmpty is returned (wrapped in *Error) for input with no content.
var ErrEmpty = errors.New("empty input")

func errAt(pos int, msg string) error { return &Error{Pos: pos, Msg: msg} }

// Parse reads every blob in text, detecting the form:
// an XML export (text starting with '<'), "base64:" followed by base64,
// MFCMAPI's "cb: N lpb: HEX", plain hex, and base64 when the text is not hex.
func Parse(text string) ([]Blob, error) {
	t := strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
	if t == "" {
		return nil, &Error{Msg: ErrEmpty.Error()}
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
		b, err := ParseMFCMAPI(t)
		if err != nil {
			return nil, shift(err, text, lead)
		}
		return []Blob{{Bytes: b, Form: FormMFCMAPI}}, nil
	}
	b, herr := ParseHex(t)
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
	var e *Error
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

// ParseHex reads hex digits in any case. Spaces, tabs, line breaks, colons,
// dashes and commas may separate bytes, and each byte may carry a 0x prefix.
// Errors give the 1-based character position of a stray character.
func ParseHex(s string) ([]byte, error) {
	out := make([]byte, 0, len(s)/2)
	var hi byte
	half := false
	digits := 0
	pos := 0 // characters seen, for error positions
	for i := 0; i < len(s); {
		c := s[i]
		pos++
		switch {
		case c == '0' && !half && i+1 < len(s) && (s[i+1] == 'x' || s[i+1] == 'X'):
			i += 2
			pos++
			continue
		case wire.IsHex(c):
			digits++
			if half {
				out = append(out, hi<<4|wire.Unhex(c))
			} else {
				hi = wire.Unhex(c)
			}
			half = !half
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ':' || c == '-' || c == ',':
			if half {
				return nil, errAt(pos, "separator "+strconv.QuoteRune(rune(c))+" inside a byte")
			}
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return nil, errAt(pos, "stray character "+strconv.QuoteRune(r))
		}
		i++
	}
	if half {
		return nil, &Error{Msg: "odd number of hex digits (" + strconv.Itoa(digits) + ")"}
	}
	if len(out) == 0 {
		return nil, &Error{Msg: ErrEmpty.Error()}
	}
	return out, nil
}

// ParseMFCMAPI reads MFCMAPI's "cb: 76 lpb: 0201…" and checks that cb equals
// the number of bytes. "lpb: NULL" with cb 0 is an empty value.
func ParseMFCMAPI(s string) ([]byte, error) {
	rest, ok := cutPrefixFold(strings.TrimLeft(s, " \t\r\n"), "cb:")
	if !ok {
		return nil, &Error{Msg: `MFCMAPI value does not start with "cb:"`}
	}
	rest = strings.TrimLeft(rest, " \t")
	n := 0
	for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	if n == 0 || n > 9 {
		return nil, &Error{Msg: `MFCMAPI value: want a byte count after "cb:"`}
	}
	cb, _ := strconv.Atoi(rest[:n])
	rest = strings.TrimLeft(rest[n:], " \t\r\n")
	rest, ok = cutPrefixFold(rest, "lpb:")
	if !ok {
		return nil, &Error{Msg: `MFCMAPI value: want "lpb:" after the byte count`}
	}
	hexStart := len(s) - len(rest) // rest is a suffix of s
	if t := strings.TrimSpace(rest); cb == 0 && (t == "" || strings.EqualFold(t, "NULL")) {
		return []byte{}, nil
	}
	b, err := ParseHex(rest)
	if err != nil {
		var e *Error
		if errors.As(err, &e) && e.Pos > 0 {
			e.Pos += utf8.RuneCountInString(s[:hexStart])
		}
		return nil, err
	}
	if len(b) != cb {
		return nil, &Error{Msg: "MFCMAPI value says cb: " + strconv.Itoa(cb) + " but lpb holds " + strconv.Itoa(len(b)) + " bytes"}
	}
	return b, nil
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
		return nil, &Error{Msg: ErrEmpty.Error()}
	}
	b, err := base64.StdEncoding.DecodeString(clean)
	if err != nil {
		b2, err2 := base64.RawStdEncoding.DecodeString(clean)
		if err2 != nil {
			var ce base64.CorruptInputError
			if errors.As(err, &ce) {
				return nil, &Error{Msg: "invalid base64 (character " + strconv.Itoa(int(ce)+1) + " of the base64 text)"}
			}
			return nil, &Error{Msg: "invalid base64: " + err.Error()}
		}
		b = b2
	}
	if len(b) == 0 {
		return nil, &Error{Msg: ErrEmpty.Error()}
	}
	return b, nil
}

// parseXML reads every <property> element of an MFCMAPI XML export.
// Properties whose type is not binary are skipped.
func parseXML(s string) ([]Blob, error) {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	// A UTF-16 export has been converted to UTF-8 by TextOf already.
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if l := strings.ToLower(label); l == "utf-16" || l == "utf-16le" || l == "utf-16be" || l == "unicode" {
			return r, nil
		}
		return nil, errors.New("encoding " + strconv.Quote(label) + " is not supported; save the export as UTF-8 or UTF-16")
	}
	var out []Blob
	var cur *proptag.Identity
	var field string
	var text strings.Builder
	var value *string
	seen := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &Error{Msg: "XML: " + err.Error()}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if name == "property" {
				seen++
				cur = &proptag.Identity{}
				value = nil
				for _, a := range t.Attr {
					switch strings.ToLower(a.Name.Local) {
					case "tag":
						if v, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(a.Value), "0x"), "0X"), 16, 32); err == nil {
							cur.Tag = proptag.PropTag(v)
						}
					case "type":
						cur.Type = strings.TrimSpace(a.Value)
					}
				}
				continue
			}
			if cur != nil {
				field = name
				text.Reset()
			}
		case xml.CharData:
			if cur != nil && field != "" {
				text.Write(t)
			}
		case xml.EndElement:
			name := strings.ToLower(t.Name.Local)
			if cur == nil {
				continue
			}
			if name == "property" {
				blob, keep, err := finishProperty(cur, value, seen)
				if err != nil {
					return nil, err
				}
				if keep {
					out = append(out, blob)
				}
				cur, field = nil, ""
				continue
			}
			if name != field {
				continue
			}
			v := strings.TrimSpace(text.String())
			switch field {
			case "namedpropguid":
				g := v
				if i := strings.Index(g, "}"); i >= 0 {
					g = g[:i+1]
				}
				if id, err := guid.ParseAs(g, guid.FormString); err == nil {
					cur.Set, cur.HasSet = id, true
				}
			case "namedpropname":
				parseNamedPropName(cur, v)
			case "value":
				if value == nil {
					value = &v
				}
			}
			field = ""
		}
	}
	if seen == 0 {
		return nil, &Error{Msg: "XML input has no <property> element"}
	}
	if len(out) == 0 {
		return nil, &Error{Msg: "XML input has no binary property"}
	}
	return out, nil
}

func parseNamedPropName(id *proptag.Identity, v string) {
	// "id: 0x825E=33374 = PidLidAppointmentTimeZoneDefinitionStartDisplay, dispidApptTZDefStartDisplay"
	rest, ok := cutPrefixFold(strings.TrimSpace(v), "id:")
	if !ok {
		return
	}
	rest = strings.TrimSpace(rest)
	num := rest
	if i := strings.IndexAny(num, "= "); i >= 0 {
		num = num[:i]
	}
	if n, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(num, "0x"), "0X"), 16, 32); err == nil {
		id.LID, id.HasLID = uint32(n), true
	}
	if i := strings.LastIndex(rest, "= "); i >= 0 {
		names := strings.TrimSpace(rest[i+2:])
		if j := strings.Index(names, ","); j >= 0 {
			names = names[:j]
		}
		id.Name = strings.TrimSpace(names)
	}
}

func finishProperty(id *proptag.Identity, value *string, n int) (Blob, bool, error) {
	binary := strings.EqualFold(id.Type, "PT_BINARY") || id.Type == "" && id.Tag.Type() == proptag.PT_BINARY
	if !binary && id.Tag != 0 && id.Tag.Type() == proptag.PT_BINARY {
		binary = true
	}
	if !binary {
		return Blob{}, false, nil
	}
	where := "XML property " + strconv.Itoa(n)
	if id.Tag != 0 {
		where += " (tag " + id.Tag.String() + ")"
	}
	if value == nil || *value == "" {
		return Blob{}, false, &Error{Msg: where + " has no value"}
	}
	v := *value
	var b []byte
	var err error
	if hasPrefixFold(v, "cb:") {
		b, err = ParseMFCMAPI(v)
	} else {
		b, err = ParseHex(v)
	}
	if err != nil {
		return Blob{}, false, &Error{Msg: where + ": " + err.Error()}
	}
	return Blob{Bytes: b, Form: FormXML, Identity: id}, true, nil
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
			return nil, &Error{Msg: ErrEmpty.Error()}
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
		return nil, &Error{Msg: msg + "; read it as binary to take the bytes as the blob"}
	}
	switch mode {
	case ModeAuto:
		return Parse(text)
	case ModeHex:
		t := strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
		lead := len(text) - len(strings.TrimLeft(strings.TrimPrefix(text, "\uFEFF"), " \t\r\n"))
		if hasPrefixFold(t, "cb:") {
			b, err := ParseMFCMAPI(t)
			if err != nil {
				return nil, shift(err, text, lead)
			}
			return []Blob{{Bytes: b, Form: FormMFCMAPI}}, nil
		}
		if t == "" {
			return nil, &Error{Msg: ErrEmpty.Error()}
		}
		b, err := ParseHex(t)
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
			return nil, &Error{Msg: ErrEmpty.Error()}
		}
		return parseXML(t)
	}
	return nil, &Error{Msg: "unknown input mode " + strconv.Quote(string(mode))}
}
