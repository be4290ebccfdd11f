package security

import (
	"bytes"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/mfc"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// SDBody is a self-relative security descriptor ([MS-DTYP] 2.4.6): the
// header, and the owner, group, SACL and DACL its offsets point at.
type SDBody struct {
	Revision    uint8    `json:"Revision"`
	Sbz1        uint8    `json:"Sbz1"`
	Control     uint16   `json:"Control"`
	OffsetOwner uint32   `json:"OffsetOwner"`
	OffsetGroup uint32   `json:"OffsetGroup"`
	OffsetSacl  uint32   `json:"OffsetSacl"`
	OffsetDacl  uint32   `json:"OffsetDacl"`
	Owner       *SIDBody `json:"OwnerSid,omitempty"`
	Group       *SIDBody `json:"GroupSid,omitempty"`
	Sacl        *ACLBody `json:"Sacl,omitempty"`
	Dacl        *ACLBody `json:"Dacl,omitempty"`
	fields      int
}

// readSD reads a descriptor from b; the offsets count from b's start.
func readSD(b []byte) SDBody {
	var s SDBody
	c := wire.NewCursor(b)
	if !c.U8(&s.Revision) {
		return s
	}
	s.fields++
	if !c.U8(&s.Sbz1) {
		return s
	}
	s.fields++
	if !c.U16(&s.Control) {
		return s
	}
	s.fields++
	for _, f := range []*uint32{&s.OffsetOwner, &s.OffsetGroup, &s.OffsetSacl, &s.OffsetDacl} {
		if !c.U32(f) {
			return s
		}
		s.fields++
	}
	at := func(off uint32) (wire.Cursor, bool) {
		if off == 0 || uint64(off) >= uint64(len(b)) {
			return wire.Cursor{}, false
		}
		return wire.NewCursor(b[off:]), true
	}
	if sc, ok := at(s.OffsetOwner); ok {
		v := readSID(&sc)
		s.Owner = &v
	}
	if sc, ok := at(s.OffsetGroup); ok {
		v := readSID(&sc)
		s.Group = &v
	}
	if sc, ok := at(s.OffsetSacl); ok {
		v := readACL(&sc)
		s.Sacl = &v
	}
	if sc, ok := at(s.OffsetDacl); ok {
		v := readACL(&sc)
		s.Dacl = &v
	}
	return s
}

func (s *SDBody) render(w *sv.Writer, d int) {
	w.Line(d, "Security Descriptor")
	lines := []func(){
		func() { w.Line(d+1, "Revision: ", mfc.X(uint64(s.Revision), 2)) },
		func() { w.Line(d+1, "Sbz1: ", mfc.X(uint64(s.Sbz1), 2)) },
		func() { w.Line(d+1, "Control: ", mfc.X(uint64(s.Control), 4)) },
		func() { w.Line(d+1, "OffsetOwner: ", mfc.X(uint64(s.OffsetOwner), 8)) },
		func() { w.Line(d+1, "OffsetGroup: ", mfc.X(uint64(s.OffsetGroup), 8)) },
		func() { w.Line(d+1, "OffsetSacl: ", mfc.X(uint64(s.OffsetSacl), 8)) },
		func() { w.Line(d+1, "OffsetDacl: ", mfc.X(uint64(s.OffsetDacl), 8)) },
	}
	for i := 0; i < s.fields; i++ {
		lines[i]()
	}
	if s.Owner != nil {
		w.Line(d+1, "OwnerSid")
		s.Owner.render(w, d+2)
	}
	if s.Group != nil {
		w.Line(d+1, "GroupSid")
		s.Group.render(w, d+2)
	}
	if s.Sacl != nil {
		w.Line(d+1, "Sacl")
		s.Sacl.render(w, d+2, MaskMessage)
	}
	if s.Dacl != nil {
		w.Line(d+1, "Dacl")
		s.Dacl.render(w, d+2, MaskMessage)
	}
}

func (s *SDBody) check(path string) []blob.Finding {
	var out []blob.Finding
	if s.fields < 7 {
		return []blob.Finding{{Code: "SD_TRUNCATED", Severity: blob.Error, Path: path,
			Message: "the security descriptor is shorter than its 20-byte header ([MS-DTYP] 2.4.6)"}}
	}
	if s.Revision != 1 {
		out = append(out, blob.Finding{Code: "SD_REVISION", Severity: blob.Error, Path: path + ".Revision",
			Message: "Revision is not 1 ([MS-DTYP] 2.4.6)"})
	}
	if s.Control&0x8000 == 0 {
		out = append(out, blob.Finding{Code: "SD_NOT_SELF_RELATIVE", Severity: blob.Error, Path: path + ".Control",
			Message: "SE_SELF_RELATIVE is clear, yet a stored descriptor must be self-relative ([MS-DTYP] 2.4.6)"})
	}
	for _, o := range []struct {
		name string
		off  uint32
		set  bool
	}{{"OffsetOwner", s.OffsetOwner, s.Owner != nil}, {"OffsetGroup", s.OffsetGroup, s.Group != nil},
		{"OffsetSacl", s.OffsetSacl, s.Sacl != nil}, {"OffsetDacl", s.OffsetDacl, s.Dacl != nil}} {
		if o.off != 0 && !o.set {
			out = append(out, blob.Finding{Code: "SD_OFFSET_OUTSIDE", Severity: blob.Error, Path: path + "." + o.name,
				Message: o.name + " " + mfc.X(uint64(o.off), 8) + " points past the end of the descriptor"})
		}
	}
	if s.Owner != nil {
		out = append(out, s.Owner.check(path+".OwnerSid")...)
	}
	if s.Group != nil {
		out = append(out, s.Group.check(path+".GroupSid")...)
	}
	if s.Sacl != nil {
		out = append(out, s.Sacl.check(path+".Sacl")...)
	}
	if s.Dacl != nil {
		out = append(out, s.Dacl.check(path+".Dacl")...)
	}
	return out
}

// SecurityDescriptor is a bare self-relative security descriptor. Its
// parts lie where its offsets say, so no bytes count as trailing.
type SecurityDescriptor struct {
	base
	SDBody
}

// ParseSecurityDescriptor decodes a self-relative security descriptor.
func ParseSecurityDescriptor(b []byte) (*SecurityDescriptor, error) {
	all := bytes.Clone(b)
	return &SecurityDescriptor{base: base{raw: all}, SDBody: readSD(all)}, nil
}

// Kind is blob.KindSecurityDescriptor.
func (s *SecurityDescriptor) Kind() blob.Kind { return blob.KindSecurityDescriptor }

// Check reports what [MS-DTYP] 2.4.6 says a descriptor must not be.
func (s *SecurityDescriptor) Check() []blob.Finding { return s.check("SecurityDescriptor") }

// SmartView renders s as MFCMAPI does ("Security Descriptor").
func (s *SecurityDescriptor) SmartView() string {
	var w sv.Writer
	s.render(&w, 0)
	return w.String()
}

// Text is the SmartView text.
func (s *SecurityDescriptor) Text() string { return s.SmartView() }

// NamedProp is one entry of the header Exchange puts before a stored
// descriptor, as MFCMAPI reads it: a tag and a kind.
type NamedProp struct {
	Tag             uint16 `json:"Tag"`
	PropKind        uint8  `json:"Kind"`
	HasTag, HasKind bool   `json:"-"`
}

// NTSecurityDescriptor is PidTagNTSecurityDescriptor (and
// PR_FREEBUSY_NT_SECURITY_DESCRIPTOR): a header — its size, a version
// (SECURITY_DESCRIPTOR_TRANSFER_VERSION, 3), the SECURITY_INFORMATION
// flags and, when the header is longer than 8 bytes, property entries —
// and the self-relative descriptor after it.
type NTSecurityDescriptor struct {
	base
	HeaderSize   uint16      `json:"Padding"`
	Version      uint16      `json:"Version"`
	SecurityInfo uint32      `json:"SecurityInformation"`
	NamedProps   []NamedProp `json:"NamedProps,omitempty"`
	Descriptor   *SDBody     `json:"SecurityDescriptor,omitempty"`
	kind         blob.Kind
	fields       int
}

// ParseNTSecurityDescriptor decodes PidTagNTSecurityDescriptor; kind is
// the kind the value reports (blob.KindNTSD or blob.KindFBSecurityDescriptor).
func ParseNTSecurityDescriptor(b []byte, kind blob.Kind) (*NTSecurityDescriptor, error) {
	all := bytes.Clone(b)
	c := wire.NewCursor(all)
	v := &NTSecurityDescriptor{kind: kind, base: base{raw: all}}
	if !c.U16(&v.HeaderSize) {
		return v, nil
	}
	v.fields++
	if !c.U16(&v.Version) {
		return v, nil
	}
	v.fields++
	if !c.U32(&v.SecurityInfo) {
		return v, nil
	}
	v.fields++
	if v.HeaderSize > 8 {
		var h []byte
		c.Bytes(&h, int(min(uint64(v.HeaderSize-8), uint64(c.Len()))))
		hc := wire.NewCursor(h)
		for !hc.Empty() {
			var p NamedProp
			p.HasTag = hc.U16(&p.Tag)
			p.HasKind = hc.U8(&p.PropKind)
			v.NamedProps = append(v.NamedProps, p)
		}
	}
	if !c.Empty() {
		sd := readSD(c.Rest())
		v.Descriptor = &sd
	}
	return v, nil
}

// Kind is the kind given to ParseNTSecurityDescriptor.
func (v *NTSecurityDescriptor) Kind() blob.Kind { return v.kind }

// Check reports a header cut short or of an unknown version, and the
// descriptor's own findings.
func (v *NTSecurityDescriptor) Check() []blob.Finding {
	var out []blob.Finding
	if v.fields < 3 {
		return []blob.Finding{{Code: "NTSD_TRUNCATED", Severity: blob.Error, Path: "Padding",
			Message: "the value is shorter than its 8-byte header"}}
	}
	if v.Version != 3 {
		out = append(out, blob.Finding{Code: "NTSD_VERSION", Severity: blob.Warning, Path: "Version",
			Message: "Version is " + mfc.X(uint64(v.Version), 4) + ", not SECURITY_DESCRIPTOR_TRANSFER_VERSION (3)"})
	}
	if v.Descriptor == nil {
		return append(out, blob.Finding{Code: "NTSD_NO_DESCRIPTOR", Severity: blob.Error, Path: "SecurityDescriptor",
			Message: "no security descriptor follows the header; Exchange cannot tell who may open the object"})
	}
	return append(out, v.Descriptor.check("SecurityDescriptor")...)
}

// SmartView renders v as MFCMAPI does ("PR_NT_SECURITY_DESCRIPTOR").
func (v *NTSecurityDescriptor) SmartView() string {
	var w sv.Writer
	w.Line(0, "PR_NT_SECURITY_DESCRIPTOR")
	if v.fields > 0 {
		w.Line(1, "Padding: ", mfc.X(uint64(v.HeaderSize), 4))
	}
	if v.fields > 1 {
		w.Line(1, "Version: ", mfc.X(uint64(v.Version), 4), " = ", mfc.Flags("flagSecurityVersion", uint32(v.Version)))
	}
	if v.fields > 2 {
		w.Line(1, "Security Information: ", mfc.X(uint64(v.SecurityInfo), 8), " = ", mfc.Flags("flagSecurityInfo", v.SecurityInfo))
	}
	for _, p := range v.NamedProps {
		w.Line(1, "NamedProp")
		if p.HasTag {
			w.Line(2, "Tag = ", mfc.X(uint64(p.Tag), 4))
		}
		if p.HasKind {
			w.Line(2, "Kind = ", mfc.X(uint64(p.PropKind), 2))
		}
	}
	if v.Descriptor != nil {
		v.Descriptor.render(&w, 1)
	}
	return w.String()
}

// Text is the SmartView text.
func (v *NTSecurityDescriptor) Text() string { return v.SmartView() }
