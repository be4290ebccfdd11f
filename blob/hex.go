package blob

const hexDigits = "0123456789ABCDEF"

// HexBytes is a byte slice that JSON (and any text encoding) shows as
// upper-case hex without separators, "" when empty.
type HexBytes []byte

// MarshalText writes upper-case hex.
func (h HexBytes) MarshalText() ([]byte, error) { return h.AppendText(nil) }

// AppendText appends upper-case hex to b.
func (h HexBytes) AppendText(b []byte) ([]byte, error) {
	for _, c := range h {
		b = append(b, hexDigits[c>>4], hexDigits[c&0xF])
	}
	return b, nil
}

// String is the upper-case hex.
func (h HexBytes) String() string { b, _ := h.AppendText(make([]byte, 0, 2*len(h))); return string(b) }

// UnmarshalText reads hex digits (either case, no separators).
func (h *HexBytes) UnmarshalText(b []byte) error {
	if len(b)%2 != 0 {
		return &DecodeError{Path: "hex", Offset: len(b), Err: ErrInvalid, Detail: "odd number of hex digits"}
	}
	out := make(HexBytes, len(b)/2)
	for i := range out {
		hi, ok1 := unhex(b[2*i])
		lo, ok2 := unhex(b[2*i+1])
		if !ok1 || !ok2 {
			off := 2 * i
			if ok1 {
				off++
			}
			return &DecodeError{Path: "hex", Offset: off, Err: ErrInvalid, Detail: "not a hex digit: " + string(rune(b[off]))}
		}
		out[i] = hi<<4 | lo
	}
	*h = out
	return nil
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
