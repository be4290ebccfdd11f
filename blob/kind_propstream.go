package blob

// Kinds of the property streams (package propstream).
const (
	KindWebViewPersist      Kind = "webview"          // web view persistence stream (PidTagFolderWebViewInfo)
	KindExtendedFolderFlags Kind = "extfolderflags"   // PidTagExtendedFolderFlags
	KindSwappedToDo         Kind = "swappedtodo"      // PidTagSwappedToDoData
	KindVerbStream          Kind = "verbstream"       // PidLidVerbStream
	KindFolderUserFields    Kind = "folderuserfields" // folder user fields stream (PidTagUserFields)
	KindPropDefStream       Kind = "propdefstream"    // PropertyDefinitionStream (PidLidPropertyDefinitionStream)
)

// KindProperties is a serialised property value array (MFCMAPI's
// PROPERTIES parser).
const KindProperties Kind = "properties"

// KindRecipientRowStream is a recipient row stream
// (PidLidAppointmentUnsendableRecipients, PidLidForwardNotificationRecipients).
const KindRecipientRowStream Kind = "reciprows"

// KindNicknameCache is Outlook's nickname (autocomplete) cache stream.
const KindNicknameCache Kind = "nicknamecache"
