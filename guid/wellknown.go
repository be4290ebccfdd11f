package guid

import "strings"

// WellKnown is a GUID with a name MAPI gives it.
type WellKnown struct {
	Name string
	GUID GUID
	Kind string // "property set", "interface", "structure"
}

func mk(d1 uint32, d2, d3 uint16, d4 ...byte) GUID {
	var a [8]byte
	copy(a[:], d4)
	return FromFields(d1, d2, d3, a)
}

// mapiTail is the last eight bytes shared by the MAPI-defined GUIDs.
func mapi(d1 uint32) GUID { return mk(d1, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46) }

// Property sets of [MS-OXPROPS] 1.3.2 and the MAPI headers.
var (
	PS_MAPI                     = mapi(0x00020328)
	PS_PUBLIC_STRINGS           = mapi(0x00020329)
	PS_INTERNET_HEADERS         = mapi(0x00020386)
	PSETID_Appointment          = mapi(0x00062002)
	PSETID_Task                 = mapi(0x00062003)
	PSETID_Address              = mapi(0x00062004)
	PSETID_Common               = mapi(0x00062008)
	PSETID_Log                  = mapi(0x0006200A)
	PSETID_Note                 = mapi(0x0006200E)
	PSETID_Report               = mapi(0x00062013)
	PSETID_Remote               = mapi(0x00062014)
	PSETID_Sharing              = mapi(0x00062040)
	PSETID_PostRss              = mapi(0x00062041)
	PSETID_Meeting              = mk(0x6ED8DA90, 0x450B, 0x101B, 0x98, 0xDA, 0x00, 0xAA, 0x00, 0x3F, 0x13, 0x05)
	PSETID_Messaging            = mk(0x41F28F13, 0x83F4, 0x4114, 0xA5, 0x84, 0xEE, 0xDB, 0x5A, 0x6B, 0x0B, 0xFF)
	PSETID_UnifiedMessaging     = mk(0x4442858E, 0xA9E3, 0x4E80, 0xB9, 0x00, 0x31, 0x7A, 0x21, 0x0C, 0xC1, 0x5B)
	PSETID_AirSync              = mk(0x71035549, 0x0739, 0x4DCB, 0x91, 0x63, 0x00, 0xF0, 0x58, 0x0D, 0xBB, 0xDF)
	PSETID_CalendarAssistant    = mk(0x11000E07, 0xB51B, 0x40D6, 0xAF, 0x21, 0xCA, 0xA8, 0x5E, 0xDA, 0xB1, 0xD0)
	PSETID_Attachment           = mk(0x96357F7F, 0x59E1, 0x47D0, 0x99, 0xA7, 0x46, 0x51, 0x5C, 0x18, 0x3B, 0x54)
	PSETID_XmlExtractedEntities = mk(0x23239608, 0x685D, 0x4732, 0x9C, 0x55, 0x4C, 0x95, 0xCB, 0x4E, 0x8E, 0x33)
	GlobalObjectIdByteArrayID   = GUID{0x04, 0x00, 0x00, 0x00, 0x82, 0x00, 0xE0, 0x00, 0x74, 0xC5, 0xB7, 0x10, 0x1A, 0x82, 0xE0, 0x08}
	IID_IUnknown                = mapi(0x00000000)
	IID_IStream                 = mapi(0x0000000C)
	IID_IStorage                = mapi(0x0000000B)
	IID_IMAPISession            = mapi(0x00020300)
	IID_IMAPITable              = mapi(0x00020301)
	IID_IMAPIAdviseSink         = mapi(0x00020302)
	IID_IMAPIProp               = mapi(0x00020303)
	IID_IProfSect               = mapi(0x00020304)
	IID_IMAPIStatus             = mapi(0x00020305)
	IID_IMsgStore               = mapi(0x00020306)
	IID_IMessage                = mapi(0x00020307)
	IID_IAttachment             = mapi(0x00020308)
	IID_IAddrBook               = mapi(0x00020309)
	IID_IMailUser               = mapi(0x0002030A)
	IID_IMAPIContainer          = mapi(0x0002030B)
	IID_IMAPIFolder             = mapi(0x0002030C)
	IID_IABContainer            = mapi(0x0002030D)
	IID_IDistList               = mapi(0x0002030E)
)

