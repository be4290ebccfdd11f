// Package entryid reads, checks and explains MAPI entry identifiers and the
// structures that carry them: the ENTRYID of every form [MS-OXCDATA] 2.2.4
// and 2.2.5 describes (folder, message, store, address book, one-off) and
// those Outlook adds (contact address book, Windows Address Book wrapper,
// ephemeral [MS-OXNSPI] 2.2.9.2), the encoded form, entry lists
// ([MS-OXCDATA] 2.3.3 FlatEntryList, the in-memory ENTRYLIST),
// PidTagAdditionalRenEntryIdsEx (Outlook's MAPI reference),
// PidTagConversationIndex ([MS-OXOMSG] 2.2.1.3), PidTagReportTag
// ([MS-OXOMSG]) and PidLidTaskAssigners ([MS-OXOTASK]).
//
// Each structure decodes as MFCMAPI's SmartView pane reads it: what does not
// fit the form is not an error but bytes left over (TrailingBytes), which
// SmartView shows as "Unparsed data" and MarshalBinary writes back, so that
// encoding gives the input back. A conversation index encodes from its
// fields; the other values keep the bytes they were decoded from.
package entryid

import (
	"bytes"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/mfc"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// Provider UIDs that tell an entry ID's form ([MS-OXCDATA] 2.2.4.3, 2.2.5.1,
// 2.2.5.2; the contact and WAB ones are Outlook's).
var (
	StoreWrapUID = mustGUID("{10BBA138-E505-1A10-A1BB-08002B2A56C2}") // muidStoreWrap: a message store
	EMSABUID     = mustGUID("{C840A7DC-42C0-1A10-B4B9-08002B2FE182}") // muidEMSAB: the Exchange address book
	OneOffUID    = mustGUID("{A41F2B81-A3BE-1910-9D6E-00DD010F5402}") // muidOOP: a one-off address
	ContabUID    = mustGUID("{0AAA42FE-C718-101A-E885-0B651C240000}") // muidContabDLL: the contact address book
	WABUID       = mustGUID("{D3AD91C0-9D51-11CF-A4A9-00AA0047FAA4}") // WAB_GUID: the Windows Address Book
)

func mustGUID(s string) guid.GUID {
	var g guid.GUID
	if err := g.UnmarshalText([]byte(s)); err != nil {
		panic(err)
	}
	return g
}

// Form is which layout follows an entry ID's provider UID.
type Form uint8

// Forms.
const (
	FormUnknown     Form = iota // only Flags and ProviderUID are read
	FormShortTerm               // abFlags[0] has MAPI_SHORTTERM: nothing else is read
	FormEphemeral               // abFlags[0] is 0x87: [MS-OXNSPI] 2.2.9.2
	FormStore                   // [MS-OXCDATA] 2.2.4.3 Store Object EntryID
	FormFolder                  // [MS-OXCDATA] 2.2.4.1 Folder EntryID
	FormMessage                 // [MS-OXCDATA] 2.2.4.2 Message EntryID
	FormAddressBook             // [MS-OXCDATA] 2.2.5.2 Address Book EntryID
	FormOneOff                  // [MS-OXCDATA] 2.2.5.1 One-Off EntryID
	FormContact                 // the contact address book's entry ID
	FormWAB                     // the Windows Address Book's wrapper
)

var formNames = [...]string{"Unknown", "ShortTerm", "Ephemeral", "Store", "Folder", "Message", "AddressBook", "OneOff", "Contact", "WAB"}

// String is the form's name.
func (f Form) String() string {
	if int(f) < len(formNames) {
		return formNames[f]
	}
	return "Form(" + mfc.Hex(uint64(f)) + ")"
}

// MarshalText writes the name.
func (f Form) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// HeaderSize is the size of abFlags and ProviderUID.
const HeaderSize = 20

// Sizes after the header of the folder and message forms, which have no
// provider UID of their own: a store's replica GUID stands there, so the
// form is told by the size.
const (
	folderBodySize  = 2 + 16 + 6 + 2
	messageBodySize = 2 + 16 + 6 + 2 + 16 + 6 + 2
)

// EntryID is an ENTRYID: abFlags, a provider UID, and the provider's data
// in one of the forms above. The JSON keys are [MS-OXCDATA]'s field names.
type EntryID struct {
	// HasHeader is false when the bytes are too few for abFlags and the
	// ProviderUID; nothing is read then.
	HasHeader   bool      `json:"-"`
	Flags       [4]byte   `json:"-"`           // abFlags (Flags): MAPI_SHORTTERM, MAPI_NOTRECIP…
	ProviderUID guid.GUID `json:"ProviderUID"` // ProviderUID (Provider UID): the provider that made the id
	Form        Form      `json:"Form"`

	Store       *StoreEntryID       `json:"Store,omitempty"`
	Folder      *FolderEntryID      `json:"Folder,omitempty"`
	Message     *MessageEntryID     `json:"Message,omitempty"`
	AddressBook *AddressBookEntryID `json:"AddressBook,omitempty"`
	OneOff      *OneOffEntryID      `json:"OneOff,omitempty"`
	Contact     *ContactEntryID     `json:"Contact,omitempty"`
	WAB         *WABEntryID         `json:"WAB,omitempty"`
	Ephemeral   *EphemeralEntryID   `json:"Ephemeral,omitempty"`

	// Trailing holds the bytes after what was read.
	Trailing []byte `json:"-"`

	raw []byte // the bytes read, Trailing excluded
}

// FolderEntryID is [MS-OXCDATA] 2.2.4.1's body.
type FolderEntryID struct {
	FolderType    uint16        `json:"FolderType"`    // Folder Type: eitLTPrivateFolder…
	DatabaseGUID  guid.GUID     `json:"DatabaseGuid"`  // Database Guid: the replica GUID
	GlobalCounter blob.HexBytes `json:"GlobalCounter"` // Global Counter: 6 bytes, big-endian
	Pad           blob.HexBytes `json:"Pad"`           // Pad: 2 bytes
}

// MessageEntryID is [MS-OXCDATA] 2.2.4.2's body.
type MessageEntryID struct {
	MessageType          uint16        `json:"MessageType"`          // Message Type: eitLTPrivateMessage…
	FolderDatabaseGUID   guid.GUID     `json:"FolderDatabaseGuid"`   // Folder Database Guid
	FolderGlobalCounter  blob.HexBytes `json:"FolderGlobalCounter"`  // Folder Global Counter
	Pad1                 blob.HexBytes `json:"Pad1"`                 // Pad
	MessageDatabaseGUID  guid.GUID     `json:"MessageDatabaseGuid"`  // Message Database Guid
	MessageGlobalCounter blob.HexBytes `json:"MessageGlobalCounter"` // Message Global Counter
	Pad2                 blob.HexBytes `json:"Pad2"`                 // Pad
}

// StoreEntryID is [MS-OXCDATA] 2.2.4.3's body. The fields after DLLFileName
// are read only for emsmdb.dll (Has* say which were present).
type StoreEntryID struct {
	Version            uint8     `json:"Version"`
	Flag               uint8     `json:"Flag"`
	DLLFileName        string    `json:"DLLFileName"`
	HasWrapped         bool      `json:"-"`
	WrappedFlags       uint32    `json:"WrappedFlags"`
	WrappedProviderUID guid.GUID `json:"WrappedProviderUID"`
	WrappedType        uint32    `json:"WrappedType"`
	ServerShortname    string    `json:"ServerShortname"`
	HasMailboxDN       bool      `json:"-"`
	MailboxDN          string    `json:"MailboxDN,omitempty"`
	V2                 *StoreV2  `json:"V2,omitempty"`
	V3                 *StoreV3  `json:"V3,omitempty"`
}

// Magic numbers of the extended store entry IDs Exchange 2010 and later
// append.
const (
	StoreV2Magic = 0xF32135D8
	StoreV3Magic = 0xF43246E9
)

// StoreV2 is the extension that carries the server's DN and FQDN.
type StoreV2 struct {
	Magic      uint32 `json:"ulMagic"`
	Size       uint32 `json:"ulSize"`
	Version    uint32 `json:"ulVersion"`
	OffsetDN   uint32 `json:"ulOffsetDN"`
	OffsetFQDN uint32 `json:"ulOffsetFQDN"`
	DN         string `json:"DN"`
	HasFQDN    bool   `json:"-"`
	FQDN       string `json:"FQDN,omitempty"`
	Reserved   []byte `json:"-"`
	reserved   bool   // Reserved was present
}

// StoreV3 is the extension that carries the mailbox's SMTP address.
type StoreV3 struct {
	Magic             uint32 `json:"ulMagic"`
	Size              uint32 `json:"ulSize"`
	Version           uint32 `json:"ulVersion"`
	OffsetSmtpAddress uint32 `json:"ulOffsetSmtpAddress"`
	SmtpAddress       string `json:"SmtpAddress"`
	Reserved          []byte `json:"-"`
	reserved          bool
}

// AddressBookEntryID is [MS-OXCDATA] 2.2.5.2's body.
type AddressBookEntryID struct {
	Version uint32 `json:"Version"` // 1
	Type    uint32 `json:"Type"`    // a display type: DT_MAILUSER…
	X500DN  string `json:"X500DN"`
}

// EphemeralEntryID is [MS-OXNSPI] 2.2.9.2's body after the provider UID;
// the MId that follows is left to TrailingBytes, as MFCMAPI does.
type EphemeralEntryID struct {
	Version     uint32 `json:"R4"`          // R4: 1
	DisplayType uint32 `json:"DisplayType"` // Display Type
}

// OneOffEntryID is [MS-OXCDATA] 2.2.5.1's body.
type OneOffEntryID struct {
	Bitmask      uint32 `json:"Flags"` // the Version and flag bits as one 32-bit value: MAPI_UNICODE…
	DisplayName  string `json:"DisplayName"`
	AddressType  string `json:"AddressType"`
	EmailAddress string `json:"EmailAddress"`
}

// Bits of OneOffEntryID.Bitmask.
const (
	OneOffUnicode = 0x80000000 // MAPI_UNICODE: the strings are UTF-16
)

// Contact address book types.
const (
	ContabContainer = 3 // CONTAB_CONTAINER
	ContabUser      = 4 // CONTAB_USER
)

// ContactEntryID is the contact address book's entry ID: a version, a type,
// and for a user the e-mail index and the contact's own entry ID, for a
// container the container's id and the folder's entry ID.
type ContactEntryID struct {
	Version       uint32    `json:"Version"`
	Type          uint32    `json:"Type"`
	Index         uint32    `json:"Index"`        // CONTAB_USER: EEI_EMAIL_1…
	EntryIDCount  uint32    `json:"EntryIDCount"` // CONTAB_USER: the size of EntryID
	MuidID        guid.GUID `json:"muidID"`       // CONTAB_CONTAINER
	HasIndexCount bool      `json:"-"`
	HasMuid       bool      `json:"-"`
	EntryID       *EntryID  `json:"EntryID,omitempty"`
}

// WABEntryID wraps another entry ID for the Windows Address Book.
type WABEntryID struct {
	Type    uint8    `json:"Type"` // BFLAGS_MASK_OUTLOOK, the entry type and the e-mail slot
	EntryID *EntryID `json:"EntryID,omitempty"`
}

// Parse decodes an entry ID. It does not fail: bytes that do not fit the
// form are left in TrailingBytes (Check reports them).
func Parse(b []byte) (*EntryID, error) {
	raw := bytes.Clone(b)
	c := wire.NewCursor(raw)
	e := decode(&c, len(raw), 0)
	e.Trailing = c.Rest()
	return e, nil
}

// maxDepth bounds the nesting of wrapped entry IDs.
const maxDepth = 8

// decode reads an entry ID from c, of which bound bytes are its own (the
// size check of the folder and message forms looks at them); it stops where
// the form ends, leaving the rest in c.
func decode(c *wire.Cursor, bound, depth int) *EntryID {
	start := c.Peek()
	e := &EntryID{}
	defer func() { e.raw = start[:len(start)-c.Len()] }()
	hdr, ok := c.Fixed(HeaderSize)
	if !ok {
		return e
	}
	e.HasHeader = true
	copy(e.Flags[:], hdr[:4])
	e.ProviderUID = guid.GUID(hdr[4:20])
	body := bound - HeaderSize
	switch {
	case e.Flags[0] == 0x87:
		e.Form = FormEphemeral
		var v EphemeralEntryID
		if c.Len() >= 8 {
			c.U32(&v.Version)
			c.U32(&v.DisplayType)
			e.Ephemeral = &v
		}
	case e.Flags[0]&0x80 != 0:
		e.Form = FormShortTerm
	case e.ProviderUID == StoreWrapUID:
		e.Form = FormStore
		e.Store = decodeStore(c)
	case e.ProviderUID == EMSABUID:
		e.Form = FormAddressBook
		var v AddressBookEntryID
		if c.Len() >= 8 {
			c.U32(&v.Version)
			c.U32(&v.Type)
			v.X500DN = mfc.Text8(mfc.CString(c))
			e.AddressBook = &v
		}
	case e.ProviderUID == OneOffUID:
		e.Form = FormOneOff
		var v OneOffEntryID
		if c.U32(&v.Bitmask) {
			if v.Bitmask&OneOffUnicode != 0 {
				v.DisplayName = mfc.Text16(mfc.WString(c))
				v.AddressType = mfc.Text16(mfc.WString(c))
				v.EmailAddress = mfc.Text16(mfc.WString(c))
			} else {
				v.DisplayName = mfc.Text8(mfc.CString(c))
				v.AddressType = mfc.Text8(mfc.CString(c))
				v.EmailAddress = mfc.Text8(mfc.CString(c))
			}
			e.OneOff = &v
		}
	case e.ProviderUID == ContabUID:
		e.Form = FormContact
		e.Contact = decodeContact(c, depth)
	case e.ProviderUID == WABUID:
		e.Form = FormWAB
		var v WABEntryID
		if c.U8(&v.Type) {
			if depth < maxDepth {
				v.EntryID = decode(c, c.Len(), depth+1)
			}
			e.WAB = &v
		}
	case body == folderBodySize:
		e.Form = FormFolder
		p, _ := c.Fixed(folderBodySize)
		e.Folder = &FolderEntryID{FolderType: le16(p), DatabaseGUID: guid.GUID(p[2:18]), GlobalCounter: p[18:24:24], Pad: p[24:26:26]}
	case body == messageBodySize:
		e.Form = FormMessage
		p, _ := c.Fixed(messageBodySize)
		e.Message = &MessageEntryID{MessageType: le16(p), FolderDatabaseGUID: guid.GUID(p[2:18]), FolderGlobalCounter: p[18:24:24],
			Pad1: p[24:26:26], MessageDatabaseGUID: guid.GUID(p[26:42]), MessageGlobalCounter: p[42:48:48], Pad2: p[48:50:50]}
	}
	return e
}

func le16(p []byte) uint16 { return uint16(p[0]) | uint16(p[1])<<8 }

func decodeStore(c *wire.Cursor) *StoreEntryID {
	var s StoreEntryID
	if c.Len() < 2 {
		return nil
	}
	c.U8(&s.Version)
	c.U8(&s.Flag)
	before := c.Len()
	s.DLLFileName = mfc.Text8(mfc.CString(c))
	if !strings.EqualFold(s.DLLFileName, "emsmdb.dll") {
		return &s
	}
	// DLLFileName is a 14-byte field for emsmdb.dll.
	if used := before - c.Len(); used < 14 {
		if !c.Skip(14 - used) {
			return &s
		}
	}
	if c.Len() < 24 {
		return &s
	}
	s.HasWrapped = true
	c.U32(&s.WrappedFlags)
	var u []byte
	c.Bytes(&u, 16)
	s.WrappedProviderUID = guid.GUID(u)
	c.U32(&s.WrappedType)
	s.ServerShortname = mfc.Text8(mfc.CString(c))
	if c.Len() > 0 && !isMagic(c.Peek()) {
		s.HasMailboxDN = true
		s.MailboxDN = mfc.Text8(mfc.CString(c))
	}
	if c.Len() >= 4 && isMagic(c.Peek()) {
		switch le32(c.Peek()) {
		case StoreV2Magic:
			if c.Len() >= 20 {
				var v StoreV2
				c.U32(&v.Magic)
				c.U32(&v.Size)
				c.U32(&v.Version)
				c.U32(&v.OffsetDN)
				c.U32(&v.OffsetFQDN)
				v.DN = mfc.Text8(mfc.CString(c))
				if v.OffsetFQDN != 0 {
					v.HasFQDN = true
					v.FQDN = mfc.Text16(mfc.WString(c))
				}
				v.reserved = c.Bytes(&v.Reserved, 2)
				s.V2 = &v
			}
		case StoreV3Magic:
			if c.Len() >= 16 {
				var v StoreV3
				c.U32(&v.Magic)
				c.U32(&v.Size)
				c.U32(&v.Version)
				c.U32(&v.OffsetSmtpAddress)
				v.SmtpAddress = mfc.Text16(mfc.WString(c))
				v.reserved = c.Bytes(&v.Reserved, 2)
				s.V3 = &v
			}
		}
	}
	return &s
}

func le32(p []byte) uint32 {
	return uint32(p[0]) | uint32(p[1])<<8 | uint32(p[2])<<16 | uint32(p[3])<<24
}

func isMagic(p []byte) bool {
	if len(p) < 4 {
		return false
	}
	m := le32(p)
	return m == StoreV2Magic || m == StoreV3Magic
}

func decodeContact(c *wire.Cursor, depth int) *ContactEntryID {
	var v ContactEntryID
	if c.Len() < 8 {
		return nil
	}
	c.U32(&v.Version)
	c.U32(&v.Type)
	bound := c.Len()
	switch v.Type {
	case ContabContainer:
		var u []byte
		if !c.Bytes(&u, 16) {
			return &v
		}
		v.HasMuid = true
		v.MuidID = guid.GUID(u)
		bound = c.Len()
	default:
		if c.Len() < 8 {
			return &v
		}
		v.HasIndexCount = true
		c.U32(&v.Index)
		c.U32(&v.EntryIDCount)
		bound = c.Len()
		if uint64(v.EntryIDCount) < uint64(bound) {
			bound = int(v.EntryIDCount)
		}
	}
	if depth < maxDepth {
		v.EntryID = decode(c, bound, depth+1)
	}
	return &v
}

// Kind is blob.KindEntryID.
func (e *EntryID) Kind() blob.Kind { return blob.KindEntryID }

// TrailingBytes are the bytes after the form's last field.
func (e *EntryID) TrailingBytes() []byte { return e.Trailing }

// MarshalBinary gives back the bytes e was decoded from.
func (e *EntryID) MarshalBinary() ([]byte, error) { return e.AppendBinary(nil) }

// AppendBinary appends the bytes e was decoded from.
func (e *EntryID) AppendBinary(b []byte) ([]byte, error) {
	return append(append(b, e.raw...), e.Trailing...), nil
}

// Size is the number of bytes the entry ID's form took.
func (e *EntryID) Size() int { return len(e.raw) }

// Finding codes of this package. They are stable: scripts may match them.
const (
	CodeShort    = "ENTRYID_TOO_SHORT"
	CodeTrailing = "ENTRYID_TRAILING_BYTES"
	CodeUnknown  = "ENTRYID_UNKNOWN_FORM"
)

// Check reports an entry ID too short for its header ([MS-OXCDATA] 2.2.4:
// abFlags and a 16-byte provider UID) and bytes its form does not account
// for.
func (e *EntryID) Check() []blob.Finding {
	var out []blob.Finding
	if !e.HasHeader {
		out = append(out, blob.Finding{Code: CodeShort, Severity: blob.Error, Path: "ProviderUID",
			Message: "the entry ID is shorter than its 20-byte header (abFlags and ProviderUID); MAPI cannot open what it names"})
		return out
	}
	if e.Form == FormUnknown {
		out = append(out, blob.Finding{Code: CodeUnknown, Severity: blob.Info, Path: "ProviderUID",
			Message: "the provider UID " + e.ProviderUID.String() + " is not one whose layout is known; only its provider can read the rest"})
	}
	if len(e.Trailing) > 0 && e.Form != FormUnknown && e.Form != FormShortTerm && e.Form != FormEphemeral {
		out = append(out, blob.Finding{Code: CodeTrailing, Severity: blob.Warning, Path: "Trailing",
			Message: "bytes after the " + e.Form.String() + " entry ID's last field are not part of its form"})
	}
	return out
}
