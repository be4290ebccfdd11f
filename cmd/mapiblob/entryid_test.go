package main

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// decode --kind takes MFCMAPI's parser name and --format smartview prints
// MFCMAPI's text.
func TestDecodeConversationIndexSmartView(t *testing.T) {
	f := fixtures.Load(t, "CONVERSATIONINDEX-2")
	for _, kind := range []string{"conversationindex", "CONVERSATIONINDEX"} {
		r := runBin(t, nil, "decode", "--kind", kind, "--format", "smartview", hex.EncodeToString(f.Blob))
		if r.code != 0 {
			t.Fatalf("--kind %s: exit %d: %s", kind, r.code, r.stderr)
		}
		if d := cmp.Diff(strings.TrimSpace(f.SmartView), strings.TrimSpace(r.stdout)); d != "" {
			t.Errorf("--kind %s: SmartView differs from MFCMAPI's (-want +got):\n%s", kind, d)
		}
	}
}
