// Package security reads, checks and explains the Windows security
// structures MAPI stores: SIDs ([MS-DTYP] 2.4.2), ACEs (2.4.4), ACLs
// (2.4.5), self-relative security descriptors (2.4.6), and the header
// Exchange puts before a descriptor in PidTagNTSecurityDescriptor and
// PR_FREEBUSY_NT_SECURITY_DESCRIPTOR.
//
// Each structure decodes as MFCMAPI's SmartView pane reads it: a field
// that does not fit is left out rather than refused, and bytes after the
// structure are kept (TrailingBytes), so that MarshalBinary gives the input
// back: a SID encodes from its fields; the ACE, ACL and descriptor values
// keep the bytes they were decoded from and give those back.
package security

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/internal/mfc"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

type base struct {
	raw      []byte
	Trailing []byte `json:"-"`
}

// TrailingBytes are the bytes after the structure.
func (b *base) TrailingBytes() []byte { return b.Trailing }

// MarshalBinary gives back the bytes the value was decoded from.
func (b *base) MarshalBinary() ([]byte, error) { return b.AppendBinary(nil) }

// AppendBinary appends the bytes the value was decoded from.
func (b *base) AppendBinary(p []byte) ([]byte, error) {
	return append(append(p, b.raw...), b.Trailing...), nil
}

func (b *base) finish(all []byte, c *wire.Cursor) {
	b.Trailing = c.Rest()
	b.raw = all[:len(all)-len(b.Trailing)]
}

func trailing(code string, t []byte) []blob.Finding {
	if len(t) == 0 {
		return nil
	}
	return []blob.Finding{{Code: code, Severity: blob.Warning, Path: "Trailing",
		Message: strconv.Itoa(len(t)) + " bytes after the structure are not part of it"}}
}

// SIDBody is a SID's fields ([MS-DTYP] 2.4.2.2); Has* say which were
// present.
type SIDBody struct {
	Revision          uint8    `json:"Revision"`
	SubAuthorityCount uint8    `json:"SubAuthorityCount"`
	SubAuthority      []uint32 `json:"SubAuthority"`
	Authority         uint64   `json:"IdentifierAuthority"` // IdentifierAuthority as a 48-bit big-endian number

	HasRevision, HasCount, HasAuthority bool `json:"-"`
}

func readSID(c *wire.Cursor) SIDBody {
	var s SIDBody
	s.HasRevision = c.U8(&s.Revision)
	s.HasCount = s.HasRevision && c.U8(&s.SubAuthorityCount)
	if !s.HasCount {
		return s
	}
	if a, ok := c.Fixed(6); ok {
		s.HasAuthority = true
		for _, x := range a {
			s.Authority = s.Authority<<8 | uint64(x)
		}
	}
	for i := 0; i < int(s.SubAuthorityCount) && c.Len() >= 4; i++ {
		var v uint32
		c.U32(&v)
		s.SubAuthority = append(s.SubAuthority, v)
	}
	return s
}

// Complete reports whether every field of the SID was present.
func (s *SIDBody) Complete() bool {
	return s.HasAuthority && len(s.SubAuthority) == int(s.SubAuthorityCount)
}

// String is the SID's textual form, S-1-5-21-…, or "" when it is cut
// short.
func (s *SIDBody) String() string {
	if !s.Complete() {
		return ""
	}
	var b strings.Builder
	b.WriteString("S-")
	b.WriteString(strconv.Itoa(int(s.Revision)))
	b.WriteByte('-')
	if s.Authority < 1<<32 {
		b.WriteString(strconv.FormatUint(s.Authority, 10))
	} else {
		b.WriteString(mfc.X(s.Authority, 12))
	}
	for _, v := range s.SubAuthority {
		b.WriteByte('-')
		b.WriteString(strconv.FormatUint(uint64(v), 10))
	}
	return b.String()
}

// authorityNames are the identifier authorities of [MS-DTYP] 2.4.1.1.
var authorityNames = map[uint64]string{
	0: "SECURITY_NULL_SID_AUTHORITY", 1: "SECURITY_WORLD_SID_AUTHORITY", 2: "SECURITY_LOCAL_SID_AUTHORITY",
	3: "SECURITY_CREATOR_SID_AUTHORITY", 4: "SECURITY_NON_UNIQUE_AUTHORITY", 5: "SECURITY_NT_AUTHORITY",
	9: "SECURITY_RESOURCE_MANAGER_AUTHORITY", 16: "SECURITY_MANDATORY_LABEL_AUTHORITY",
}

