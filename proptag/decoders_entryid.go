package proptag

import "github.com/mapiblob/mapiblob/blob"

// entryIDDecoders are the properties MFCMAPI reads with its entry-ID family
// of parsers (ENTRYID, FLATENTRYLIST, ADDITIONALRENENTRYIDSEX,
// CONVERSATIONINDEX, REPORTTAG, TASKASSIGNERS), from its property → parser
// table (../shared/data/mfcmapi/smartview-mappings.tsv); the comment is
// MFCMAPI's name. Multi-valued properties are left out: a value of one is
// one entry ID, not the property's bytes.
var entryIDDecoders = map[string]blob.Kind{
	"PidLidAnniversaryEventEntryId":         blob.KindEntryID,                 // dispidAnniversaryEventEID
	"PidLidContactLinkEntry":                blob.KindFlatEntryList,           // dispidContactLinkEntry
	"PidLidConversationActionMoveFolderEid": blob.KindEntryID,                 // dispidConvActionMoveFolderEid
	"PidLidConversationActionMoveStoreEid":  blob.KindEntryID,                 // dispidConvActionMoveStoreEid
	"PidLidEmail1OriginalEntryId":           blob.KindEntryID,                 // dispidEmail1OriginalEntryID
	"PidLidEmail2OriginalEntryId":           blob.KindEntryID,                 // dispidEmail2OriginalEntryID
	"PidLidEmail3OriginalEntryId":           blob.KindEntryID,                 // dispidEmail3OriginalEntryID
	"PidLidFax1EntryId":                     blob.KindEntryID,                 // dispidFax1EntryID
	"PidLidFax2EntryId":                     blob.KindEntryID,                 // dispidFax2EntryID
	"PidLidFax3EntryId":                     blob.KindEntryID,                 // dispidFax3EntryID
	"PidLidOriginalStoreEntryId":            blob.KindEntryID,                 // dispidOrigStoreEid
	"PidLidReferenceEntryId":                blob.KindEntryID,                 // dispidReferenceEID
	"PidLidSharingBindingEntryId":           blob.KindEntryID,                 // dispidSharingBindingEid
	"PidLidSharingFolderEntryId":            blob.KindEntryID,                 // dispidSharingFolderEid
	"PidLidSharingIndexEntryId":             blob.KindEntryID,                 // dispidSharingIndexEid
	"PidLidSharingInitiatorEntryId":         blob.KindEntryID,                 // dispidSharingInitiatorEid
	"PidLidSharingOriginalMessageEntryId":   blob.KindEntryID,                 // dispidSharingOriginalMessageEid
	"PidLidSharingParentBindingEntryId":     blob.KindEntryID,                 // dispidSharingParentBindingEid
	"PidLidTaskAssigners":                   blob.KindTaskAssigners,           // dispidTaskMyDelegators
	"PidTagAdditionalRenEntryIdsEx":         blob.KindAdditionalRenEntryIDsEx, // PR_ADDITIONAL_REN_ENTRYIDS_EX
	"PidTagAddressBookEntryId":              blob.KindEntryID,                 // PR_ADDRESS_BOOK_ENTRYID
	"PidTagAlternateRecipient":              blob.KindFlatEntryList,           // PR_ALTERNATE_RECIPIENT
	"PidTagCommonViewsEntryId":              blob.KindEntryID,                 // PR_COMMON_VIEWS_ENTRYID
	"PidTagConflictEntryId":                 blob.KindEntryID,                 // PR_CONFLICT_ENTRYID
	"PidTagConversationIndex":               blob.KindConversationIndex,       // PR_CONVERSATION_INDEX
	"PidTagCreatorEntryId":                  blob.KindEntryID,                 // PR_CREATOR_ENTRYID
	"PidTagDamOriginalEntryId":              blob.KindEntryID,                 // PR_DAM_ORIGINAL_ENTRYID
	"PidTagDefaultViewEntryId":              blob.KindEntryID,                 // PR_DEFAULT_VIEW_ENTRYID
	"PidTagEntryId":                         blob.KindEntryID,                 // PR_ENTRYID
	"PidTagFinderEntryId":                   blob.KindEntryID,                 // PR_FINDER_ENTRYID
	"PidTagIdentityEntryId":                 blob.KindEntryID,                 // PR_IDENTITY_ENTRYID
	"PidTagIpmAppointmentEntryId":           blob.KindEntryID,                 // PR_IPM_APPOINTMENT_ENTRYID
	"PidTagIpmContactEntryId":               blob.KindEntryID,                 // PR_IPM_CONTACT_ENTRYID
	"PidTagIpmDraftsEntryId":                blob.KindEntryID,                 // PR_IPM_DRAFTS_ENTRYID
	"PidTagIpmJournalEntryId":               blob.KindEntryID,                 // PR_IPM_JOURNAL_ENTRYID
	"PidTagIpmNoteEntryId":                  blob.KindEntryID,                 // PR_IPM_NOTE_ENTRYID
	"PidTagIpmOutboxEntryId":                blob.KindEntryID,                 // PR_IPM_OUTBOX_ENTRYID
	"PidTagIpmSentMailEntryId":              blob.KindEntryID,                 // PR_IPM_SENTMAIL_ENTRYID
	"PidTagIpmSubtreeEntryId":               blob.KindEntryID,                 // PR_IPM_SUBTREE_ENTRYID
	"PidTagIpmTaskEntryId":                  blob.KindEntryID,                 // PR_IPM_TASK_ENTRYID
	"PidTagIpmWastebasketEntryId":           blob.KindEntryID,                 // PR_IPM_WASTEBASKET_ENTRYID
	"PidTagLastModifierEntryId":             blob.KindEntryID,                 // PR_LAST_MODIFIER_ENTRYID
	"PidTagLongTermEntryIdFromTable":        blob.KindEntryID,                 // PR_LONGTERM_ENTRYID_FROM_TABLE
	"PidTagMailboxOwnerEntryId":             blob.KindEntryID,                 // PR_MAILBOX_OWNER_ENTRYID
	"PidTagNonIpmSubtreeEntryId":            blob.KindEntryID,                 // PR_NON_IPM_SUBTREE_ENTRYID
	"PidTagOriginalAuthorEntryId":           blob.KindEntryID,                 // PR_ORIGINAL_AUTHOR_ENTRYID
	"PidTagOriginalEntryId":                 blob.KindEntryID,                 // PR_ORIGINAL_ENTRYID
	"PidTagOriginalSenderEntryId":           blob.KindEntryID,                 // PR_ORIGINAL_SENDER_ENTRYID
	"PidTagOriginalSentRepresentingEntryId": blob.KindEntryID,                 // PR_ORIGINAL_SENT_REPRESENTING_ENTRYID
	"PidTagOriginallyIntendedRecipEntryId":  blob.KindEntryID,                 // PR_ORIGINALLY_INTENDED_RECIP_ENTRYID
	"PidTagOwnStoreEntryId":                 blob.KindEntryID,                 // PR_OWN_STORE_ENTRYID
	"PidTagParentEntryId":                   blob.KindEntryID,                 // PR_PARENT_ENTRYID
	"PidTagReadReceiptEntryId":              blob.KindEntryID,                 // PR_READ_RECEIPT_ENTRYID
	"PidTagReceivedByEntryId":               blob.KindEntryID,                 // PR_RECEIVED_BY_ENTRYID
	"PidTagReceivedRepresentingEntryId":     blob.KindEntryID,                 // PR_RCVD_REPRESENTING_ENTRYID
	"PidTagRecipientEntryId":                blob.KindEntryID,                 // PR_RECIPIENT_ENTRYID
	"PidTagRemindersOnlineEntryId":          blob.KindEntryID,                 // PR_REM_ONLINE_ENTRYID
	"PidTagReplyRecipientEntries":           blob.KindFlatEntryList,           // PR_REPLY_RECIPIENT_ENTRIES
	"PidTagReportEntryId":                   blob.KindEntryID,                 // PR_REPORT_ENTRYID
	"PidTagReportTag":                       blob.KindReportTag,               // PR_REPORT_TAG
	"PidTagSenderEntryId":                   blob.KindEntryID,                 // PR_SENDER_ENTRYID
	"PidTagSentMailEntryId":                 blob.KindEntryID,                 // PR_SENTMAIL_ENTRYID
	"PidTagSentRepresentingEntryId":         blob.KindEntryID,                 // PR_SENT_REPRESENTING_ENTRYID
	"PidTagStoreEntryId":                    blob.KindEntryID,                 // PR_STORE_ENTRYID
	"PidTagTargetEntryId":                   blob.KindEntryID,                 // PR_TARGET_ENTRYID
	"PidTagUserEntryId":                     blob.KindEntryID,                 // PR_USER_ENTRYID
	"PidTagViewsEntryId":                    blob.KindEntryID,                 // PR_VIEWS_ENTRYID
	"PidTagWlinkAddressBookEID":             blob.KindEntryID,                 // PR_WLINK_ABEID
	"PidTagWlinkAddressBookStoreEID":        blob.KindEntryID,                 // PR_WLINK_AB_EXSTOREEID
	"PidTagWlinkEntryId":                    blob.KindEntryID,                 // PR_WLINK_ENTRYID
	"PidTagWlinkStoreEntryId":               blob.KindEntryID,                 // PR_WLINK_STORE_ENTRYID
}
