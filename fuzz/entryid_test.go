package fuzz

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/entryid"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// addMFCMAPISeeds adds the inputs of MFCMAPI's test cases of the given
// parsers, where the fixture folder is present.
func addMFCMAPISeeds(f *testing.F, parsers ...string) {
	dir := fixtures.Dir()
	if dir == "" {
		return
	}
	for _, p := range parsers {
		files, _ := filepath.Glob(filepath.Join(dir, p+"-*.hex"))
		for _, file := range files {
			h, err := os.ReadFile(file)
			if err != nil {
				continue
			}
			if b, err := hex.DecodeString(strings.TrimSpace(string(h))); err == nil {
				f.Add(b)
			}
		}
	}
}

// checkValue holds a decoded value of any family to the house rules: it
// encodes back to its input, its findings are complete, and its renderers
// and JSON cope.
func checkValue(t *testing.T, b []byte, v blob.Value, err error) {
	t.Helper()
	if err != nil {
		mustBeDecodeError(t, err)
		return
	}
	roundTrip(t, b, v)
	checkFindings(t, v.Check())
	_ = v.SmartView()
	_ = v.Text()
	if _, err := json.Marshal(v); err != nil {
		t.Fatal(err)
	}
}

// FuzzEntryID runs every decoder of the entry-ID family on the input.
func FuzzEntryID(f *testing.F) {
	addMFCMAPISeeds(f, "ENTRYID", "ENCODEENTRYID", "DECODEENTRYID", "ENTRYLIST", "FLATENTRYLIST",
		"ADDITIONALRENENTRYIDSEX", "CONVERSATIONINDEX", "REPORTTAG", "TASKASSIGNERS")
	f.Fuzz(func(t *testing.T, b []byte) {
		v1, err := entryid.Parse(b)
		checkValue(t, b, v1, err)
		v2, err := entryid.ParseEncode(b)
		checkValue(t, b, v2, err)
		v3, err := entryid.ParseDecode(b)
		checkValue(t, b, v3, err)
		v4, err := entryid.ParseEntryList(b)
		checkValue(t, b, v4, err)
		v5, err := entryid.ParseFlatEntryList(b)
		checkValue(t, b, v5, err)
		v6, err := entryid.ParseAdditionalRenEntryIDsEx(b)
		checkValue(t, b, v6, err)
		v7, err := entryid.ParseConversationIndex(b)
		checkValue(t, b, v7, err)
		v8, err := entryid.ParseReportTag(b)
		checkValue(t, b, v8, err)
		v9, err := entryid.ParseTaskAssigners(b)
		checkValue(t, b, v9, err)
	})
}