// accounts are the well-known SIDs of [MS-DTYP] 2.4.2.4 with the domain
// and name Windows gives them.
var accounts = map[string][2]string{
	"S-1-0-0":      {"", "NULL SID"},
	"S-1-1-0":      {"", "Everyone"},
	"S-1-2-0":      {"", "LOCAL"},
	"S-1-3-0":      {"", "CREATOR OWNER"},
	"S-1-3-1":      {"", "CREATOR GROUP"},
	"S-1-5-1":      {"NT AUTHORITY", "DIALUP"},
	"S-1-5-2":      {"NT AUTHORITY", "NETWORK"},
	"S-1-5-3":      {"NT AUTHORITY", "BATCH"},
	"S-1-5-4":      {"NT AUTHORITY", "INTERACTIVE"},
	"S-1-5-6":      {"NT AUTHORITY", "SERVICE"},
	"S-1-5-7":      {"NT AUTHORITY", "ANONYMOUS LOGON"},
	"S-1-5-9":      {"NT AUTHORITY", "ENTERPRISE DOMAIN CONTROLLERS"},
	"S-1-5-10":     {"NT AUTHORITY", "SELF"},
	"S-1-5-11":     {"NT AUTHORITY", "Authenticated Users"},
	"S-1-5-12":     {"NT AUTHORITY", "RESTRICTED"},
	"S-1-5-13":     {"NT AUTHORITY", "TERMINAL SERVER USER"},
	"S-1-5-14":     {"NT AUTHORITY", "REMOTE INTERACTIVE LOGON"},
	"S-1-5-18":     {"NT AUTHORITY", "SYSTEM"},
	"S-1-5-19":     {"NT AUTHORITY", "LOCAL SERVICE"},
	"S-1-5-20":     {"NT AUTHORITY", "NETWORK SERVICE"},
	"S-1-5-32-544": {"BUILTIN", "Administrators"},
	"S-1-5-32-545": {"BUILTIN", "Users"},
	"S-1-5-32-546": {"BUILTIN", "Guests"},
	"S-1-5-32-547": {"BUILTIN", "Power Users"},
	"S-1-5-32-548": {"BUILTIN", "Account Operators"},
	"S-1-5-32-549": {"BUILTIN", "Server Operators"},
	"S-1-5-32-550": {"BUILTIN", "Print Operators"},
	"S-1-5-32-551": {"BUILTIN", "Backup Operators"},
	"S-1-5-32-552": {"BUILTIN", "Replicator"},
}

