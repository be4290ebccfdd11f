package blob

// Kinds of the entry-ID family (package entryid).
const (
	KindEntryID                 Kind = "entryid"           // ENTRYID of any form ([MS-OXCDATA] 2.2.4, 2.2.5)
	KindEncodeEntryID           Kind = "encodeentryid"     // an entry ID in its encoded (one UTF-16 unit a byte) form
	KindDecodeEntryID           Kind = "decodeentryid"     // the encoded form read back to an entry ID's bytes
	KindEntryList               Kind = "entrylist"         // ENTRYLIST as stored (count, then sized entry IDs)
	KindFlatEntryList           Kind = "flatentrylist"     // FlatEntryList ([MS-OXCDATA] 2.3.3)
	KindAdditionalRenEntryIDsEx Kind = "renentryidsex"     // PidTagAdditionalRenEntryIdsEx (Outlook's MAPI reference)
	KindConversationIndex       Kind = "conversationindex" // PidTagConversationIndex ([MS-OXOMSG] 2.2.1.3)
	KindReportTag               Kind = "reporttag"         // PidTagReportTag ([MS-OXOMSG])
	KindTaskAssigners           Kind = "taskassigners"     // PidLidTaskAssigners ([MS-OXOTASK])
)
