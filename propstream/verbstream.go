package propstream

import (
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/mfcprop"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// VerbStream is PidLidVerbStream ([MS-OXOMSG] 2.2.1.74): the voting
// options and custom verbs a message offers, as two parallel arrays.
type VerbStream struct {
	Version     uint16             `json:"Version"` // Version: 0x0102
	Count       uint32             `json:"Count"`   // Count: the number of VoteOption (and of VoteOptionExtras) structures, as stored
	VoteOptions []VoteOption       `json:"VoteOption"`
	Version2    uint16             `json:"Version2"` // Version2: 0x0104
	Extras      []VoteOptionExtras `json:"VoteOptionExtras"`
	// Trailing holds bytes after the last VoteOptionExtras, kept so that
	// encoding gives the input back.
	Trailing blob.HexBytes `json:"-"`
}

// VoteOption is one verb ([MS-OXOMSG] 2.2.1.74.1). The strings are ANSI
// and stored without a terminator, each after a one-byte count.
type VoteOption struct {
	VerbType          uint32     `json:"VerbType"`          // VerbType: 4 for a voting option
	DisplayName       ANSIString `json:"DisplayName"`       // DisplayName: the localized name, ANSI
	MsgClsName        ANSIString `json:"MsgClsName"`        // MsgClsName: "IPM.Note" for a voting option
	Internal1String   ANSIString `json:"Internal1String"`   // Internal1String
	DisplayNameRepeat ANSIString `json:"DisplayNameRepeat"` // DisplayNameRepeat: DisplayName again
	Internal2         uint32     `json:"Internal2"`         // Internal2
	Internal3         uint8      `json:"Internal3"`         // Internal3
	UseUSHeaders      uint32     `json:"fUseUSHeaders"`     // fUseUSHeaders: US-style reply headers
	Internal4         uint32     `json:"Internal4"`         // Internal4
	SendBehavior      uint32     `json:"SendBehavior"`      // SendBehavior: send at once or prompt
	Internal5         uint32     `json:"Internal5"`         // Internal5
	ID                uint32     `json:"ID"`                // ID: the verb's id (1 upward for voting options)
	Internal6         uint32     `json:"Internal6"`         // Internal6
}

// VoteOptionExtras is the Unicode form of a VoteOption's names
// ([MS-OXOMSG] 2.2.1.74.2); each string is UTF-16LE after a one-byte count
// of characters.
type VoteOptionExtras struct {
	DisplayName       UnicodeString `json:"DisplayName"`       // DisplayName
	DisplayNameRepeat UnicodeString `json:"DisplayNameRepeat"` // DisplayNameRepeat
}

// Verb stream versions ([MS-OXOMSG] 2.2.1.74).
const (
	VerbStreamVersion  = 0x0102 // Version
	VerbStreamVersion2 = 0x0104 // Version2
)

// The fixed parts of a VoteOption.
const (
	voteOptionTail    = 4 + 1 + 6*4            // Internal2 to Internal6
	voteOptionMinSize = 4 + 4 + voteOptionTail // VerbType, four counts, the tail
)

// ParseVerbStream decodes a PidLidVerbStream value.
func ParseVerbStream(b []byte) (*VerbStream, error) {
	s := new(VerbStream)
	if err := s.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return s, nil
}

// counted reads a one-byte count and that many units of size bytes.
func counted[S ~[]byte](c *wire.Cursor, v *S, size int, path string) error {
	var n uint8
	if !c.U8(&n) {
		return c.Truncated(path+"Count", 1)
	}
	var b []byte
	if !c.Bytes(&b, int(n)*size) {
		return c.Truncated(path, int(n)*size)
	}
	*v = b
	return nil
}

// UnmarshalBinary decodes b into s.
func (s *VerbStream) UnmarshalBinary(b []byte) error {
	*s = VerbStream{}
	c := wire.NewCursor(b)
	if !c.U16(&s.Version) {
		return c.Truncated("Version", 2)
	}
	if !c.U32(&s.Count) {
		return c.Truncated("Count", 4)
	}
	if !c.Fits(uint64(s.Count), voteOptionMinSize+2) {
		return wire.CountTooLarge("Count", 2, uint64(s.Count), voteOptionMinSize+2, c.Len())
	}
	s.VoteOptions = make([]VoteOption, s.Count)
	for i := range s.VoteOptions {
		v := &s.VoteOptions[i]
		p := func(f string) string { return wire.Path("VoteOption", i, f) }
		if !c.U32(&v.VerbType) {
			return c.Truncated(p("VerbType"), 4)
		}
		if err := counted(&c, &v.DisplayName, 1, p("DisplayName")); err != nil {
			return err
		}
		if err := counted(&c, &v.MsgClsName, 1, p("MsgClsName")); err != nil {
			return err
		}
		if err := counted(&c, &v.Internal1String, 1, p("Internal1String")); err != nil {
			return err
		}
		if err := counted(&c, &v.DisplayNameRepeat, 1, p("DisplayNameRepeat")); err != nil {
			return err
		}
		f, ok := c.Fixed(voteOptionTail)
		if !ok {
			return c.Truncated(p("Internal2"), voteOptionTail)
		}
		r := wire.NewCursor(f)
		r.U32(&v.Internal2)
		r.U8(&v.Internal3)
		r.U32(&v.UseUSHeaders)
		r.U32(&v.Internal4)
		r.U32(&v.SendBehavior)
		r.U32(&v.Internal5)
		r.U32(&v.ID)
		r.U32(&v.Internal6)
	}
	if !c.U16(&s.Version2) {
		return c.Truncated("Version2", 2)
	}
	s.Extras = make([]VoteOptionExtras, s.Count)
	for i := range s.Extras {
		e := &s.Extras[i]
		if err := counted(&c, &e.DisplayName, 2, wire.Path("VoteOptionExtras", i, "DisplayName")); err != nil {
			return err
		}
		if err := counted(&c, &e.DisplayNameRepeat, 2, wire.Path("VoteOptionExtras", i, "DisplayNameRepeat")); err != nil {
			return err
		}
	}
	s.Trailing = c.Rest()
	return nil
}

// Kind is blob.KindVerbStream.
func (s *VerbStream) Kind() blob.Kind { return blob.KindVerbStream }

// TrailingBytes are the bytes after the last VoteOptionExtras.
func (s *VerbStream) TrailingBytes() []byte { return s.Trailing }

// Check reports versions other than the specification's, names longer
// than a count byte can say, and trailing bytes.
func (s *VerbStream) Check() []blob.Finding {
	var fs []blob.Finding
	if s.Version != VerbStreamVersion {
		fs = append(fs, blob.Finding{Code: "VERB_BAD_VERSION", Severity: blob.Warning, Path: "Version",
			Message: "Version is " + h4(s.Version) + ", not 0x0102; Outlook may not read the verbs"})
	}
	if s.Version2 != VerbStreamVersion2 && len(s.Extras) > 0 {
		fs = append(fs, blob.Finding{Code: "VERB_BAD_VERSION2", Severity: blob.Warning, Path: "Version2",
			Message: "Version2 is " + h4(s.Version2) + ", not 0x0104; Outlook may ignore the Unicode names"})
	}
	for i, v := range s.VoteOptions {
		if string(v.DisplayName) != string(v.DisplayNameRepeat) {
			fs = append(fs, blob.Finding{Code: "VERB_NAME_REPEAT_DIFFERS", Severity: blob.Info,
				Path:    wire.Path("VoteOption", i, "DisplayNameRepeat"),
				Message: "DisplayNameRepeat differs from DisplayName; the specification wants them equal"})
		}
	}
	return append(fs, trailing("VERB_TRAILING_BYTES", "VoteOptionExtras", len(s.Trailing))...)
}

func appendCounted(b, s []byte, size int) []byte {
	n := min(len(s)/size, 255)
	b = append(b, byte(n))
	return append(b, s[:n*size]...)
}

// AppendBinary appends the stream's bytes to b. Count is written as
// len(VoteOption); VoteOptionExtras follow to the same number (missing
// ones empty, extra ones left out).
func (s *VerbStream) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU16(b, s.Version)
	b = wire.AppendU32(b, uint32(len(s.VoteOptions)))
	for _, v := range s.VoteOptions {
		b = wire.AppendU32(b, v.VerbType)
		b = appendCounted(b, v.DisplayName, 1)
		b = appendCounted(b, v.MsgClsName, 1)
		b = appendCounted(b, v.Internal1String, 1)
		b = appendCounted(b, v.DisplayNameRepeat, 1)
		b = wire.AppendU32(b, v.Internal2)
		b = wire.AppendU8(b, v.Internal3)
		b = wire.AppendU32(b, v.UseUSHeaders)
		b = wire.AppendU32(b, v.Internal4)
		b = wire.AppendU32(b, v.SendBehavior)
		b = wire.AppendU32(b, v.Internal5)
		b = wire.AppendU32(b, v.ID)
		b = wire.AppendU32(b, v.Internal6)
	}
	b = wire.AppendU16(b, s.Version2)
	for i := range s.VoteOptions {
		var e VoteOptionExtras
		if i < len(s.Extras) {
			e = s.Extras[i]
		}
		b = appendCounted(b, e.DisplayName, 2)
		b = appendCounted(b, e.DisplayNameRepeat, 2)
	}
	return append(b, s.Trailing...), nil
}

