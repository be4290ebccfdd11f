package wire

import (
	"testing"

	_ "github.com/mapiblob/mapiblob/internal/golden" // accepts go test ./... -update
)

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
	c := NewCursor(b)
	var (
		u8  uint8
		u16 uint16
		u32 uint32
		i32 int32
		u64 uint64
		raw []byte
	)
	if !c.U8(&u8) || !c.U16(&u16) || !c.U32(&u32) || !c.I32(&i32) || !c.U64(&u64) || !c.Bytes(&raw, 6) {
		t.Fatal("short read")
	}
	if u8 != 0xAB || u16 != 0x1234 || u32 != 0xDEADBEEF || i32 != -60 || u64 != 0x0102030405060708 {
		t.Fatalf("read back %x %x %x %d %x", u8, u16, u32, i32, u64)
	}
	s, exact := DecodeUTF16(raw)
	if s != "é😀" || !exact || !c.Empty() {
		t.Errorf("utf16 %q %v, %d bytes left", s, exact, c.Len())
	}
}

func TestDecodeUTF16Inexact(t *testing.T) {
	for _, raw := range [][]byte{{0x00, 0xD8}, {0x00, 0xDC, 0x41, 0x00}, {0x41}} {
		if _, exact := DecodeUTF16(raw); exact {
			t.Errorf("%x decoded as exact", raw)
		}
	}
}
