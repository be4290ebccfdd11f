package propstream

import (
	"testing"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/fixtures"
)

// parsers are the structures of this package by MFCMAPI's parser name.
var parsers = fixtures.Parsers{
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

// TestSmartViewConformance compares SmartView with MFCMAPI's text for
// every case of every parser of this package, and the encoding with the
// input.
func TestSmartViewConformance(t *testing.T) { fixtures.Conformance(t, parsers) }
