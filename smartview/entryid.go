package smartview

import (
	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/entryid"
)

// entryIDDecoders are the entry-ID family: entry IDs of every form, their
// encoded form, entry lists, special-folder entry IDs, the conversation
// index, the report tag and the task assigners. Only the report tag has a
// signature (its "PCDFEB09" cookie); the others are decoded only by kind or
// property.
var entryIDDecoders = []Decoder{
	{Kind: blob.KindEntryID, Parser: "ENTRYID", Decode: func(b []byte, _ Options) (blob.Value, error) { return entryid.Parse(b) }},
	{Kind: blob.KindEncodeEntryID, Parser: "ENCODEENTRYID", Decode: func(b []byte, _ Options) (blob.Value, error) { return entryid.ParseEncode(b) }},
	{Kind: blob.KindDecodeEntryID, Parser: "DECODEENTRYID", Decode: func(b []byte, _ Options) (blob.Value, error) { return entryid.ParseDecode(b) }},
	{Kind: blob.KindEntryList, Parser: "ENTRYLIST", Decode: func(b []byte, _ Options) (blob.Value, error) { return entryid.ParseEntryList(b) }},
	{Kind: blob.KindFlatEntryList, Parser: "FLATENTRYLIST", Decode: func(b []byte, _ Options) (blob.Value, error) { return entryid.ParseFlatEntryList(b) }},
	{Kind: blob.KindAdditionalRenEntryIDsEx, Parser: "ADDITIONALRENENTRYIDSEX", Decode: func(b []byte, _ Options) (blob.Value, error) { return entryid.ParseAdditionalRenEntryIDsEx(b) }},
	{Kind: blob.KindConversationIndex, Parser: "CONVERSATIONINDEX", Decode: func(b []byte, _ Options) (blob.Value, error) { return entryid.ParseConversationIndex(b) }},
	{Kind: blob.KindReportTag, Parser: "REPORTTAG", Decode: func(b []byte, _ Options) (blob.Value, error) { return entryid.ParseReportTag(b) },
		Sniff: entryid.IsReportTag},
	{Kind: blob.KindTaskAssigners, Parser: "TASKASSIGNERS", Decode: func(b []byte, _ Options) (blob.Value, error) { return entryid.ParseTaskAssigners(b) }},
}
