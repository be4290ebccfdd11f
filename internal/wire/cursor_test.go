package wire

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mapiblob/mapiblob/blob"
)

func TestCursorReads(t *testing.T) {
	in := []byte{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xF8, 0xFF, 0xFF, 0xFF, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12}
	c := NewCursor(in)
	var (
		a  uint8
		b  uint16
		d  uint32
		e  int32
		f  uint64
		bs []byte
		sp Span
	)
	steps := []struct {
		name string
		ok   bool
		off  int
	}{
		{"U8", c.U8(&a), 1},
		{"U16", c.U16(&b), 3},
		{"U32", c.U32(&d), 7},
		{"I32", c.I32(&e), 11},
		{"Bytes", c.Bytes(&bs, 2), 13},
		{"Span", c.Span(&sp, 1), 14},
		{"U64 too long", c.U64(&f), 14},
		{"Skip", c.Skip(2), 16},
		{"Bytes negative", c.Bytes(&bs, -1), 16},
	}
	got := []any{a, b, d, e, []byte(bs), sp, c.Offset(), c.Len()}
	want := []any{uint8(1), uint16(0x0302), uint32(0x07060504), int32(-8), []byte{0x0A, 0x0B}, Span{Off: 13, Len: 1}, 16, 4}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	oks := map[string]bool{}
	for _, s := range steps {
		oks[s.name] = s.ok
	}
	wantOK := map[string]bool{"U8": true, "U16": true, "U32": true, "I32": true, "Bytes": true, "Span": true, "U64 too long": false, "Skip": true, "Bytes negative": false}
	if diff := cmp.Diff(wantOK, oks); diff != "" {
		t.Errorf("ok results (-want +got):\n%s", diff)
	}
	if got := cap(in[11:13]); got == cap(bs) {
		t.Errorf("Bytes did not clip the capacity: %d", cap(bs))
	}
	if got := sp.In(in); len(got) != 1 || got[0] != 0x0C {
		t.Errorf("Span.In = % X, want 0C", got)
	}
	if (Span{Off: 19, Len: 2}).In(in) != nil {
		t.Error("a span beyond the input gave bytes")
	}
	if rest := c.Rest(); len(rest) != 4 || !c.Empty() {
		t.Errorf("Rest = % X, Empty = %v", rest, c.Empty())
	}
}

func TestCursorFits(t *testing.T) {
	c := NewCursor(make([]byte, 12))
	for _, tt := range []struct {
		count uint64
		size  int
		want  bool
	}{{3, 4, true}, {4, 4, false}, {12, 0, true}, {13, 1, false}, {1 << 63, 8, false}} {
		if got := c.Fits(tt.count, tt.size); got != tt.want {
			t.Errorf("Fits(%d, %d) = %v, want %v", tt.count, tt.size, got, tt.want)
		}
	}
}

func TestCursorErrors(t *testing.T) {
	c := NewCursor([]byte{1, 2, 3})
	var v uint16
	c.U16(&v)
	err := c.Truncated(Path("ExceptionInfo", 2, "Subject"), 4)
	var de *blob.DecodeError
	if !errors.As(err, &de) || !errors.Is(err, blob.ErrTruncated) {
		t.Fatalf("%v is not a truncation blob.DecodeError", err)
	}
	if got, want := err.Error(), "ExceptionInfo[2].Subject at offset 0x2: need 4 bytes, 1 left"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := CountTooLarge("TZRules", 8, 3, 66, 10).Error(), "TZRules at offset 0x8: 3 elements of at least 66 bytes need 198 bytes, 10 left"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := Path("", -1, "cbHeader"), "cbHeader"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !errors.Is(Invalid("x", 0, "bad"), blob.ErrInvalid) || !errors.Is(Unsupported("x", 0, "v3"), blob.ErrUnsupportedVersion) {
		t.Error("Invalid/Unsupported do not wrap their sentinels")
	}
}
