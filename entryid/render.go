package entryid

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/mfc"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// SmartView renders e as MFCMAPI's SmartView pane does ("Entry ID").
func (e *EntryID) SmartView() string {
	var w sv.Writer
	e.render(&w, 0)
	w.Unparsed(1, e.Trailing)
	return w.String()
}

// Text renders e for people: the SmartView text.
func (e *EntryID) Text() string { return e.SmartView() }

// abFlags0 names the bits of abFlags[0] ([MS-OXCDATA] 2.2.4 and 2.2.5.1,
// the 0x87 of [MS-OXNSPI] 2.2.9.2).
var abFlags0 = []struct {
	bit  uint8
	name string
}{{0x08, "MAPI_NOTRESERVED"}, {0x10, "MAPI_NOW"}, {0x20, "MAPI_THISSESSION"}, {0x40, "MAPI_NOTRECIP"}, {0x80, "MAPI_SHORTTERM"}}

func flags0(b uint8) string {
	if b == 0x87 {
		return "EPHEMERAL"
	}
	var parts []string
	rest := b
	for _, f := range abFlags0 {
		if rest&f.bit != 0 {
			parts = append(parts, f.name)
			rest &^= f.bit
		}
	}
	if rest != 0 || len(parts) == 0 {
		parts = append(parts, mfc.Hex(uint64(rest)))
	}
	return strings.Join(parts, " | ")
}

func flags1(b uint8) string {
	if b&0x80 != 0 {
		if b&^0x80 == 0 {
			return "MAPI_COMPOUND"
		}
		return "MAPI_COMPOUND | " + mfc.Hex(uint64(b&^0x80))
	}
	return mfc.Hex(uint64(b))
}

// render writes e's lines from depth d, without the bytes left after it.
func (e *EntryID) render(w *sv.Writer, d int) { e.renderHeading(w, d, "") }

