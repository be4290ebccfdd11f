package fuzz

import (
	"testing"

	"github.com/mapiblob/mapiblob/propstream"
)

// FuzzPropStream runs every decoder of the property-stream family on the
// input.
func FuzzPropStream(f *testing.F) {
	addMFCMAPISeeds(f, "PROPERTIES", "PROPERTYDEFINITIONSTREAM", "FOLDERUSERFIELDS", "WEBVIEWPERSISTSTREAM",
		"VERBSTREAM", "SWAPPEDTODO", "EXTENDEDFOLDERFLAGS", "RECIPIENTROWSTREAM", "NICKNAMECACHE")
	f.Fuzz(func(t *testing.T, b []byte) {
		v1, err := propstream.ParseProperties(b)
		checkValue(t, b, v1, err)
		v2, err := propstream.ParsePropertyDefinitionStream(b)
		checkValue(t, b, v2, err)
		v3, err := propstream.ParseFolderUserFields(b)
		checkValue(t, b, v3, err)
		v4, err := propstream.ParseWebViewPersistStream(b)
		checkValue(t, b, v4, err)
		v5, err := propstream.ParseVerbStream(b)
		checkValue(t, b, v5, err)
		v6, err := propstream.ParseSwappedToDo(b)
		checkValue(t, b, v6, err)
		v7, err := propstream.ParseExtendedFolderFlags(b)
		checkValue(t, b, v7, err)
		v8, err := propstream.ParseRecipientRowStream(b)
		checkValue(t, b, v8, err)
		v9, err := propstream.ParseNicknameCache(b)
		checkValue(t, b, v9, err)
	})
}
