package smartview

import (
	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/propstream"
)

// propstreamDecoders are the property streams of package propstream. None
// has a signature, so none is detected from the bytes alone.
var propstreamDecoders = []Decoder{
	{
		Kind: blob.KindWebViewPersist, Parser: "WEBVIEWPERSISTSTREAM",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return propstream.ParseWebViewPersistStream(b) },
	},
	{
		Kind: blob.KindVerbStream, Parser: "VERBSTREAM",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return propstream.ParseVerbStream(b) },
	},
	{
		Kind: blob.KindExtendedFolderFlags, Parser: "EXTENDEDFOLDERFLAGS",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return propstream.ParseExtendedFolderFlags(b) },
	},
	{
		Kind: blob.KindSwappedToDo, Parser: "SWAPPEDTODO",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return propstream.ParseSwappedToDo(b) },
	},
	{
		Kind: blob.KindFolderUserFields, Parser: "FOLDERUSERFIELDS",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return propstream.ParseFolderUserFields(b) },
	},
	{
		Kind: blob.KindPropDefStream, Parser: "PROPERTYDEFINITIONSTREAM",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return propstream.ParsePropertyDefinitionStream(b) },
	},
	{
		Kind: blob.KindProperties, Parser: "PROPERTIES",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return propstream.ParseProperties(b) },
	},
	{
		Kind: blob.KindRecipientRowStream, Parser: "RECIPIENTROWSTREAM",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return propstream.ParseRecipientRowStream(b) },
	},
	{
		Kind: blob.KindNicknameCache, Parser: "NICKNAMECACHE",
		Decode: func(b []byte, _ Options) (blob.Value, error) { return propstream.ParseNicknameCache(b) },
	},
}
