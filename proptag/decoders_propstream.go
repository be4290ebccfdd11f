package proptag

import "github.com/mapiblob/mapiblob/blob"

// propstreamDecoders are the decoders of the property streams (package
// propstream), by the properties MFCMAPI reads them from.
var propstreamDecoders = map[string]blob.Kind{
	"PidTagFolderWebViewInfo":               blob.KindWebViewPersist,      // PR_FOLDER_WEBVIEWINFO
	"PidLidVerbStream":                      blob.KindVerbStream,          // dispidVerbStream
	"PidTagExtendedFolderFlags":             blob.KindExtendedFolderFlags, // PR_EXTENDED_FOLDER_FLAGS
	"PidTagSwappedToDoData":                 blob.KindSwappedToDo,         // PR_SWAPPED_TODO_DATA
	"PidTagUserFields":                      blob.KindFolderUserFields,    // PR_USERFIELDS
	"PidLidPropertyDefinitionStream":        blob.KindPropDefStream,       // dispidPropDefStream
	"PidLidAppointmentUnsendableRecipients": blob.KindRecipientRowStream,  // dispidApptUnsendableRecips
	"PidLidForwardNotificationRecipients":   blob.KindRecipientRowStream,  // dispidForwardNotificationRecipients
}
