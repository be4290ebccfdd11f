package wire

import "encoding/binary"

// Append helpers: each appends a little-endian value to b and returns the
// extended slice, in the style of encoding/binary's AppendUvarint.

// AppendU8 appends one byte.
func AppendU8(b []byte, v uint8) []byte { return append(b, v) }

// AppendU16 appends a little-endian uint16.
func AppendU16(b []byte, v uint16) []byte { return binary.LittleEndian.AppendUint16(b, v) }

// AppendU32 appends a little-endian uint32.
func AppendU32(b []byte, v uint32) []byte { return binary.LittleEndian.AppendUint32(b, v) }

// AppendI32 appends a little-endian int32.
func AppendI32(b []byte, v int32) []byte { return binary.LittleEndian.AppendUint32(b, uint32(v)) }

// AppendU64 appends a little-endian uint64.
func AppendU64(b []byte, v uint64) []byte { return binary.LittleEndian.AppendUint64(b, v) }

// AppendUTF16 appends s as UTF-16LE code units (no terminator) and returns
// the slice and the number of code units written.
func AppendUTF16(b []byte, s string) ([]byte, int) {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			b = AppendU16(b, uint16(0xD800+(r>>10)))
			b = AppendU16(b, uint16(0xDC00+(r&0x3FF)))
			n += 2
			continue
		}
		b = AppendU16(b, uint16(r))
		n++
	}
	return b, n
}

// UTF16Len is the number of UTF-16 code units AppendUTF16 writes for s.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
