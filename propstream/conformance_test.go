package propstream

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// parsers are the structures of this package by MFCMAPI's parser name.
var parsers = map[string]func([]byte) (blob.Value, error){
	"WEBVIEWPERSISTSTREAM":     func(b []byte) (blob.Value, error) { return ParseWebViewPersistStream(b) },
	"NICKNAMECACHE":            func(b []byte) (blob.Value, error) { return ParseNicknameCache(b) },
	"RECIPIENTROWSTREAM":       func(b []byte) (blob.Value, error) { return ParseRecipientRowStream(b) },
	"PROPERTIES":               func(b []byte) (blob.Value, error) { return ParseProperties(b) },
	"PROPERTYDEFINITIONSTREAM": func(b []byte) (blob.Value, error) { return ParsePropertyDefinitionStream(b) },
	"FOLDERUSERFIELDS":         func(b []byte) (blob.Value, error) { return ParseFolderUserFields(b) },
	"EXTENDEDFOLDERFLAGS":      func(b []byte) (blob.Value, error) { return ParseExtendedFolderFlags(b) },
	"SWAPPEDTODO":              func(b []byte) (blob.Value, error) { return ParseSwappedToDo(b) },
	"VERBSTREAM":               func(b []byte) (blob.Value, error) { return ParseVerbStream(b) },
}

// pending are the cases whose SmartView text does not match MFCMAPI's
// yet, with the reason; the test fails when one of them starts to match,
// so that the list stays true.
var pending = map[string]string{}

// cases lists MFCMAPI's test cases of parser, failing when the fixture
// folder is present but holds none.
func cases(t *testing.T, parser string) []string {
	t.Helper()
	dir := fixtures.Dir()
	if dir == "" {
		t.Skip("MFCMAPI fixtures not found at ../shared/fixtures/mfcmapi beside the checkout; skipping conformance test")
	}
	files, err := filepath.Glob(filepath.Join(dir, parser+"-*.hex"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s cases in %s", parser, dir)
	}
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = strings.TrimSuffix(filepath.Base(f), ".hex")
	}
	return out
}

func TestSmartViewConformance(t *testing.T) {
	for parser, parse := range parsers {
		for _, name := range cases(t, parser) {
			t.Run(name, func(t *testing.T) {
				fx := fixtures.Load(t, name)
				v, err := parse(fx.Blob)
				if reason, ok := pending[name]; ok {
					if err == nil && strings.TrimSpace(fx.SmartView) == strings.TrimSpace(v.SmartView()) {
						t.Fatalf("%s now matches MFCMAPI: remove it from pending", name)
					}
					t.Skip("pending: " + reason)
				}
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				if diff := cmp.Diff(strings.TrimSpace(fx.SmartView), strings.TrimSpace(v.SmartView())); diff != "" {
					t.Errorf("SmartView differs from MFCMAPI's (-want +got):\n%s", diff)
				}
				out, err := v.MarshalBinary()
				if err != nil {
					t.Fatalf("encode: %v", err)
				}
				if !bytes.Equal(out, fx.Blob) {
					t.Errorf("round trip differs:\n in  %X\n out %X", fx.Blob, out)
				}
			})
		}
	}
}
