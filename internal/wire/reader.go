package wire

import (
	"encoding/binary"
	"strconv"
	"strings"
)

const maxDepth = 4

type frame struct {
	name string
	idx  int // -1 when the frame has no index
}

// Reader is a cursor over a blob. The zero value is not usable; use NewReader.
//
// Field names passed to the read methods are constant strings; the full path
// (with array indexes) is built only when an error is reported, so a
// successful decode formats nothing.
type Reader struct {
	b      []byte
	off    int
	err    *DecodeError
	depth  int
	frames [maxDepth]frame
}

// NewReader returns a cursor at offset 0 of b.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Reset points r at b, offset 0, with no error and no path.
func (r *Reader) Reset(b []byte) { *r = Reader{b: b} }

// Offset is the number of bytes consumed so far.
func (r *Reader) Offset() int { return r.off }

// Len is the number of bytes left.
func (r *Reader) Len() int { return len(r.b) - r.off }

// Err is the first error met, or nil. It is always a *DecodeError.
func (r *Reader) Err() error {
	if r.err == nil {
		return nil
	}
	return r.err
}

// OK reports whether no read has failed.
func (r *Reader) OK() bool { return r.err == nil }

// Enter pushes a path element: name, or name[idx] when idx ≥ 0.
// Calls beyond a small fixed depth are folded into the last element's name.
func (r *Reader) Enter(name string, idx int) {
	if r.depth < maxDepth {
		r.frames[r.depth] = frame{name, idx}
	}
	r.depth++
}

// Leave pops the element pushed by the last Enter.
func (r *Reader) Leave() {
	if r.depth > 0 {
		r.depth--
	}
}

// Path is the current path joined with field, as reported in errors.
func (r *Reader) Path(field string) string {
	var sb strings.Builder
	n := r.depth
	if n > maxDepth {
		n = maxDepth
	}
	for i := 0; i < n; i++ {
		f := r.frames[i]
		if sb.Len() > 0 {
			sb.WriteByte('.')
		}
		sb.WriteString(f.name)
		if f.idx >= 0 {
			sb.WriteByte('[')
			sb.WriteString(strconv.Itoa(f.idx))
			sb.WriteByte(']')
		}
	}
	if field != "" {
		if sb.Len() > 0 {
			sb.WriteByte('.')
		}
		sb.WriteString(field)
	}
	return sb.String()
}

// Fail records an error for field at the current offset unless one is
// already recorded. It returns false so callers can write `return r.Fail(...)`.
func (r *Reader) Fail(field string, err error, detail string) bool {
	return r.FailAt(field, r.off, err, detail)
}

// FailAt is Fail with an explicit offset (for a field read earlier).
func (r *Reader) FailAt(field string, off int, err error, detail string) bool {
	if r.err == nil {
		r.err = &DecodeError{Path: r.Path(field), Offset: off, Err: err, Detail: detail}
	}
	return false
}

func (r *Reader) need(field string, n int) bool {
	if r.err != nil {
		return false
	}
	if n < 0 || len(r.b)-r.off < n {
		left := len(r.b) - r.off
		return r.Fail(field, ErrTruncated, "need "+strconv.Itoa(n)+" bytes, "+strconv.Itoa(left)+" left")
	}
	return true
}

// U8 reads one byte.
func (r *Reader) U8(field string) uint8 {
	if !r.need(field, 1) {
		return 0
	}
	v := r.b[r.off]
	r.off++
	return v
}

// U16 reads a little-endian uint16.
func (r *Reader) U16(field string) uint16 {
	if !r.need(field, 2) {
		return 0
	}
	v := binary.LittleEndian.Uint16(r.b[r.off:])
	r.off += 2
	return v
}

// U32 reads a little-endian uint32.
func (r *Reader) U32(field string) uint32 {
	if !r.need(field, 4) {
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b[r.off:])
	r.off += 4
	return v
}

// I32 reads a little-endian int32 (a LONG).
func (r *Reader) I32(field string) int32 { return int32(r.U32(field)) }

// U64 reads a little-endian uint64.
func (r *Reader) U64(field string) uint64 {
	if !r.need(field, 8) {
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b[r.off:])
	r.off += 8
	return v
}

// Bytes returns the next n bytes without copying (a sub-slice of the input,
// capacity clipped so appending to it cannot overwrite what follows).
func (r *Reader) Bytes(field string, n int) []byte {
	if !r.need(field, n) {
		return nil
	}
	v := r.b[r.off : r.off+n : r.off+n]
	r.off += n
	return v
}

// String8 returns n 8-bit characters as raw bytes (code page external).
func (r *Reader) String8(field string, n int) []byte { return r.Bytes(field, n) }

// UTF16 returns n UTF-16LE code units as raw bytes (2n bytes).
func (r *Reader) UTF16(field string, n int) []byte {
	if n > (1<<31-1)/2 {
		n = -1
	}
	return r.Bytes(field, 2*n)
}

// Rest returns every byte left and moves to the end.
func (r *Reader) Rest() []byte {
	v := r.b[r.off:len(r.b):len(r.b)]
	r.off = len(r.b)
	return v
}

// Count checks that count elements of at least minSize bytes each can fit
// in the bytes left, before the caller allocates or loops for them. It
// returns the count as an int, or 0 and false after recording an error.
// The offset given in the error is that of the count field (countOff).
func (r *Reader) Count(field string, countOff int, count uint64, minSize int) (int, bool) {
	if r.err != nil {
		return 0, false
	}
	left := uint64(len(r.b) - r.off)
	if minSize <= 0 {
		minSize = 1
	}
	if count > left/uint64(minSize) {
		r.FailAt(field, countOff, ErrTruncated,
			strconv.FormatUint(count, 10)+" elements of at least "+strconv.Itoa(minSize)+
				" bytes need "+strconv.FormatUint(count*uint64(minSize), 10)+" bytes, "+
				strconv.FormatUint(left, 10)+" left")
		return 0, false
	}
	return int(count), true
}

// Peek returns the bytes left without consuming them (nil after an error).
func (r *Reader) Peek() []byte {
	if r.err != nil {
		return nil
	}
	return r.b[r.off:len(r.b):len(r.b)]
}

// Skip consumes n bytes that the caller has already read through Peek.
func (r *Reader) Skip(n int) {
	if r.need("", n) {
		r.off += n
	}
}
