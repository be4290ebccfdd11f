package entryid

import (
	"testing"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// parsers are the MFCMAPI parsers of this package and their decoders.
var parsers = fixtures.Parsers{
	"ENTRYID":                 func(b []byte) (blob.Value, error) { return Parse(b) },
	"ENCODEENTRYID":           func(b []byte) (blob.Value, error) { return ParseEncode(b) },
	"DECODEENTRYID":           func(b []byte) (blob.Value, error) { return ParseDecode(b) },
	"ENTRYLIST":               func(b []byte) (blob.Value, error) { return ParseEntryList(b) },
	"FLATENTRYLIST":           func(b []byte) (blob.Value, error) { return ParseFlatEntryList(b) },
	"ADDITIONALRENENTRYIDSEX": func(b []byte) (blob.Value, error) { return ParseAdditionalRenEntryIDsEx(b) },
	"CONVERSATIONINDEX":       func(b []byte) (blob.Value, error) { return ParseConversationIndex(b) },
	"REPORTTAG":               func(b []byte) (blob.Value, error) { return ParseReportTag(b) },
	"TASKASSIGNERS":           func(b []byte) (blob.Value, error) { return ParseTaskAssigners(b) },
}

// TestMFCMAPIConformance compares SmartView with MFCMAPI's text for every
// case of every parser of this package, and the encoding with the input.
func TestMFCMAPIConformance(t *testing.T) { fixtures.Conformance(t, parsers) }
