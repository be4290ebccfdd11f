package smartview

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// TestEveryDecoderOnEveryFixture runs every registered decoder over every
// input of MFCMAPI's test cases, as MFCMAPI's own test runs every parser
// over every input: each gives a value that encodes back to the input, or
// a *blob.DecodeError naming the field and offset — never a panic.
func TestEveryDecoderOnEveryFixture(t *testing.T) {
	dir := fixtures.Dir()
	if dir == "" {
		t.Skip("MFCMAPI fixtures not found at ../shared/fixtures/mfcmapi beside the checkout")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.hex"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs in %s", dir)
	}
	for _, f := range files {
		h, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := hex.DecodeString(strings.TrimSpace(string(h)))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".hex")
		for _, d := range Decoders() {
			runOne(t, name, d, b)
		}
	}
}

func runOne(t *testing.T, name string, d Decoder, b []byte) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s on %s: panic: %v", d.Parser, name, r)
		}
	}()
	v, err := d.Decode(bytes.Clone(b), Options{})
	if err != nil {
		var de *blob.DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s on %s: error is not a *blob.DecodeError: %v", d.Parser, name, err)
		}
		return
	}
	_ = v.SmartView()
	_ = v.Text()
	_ = v.Check()
	enc, err := v.MarshalBinary()
	if err != nil {
		t.Errorf("%s on %s: MarshalBinary: %v", d.Parser, name, err)
		return
	}
	if !bytes.Equal(enc, b) {
		t.Errorf("%s on %s: MarshalBinary does not give the input back", d.Parser, name)
	}
}

// A tombstone list and a report tag are told by their signatures; no other
// MFCMAPI input is taken for one.
func TestDetectSignatures(t *testing.T) {
	dir := fixtures.Dir()
	if dir == "" {
		t.Skip("MFCMAPI fixtures not found at ../shared/fixtures/mfcmapi beside the checkout")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.hex"))
	want := map[string]blob.Kind{"TOMBSTONE-1": blob.KindTombstone, "TOMBSTONE-2": blob.KindTombstone, "REPORTTAG-1": blob.KindReportTag}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".hex")
		kinds := Detect(fixtures.Load(t, name).Blob, nil)
		for _, k := range kinds {
			if (k == blob.KindTombstone || k == blob.KindReportTag) && want[name] != k {
				t.Errorf("%s is detected as %s", name, k)
			}
		}
		if k, ok := want[name]; ok && (len(kinds) != 1 || kinds[0] != k) {
			t.Errorf("%s is detected as %v, want %s", name, kinds, k)
		}
	}
}
