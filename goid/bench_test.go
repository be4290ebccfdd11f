package goid

import (
	"testing"

	"github.com/mapiblob/mapiblob/internal/fixtures"
	_ "github.com/mapiblob/mapiblob/internal/golden" // accepts go test ./... -update
)

var (
	sinkID    *GlobalObjectID
	sinkBytes []byte
	sinkStr   string
)

func benchBlob(b *testing.B) []byte { return fixtures.Load(b, "GLOBALOBJECTID-2").Blob }

// BenchmarkMemcpyFloor is the floor the other figures are read against,
// as in the other packages: copying the blob into a buffer made once.
func BenchmarkMemcpyFloor(b *testing.B) {
	in := benchBlob(b)
	dst := make([]byte, len(in))
	sinkBytes = dst
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		copy(dst, in)
	}
}

func BenchmarkParse(b *testing.B) {
	in := benchBlob(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		g, err := Parse(in)
		if err != nil {
			b.Fatal(err)
		}
		sinkID = g
	}
}

func BenchmarkUnmarshalReuse(b *testing.B) {
	in := benchBlob(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	g := new(GlobalObjectID)
	for b.Loop() {
		if err := g.UnmarshalBinary(in); err != nil {
			b.Fatal(err)
		}
	}
	sinkID = g
}

func BenchmarkAppendBinary(b *testing.B) {
	g, _ := Parse(benchBlob(b))
	b.SetBytes(int64(HeaderSize + len(g.Data)))
	b.ReportAllocs()
	buf := make([]byte, 0, 256)
	for b.Loop() {
		buf, _ = g.AppendBinary(buf[:0])
	}
	sinkBytes = buf
}

func BenchmarkUID(b *testing.B) {
	g, _ := Parse(benchBlob(b))
	b.ReportAllocs()
	for b.Loop() {
		sinkStr = g.UID()
	}
}
