package propstream

import (
	"testing"

	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// BenchmarkMemcpyFloor copies every input of this package's MFCMAPI cases:
// the floor the other figures are read against.
func BenchmarkMemcpyFloor(b *testing.B) { fixtures.NewBench(b, parsers).MemcpyFloor(b) }

// BenchmarkParse decodes every input with its parser.
func BenchmarkParse(b *testing.B) { fixtures.NewBench(b, parsers).Parse(b) }

// BenchmarkMarshal encodes every decoded input again.
func BenchmarkMarshal(b *testing.B) { fixtures.NewBench(b, parsers).Marshal(b) }

// BenchmarkSmartView renders every decoded input as MFCMAPI's text.
func BenchmarkSmartView(b *testing.B) { fixtures.NewBench(b, parsers).SmartView(b) }
