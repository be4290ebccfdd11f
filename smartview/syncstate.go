package smartview

import (
	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/syncstate"
)

// syncStateDecoders are the sync-state family: XIDs, predecessor change
// lists and free/busy tombstones. Only a tombstone list has a signature
// (its Identifier, 0xBEDEAFCD).
var syncStateDecoders = []Decoder{
	{Kind: blob.KindXID, Parser: "XID", Decode: func(b []byte, _ Options) (blob.Value, error) { return syncstate.ParseXID(b) }},
	{Kind: blob.KindPCL, Parser: "PCL", Decode: func(b []byte, _ Options) (blob.Value, error) { return syncstate.ParsePCL(b) }},
	{Kind: blob.KindTombstone, Parser: "TOMBSTONE", Decode: func(b []byte, _ Options) (blob.Value, error) { return syncstate.ParseTombstone(b) },
		Sniff: syncstate.IsTombstone},
}
