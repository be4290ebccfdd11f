package syncstate

import (
	"testing"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// parsers are the MFCMAPI parsers of this package and their decoders.
var parsers = fixtures.Parsers{
	"XID":       func(b []byte) (blob.Value, error) { return ParseXID(b) },
	"PCL":       func(b []byte) (blob.Value, error) { return ParsePCL(b) },
	"TOMBSTONE": func(b []byte) (blob.Value, error) { return ParseTombstone(b) },
}

// TestMFCMAPIConformance compares SmartView with MFCMAPI's text for every
// case of every parser of this package, and the encoding with the input.
func TestMFCMAPIConformance(t *testing.T) { fixtures.Conformance(t, parsers) }
