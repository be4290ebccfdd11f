package wire

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mapiblob/mapiblob/blob"
)

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
		case IsHex(c):
			digits++
			if half {
				out = append(out, hi<<4|Unhex(c))
			} else {
				hi = Unhex(c)
			}
			half = !half
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ':' || c == '-' || c == ',':
			if half {
				return nil, syntaxAt(pos, "separator "+strconv.QuoteRune(rune(c))+" inside a byte")
			}
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return nil, syntaxAt(pos, "stray character "+strconv.QuoteRune(r))
		}
		i++
	}
	if half {
		return nil, &blob.SyntaxError{Msg: "odd number of hex digits (" + strconv.Itoa(digits) + ")"}
	}
	if len(out) == 0 {
		return nil, &blob.SyntaxError{Msg: "empty input"}
	}
	return out, nil
}

// ParseMFCMAPI reads MFCMAPI's "cb: 76 lpb: 0201…" and checks that cb equals
// the number of bytes. "lpb: NULL" with cb 0 is an empty value.
func ParseMFCMAPI(s string) ([]byte, error) {
	rest, ok := cutPrefixFold(strings.TrimLeft(s, " \t\r\n"), "cb:")
	if !ok {
		return nil, &blob.SyntaxError{Msg: `MFCMAPI value does not start with "cb:"`}
	}
	rest = strings.TrimLeft(rest, " \t")
	n := 0
	for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	if n == 0 || n > 9 {
		return nil, &blob.SyntaxError{Msg: `MFCMAPI value: want a byte count after "cb:"`}
	}
	cb, _ := strconv.Atoi(rest[:n])
	rest = strings.TrimLeft(rest[n:], " \t\r\n")
	rest, ok = cutPrefixFold(rest, "lpb:")
	if !ok {
		return nil, &blob.SyntaxError{Msg: `MFCMAPI value: want "lpb:" after the byte count`}
	}
	hexStart := len(s) - len(rest) // rest is a suffix of s
	if t := strings.TrimSpace(rest); cb == 0 && (t == "" || strings.EqualFold(t, "NULL")) {
		return []byte{}, nil
	}
	b, err := ParseHex(rest)
	if err != nil {
		var e *blob.SyntaxError
		if errors.As(err, &e) && e.Pos > 0 {
			e.Pos += utf8.RuneCountInString(s[:hexStart])
		}
		return nil, err
	}
	if len(b) != cb {
		return nil, &blob.SyntaxError{Msg: "MFCMAPI value says cb: " + strconv.Itoa(cb) + " but lpb holds " + strconv.Itoa(len(b)) + " bytes"}
	}
	return b, nil
}

func syntaxAt(pos int, msg string) error { return &blob.SyntaxError{Pos: pos, Msg: msg} }

func cutPrefixFold(s, p string) (string, bool) {
	if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
		return s[len(p):], true
	}
	return s, false
}
