package item

import (
	"bytes"
	"encoding/binary"
	"math"
	"strconv"
	"time"
	"unicode/utf16"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/proptag"
)

// Value is a property's raw typed value. Which field holds it depends on
// Type:
//
//   - PT_I2, PT_LONG, PT_I8, PT_ERROR, PT_CURRENCY (in units of 1/10000),
//     PT_BOOLEAN (0 or 1): Int;
//   - PT_R4, PT_DOUBLE, PT_APPTIME (days since 1899-12-30): Float;
//   - PT_SYSTIME: Time (UTC);
//   - PT_UNICODE: Str; PT_STRING8: Bytes as stored and Str decoded in the
//     item's code page;
//   - PT_BINARY, PT_CLSID (16 bytes) and any type this package does not
//     read (PT_OBJECT, PT_SVREID…): Bytes;
//   - multi-valued types: Multi, one Value of the base type each.
type Value struct {
	Type  proptag.PropType
	Int   int64
	Float float64
	Time  time.Time
	Str   string
	Bytes []byte
	Multi []Value
}

// Bool reports whether a PT_BOOLEAN value is true.
func (v *Value) Bool() bool { return v.Int != 0 }

// Values of each type, for writers and tests.

// Long is a PT_LONG value.
func Long(n int32) Value { return Value{Type: proptag.PT_LONG, Int: int64(n)} }

// Bool is a PT_BOOLEAN value.
func Bool(b bool) Value {
	v := Value{Type: proptag.PT_BOOLEAN}
	if b {
		v.Int = 1
	}
	return v
}

// Time is a PT_SYSTIME value.
func Time(t time.Time) Value { return Value{Type: proptag.PT_SYSTIME, Time: t.UTC()} }

// Unicode is a PT_UNICODE value.
func Unicode(s string) Value { return Value{Type: proptag.PT_UNICODE, Str: s} }

// Binary is a PT_BINARY value.
func Binary(b []byte) Value { return Value{Type: proptag.PT_BINARY, Bytes: b} }

// FixedSize is the size of a fixed-size type's value in the property
// streams of .msg, TNEF and PST, 0 for a variable one.
func FixedSize(t proptag.PropType) int {
	switch t {
	case proptag.PT_I2, proptag.PT_BOOLEAN:
		return 2
	case proptag.PT_LONG, proptag.PT_R4, proptag.PT_ERROR:
		return 4
	case proptag.PT_DOUBLE, proptag.PT_CURRENCY, proptag.PT_APPTIME, proptag.PT_I8, proptag.PT_SYSTIME:
		return 8
	case proptag.PT_CLSID:
		return 16
	}
	return 0
}

// DecodeFixed reads a fixed-size value of type t from its little-endian
// wire form b (len(b) is at least FixedSize(t)).
func DecodeFixed(t proptag.PropType, b []byte) Value {
	v := Value{Type: t}
	switch t {
	case proptag.PT_I2:
		v.Int = int64(int16(binary.LittleEndian.Uint16(b)))
	case proptag.PT_BOOLEAN:
		if binary.LittleEndian.Uint16(b) != 0 {
			v.Int = 1
		}
	case proptag.PT_LONG:
		v.Int = int64(int32(binary.LittleEndian.Uint32(b)))
	case proptag.PT_ERROR:
		v.Int = int64(binary.LittleEndian.Uint32(b))
	case proptag.PT_R4:
		v.Float = float64(math.Float32frombits(binary.LittleEndian.Uint32(b)))
	case proptag.PT_DOUBLE, proptag.PT_APPTIME:
		v.Float = math.Float64frombits(binary.LittleEndian.Uint64(b))
	case proptag.PT_CURRENCY, proptag.PT_I8:
		v.Int = int64(binary.LittleEndian.Uint64(b))
	case proptag.PT_SYSTIME:
		v.Time = blob.FileTime(binary.LittleEndian.Uint64(b)).Time()
	case proptag.PT_CLSID:
		v.Bytes = append([]byte(nil), b[:16]...)
	}
	return v
}

