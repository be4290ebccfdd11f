package security

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// parsers are the MFCMAPI parsers of this package and their decoders.
var parsers = map[string]func([]byte) (blob.Value, error){
	"SID":                  func(b []byte) (blob.Value, error) { return ParseSID(b) },
	"NTSD":                 func(b []byte) (blob.Value, error) { return ParseNTSecurityDescriptor(b, blob.KindNTSD) },
	"FBSECURITYDESCRIPTOR": func(b []byte) (blob.Value, error) { return ParseNTSecurityDescriptor(b, blob.KindFBSecurityDescriptor) },
	"SECURITYDESCRIPTOR":   func(b []byte) (blob.Value, error) { return ParseSecurityDescriptor(b) },
	"ACL":                  func(b []byte) (blob.Value, error) { return ParseACL(b) },
	"ACECONTAINER":         func(b []byte) (blob.Value, error) { return ParseACE(b, MaskContainer) },
	"ACEMESSAGE":           func(b []byte) (blob.Value, error) { return ParseACE(b, MaskMessage) },
	"ACEFB":                func(b []byte) (blob.Value, error) { return ParseACE(b, MaskFreeBusy) },
}

// cases lists the fixture names of parser, failing when there are none.
func cases(t *testing.T, parser string) []string {
	t.Helper()
	dir := fixtures.Dir()
	if dir == "" {
		t.Skip("MFCMAPI fixtures not found at ../shared/fixtures/mfcmapi beside the checkout")
	}
	files, err := filepath.Glob(filepath.Join(dir, parser+"-*.hex"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s cases in %s", parser, dir)
	}
	var out []string
	for _, f := range files {
		out = append(out, strings.TrimSuffix(filepath.Base(f), ".hex"))
	}
	sort.Strings(out)
	return out
}

// TestMFCMAPIConformance compares SmartView with MFCMAPI's text for every
// case of every parser of this package, after trimming white space at both
// ends as MFCMAPI's own test does.
func TestMFCMAPIConformance(t *testing.T) {
	for parser, decode := range parsers {
		for _, name := range cases(t, parser) {
			t.Run(name, func(t *testing.T) {
				f := fixtures.Load(t, name)
				v, err := decode(f.Blob)
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				if d := cmp.Diff(strings.TrimSpace(f.SmartView), strings.TrimSpace(v.SmartView())); d != "" {
					t.Errorf("SmartView differs from MFCMAPI's (-want +got):\n%s", d)
				}
				enc, err := v.MarshalBinary()
				if err != nil || string(enc) != string(f.Blob) {
					t.Errorf("MarshalBinary does not give the input back (err %v)", err)
				}
			})
		}
	}
}
