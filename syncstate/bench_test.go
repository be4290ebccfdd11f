package syncstate

import (
	"testing"

	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// BenchmarkMemcpyFloor copies every input of this package's MFCMAPI cases:
// the floor the other figures are read against.
func BenchmarkMemcpyFloor(b *testing.B) { fixtures.NewBench(b, parsers).MemcpyFloor(b) }

// BenchmarkParse decodes every input with its parser.
func BenchmarkParse(b *testing.B) { fixtures.NewBench(b, parsers).Parse(b) }

// BenchmarkSmartView renders every decoded input.
func BenchmarkSmartView(b *testing.B) { fixtures.NewBench(b, parsers).SmartView(b) }