func (e *EntryID) renderHeading(w *sv.Writer, d int, heading string) {
	switch {
	case heading != "":
		w.Line(d, heading)
	case e.Form == FormShortTerm:
		w.Line(d, "Short Term Entry ID")
	default:
		w.Line(d, "Entry ID")
	}
	if !e.HasHeader {
		return
	}
	f := e.Flags
	switch {
	case f == [4]byte{}:
		w.Line(d+1, "abFlags = 0x00000000")
	case f[1]|f[2]|f[3] == 0:
		w.Line(d+1, "abFlags[0] = ", mfc.X(uint64(f[0]), 2), "= ", flags0(f[0]))
		w.Line(d+1, "abFlags[1..3] = 0x000000")
	default:
		w.Line(d+1, "abFlags[0] = ", mfc.X(uint64(f[0]), 2), "= ", flags0(f[0]))
		w.Line(d+1, "abFlags[1] = ", mfc.X(uint64(f[1]), 2), "= ", flags1(f[1]))
		w.Line(d+1, "abFlags[2..3] = ", mfc.X(uint64(f[2])<<8|uint64(f[3]), 4))
	}
	w.Line(d+1, "Provider GUID = ", mfc.GUID(e.ProviderUID))
	d++
	switch {
	case e.Ephemeral != nil:
		w.Line(d, "Ephemeral Entry ID")
		w.Line(d+1, "Version = ", mfc.X(uint64(e.Ephemeral.Version), 8), " = ", mfc.Flags("flagExchangeABVersion", e.Ephemeral.Version))
		w.Line(d+1, "Type = ", mfc.X(uint64(e.Ephemeral.DisplayType), 8), " = ", mfc.Flags("PR_DISPLAY_TYPE", e.Ephemeral.DisplayType))
	case e.Store != nil:
		e.Store.render(w, d)
	case e.Folder != nil:
		v := e.Folder
		w.Line(d, "Exchange Folder Entry ID")
		w.Line(d+1, "Folder Type = ", mfc.X(uint64(v.FolderType), 4), " = ", mfc.Flags("flagMessageDatabaseObjectType", uint32(v.FolderType)))
		w.Line(d+1, "Database GUID = ", mfc.GUID(v.DatabaseGUID))
		bin(w, d+1, "GlobalCounter", v.GlobalCounter)
		bin(w, d+1, "Pad", v.Pad)
	case e.Message != nil:
		v := e.Message
		w.Line(d, "Exchange Message Entry ID")
		w.Line(d+1, "Message Type = ", mfc.X(uint64(v.MessageType), 4), " = ", mfc.Flags("flagMessageDatabaseObjectType", uint32(v.MessageType)))
		w.Line(d+1, "Folder Database GUID = ", mfc.GUID(v.FolderDatabaseGUID))
		bin(w, d+1, "Folder GlobalCounter", v.FolderGlobalCounter)
		bin(w, d+1, "Pad1", v.Pad1)
		w.Line(d+1, "Message Database GUID = ", mfc.GUID(v.MessageDatabaseGUID))
		bin(w, d+1, "Message GlobalCounter", v.MessageGlobalCounter)
		bin(w, d+1, "Pad2", v.Pad2)
	case e.AddressBook != nil:
		v := e.AddressBook
		w.Line(d, "Exchange Address Entry ID")
		w.Line(d+1, "Version = ", mfc.X(uint64(v.Version), 8), " = ", mfc.Flags("flagExchangeABVersion", v.Version))
		w.Line(d+1, "Type = ", mfc.X(uint64(v.Type), 8), " = ", mfc.Flags("PR_DISPLAY_TYPE", v.Type))
		w.Line(d+1, "X500DN = ", v.X500DN)
	case e.OneOff != nil:
		v := e.OneOff
		w.Line(d, "MAPI One Off Recipient Entry ID")
		w.Line(d+1, "dwBitmask: ", mfc.X(uint64(v.Bitmask), 8), " = ", mfc.Flags("flagOneOffEntryId", v.Bitmask))
		w.Line(d+1, "szDisplayName = ", v.DisplayName)
		w.Line(d+1, "szAddressType = ", v.AddressType)
		w.Line(d+1, "szEmailAddress = ", v.EmailAddress)
	case e.Contact != nil:
		v := e.Contact
		w.Line(d, "Contact Address Book / PDL Entry ID")
		w.Line(d+1, "Version = ", mfc.X(uint64(v.Version), 8), " = ", mfc.Flags("flagContabVersion", v.Version))
		w.Line(d+1, "Type = ", mfc.X(uint64(v.Type), 8), " = ", mfc.Flags("flagContabType", v.Type))
		switch {
		case v.Type == ContabUser && v.HasIndexCount:
			w.Line(d+1, "Index = ", mfc.X(uint64(v.Index), 8), " = ", mfc.Flags("flagContabIndex", v.Index))
			w.Line(d+1, "EntryIDCount = ", mfc.X(uint64(v.EntryIDCount), 8))
		case v.HasMuid:
			w.Line(d+1, "muidID = ", mfc.GUID(v.MuidID))
		}
		if v.EntryID != nil {
			v.EntryID.render(w, d+1)
		}
	case e.WAB != nil:
		w.Line(d, "Wrapped Entry ID")
		w.Line(d+1, "Wrapped Entry Type = ", mfc.X(uint64(e.WAB.Type), 2), " = ", mfc.Flags("flagWABEntryIDType", uint32(e.WAB.Type)))
		if e.WAB.EntryID != nil {
			e.WAB.EntryID.render(w, d+1)
		}
	}
}