// Account is the well-known account the SID names, as "DOMAIN\name";
// "(no domain)\(no name)" for any other.
func (s *SIDBody) Account() string {
	if a, ok := accounts[s.String()]; ok {
		return a[0] + `\` + a[1]
	}
	return `(no domain)\(no name)`
}

func (s *SIDBody) render(w *sv.Writer, d int) {
	w.Line(d, "SID")
	w.Line(d+1, "User: ", s.Account())
	text := s.String()
	if text == "" {
		text = "(no SID)"
	}
	w.Line(d+1, "Textual SID: ", text)
	if s.HasRevision {
		w.Line(d+2, "Revision: ", mfc.X(uint64(s.Revision), 2))
	}
	if s.HasCount {
		w.Line(d+2, "SubAuthorityCount: ", mfc.X(uint64(s.SubAuthorityCount), 2))
	}
	if s.HasAuthority {
		name, ok := authorityNames[s.Authority]
		if !ok {
			name = strconv.FormatUint(s.Authority, 10)
		}
		w.Line(d+2, "IdentifierAuthority: ", name)
	}
	for i, v := range s.SubAuthority {
		w.Line(d+2, "SubAuthority[", strconv.Itoa(i), "]: ", strconv.Itoa(int(int32(v))), " = ", mfc.X(uint64(v), 8))
	}
}

func (s *SIDBody) check(path string) []blob.Finding {
	if !s.Complete() {
		return []blob.Finding{{Code: "SID_TRUNCATED", Severity: blob.Error, Path: path,
			Message: "the SID is shorter than its SubAuthorityCount says ([MS-DTYP] 2.4.2.2); Windows cannot read it"}}
	}
	if s.Revision != 1 {
		return []blob.Finding{{Code: "SID_REVISION", Severity: blob.Error, Path: path + ".Revision",
			Message: "the SID's Revision is " + strconv.Itoa(int(s.Revision)) + ", not 1 ([MS-DTYP] 2.4.2.2)"}}
	}
	return nil
}

// SID is a standalone SID (PidTagCreatorSid, PidTagLastModifierSid).
type SID struct {
	base
	SIDBody
	empty bool
}

// ParseSID decodes a SID; fields that do not fit are left out.
func ParseSID(b []byte) (*SID, error) {
	all := bytes.Clone(b)
	c := wire.NewCursor(all)
	s := &SID{SIDBody: readSID(&c), empty: len(b) == 0}
	s.finish(all, &c)
	return s, nil
}

// Kind is blob.KindSID.
func (s *SID) Kind() blob.Kind { return blob.KindSID }

// Check reports a SID cut short or of an unknown revision, and bytes after
// it.
func (s *SID) Check() []blob.Finding {
	return append(s.check("SID"), trailing("SID_TRAILING_BYTES", s.Trailing)...)
}

// SmartView renders s as MFCMAPI does ("SID"); nothing for no bytes.
func (s *SID) SmartView() string {
	if s.empty {
		return ""
	}
	var w sv.Writer
	s.render(&w, 0)
	w.Unparsed(1, s.Trailing)
	return w.String()
}

// Text is the SmartView text.
func (s *SID) Text() string { return s.SmartView() }

// MaskKind says which rights an ACE's mask holds, as MFCMAPI's ACE parsers
// do: a folder's (container), an item's (message) or free/busy rights.
type MaskKind uint8

// Mask kinds.
const (
	MaskMessage MaskKind = iota
	MaskContainer
	MaskFreeBusy
)

func (k MaskKind) table() string {
	switch k {
	case MaskContainer:
		return "flagACEMaskContainer"
	case MaskFreeBusy:
		return "flagACEMaskFreeBusy"
	}
	return "flagACEMaskNonContainer"
}

// ACEBody is an ACE's fields ([MS-DTYP] 2.4.4): the header, the mask, for
// an object ACE its flags and object types, and the SID.
type ACEBody struct {
	Type                uint8     `json:"AceType"`
	Flags               uint8     `json:"AceFlags"`
	Size                uint16    `json:"AceSize"`
	Mask                uint32    `json:"Mask"`
	ObjectFlags         uint32    `json:"Flags"`
	ObjectType          guid.GUID `json:"ObjectType"`
	InheritedObjectType guid.GUID `json:"InheritedObjectType"`
	SID                 SIDBody   `json:"Sid"`

	HasHeader, HasMask, IsObject, HasObjectFlags, HasObjectType, HasInherited bool `json:"-"`
}

// isObjectACE reports whether an ACE type has the object layout
// ([MS-DTYP] 2.4.4.3 and the callback and audit forms).
func isObjectACE(t uint8) bool {
	switch t {
	case 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0F, 0x10:
		return true
	}
	return false
}

func readACE(c *wire.Cursor) ACEBody {
	var a ACEBody
	h, ok := c.Fixed(4)
	if !ok {
		return a
	}
	a.HasHeader = true
	a.Type, a.Flags, a.Size = h[0], h[1], uint16(h[2])|uint16(h[3])<<8
	// The rest of the ACE lies within AceSize.
	n := min(uint64(max(int(a.Size)-4, 0)), uint64(c.Len()))
	var body []byte
	c.Bytes(&body, int(n))
	bc := wire.NewCursor(body)
	if a.HasMask = bc.U32(&a.Mask); !a.HasMask {
		return a
	}
	if isObjectACE(a.Type) {
		a.IsObject = true
		if a.HasObjectFlags = bc.U32(&a.ObjectFlags); !a.HasObjectFlags {
			return a
		}
		if a.ObjectFlags&1 != 0 {
			if g, ok := bc.Fixed(16); ok {
				a.ObjectType, a.HasObjectType = guid.GUID(g), true
			}
		}
		if a.ObjectFlags&2 != 0 {
			if g, ok := bc.Fixed(16); ok {
				a.InheritedObjectType, a.HasInherited = guid.GUID(g), true
			}
		}
	}
	a.SID = readSID(&bc)
	return a
}

func (a *ACEBody) render(w *sv.Writer, d int, k MaskKind) {
	w.Line(d, "ACE")
	if !a.HasHeader {
		return
	}
	w.Line(d+1, "Type: ", mfc.X(uint64(a.Type), 2), " = ", mfc.Flags("flagACEType", uint32(a.Type)))
	w.Line(d+1, "Flags: ", mfc.X(uint64(a.Flags), 2), " = ", mfc.Flags("flagACEFlag", uint32(a.Flags)))
	w.Line(d+1, "Size: ", mfc.X(uint64(a.Size), 4))
	if !a.HasMask {
		return
	}
	w.Line(d+1, "Mask: ", mfc.X(uint64(a.Mask), 8), " = ", mfc.Flags(k.table(), a.Mask))
	if a.HasObjectFlags {
		w.Line(d+1, "Flags: ", mfc.X(uint64(a.ObjectFlags), 8))
	}
	if a.HasObjectType {
		w.Line(d+1, "ObjectType: ", mfc.GUID(a.ObjectType))
	}
	if a.HasInherited {
		w.Line(d+1, "InheritedObjectType: ", mfc.GUID(a.InheritedObjectType))
	}
	if a.SID.HasRevision {
		a.SID.render(w, d+1)
	}
}

func (a *ACEBody) check(path string) []blob.Finding {
	if !a.HasHeader || !a.HasMask {
		return []blob.Finding{{Code: "ACE_TRUNCATED", Severity: blob.Error, Path: path,
			Message: "the ACE is cut short before its mask ([MS-DTYP] 2.4.4)"}}
	}
	return a.SID.check(path + ".Sid")
}

// ACE is a standalone ACE, read with the rights of one kind of object.
type ACE struct {
	base
	ACEBody
	MaskKind MaskKind `json:"-"`
	kind     blob.Kind
}

// ParseACE decodes an ACE whose mask holds rights of kind k.
func ParseACE(b []byte, k MaskKind) (*ACE, error) {
	all := bytes.Clone(b)
	c := wire.NewCursor(all)
	a := &ACE{ACEBody: readACE(&c), MaskKind: k}
	switch k {
	case MaskContainer:
		a.kind = blob.KindACEContainer
	case MaskFreeBusy:
		a.kind = blob.KindACEFreeBusy
	default:
		a.kind = blob.KindACEMessage
	}
	a.finish(all, &c)
	return a, nil
}

// Kind is the ACE kind its rights were read as.
func (a *ACE) Kind() blob.Kind { return a.kind }

// Check reports an ACE cut short and bytes after it.
func (a *ACE) Check() []blob.Finding {
	return append(a.check("ACE"), trailing("ACE_TRAILING_BYTES", a.Trailing)...)
}

// SmartView renders a as MFCMAPI does ("ACE").
func (a *ACE) SmartView() string {
	var w sv.Writer
	a.render(&w, 0, a.MaskKind)
	w.Unparsed(1, a.Trailing)
	return w.String()
}

// Text is the SmartView text.
func (a *ACE) Text() string { return a.SmartView() }

// ACLBody is an ACL's fields ([MS-DTYP] 2.4.5) and its ACEs.
type ACLBody struct {
	Revision uint8     `json:"AclRevision"`
	Sbz1     uint8     `json:"Sbz1"`
	Size     uint16    `json:"AclSize"`
	AceCount uint16    `json:"AceCount"`
	Sbz2     uint16    `json:"Sbz2"`
	ACEs     []ACEBody `json:"Aces"`
	fields   int
}

func readACL(c *wire.Cursor) ACLBody {
	var l ACLBody
	if !c.U8(&l.Revision) {
		return l
	}
	l.fields++
	if !c.U8(&l.Sbz1) {
		return l
	}
	l.fields++
	for _, f := range []*uint16{&l.Size, &l.AceCount, &l.Sbz2} {
		if !c.U16(f) {
			return l
		}
		l.fields++
	}
	for i := 0; i < int(l.AceCount) && c.Len() >= 4; i++ {
		l.ACEs = append(l.ACEs, readACE(c))
	}
	return l
}

func (l *ACLBody) render(w *sv.Writer, d int, k MaskKind) {
	w.Line(d, "ACL")
	lines := []func(){
		func() { w.Line(d+1, "Revision: ", mfc.X(uint64(l.Revision), 2)) },
		func() { w.Line(d+1, "Sbz1: ", mfc.X(uint64(l.Sbz1), 2)) },
		func() { w.Line(d+1, "AclSize: ", mfc.X(uint64(l.Size), 4)) },
		func() { w.Line(d+1, "AceCount: ", mfc.X(uint64(l.AceCount), 4)) },
		func() { w.Line(d+1, "Sbz2: ", mfc.X(uint64(l.Sbz2), 4)) },
	}
	for i := 0; i < l.fields; i++ {
		lines[i]()
	}
	for i := range l.ACEs {
		l.ACEs[i].render(w, d+1, k)
	}
}

func (l *ACLBody) check(path string) []blob.Finding {
	var out []blob.Finding
	if l.fields < 5 {
		return []blob.Finding{{Code: "ACL_TRUNCATED", Severity: blob.Error, Path: path,
			Message: "the ACL is shorter than its 8-byte header ([MS-DTYP] 2.4.5)"}}
	}
	if l.Revision != 2 && l.Revision != 4 {
		out = append(out, blob.Finding{Code: "ACL_REVISION", Severity: blob.Error, Path: path + ".AclRevision",
			Message: "AclRevision is " + strconv.Itoa(int(l.Revision)) + ", not 2 or 4 ([MS-DTYP] 2.4.5)"})
	}
	if len(l.ACEs) < int(l.AceCount) {
		out = append(out, blob.Finding{Code: "ACL_ACE_COUNT", Severity: blob.Error, Path: path + ".AceCount",
			Message: "AceCount says " + strconv.Itoa(int(l.AceCount)) + " ACEs but " + strconv.Itoa(len(l.ACEs)) + " fit; Windows refuses the ACL"})
	}
	for i := range l.ACEs {
		out = append(out, l.ACEs[i].check(wire.Path(path+".Aces", i, ""))...)
	}
	return out
}

// ACL is a standalone ACL, its ACEs read as item rights.
type ACL struct {
	base
	ACLBody
}

// ParseACL decodes an ACL.
func ParseACL(b []byte) (*ACL, error) {
	all := bytes.Clone(b)
	c := wire.NewCursor(all)
	l := &ACL{ACLBody: readACL(&c)}
	l.finish(all, &c)
	return l, nil
}

// Kind is blob.KindACL.
func (l *ACL) Kind() blob.Kind { return blob.KindACL }

// Check reports an ACL cut short, an unknown revision, missing ACEs and
// bytes after the ACL.
func (l *ACL) Check() []blob.Finding {
	return append(l.check("ACL"), trailing("ACL_TRAILING_BYTES", l.Trailing)...)
}

// SmartView renders l as MFCMAPI does ("ACL").
func (l *ACL) SmartView() string {
	var w sv.Writer
	l.render(&w, 0, MaskMessage)
	w.Unparsed(1, l.Trailing)
	return w.String()
}

// Text is the SmartView text.
func (l *ACL) Text() string { return l.SmartView() }

func (s *SIDBody) appendBinary(b []byte) []byte {
	if !s.HasRevision {
		return b
	}
	b = append(b, s.Revision)
	if !s.HasCount {
		return b
	}
	b = append(b, s.SubAuthorityCount)
	if s.HasAuthority {
		a := s.Authority
		b = append(b, byte(a>>40), byte(a>>32), byte(a>>24), byte(a>>16), byte(a>>8), byte(a))
	}
	for _, v := range s.SubAuthority {
		b = wire.AppendU32(b, v)
	}
	return b
}

// MarshalBinary encodes s from its fields.
func (s *SID) MarshalBinary() ([]byte, error) { return s.AppendBinary(nil) }

// AppendBinary appends the encoding of s: the fields present, with
// SubAuthorityCount as stored, then any trailing bytes.
func (s *SID) AppendBinary(b []byte) ([]byte, error) {
	return append(s.appendBinary(b), s.Trailing...), nil
}
