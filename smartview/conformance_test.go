package smartview

import (
	"testing"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// registryParsers are the registered structures by MFCMAPI's parser name:
// the registry is the one list of them, so the conformance test and the
// benchmarks of every family read it.
func registryParsers() fixtures.Parsers {
	ps := fixtures.Parsers{}
	for _, d := range Decoders() {
		ps[d.Parser] = func(b []byte) (blob.Value, error) { return d.Decode(b, Options{}) }
	}
	return ps
}

// Every structure of the registry gives MFCMAPI's SmartView text, exactly
// (after trimming white space at both ends, as MFCMAPI's own test
// compares), on every one of MFCMAPI's cases of its parser, and encodes
// back to the case's bytes.
func TestMFCMAPIConformance(t *testing.T) { fixtures.Conformance(t, registryParsers()) }

// BenchmarkFamilies decodes, encodes and renders every MFCMAPI case of each
// registered structure, beside the memcpy floor of the same bytes.
func BenchmarkFamilies(b *testing.B) {
	for parser, decode := range registryParsers() {
		one := fixtures.Parsers{parser: decode}
		b.Run(parser+"/MemcpyFloor", func(b *testing.B) { fixtures.NewBench(b, one).MemcpyFloor(b) })
		b.Run(parser+"/Parse", func(b *testing.B) { fixtures.NewBench(b, one).Parse(b) })
		b.Run(parser+"/Marshal", func(b *testing.B) { fixtures.NewBench(b, one).Marshal(b) })
		b.Run(parser+"/SmartView", func(b *testing.B) { fixtures.NewBench(b, one).SmartView(b) })
	}
}
