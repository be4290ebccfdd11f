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
	exact = len(raw)%2 == 0
	n := len(raw) / 2
	// Fast path: all code units below 0x80, one allocation.
	var sb strings.Builder
	sb.Grow(n)
	i := 0
	for ; i < n; i++ {
		lo, hi := raw[2*i], raw[2*i+1]
		if hi != 0 || lo >= 0x80 {
			break
		}
		sb.WriteByte(lo)
	}
	if i == n {
		return sb.String(), exact
	}
	buf := make([]byte, 0, n*3)
	for i := 0; i < n; i++ {
		u := rune(binary.LittleEndian.Uint16(raw[2*i:]))
		switch {
		case u >= 0xD800 && u < 0xDC00 && i+1 < n:
			u2 := rune(binary.LittleEndian.Uint16(raw[2*i+2:]))
			if u2 >= 0xDC00 && u2 < 0xE000 {
				buf = utf8.AppendRune(buf, 0x10000+(u-0xD800)<<10+(u2-0xDC00))
				i++
				continue
			}
			buf = utf8.AppendRune(buf, utf8.RuneError)
			exact = false
		case u >= 0xD800 && u < 0xE000:
			buf = utf8.AppendRune(buf, utf8.RuneError)
			exact = false
		default:
			buf = utf8.AppendRune(buf, u)
		}
	}
	return string(buf), exact
}
