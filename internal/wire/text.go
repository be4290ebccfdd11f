package wire

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"
)

// DecodeUTF16 turns UTF-16LE bytes into a string. exact is false when the
// text holds an unpaired surrogate (replaced by U+FFFD) or an odd final
// byte, i.e. when AppendUTF16 of the result would not give raw back.
func DecodeUTF16(raw []byte) (s string, exact bool) {
	n := len(raw) / 2
	// Fast path: all code units below 0x80, one allocation.
	i := 0
	for ; i < n; i++ {
		if raw[2*i+1] != 0 || raw[2*i] >= 0x80 {
			break
		}
	}
	if i == n {
		var sb strings.Builder
		sb.Grow(n)
		for j := 0; j < n; j++ {
			sb.WriteByte(raw[2*j])
		}
		return sb.String(), len(raw)%2 == 0
	}
	buf, exact := AppendUTF16AsUTF8(make([]byte, 0, n*3), raw)
	return string(buf), exact
}

// AppendUTF16AsUTF8 appends the UTF-8 of UTF-16LE bytes raw to dst, at
// most 3 bytes for each 2 of raw. exact is as for DecodeUTF16.
func AppendUTF16AsUTF8(dst, raw []byte) (out []byte, exact bool) {
	exact = len(raw)%2 == 0
	n := len(raw) / 2
	for i := 0; i < n; i++ {
		u := rune(binary.LittleEndian.Uint16(raw[2*i:]))
		switch {
		case u >= 0xD800 && u < 0xDC00 && i+1 < n:
			u2 := rune(binary.LittleEndian.Uint16(raw[2*i+2:]))
			if u2 >= 0xDC00 && u2 < 0xE000 {
				dst = utf8.AppendRune(dst, 0x10000+(u-0xD800)<<10+(u2-0xDC00))
				i++
				continue
			}
			dst = utf8.AppendRune(dst, utf8.RuneError)
			exact = false
		case u >= 0xD800 && u < 0xE000:
			dst = utf8.AppendRune(dst, utf8.RuneError)
			exact = false
		default:
			dst = utf8.AppendRune(dst, u)
		}
	}
	return dst, exact
}
