package wire

const hexDigits = "0123456789ABCDEF"

// IsHex reports whether c is a hex digit.
func IsHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// Unhex is the value of hex digit c (which IsHex accepted).
func Unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// UpperHex writes b as upper-case hex without separators.
func UpperHex(b []byte) string {
	out := make([]byte, 2*len(b))
	for i, c := range b {
		out[2*i], out[2*i+1] = hexDigits[c>>4], hexDigits[c&0xF]
	}
	return string(out)
}