var wellKnown = []WellKnown{
	{"PS_MAPI", PS_MAPI, "property set"},
	{"PS_PUBLIC_STRINGS", PS_PUBLIC_STRINGS, "property set"},
	{"PS_INTERNET_HEADERS", PS_INTERNET_HEADERS, "property set"},
	{"PSETID_Appointment", PSETID_Appointment, "property set"},
	{"PSETID_Task", PSETID_Task, "property set"},
	{"PSETID_Address", PSETID_Address, "property set"},
	{"PSETID_Common", PSETID_Common, "property set"},
	{"PSETID_Log", PSETID_Log, "property set"},
	{"PSETID_Note", PSETID_Note, "property set"},
	{"PSETID_Report", PSETID_Report, "property set"},
	{"PSETID_Remote", PSETID_Remote, "property set"},
	{"PSETID_Sharing", PSETID_Sharing, "property set"},
	{"PSETID_PostRss", PSETID_PostRss, "property set"},
	{"PSETID_Meeting", PSETID_Meeting, "property set"},
	{"PSETID_Messaging", PSETID_Messaging, "property set"},
	{"PSETID_UnifiedMessaging", PSETID_UnifiedMessaging, "property set"},
	{"PSETID_AirSync", PSETID_AirSync, "property set"},
	{"PSETID_CalendarAssistant", PSETID_CalendarAssistant, "property set"},
	{"PSETID_Attachment", PSETID_Attachment, "property set"},
	{"PSETID_XmlExtractedEntities", PSETID_XmlExtractedEntities, "property set"},
	{"GlobalObjectId Byte Array ID", GlobalObjectIdByteArrayID, "structure"},
	{"IID_IUnknown", IID_IUnknown, "interface"},
	{"IID_IStream", IID_IStream, "interface"},
	{"IID_IStorage", IID_IStorage, "interface"},
	{"IID_IMAPISession", IID_IMAPISession, "interface"},
	{"IID_IMAPITable", IID_IMAPITable, "interface"},
	{"IID_IMAPIAdviseSink", IID_IMAPIAdviseSink, "interface"},
	{"IID_IMAPIProp", IID_IMAPIProp, "interface"},
	{"IID_IProfSect", IID_IProfSect, "interface"},
	{"IID_IMAPIStatus", IID_IMAPIStatus, "interface"},
	{"IID_IMsgStore", IID_IMsgStore, "interface"},
	{"IID_IMessage", IID_IMessage, "interface"},
	{"IID_IAttachment", IID_IAttachment, "interface"},
	{"IID_IAddrBook", IID_IAddrBook, "interface"},
	{"IID_IMailUser", IID_IMailUser, "interface"},
	{"IID_IMAPIContainer", IID_IMAPIContainer, "interface"},
	{"IID_IMAPIFolder", IID_IMAPIFolder, "interface"},
	{"IID_IABContainer", IID_IABContainer, "interface"},
	{"IID_IDistList", IID_IDistList, "interface"},
}

// WellKnownGUIDs lists every GUID this package has a name for.
func WellKnownGUIDs() []WellKnown { return append([]WellKnown(nil), wellKnown...) }

// Name returns the well-known name of g, or "" when it has none.
func (g GUID) Name() string {
	for _, w := range wellKnown {
		if w.GUID == g {
			return w.Name
		}
	}
	return ""
}

// ByName finds a well-known GUID by name, case-insensitively.
func ByName(name string) (GUID, bool) {
	for _, w := range wellKnown {
		if strings.EqualFold(w.Name, name) {
			return w.GUID, true
		}
	}
	return Nil, false
}
