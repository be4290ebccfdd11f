package tzdef

import (
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// Package-level sinks keep every result alive, so the compiler cannot drop
// a decode or hide an allocation on the stack.
var (
	sinkDef   *Definition
	sinkTZ    *TimeZoneStruct
	sinkBytes []byte
	sinkErr   error
)

// benchFixtures are MFCMAPI's reference blobs, each with the decoder it needs.
var benchFixtures = []struct {
	name     string
	isStruct bool // TimeZoneStruct rather than TZDEFINITION
}{
	{"TIMEZONE-1", true},
	{"TIMEZONEDEFINITION-1", false},
	{"TIMEZONEDEFINITION-2", false},
	{"TIMEZONEDEFINITION-3", false},
}

// fixtureBench loads fixture name for a benchmark that reports its bytes
// and allocations.
func fixtureBench(b *testing.B, name string) []byte {
	blob := fixtures.Load(b, name).Blob
	b.SetBytes(int64(len(blob)))
	b.ReportAllocs()
	return blob
}

// BenchmarkParse times Parse (ParseTimeZoneStruct for TIMEZONE-1): a fresh
// value per blob.
func BenchmarkParse(b *testing.B) {
	for _, fx := range benchFixtures {
		b.Run(fx.name, func(b *testing.B) {
			blob := fixtureBench(b, fx.name)
			if fx.isStruct {
				for b.Loop() {
					sinkTZ, sinkErr = ParseTimeZoneStruct(blob)
				}
			} else {
				for b.Loop() {
					sinkDef, sinkErr = Parse(blob)
				}
			}
			if sinkErr != nil {
				b.Fatal(sinkErr)
			}
		})
	}
}

// BenchmarkArena times Arena.Parse (Arena.ParseTimeZoneStruct for
// TIMEZONE-1) in batches of 256 values with a Reset after each batch.
func BenchmarkArena(b *testing.B) {
	for _, fx := range benchFixtures {
		b.Run(fx.name, func(b *testing.B) {
			blob := fixtureBench(b, fx.name)
			var a Arena
			i := 0
			for b.Loop() {
				if i%256 == 0 {
					a.Reset()
				}
				i++
				if fx.isStruct {
					sinkTZ, sinkErr = a.ParseTimeZoneStruct(blob)
				} else {
					sinkDef, sinkErr = a.Parse(blob)
				}
			}
			if sinkErr != nil {
				b.Fatal(sinkErr)
			}
		})
	}
}

// BenchmarkUnmarshalReuse times UnmarshalBinary into one value decoded
// into again and again.
func BenchmarkUnmarshalReuse(b *testing.B) {
	for _, fx := range benchFixtures {
		b.Run(fx.name, func(b *testing.B) {
			blob := fixtureBench(b, fx.name)
			if fx.isStruct {
				tz := new(TimeZoneStruct)
				sinkTZ = tz
				for b.Loop() {
					sinkErr = tz.UnmarshalBinary(blob)
				}
			} else {
				d := new(Definition)
				sinkDef = d
				for b.Loop() {
					sinkErr = d.UnmarshalBinary(blob)
				}
			}
			if sinkErr != nil {
				b.Fatal(sinkErr)
			}
		})
	}
}

// BenchmarkMemcpyFloor times copying the blob into a buffer allocated once:
// the floor the decoders' figures are read against (as multiples of it).
func BenchmarkMemcpyFloor(b *testing.B) {
	for _, fx := range benchFixtures {
		b.Run(fx.name, func(b *testing.B) {
			blob := fixtureBench(b, fx.name)
			dst := make([]byte, len(blob))
			sinkBytes = dst
			for b.Loop() {
				copy(dst, blob)
			}
		})
	}
}

// BenchmarkAllocFloor times the least a fresh value that keeps a copy of
// its input can cost, whatever its decoder: one heap allocation of the
// blob's size, the blob copied into it and kept in a package-level sink
// (as Parse's result is). Read against BenchmarkMemcpyFloor, it says how
// close to a C++ arena's multiple such a Parse can come on the machine.
func BenchmarkAllocFloor(b *testing.B) {
	for _, fx := range benchFixtures {
		b.Run(fx.name, func(b *testing.B) {
			blob := fixtureBench(b, fx.name)
			for b.Loop() {
				dst := make([]byte, len(blob))
				copy(dst, blob)
				sinkBytes = dst
			}
		})
	}
}

// bulkBlobs is every project time-zone blob and, where present, every
// MFCMAPI fixture, with its kind.
func bulkBlobs(b *testing.B) (defs, structs [][]byte, total int64) {
	for _, g := range fixtures.Goldens(b, "../testdata/tz/*.hex", "../testdata/samples/*.tz*.hex") {
		if isStructBlob(g.Name) {
			structs = append(structs, g.Bytes)
		} else {
			defs = append(defs, g.Bytes)
		}
	}
	if fixtures.Dir() != "" {
		for _, fx := range benchFixtures {
			blob := fixtures.Load(b, fx.name).Blob
			if fx.isStruct {
				structs = append(structs, blob)
			} else {
				defs = append(defs, blob)
			}
		}
	}
	for _, s := range append(defs, structs...) {
		total += int64(len(s))
	}
	return defs, structs, total
}

// BenchmarkBulkParse times Parse / ParseTimeZoneStruct over every blob once
// per iteration; MB/s is the throughput over all of them.
func BenchmarkBulkParse(b *testing.B) {
	defs, structs, total := bulkBlobs(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range defs {
			sinkDef, sinkErr = Parse(d)
		}
		for _, s := range structs {
			sinkTZ, sinkErr = ParseTimeZoneStruct(s)
		}
	}
	if sinkErr != nil {
		b.Fatal(sinkErr)
	}
}

// BenchmarkBulkUnmarshalReuse times UnmarshalBinary of every blob into one
// Definition and one TimeZoneStruct.
func BenchmarkBulkUnmarshalReuse(b *testing.B) {
	defs, structs, total := bulkBlobs(b)
	b.SetBytes(total)
	b.ReportAllocs()
	d, tz := new(Definition), new(TimeZoneStruct)
	sinkDef, sinkTZ = d, tz
	for b.Loop() {
		for _, x := range defs {
			sinkErr = d.UnmarshalBinary(x)
		}
		for _, s := range structs {
			sinkErr = tz.UnmarshalBinary(s)
		}
	}
	if sinkErr != nil {
		b.Fatal(sinkErr)
	}
}

// isStructBlob tells a golden PidLidTimeZoneStruct blob (NAME.tzstruct.hex)
// from a TZDEFINITION one by its name.
func isStructBlob(name string) bool { return strings.HasSuffix(name, ".tzstruct") }