// AppendFixed appends the wire form of a fixed-size value (FixedSize
// bytes).
func (v *Value) AppendFixed(b []byte) []byte {
	switch v.Type {
	case proptag.PT_I2, proptag.PT_BOOLEAN:
		return binary.LittleEndian.AppendUint16(b, uint16(v.Int))
	case proptag.PT_LONG, proptag.PT_ERROR:
		return binary.LittleEndian.AppendUint32(b, uint32(v.Int))
	case proptag.PT_R4:
		return binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(v.Float)))
	case proptag.PT_DOUBLE, proptag.PT_APPTIME:
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(v.Float))
	case proptag.PT_CURRENCY, proptag.PT_I8:
		return binary.LittleEndian.AppendUint64(b, uint64(v.Int))
	case proptag.PT_SYSTIME:
		return binary.LittleEndian.AppendUint64(b, uint64(blob.FileTimeOf(v.Time)))
	case proptag.PT_CLSID:
		var g [16]byte
		copy(g[:], v.Bytes)
		return append(b, g[:]...)
	}
	return b
}

// DecodeUTF16 turns UTF-16LE bytes into a string, dropping terminating
// NULs; an odd last byte is ignored.
func DecodeUTF16(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	for len(u) > 0 && u[len(u)-1] == 0 {
		u = u[:len(u)-1]
	}
	return string(utf16.Decode(u))
}

// EncodeUTF16 is s in UTF-16LE without terminator.
func EncodeUTF16(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return b
}

// WireBytes is the wire form of a variable-size single value: UTF-16LE for
// PT_UNICODE, the 8-bit bytes for PT_STRING8 (encoded from Str in cp when
// Bytes is nil), else Bytes.
func (v *Value) WireBytes(cp blob.CodePage) []byte {
	switch v.Type &^ proptag.MV_FLAG {
	case proptag.PT_UNICODE:
		return EncodeUTF16(v.Str)
	case proptag.PT_STRING8:
		if v.Bytes == nil && v.Str != "" {
			if b, ok := cp.Encode(v.Str); ok {
				return b
			}
			return []byte(v.Str)
		}
	}
	return v.Bytes
}

// String renders the value for people.
func (v *Value) String() string {
	if v.Type&proptag.MV_FLAG != 0 {
		s := "["
		for i := range v.Multi {
			if i > 0 {
				s += ", "
			}
			s += v.Multi[i].String()
		}
		return s + "]"
	}
	switch v.Type {
	case proptag.PT_I2, proptag.PT_LONG, proptag.PT_I8, proptag.PT_CURRENCY:
		return strconv.FormatInt(v.Int, 10)
	case proptag.PT_ERROR:
		return "0x" + strconv.FormatUint(uint64(uint32(v.Int)), 16)
	case proptag.PT_BOOLEAN:
		return strconv.FormatBool(v.Int != 0)
	case proptag.PT_R4, proptag.PT_DOUBLE, proptag.PT_APPTIME:
		return strconv.FormatFloat(v.Float, 'g', -1, 64)
	case proptag.PT_SYSTIME:
		return v.Time.UTC().Format("2006-01-02 15:04:05Z")
	case proptag.PT_UNICODE, proptag.PT_STRING8:
		return strconv.Quote(v.Str)
	case proptag.PT_CLSID:
		if len(v.Bytes) == 16 {
			return guid.GUID(v.Bytes).String()
		}
	}
	return blob.HexBytes(v.Bytes).String()
}

// IsFixedType reports whether t is a single-valued fixed-size type, whose
// value the property streams hold in place (FixedSize gives its size).
func IsFixedType(t proptag.PropType) bool {
	switch t {
	case proptag.PT_I2, proptag.PT_LONG, proptag.PT_R4, proptag.PT_DOUBLE, proptag.PT_CURRENCY, proptag.PT_APPTIME,
		proptag.PT_ERROR, proptag.PT_BOOLEAN, proptag.PT_I8, proptag.PT_SYSTIME:
		return true
	}
	return false
}

// DecodeVariable reads a variable-size single value of type t from its
// wire form: UTF-16LE for PT_UNICODE (terminating NULs dropped), 8-bit
// bytes for PT_STRING8 (NULs trimmed; decoded by Item.Decode), the first
// 16 bytes for PT_CLSID, the bytes themselves otherwise.
func DecodeVariable(t proptag.PropType, data []byte) Value {
	v := Value{Type: t}
	switch t {
	case proptag.PT_UNICODE:
		v.Str = DecodeUTF16(data)
	case proptag.PT_STRING8:
		v.Bytes = bytes.TrimRight(data, "\x00")
	case proptag.PT_CLSID:
		if len(data) >= 16 {
			v.Bytes = data[:16]
		} else {
			v.Bytes = data
		}
	default:
		v.Bytes = data
	}
	return v
}
