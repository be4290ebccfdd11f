package wire

import (
	"encoding/binary"
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
)

// Cursor is a shrinking slice over a blob, in the style of
// golang.org/x/crypto/cryptobyte: each read checks the bytes left, stores
// the value through its pointer argument, advances and reports ok. A failed
// read stores nothing and leaves the cursor where it was, so the decoder
// can name the field and the offset (Offset) in the error it builds; no
// path or message is formatted while reads succeed. Every method is small
// enough to be inlined.
//
// The zero value is an empty cursor; use NewCursor or Reset.
type Cursor struct {
	s []byte // the bytes left
	n int    // the length of the whole input
}

// NewCursor returns a cursor at offset 0 of b.
func NewCursor(b []byte) Cursor { return Cursor{s: b, n: len(b)} }

// Reset points c at offset 0 of b.
func (c *Cursor) Reset(b []byte) { c.s, c.n = b, len(b) }

// Offset is the number of bytes consumed so far.
func (c *Cursor) Offset() int { return c.n - len(c.s) }

// Len is the number of bytes left.
func (c *Cursor) Len() int { return len(c.s) }

// Empty reports whether no bytes are left.
func (c *Cursor) Empty() bool { return len(c.s) == 0 }

// U8 reads one byte.
func (c *Cursor) U8(v *uint8) bool {
	if len(c.s) < 1 {
		return false
	}
	*v = c.s[0]
	c.s = c.s[1:]
	return true
}

// U16 reads a little-endian uint16.
func (c *Cursor) U16(v *uint16) bool {
	if len(c.s) < 2 {
		return false
	}
	*v = binary.LittleEndian.Uint16(c.s)
	c.s = c.s[2:]
	return true
}

// U32 reads a little-endian uint32.
func (c *Cursor) U32(v *uint32) bool {
	if len(c.s) < 4 {
		return false
	}
	*v = binary.LittleEndian.Uint32(c.s)
	c.s = c.s[4:]
	return true
}

// I32 reads a little-endian int32 (a LONG).
func (c *Cursor) I32(v *int32) bool {
	if len(c.s) < 4 {
		return false
	}
	*v = int32(binary.LittleEndian.Uint32(c.s))
	c.s = c.s[4:]
	return true
}

// U64 reads a little-endian uint64.
func (c *Cursor) U64(v *uint64) bool {
	if len(c.s) < 8 {
		return false
	}
	*v = binary.LittleEndian.Uint64(c.s)
	c.s = c.s[8:]
	return true
}

// Bytes reads the next n bytes without copying: v is a sub-slice of the
// input whose capacity is clipped, so appending to it cannot overwrite what
// follows. A negative n fails.
func (c *Cursor) Bytes(v *[]byte, n int) bool {
	if n < 0 || len(c.s) < n {
		return false
	}
	*v = c.s[:n:n]
	c.s = c.s[n:]
	return true
}

// Span reads the next n bytes as a span (offset and length in the input),
// for values that keep one copy of the input and point into it.
func (c *Cursor) Span(v *Span, n int) bool {
	if n < 0 || len(c.s) < n {
		return false
	}
	*v = Span{Off: uint32(c.n - len(c.s)), Len: uint32(n)}
	c.s = c.s[n:]
	return true
}

// Fixed returns the next n bytes without copying and advances, or nil and
// false. It serves fixed-size blocks that are then read with
// encoding/binary at constant offsets after this one length check.
func (c *Cursor) Fixed(n int) ([]byte, bool) {
	if n < 0 || len(c.s) < n {
		return nil, false
	}
	v := c.s[:n:n]
	c.s = c.s[n:]
	return v, true
}

// Skip advances n bytes.
func (c *Cursor) Skip(n int) bool {
	if n < 0 || len(c.s) < n {
		return false
	}
	c.s = c.s[n:]
	return true
}

// Rest returns every byte left and moves to the end.
func (c *Cursor) Rest() []byte {
	v := c.s[:len(c.s):len(c.s)]
	c.s = c.s[len(c.s):]
	return v
}

// Peek returns the bytes left without consuming them.
func (c *Cursor) Peek() []byte { return c.s[:len(c.s):len(c.s)] }

// Fits reports whether count elements of at least minSize bytes each can
// fit in the bytes left: the check to make before allocating or looping
// for a count read from the input.
func (c *Cursor) Fits(count uint64, minSize int) bool {
	if minSize <= 0 {
		minSize = 1
	}
	return count <= uint64(len(c.s))/uint64(minSize)
}

// Span is a part of a retained input: Len bytes from offset Off. Values
// that keep one copy of their input hold spans instead of slices, so they
// carry no pointers for the garbage collector to follow.
type Span struct{ Off, Len uint32 }

// In returns the span's bytes in b (capacity clipped), or nil when the span
// does not lie inside b.
func (s Span) In(b []byte) []byte {
	end := uint64(s.Off) + uint64(s.Len)
	if end > uint64(len(b)) {
		return nil
	}
	return b[s.Off:end:end]
}

// Truncated is the error for field path at the cursor's offset when need
// bytes were wanted.
func (c *Cursor) Truncated(path string, need int) error {
	return TruncatedAt(path, c.Offset(), need, len(c.s))
}

// TruncatedAt is the error for field path at offset off: need bytes were
// wanted and left remained.
func TruncatedAt(path string, off, need, left int) error {
	return &blob.DecodeError{Path: path, Offset: off, Err: blob.ErrTruncated,
		Detail: "need " + strconv.Itoa(need) + " bytes, " + strconv.Itoa(left) + " left"}
}

// CountTooLarge is the error for a count field at offset off that promises
// count elements of at least minSize bytes each when only left bytes remain.
func CountTooLarge(path string, off int, count uint64, minSize, left int) error {
	return &blob.DecodeError{Path: path, Offset: off, Err: blob.ErrTruncated,
		Detail: strconv.FormatUint(count, 10) + " elements of at least " + strconv.Itoa(minSize) +
			" bytes need " + strconv.FormatUint(count*uint64(minSize), 10) + " bytes, " +
			strconv.Itoa(left) + " left"}
}

// Invalid is an ErrInvalid error for field path at offset off.
func Invalid(path string, off int, detail string) error {
	return &blob.DecodeError{Path: path, Offset: off, Err: blob.ErrInvalid, Detail: detail}
}

// Unsupported is an ErrUnsupportedVersion error for field path at offset off.
func Unsupported(path string, off int, detail string) error {
	return &blob.DecodeError{Path: path, Offset: off, Err: blob.ErrUnsupportedVersion, Detail: detail}
}

// Path joins a field path: Path("ExceptionInfo", 2, "Subject") is
// "ExceptionInfo[2].Subject"; an index below 0 is left out and an empty
// field adds nothing. It is meant for error paths, built only on failure.
func Path(name string, idx int, field string) string {
	s := name
	if idx >= 0 {
		s += "[" + strconv.Itoa(idx) + "]"
	}
	if field != "" {
		if s != "" {
			s += "."
		}
		s += field
	}
	return s
}
