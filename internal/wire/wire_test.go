package wire

import (
	"errors"
	"strings"
	"testing"

	_ "github.com/mapiblob/mapiblob/internal/golden" // accepts go test ./... -update
)

func TestReadsInOrder(t *testing.T) {
	b := []byte{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xFF, 0xFF, 0xFF, 0xFF,
		1, 2, 3, 4, 5, 6, 7, 8, 'a', 0, 'b', 0, 0xAA}
	r := NewReader(b)
	if v := r.U8("a"); v != 0x01 {
		t.Errorf("U8 = %#x", v)
	}
	if v := r.U16("b"); v != 0x0302 {
		t.Errorf("U16 = %#x", v)
	}
	if v := r.U32("c"); v != 0x07060504 {
		t.Errorf("U32 = %#x", v)
	}
	if v := r.I32("d"); v != -1 {
		t.Errorf("I32 = %d", v)
	}
	if v := r.U64("e"); v != 0x0807060504030201 {
		t.Errorf("U64 = %#x", v)
	}
	if v := r.UTF16("f", 2); string(v) != "a\x00b\x00" {
		t.Errorf("UTF16 = %q", v)
	}
	if r.Offset() != 23 || r.Len() != 1 {
		t.Errorf("offset %d len %d", r.Offset(), r.Len())
	}
	if v := r.Rest(); len(v) != 1 || v[0] != 0xAA {
		t.Errorf("Rest = %x", v)
	}
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
}

func TestShortReads(t *testing.T) {
	tests := []struct {
		name   string
		have   int
		read   func(r *Reader)
		path   string
		off    int
		detail string
	}{
		{"u8", 0, func(r *Reader) { r.U8("F") }, "F", 0, "need 1 bytes, 0 left"},
		{"u16", 1, func(r *Reader) { r.U16("F") }, "F", 0, "need 2 bytes, 1 left"},
		{"u32", 3, func(r *Reader) { r.U32("F") }, "F", 0, "need 4 bytes, 3 left"},
		{"i32", 2, func(r *Reader) { r.I32("F") }, "F", 0, "need 4 bytes, 2 left"},
		{"u64", 7, func(r *Reader) { r.U64("F") }, "F", 0, "need 8 bytes, 7 left"},
		{"bytes", 5, func(r *Reader) { r.U8("x"); r.Bytes("F", 5) }, "F", 1, "need 5 bytes, 4 left"},
		{"string8", 2, func(r *Reader) { r.String8("F", 3) }, "F", 0, "need 3 bytes, 2 left"},
		{"utf16", 3, func(r *Reader) { r.UTF16("F", 2) }, "F", 0, "need 4 bytes, 3 left"},
		{"negative", 3, func(r *Reader) { r.Bytes("F", -1) }, "F", 0, "need -1 bytes, 3 left"},
		{"path", 0x9a + 12, func(r *Reader) {
			r.Bytes("head", 0x9a)
			r.Enter("ExceptionInfo", 2)
			r.String8("Subject", 48)
			r.Leave()
		}, "ExceptionInfo[2].Subject", 0x9a, "need 48 bytes, 12 left"},
		{"nested", 4, func(r *Reader) {
			r.Enter("TZRules", 1)
			r.Enter("stStandardDate", -1)
			r.U16("wYear")
			r.U16("wMonth")
			r.U16("wDayOfWeek")
		}, "TZRules[1].stStandardDate.wDayOfWeek", 4, "need 2 bytes, 0 left"},
		{"sticky", 1, func(r *Reader) { r.U16("first"); r.U8("second") }, "first", 0, "need 2 bytes, 1 left"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(make([]byte, tt.have))
			tt.read(r)
			err := r.Err()
			if !errors.Is(err, ErrTruncated) {
				t.Fatalf("err = %v, want ErrTruncated", err)
			}
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("not a DecodeError: %T", err)
			}
			if de.Path != tt.path || de.Offset != tt.off || de.Detail != tt.detail {
				t.Errorf("got %q @%d %q, want %q @%d %q", de.Path, de.Offset, de.Detail, tt.path, tt.off, tt.detail)
			}
			if !strings.Contains(err.Error(), tt.path) || !strings.Contains(err.Error(), "offset 0x") {
				t.Errorf("message %q lacks path or offset", err)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	r := NewReader(make([]byte, 0x9a+12))
	r.Bytes("x", 0x9a)
	r.Enter("ExceptionInfo", 2)
	r.String8("Subject", 48)
	want := "ExceptionInfo[2].Subject at offset 0x9a: need 48 bytes, 12 left"
	if got := r.Err().Error(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCountGuard(t *testing.T) {
	tests := []struct {
		left, min int
		count     uint64
		ok        bool
	}{
		{8, 4, 2, true},
		{8, 4, 3, false},
		{0, 4, 0, true},
		{0, 4, 1, false},
		{100, 66, 1, true},
		{100, 66, 0xFFFF, false},
		{100, 4, 0xFFFFFFFF, false},
		{100, 0, 100, true},
		{100, 0, 101, false},
		{1 << 20, 4, 1<<64 - 1, false},
	}
	for _, tt := range tests {
		r := NewReader(make([]byte, tt.left+2))
		r.U16("cnt")
		n, ok := r.Count("Items", 0, tt.count, tt.min)
		if ok != tt.ok {
			t.Errorf("Count(%d, min %d, left %d) ok = %v", tt.count, tt.min, tt.left, ok)
			continue
		}
		if ok && n != int(tt.count) {
			t.Errorf("n = %d", n)
		}
		if !ok {
			var de *DecodeError
			if !errors.As(r.Err(), &de) || de.Path != "Items" || de.Offset != 0 || !errors.Is(de, ErrTruncated) {
				t.Errorf("error %v", r.Err())
			}
		}
	}
}

func TestAppendersRoundTrip(t *testing.T) {
	var b []byte
	b = AppendU8(b, 0xAB)
	b = AppendU16(b, 0x1234)
	b = AppendU32(b, 0xDEADBEEF)
	b = AppendI32(b, -60)
	b = AppendU64(b, 0x0102030405060708)
	b, n := AppendUTF16(b, "é😀")
	if n != 3 || UTF16Len("é😀") != 3 {
		t.Errorf("utf16 units = %d", n)
	}
	r := NewReader(b)
	if r.U8("") != 0xAB || r.U16("") != 0x1234 || r.U32("") != 0xDEADBEEF || r.I32("") != -60 || r.U64("") != 0x0102030405060708 {
		t.Fatal("mismatch")
	}
	s, exact := DecodeUTF16(r.UTF16("", 3))
	if s != "é😀" || !exact || r.Len() != 0 || r.Err() != nil {
		t.Errorf("utf16 %q %v", s, exact)
	}
}

func TestDecodeUTF16Inexact(t *testing.T) {
	for _, raw := range [][]byte{{0x00, 0xD8}, {0x00, 0xDC, 0x41, 0x00}, {0x41}} {
		if _, exact := DecodeUTF16(raw); exact {
			t.Errorf("%x decoded as exact", raw)
		}
	}
}
