package proptag

import "github.com/mapiblob/mapiblob/blob"

// multiEntryIDDecoders are the multi-valued binary properties MFCMAPI reads
// with its ENTRYID parser, one value at a time (its property → parser
// table's rows with bMV set): each value is one entry ID.
var multiEntryIDDecoders = map[string]blob.Kind{
	"PidTagConflictItems":                    blob.KindEntryID, // PR_CONFLICT_ITEMS
	"PidTagAdditionalRenEntryIds":            blob.KindEntryID, // PR_ADDITIONAL_REN_ENTRYIDS
	"PidTagFreeBusyEntryIds":                 blob.KindEntryID, // PR_FREEBUSY_ENTRYIDS
	"PidTagAbSearchPath":                     blob.KindEntryID, // PR_AB_SEARCH_PATH
	"PidTagContactAddressBookFolderEntryIds": blob.KindEntryID, // PR_CONTAB_FOLDER_ENTRYIDS
	"PidTagContactAddressBookStoreEntryIds":  blob.KindEntryID, // PR_CONTAB_STORE_ENTRYIDS
	"PidTagScheduleInfoDelegateEntryIds":     blob.KindEntryID, // PR_SCHDINFO_DELEGATE_ENTRYIDS
	"PidLidDistributionListOneOffMembers":    blob.KindEntryID, // dispidDLOneOffMembers
	"PidLidDistributionListMembers":          blob.KindEntryID, // dispidDLMembers
}