// MarshalBinary encodes the stream.
func (s *VerbStream) MarshalBinary() ([]byte, error) { return s.AppendBinary(nil) }

func quotedANSI(w *sv.Writer, name string, b []byte) {
	w.Line(2, name, "Count = ", h2(uint8(len(b))))
	if len(b) > 0 {
		w.Line(2, name, ` = "`, sv.PrintableBytes(b), `"`)
	}
}

func quotedWide(w *sv.Writer, name string, b []byte) {
	w.Line(2, name, "Count = ", h2(uint8(len(b)/2)))
	if len(b) > 0 {
		s, _ := wire.DecodeUTF16(b)
		w.Line(2, name, ` = "`, sv.Printable(s), `"`)
	}
}

// SmartView renders s as MFCMAPI's SmartView pane does.
func (s *VerbStream) SmartView() string {
	var w sv.Writer
	w.Line(0, "Verb Stream")
	w.Line(1, "Version = ", h4(s.Version))
	w.Line(1, "Count = ", h8(s.Count))
	for i, v := range s.VoteOptions {
		w.Line(1, "VerbData[", strconv.Itoa(i), "]")
		w.Line(2, "VerbType = ", h8(v.VerbType))
		quotedANSI(&w, "DisplayName", v.DisplayName)
		quotedANSI(&w, "MsgClsName", v.MsgClsName)
		quotedANSI(&w, "Internal1String", v.Internal1String)
		w.Line(2, "DisplayNameCountRepeat = ", h2(uint8(len(v.DisplayNameRepeat))))
		if len(v.DisplayNameRepeat) > 0 {
			w.Line(2, `DisplayNameRepeat = "`, sv.PrintableBytes(v.DisplayNameRepeat), `"`)
		}
		w.Line(2, "Internal2 = ", h8(v.Internal2))
		w.Line(2, "Internal3 = ", h8(uint32(v.Internal3)))
		w.Line(2, "fUseUSHeaders = ", h2(uint8(v.UseUSHeaders)))
		w.Line(2, "Internal4 = ", h8(v.Internal4))
		w.Line(2, "SendBehavior = ", h8(v.SendBehavior))
		w.Line(2, "Internal5 = ", h8(v.Internal5))
		w.Line(2, "ID = ", h8(v.ID), " = ", verbName(v.ID))
		w.Line(2, "Internal6 = ", h8(v.Internal6))
	}
	w.Line(1, "Version2 = ", h4(s.Version2))
	for i, e := range s.Extras {
		w.Line(1, "VerbExtraData[", strconv.Itoa(i), "]")
		quotedWide(&w, "DisplayName", e.DisplayName)
		w.Line(2, "DisplayNameCountRepeat = ", h2(uint8(len(e.DisplayNameRepeat)/2)))
		if len(e.DisplayNameRepeat) > 0 {
			s, _ := wire.DecodeUTF16(e.DisplayNameRepeat)
			w.Line(2, `DisplayNameRepeat = "`, sv.Printable(s), `"`)
		}
	}
	w.Unparsed(1, s.Trailing)
	return w.String()
}

// Text renders s for people: its SmartView form.
func (s *VerbStream) Text() string { return s.SmartView() }

// verbName names a verb id as MFCMAPI names the values of
// PidTagLastVerbExecuted, whose ids a VoteOption's ID also takes
// ([MS-OXPROPS], [MS-OXOMSG]), from the generated flag tables.
func verbName(id uint32) string {
	name, _ := mfcprop.Flags(0x10810003, id) // PidTagLastVerbExecuted
	return name
}
