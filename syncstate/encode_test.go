package syncstate

import (
	"bytes"
	"testing"

	"github.com/mapiblob/mapiblob/guid"
)

// A predecessor change list edited in Go encodes as edited, XidSize
// computed from the LocalId.
func TestPCLEncodesEdits(t *testing.T) {
	p := &PCL{}
	g := guid.GUID{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}
	p.XIDs = append(p.XIDs, SizedXID{NamespaceGUID: g, LocalID: []byte{0, 0, 0, 7}})
	b, err := p.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	want := append(append([]byte{20}, g[:]...), 0, 0, 0, 7)
	if !bytes.Equal(b, want) {
		t.Fatalf("got %X, want %X", b, want)
	}
	back, _ := ParsePCL(b)
	if len(back.XIDs) != 1 || back.XIDs[0].XIDSize != 20 || len(back.Trailing) != 0 {
		t.Fatalf("read back %+v", back)
	}
	p.XIDs[0].LocalID = make([]byte, 240)
	if _, err := p.MarshalBinary(); err != ErrLocalIDTooLong {
		t.Fatalf("a 256-byte SizedXid encodes: %v", err)
	}
}
