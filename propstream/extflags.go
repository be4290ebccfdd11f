package propstream

import (
	"encoding/binary"
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// ExtendedFolderFlags is PidTagExtendedFolderFlags ([MS-OXPROPS],
// [MS-OXOSRCH]): a run of tagged values, each an Id byte, a Cb
// byte and Cb bytes of data, to the end of the value.
type ExtendedFolderFlags struct {
	Flags []ExtendedFolderFlag `json:"Flags"`
	// Trailing holds bytes that do not make a whole flag, kept so that
	// encoding gives the input back.
	Trailing blob.HexBytes `json:"-"`
}

// ExtendedFolderFlag is one tagged value.
type ExtendedFolderFlag struct {
	ID   uint8         `json:"Id"`   // Id: EFPB_FLAGS, EFPB_CLSIDID, EFPB_SFTAG, EFPB_TODO_VERSION
	Size uint8         `json:"Cb"`   // Cb: the length of Data
	Data blob.HexBytes `json:"Data"` // the value
}

// Ids of the tagged values.
const (
	EFPBFlags       = 0x01 // EFPB_FLAGS: a DWORD of XEFF_ flags
	EFPBClsidID     = 0x02 // EFPB_CLSIDID: the search folder's id, a GUID
	EFPBSFTag       = 0x03 // EFPB_SFTAG: the search folder's tag, a DWORD
	EFPBToDoVersion = 0x05 // EFPB_TODO_VERSION: the to-do folder's version, a DWORD
)

var (
	extFlagIDs = sv.FlagTable{
		{Kind: sv.FlagValue, Value: EFPBFlags, Name: "EFPB_FLAGS"},
		{Kind: sv.FlagValue, Value: EFPBClsidID, Name: "EFPB_CLSIDID"},
		{Kind: sv.FlagValue, Value: EFPBSFTag, Name: "EFPB_SFTAG"},
		{Kind: sv.FlagValue, Value: EFPBToDoVersion, Name: "EFPB_TODO_VERSION"},
	}
	xeffFlags = sv.FlagTable{
		{Kind: sv.FlagValue, Value: 0, Name: "XEFF_NORMAL"},
		{Kind: sv.FlagBit, Value: 0x01, Name: "XEFF_SHOW_UNREAD_COUNT"},
		{Kind: sv.FlagBit, Value: 0x02, Name: "XEFF_SHOW_CONTENT_COUNT"},
		{Kind: sv.FlagBit, Value: 0x20, Name: "XEFF_SHOW_NO_POLICY"},
	}
)

// ParseExtendedFolderFlags decodes a PidTagExtendedFolderFlags value. It
// never fails: bytes that do not hold a whole flag are trailing.
func ParseExtendedFolderFlags(b []byte) (*ExtendedFolderFlags, error) {
	f := new(ExtendedFolderFlags)
	if err := f.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return f, nil
}

// UnmarshalBinary decodes b into f.
func (f *ExtendedFolderFlags) UnmarshalBinary(b []byte) error {
	c := wire.NewCursor(b)
	n := 0
	for probe := c; ; n++ {
		var id, cb uint8
		if !probe.U8(&id) || !probe.U8(&cb) || !probe.Skip(int(cb)) {
			break
		}
	}
	f.Flags = make([]ExtendedFolderFlag, n)
	for i := range f.Flags {
		e := &f.Flags[i]
		var data []byte
		c.U8(&e.ID)
		c.U8(&e.Size)
		c.Bytes(&data, int(e.Size))
		e.Data = data
	}
	f.Trailing = c.Rest()
	return nil
}

// Kind is blob.KindExtendedFolderFlags.
func (f *ExtendedFolderFlags) Kind() blob.Kind { return blob.KindExtendedFolderFlags }

// TrailingBytes are the bytes after the last whole flag.
func (f *ExtendedFolderFlags) TrailingBytes() []byte { return f.Trailing }

// Check reports a known Id whose Cb is not its value's size, and trailing
// bytes.
func (f *ExtendedFolderFlags) Check() []blob.Finding {
	var fs []blob.Finding
	for i, e := range f.Flags {
		if want, ok := extFlagSize(e.ID); ok && int(e.Size) != want {
			fs = append(fs, blob.Finding{Code: "EXTFLAGS_BAD_SIZE", Severity: blob.Warning, Path: wire.Path("Flags", i, "Cb"),
				Message: "Cb is " + strconv.Itoa(int(e.Size)) + " for Id " + h2(e.ID) + ", which holds " + strconv.Itoa(want) + " bytes; Outlook ignores the value"})
		}
	}
	return append(fs, trailing("EXTFLAGS_TRAILING_BYTES", "Flags", len(f.Trailing))...)
}

func extFlagSize(id uint8) (int, bool) {
	switch id {
	case EFPBFlags, EFPBSFTag, EFPBToDoVersion:
		return 4, true
	case EFPBClsidID:
		return 16, true
	}
	return 0, false
}

// AppendBinary appends the value's bytes to b; Cb is written as len(Data)
// (at most 255 bytes of it).
func (f *ExtendedFolderFlags) AppendBinary(b []byte) ([]byte, error) {
	for _, e := range f.Flags {
		b = append(b, e.ID)
		b = appendCounted(b, e.Data, 1)
	}
	return append(b, f.Trailing...), nil
}

// MarshalBinary encodes the value.
func (f *ExtendedFolderFlags) MarshalBinary() ([]byte, error) { return f.AppendBinary(nil) }

// SmartView renders f as MFCMAPI's SmartView pane does.
func (f *ExtendedFolderFlags) SmartView() string {
	var w sv.Writer
	w.Line(0, "Extended Flags")
	w.Line(1, "Number of flags = ", strconv.Itoa(len(f.Flags)))
	for i, e := range f.Flags {
		w.Line(1, "Flag[", strconv.Itoa(i), "]")
		w.Line(2, "Id = ", h2(e.ID), " = ", extFlagIDs.Interpret(uint32(e.ID)))
		w.Line(3, "Cb = ", h2(e.Size), " = ", strconv.Itoa(int(e.Size)))
		want, known := extFlagSize(e.ID)
		switch {
		case known && len(e.Data) == want && want == 16:
			w.Line(3, "SearchFolderID = ", guid.GUID(e.Data).String())
		case known && len(e.Data) == want:
			v := binary.LittleEndian.Uint32(e.Data)
			switch e.ID {
			case EFPBFlags:
				w.Line(3, "Extended Flags = ", h8(v), " = ", xeffFlags.Interpret(v))
			case EFPBSFTag:
				w.Line(3, "SearchFolderTag = ", h8(v))
			default:
				w.Line(3, "ToDoFolderVersion = ", h8(v))
			}
		default:
			w.Line(2, "Unknown Data")
			w.Line(3, sv.Bytes(e.Data))
		}
	}
	w.Unparsed(1, f.Trailing)
	return w.String()
}

// Text renders f for people: its SmartView form.
func (f *ExtendedFolderFlags) Text() string { return f.SmartView() }
