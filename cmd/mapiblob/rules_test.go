package main

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// decode --kind restriction (or MFCMAPI's parser name) --format smartview
// prints MFCMAPI's text of a restriction and of a property stream.
func TestDecodeRestrictionSmartView(t *testing.T) {
	for _, c := range []struct{ fixture, kind string }{
		{"RESTRICTION-1", "restriction"},
		{"RESTRICTION-2", "RESTRICTION"},
		{"SEARCHFOLDERDEFINITION-4", "searchfolderdefinition"},
		{"VERBSTREAM-1", "verbstream"},
		{"PROPERTIES-1", "properties"},
	} {
		f := fixtures.Load(t, c.fixture)
		r := runBin(t, nil, "decode", "--kind", c.kind, "--format", "smartview", hex.EncodeToString(f.Blob))
		if r.code != 0 {
			t.Fatalf("%s --kind %s: exit %d: %s", c.fixture, c.kind, r.code, r.stderr)
		}
		if d := cmp.Diff(strings.TrimSpace(f.SmartView), strings.TrimSpace(r.stdout)); d != "" {
			t.Errorf("%s --kind %s: SmartView differs from MFCMAPI's (-want +got):\n%s", c.fixture, c.kind, d)
		}
	}
}