func (s *StoreEntryID) render(w *sv.Writer, d int) {
	w.Line(d, "MAPI Message Store Entry ID")
	w.Line(d+1, "Version = ", mfc.X(uint64(s.Version), 2), " = ", mfc.Flags("flagMDBVersion", uint32(s.Version)))
	w.Line(d+1, "Flag = ", mfc.X(uint64(s.Flag), 2), " = ", mfc.Flags("flagMDBFlag", uint32(s.Flag)))
	w.Line(d+1, "DLLFileName = ", s.DLLFileName)
	if !s.HasWrapped {
		return
	}
	w.Line(d+1, "Wrapped Flags = ", mfc.X(uint64(s.WrappedFlags), 8))
	w.Line(d+1, "WrappedProviderUID = ", mfc.GUID(s.WrappedProviderUID))
	w.Line(d+1, "WrappedType = ", mfc.X(uint64(s.WrappedType), 8), " = ", mfc.Flags("PR_PROFILE_OPEN_FLAGS", s.WrappedType))
	w.Line(d+1, "ServerShortname = ", s.ServerShortname)
	if s.HasMailboxDN {
		w.Line(d+1, "MailboxDN = ", s.MailboxDN)
	}
	if v := s.V2; v != nil {
		w.Line(d+1, "MAPI Message Store Entry ID V2")
		w.Line(d+2, "Magic = ", mfc.X(uint64(v.Magic), 8), " = ", mfc.Flags("flagEidMagic", v.Magic))
		w.Line(d+2, "Size = ", mfc.X(uint64(v.Size), 8), " = ", strconv.FormatUint(uint64(v.Size), 10))
		w.Line(d+2, "Version = ", mfc.X(uint64(v.Version), 8), " = ", mfc.Flags("flagEidVersion", v.Version))
		w.Line(d+2, "OffsetDN = ", mfc.X(uint64(v.OffsetDN), 8))
		w.Line(d+2, "OffsetFQDN = ", mfc.X(uint64(v.OffsetFQDN), 8))
		w.Line(d+2, "DN = ", v.DN)
		if v.HasFQDN {
			w.Line(d+2, "FQDN = ", v.FQDN)
		}
		if v.reserved {
			bin(w, d+2, "Reserved Bytes", v.Reserved)
		}
	}
	if v := s.V3; v != nil {
		w.Line(d+1, "MAPI Message Store Entry ID V3")
		w.Line(d+2, "Magic = ", mfc.X(uint64(v.Magic), 8), " = ", mfc.Flags("flagEidMagic", v.Magic))
		w.Line(d+2, "Size = ", mfc.X(uint64(v.Size), 8), " = ", strconv.FormatUint(uint64(v.Size), 10))
		w.Line(d+2, "Version = ", mfc.X(uint64(v.Version), 8), " = ", mfc.Flags("flagEidVersion", v.Version))
		w.Line(d+2, "OffsetSmtpAddress = ", mfc.X(uint64(v.OffsetSmtpAddress), 8))
		w.Line(d+2, "SmtpAddress = ", v.SmtpAddress)
		if v.reserved {
			bin(w, d+2, "Reserved Bytes", v.Reserved)
		}
	}
}

// bin writes a named block of bytes: the name, then "cb: N lpb: HEX".
func bin(w *sv.Writer, d int, name string, b []byte) {
	w.Line(d, name)
	w.Line(d+1, sv.Bytes(b))
}

// MarshalJSON writes the entry ID with its form's fields; abFlags is hex.
func (e *EntryID) MarshalJSON() ([]byte, error) {
	type plain EntryID
	if !e.HasHeader {
		return []byte("{}"), nil
	}
	return json.Marshal(struct {
		Flags string `json:"abFlags"`
		*plain
	}{wire.UpperHex(e.Flags[:]), (*plain)(e)})
}

// MarshalJSON writes the fields of the contact entry ID's type: Index and
// EntryIDCount for a user, muidID for a container.
func (v *ContactEntryID) MarshalJSON() ([]byte, error) {
	var o struct {
		Version      uint32     `json:"Version"`
		Type         uint32     `json:"Type"`
		Index        *uint32    `json:"Index,omitempty"`
		EntryIDCount *uint32    `json:"EntryIDCount,omitempty"`
		MuidID       *guid.GUID `json:"muidID,omitempty"`
		EntryID      *EntryID   `json:"EntryID,omitempty"`
	}
	o.Version, o.Type, o.EntryID = v.Version, v.Type, v.EntryID
	if v.HasIndexCount {
		o.Index, o.EntryIDCount = &v.Index, &v.EntryIDCount
	}
	if v.HasMuid {
		o.MuidID = &v.MuidID
	}
	return json.Marshal(o)
}
