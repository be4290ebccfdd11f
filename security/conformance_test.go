package security

import (
	"testing"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// parsers are the MFCMAPI parsers of this package and their decoders.
var parsers = fixtures.Parsers{
	"SID":                  func(b []byte) (blob.Value, error) { return ParseSID(b) },
	"NTSD":                 func(b []byte) (blob.Value, error) { return ParseNTSecurityDescriptor(b, blob.KindNTSD) },
	"FBSECURITYDESCRIPTOR": func(b []byte) (blob.Value, error) { return ParseNTSecurityDescriptor(b, blob.KindFBSecurityDescriptor) },
	"SECURITYDESCRIPTOR":   func(b []byte) (blob.Value, error) { return ParseSecurityDescriptor(b) },
	"ACL":                  func(b []byte) (blob.Value, error) { return ParseACL(b) },
	"ACECONTAINER":         func(b []byte) (blob.Value, error) { return ParseACE(b, MaskContainer) },
	"ACEMESSAGE":           func(b []byte) (blob.Value, error) { return ParseACE(b, MaskMessage) },
	"ACEFB":                func(b []byte) (blob.Value, error) { return ParseACE(b, MaskFreeBusy) },
}

// TestMFCMAPIConformance compares SmartView with MFCMAPI's text for every
// case of every parser of this package, and the encoding with the input.
func TestMFCMAPIConformance(t *testing.T) { fixtures.Conformance(t, parsers) }
