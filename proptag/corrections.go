package proptag

import "github.com/mapiblob/mapiblob/guid"

// What the facts table (mapi-properties.tsv) lacks or gets wrong for this
// module, written by hand. Everything else comes from the generated table.

// extraProperties are named properties that MFCMAPI's nameIDArray.h lists
// and the facts table does not (the table holds only properties with an
// Office reference page or an [MS-OXPROPS] entry). They were in this
// package's table before it was generated (../shared/spec/properties.md §4),
// and MFCMAPI exports name them, so they stay resolvable by LID and by name.
var extraProperties = []Property{
	// No canonical name exists; Outlook's name is the only one.
	{Kind: KindLID, Set: guid.PSETID_Appointment, LID: 0x823E, Type: PT_BOOLEAN, Types: []PropType{PT_BOOLEAN}, Aliases: []string{"dispidTrustRecipHighlights"}, Source: sourceMFCMAPI},
	{Name: "PidLidAutoStartWhen", Kind: KindLID, Set: guid.PSETID_Appointment, LID: 0x8245, Type: PT_LONG, Types: []PropType{PT_LONG}, Aliases: []string{"dispidAutoStartWhen"}, Source: sourceMFCMAPI},
	{Name: "PidLidSingleInvite", Kind: KindLID, Set: guid.PSETID_Meeting, LID: 0x000B, Type: PT_BOOLEAN, Types: []PropType{PT_BOOLEAN}, Aliases: []string{"LID_SINGLE_INVITE"}, Source: sourceMFCMAPI},
	{Name: "PidLidAllAttendeesList", Kind: KindLID, Set: guid.PSETID_Meeting, LID: 0x001D, Type: PT_UNICODE, Types: []PropType{PT_UNICODE}, Aliases: []string{"LID_ALL_ATTENDEES_LIST"}, Source: sourceMFCMAPI},
}

const sourceMFCMAPI = "MFCMAPI nameIDArray.h (not in the facts table)"

// extraAliases are names the facts table does not give, by canonical name.
var extraAliases = map[string][]string{
	// MFCMAPI's and Outlook's LID_ name, beside the table's dispidCleanGlobalObjId
	// (the meeting set's other LIDs all carry their LID_ name in the table).
	"PidLidCleanGlobalObjectId": {"LID_CLEAN_GLOBAL_OBJID"},
}

// preferred overrides the rule that resolves a key claimed by several
// properties (see ambiguity in index.go), by ambiguity key.
var preferred = map[string]string{
	// The Office page of PidTagScheduleInfoDelegateNames (0x6844) lists
	// PR_SCHDINFO_DELEGATE_NAMES_W by the usual _A/_W pattern, but
	// [MS-OXPROPS] gives it as the alternate name of
	// PidTagScheduleInfoDelegateNamesW, the Unicode list with an id of its
	// own (0x684A); the spec wins where the two sources disagree.
	"name pr_schdinfo_delegate_names_w": "PidTagScheduleInfoDelegateNamesW",
}
