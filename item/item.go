// Package item is the one item model: a message's MAPI properties, its
// recipients and attachments, and embedded messages. It checks items as
// Microsoft's Calendar Checking Tool (CalCheck) checks one item, repairs
// their time-zone properties and gives the series of a recurring one. The
// formats are read and written by packages of their own on this model:
// msg (.msg files), tnef (TNEF and .eml), mfcxml (MFCMAPI XML exports), and
// itemfile, which tells them apart; package ical writes items as iCalendar
// and makes them from it.
//
// An Item keeps every property it was given, each by its identity (a fixed
// tag, or a property set with a LID or a string name), with its typed value.
// Each binary property this module has a decoder for is decoded with
// smartview.Decode, keyed by the property's identity (never by a store's
// 0x8xxx id); one that fails keeps its error and the rest of the item is
// still read.
//
// Readers return every message of a file: the top-level one (Path "/")
// and each embedded message (an exception of a recurring meeting, a
// forwarded meeting request) as an Item of its own whose Parent is the
// path of the message that holds it.
package item

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/proptag"
	"github.com/mapiblob/mapiblob/smartview"
)

// Item is one message: its properties, where it was read from and, for an
// embedded message, which message holds it.
type Item struct {
	// Source names the file the item was read from ("" when unknown).
	Source string
	// Path locates the message inside the file: "/" for the top-level
	// message; for an embedded one the CFB storage path
	// ("/__attach_version1.0_#00000000/__substg1.0_3701000D") or the TNEF
	// attachment index ("/attachment[0]").
	Path string
	// Parent is the Path of the message that holds this one, "" for the
	// top-level message.
	Parent string
	// Format says what the item was read from: "msg", "tnef", "xml" or
	// "pst".
	Format string
	// Folder and NID locate a message read from a PST or OST: its folder's
	// path and its node id (for an embedded message, those of the message
	// that holds it); "" and 0 for the other formats.
	Folder string
	NID    uint32
	// Properties in the order they were read.
	Properties []Property
	// Recipients are the recipient rows (each a list of properties), when
	// the format carries them.
	Recipients [][]Property
	// Attachments in the order of the file, when the format carries them.
	Attachments []Attachment

	// OEMCodePage is the code page a TNEF stream names (attOemCodepage),
	// the fallback of CodePage; 0 when the format names none.
	OEMCodePage blob.CodePage
}

// ReadError is a file that could not be read as an item: which format,
// and why (the message names the structure and where it breaks).
type ReadError struct {
	Format string // "msg", "tnef", "eml", "xml"
	Err    error
}

func (e *ReadError) Error() string { return e.Format + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *ReadError) Unwrap() error { return e.Err }

// MaxNesting bounds how deep the readers follow embedded messages.
const MaxNesting = 16

// SetPath sets the item's Path and Parent and, below it, the paths of its
// embedded messages as "PATH/attachment[i]" (the form of the XML and
// TNEF readers).
func (it *Item) SetPath(path, parent string) {
	it.Path, it.Parent = path, parent
	for i := range it.Attachments {
		if e := it.Attachments[i].Embedded; e != nil {
			e.SetPath(fmt.Sprintf("%sattachment[%d]", Slash(path), i), path)
		}
	}
}

// Slash is p with one "/" at its end, as embedded paths are built.
func Slash(p string) string {
	if len(p) > 0 && p[len(p)-1] == '/' {
		return p
	}
	return p + "/"
}

// Attachment is one attachment of a message: its own properties and, when
// it is an embedded message (PidTagAttachMethod 5), that message.
type Attachment struct {
	Properties []Property
	Embedded   *Item
}

// All yields it and every message embedded in it, depth first: the order
// the CLI prints them in.
func (it *Item) All(yield func(*Item) bool) {
	it.walk(yield)
}

func (it *Item) walk(yield func(*Item) bool) bool {
	if !yield(it) {
		return false
	}
	for i := range it.Attachments {
		if e := it.Attachments[i].Embedded; e != nil && !e.walk(yield) {
			return false
		}
	}
	return true
}

// Named is the name of a named property: its property set and either a
// numeric LID (MNID_ID) or a string name (MNID_STRING).
type Named struct {
	Set    guid.GUID
	IsName bool   // MNID_STRING: Name is set; else LID
	LID    uint32 // the long id of an MNID_ID property
	Name   string // the string name of an MNID_STRING property
}

// SetName is the property set's name (PSETID_Appointment…), or its GUID
// in braces when it has none.
func (n *Named) SetName() string {
	if s := n.Set.Name(); s != "" {
		return s
	}
	return n.Set.String()
}

// Property is one property of an item.
type Property struct {
	// Tag is the tag as the item stores it; for a named property its id is
	// the store's own (0x8000–0xFFFE) and means nothing without Named.
	Tag proptag.PropTag
	// Named is the name of a named property, nil for a fixed-id one.
	Named *Named
	// Info is the property in proptag's table, nil when the table does not
	// know it.
	Info *proptag.Property
	// Value is the raw typed value.
	Value Value
	// Decoded is the decoded structure of a binary value this module has a
	// decoder for (nil otherwise, or when decoding failed).
	Decoded *smartview.Result
	// DecodedValues are, for a multi-valued binary property whose values
	// each are a structure this module decodes (PR_CONFLICT_ITEMS: entry
	// IDs), each value decoded, in the order of Value.Multi; an entry is nil
	// for a value that did not decode (Err says which).
	DecodedValues []*smartview.Result
	// Err is why the value could not be read or decoded; the rest of the
	// item is read regardless.
	Err error
}

// Type is the property's type (the low 16 bits of Tag).
func (p *Property) Type() proptag.PropType { return p.Tag.Type() }

// Name is the property's canonical name (PidLidAppointmentRecur,
// PidTagSubject); MFCMAPI's name for a binary property only MFCMAPI's
// property → parser table knows (PR_NT_SECURITY_DESCRIPTOR); or, for any
// other property the table does not know, its identity in words: "0x8038 (PSETID_Appointment, LID 0x825E)",
// "0x8041 ({…}, name \"x-custom\")", "0x6701".
func (p *Property) Name() string {
	if p.Info != nil {
		if n := p.Info.DisplayName(); n != "" {
			return n
		}
	}
	id := "0x" + hex4(uint32(p.Tag.ID()))
	if n := smartview.MFCMAPIName(p.Tag); n != "" && p.Named == nil {
		return n
	}
	if p.Named != nil {
		if p.Named.IsName {
			return id + " (" + p.Named.SetName() + ", name " + strconv.Quote(p.Named.Name) + ")"
		}
		return id + " (" + p.Named.SetName() + ", LID 0x" + hex4(p.Named.LID) + ")"
	}
	return id
}

func hex4(v uint32) string {
	s := strings.ToUpper(strconv.FormatUint(uint64(v), 16))
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

// Identity is the property's identity as smartview.Decode takes it.
func (p *Property) Identity() *proptag.Identity {
	id := &proptag.Identity{Tag: p.Tag, Type: p.Type().String()}
	if p.Named != nil {
		id.Set, id.HasSet = p.Named.Set, true
		if !p.Named.IsName {
			id.LID, id.HasLID = p.Named.LID, true
		}
	}
	if p.Info != nil {
		id.Name = p.Info.Name
	}
	return id
}

// resolve finds the property in proptag's table: a named property by
// (set, LID) or (set, name), a fixed one by its tag.
func resolve(tag proptag.PropTag, n *Named) *proptag.Property {
	if n != nil {
		if n.IsName {
			if p, ok := proptag.ByNameString(n.Set, n.Name); ok {
				return p
			}
			return nil
		}
		if p, ok := proptag.ByLID(n.Set, n.LID); ok {
			return p
		}
		return nil
	}
	if tag.IsNamed() {
		return nil
	}
	if p, ok := proptag.ByTag(tag); ok {
		return p
	}
	return nil
}

// NewProperty makes a property from its tag, name (nil for a fixed-id
// property) and value, looking it up in proptag's table. Binary values are
// decoded by Item.Decode.
func NewProperty(tag proptag.PropTag, n *Named, v Value) Property {
	v.Type = tag.Type()
	return Property{Tag: tag, Named: n, Info: resolve(tag, n), Value: v}
}

// Decode decodes every binary property of it that this module has a
// decoder for, with the item's code page for 8-bit exception strings, and
// decodes its 8-bit strings in that code page. It is called by the readers;
// call it again after changing properties.
func (it *Item) Decode() {
	cp := it.CodePage()
	for i := range it.Properties {
		p := &it.Properties[i]
		decodeString8(&p.Value, cp)
		p.Decoded, p.DecodedValues = nil, nil
		kind := smartview.KindOf(p.Identity())
		if p.Value.Type == proptag.PT_MV_BINARY && kind != blob.KindAuto {
			p.decodeValues(kind, cp)
			continue
		}
		if p.Value.Type != proptag.PT_BINARY || kind == blob.KindAuto {
			continue
		}
		if p.Err != nil && p.Value.Bytes == nil {
			continue // the value itself could not be read
		}
		p.Err = nil
		r, err := smartview.Decode(p.Value.Bytes, smartview.Options{Kind: kind, Property: p.Identity(), CodePage: cp})
		if err != nil {
			p.Err = err
			continue
		}
		p.Decoded = r
	}
	for _, row := range it.Recipients {
		for i := range row {
			decodeString8(&row[i].Value, cp)
		}
	}
	for _, a := range it.Attachments {
		for i := range a.Properties {
			decodeString8(&a.Properties[i].Value, cp)
		}
		if a.Embedded != nil {
			a.Embedded.Decode()
		}
	}
}

// decodeValues decodes each value of a multi-valued binary property as
// kind; the first value that does not decode is the property's Err.
func (p *Property) decodeValues(kind blob.Kind, cp blob.CodePage) {
	if p.Err != nil && p.Value.Multi == nil {
		return // the value itself could not be read
	}
	p.Err = nil
	p.DecodedValues = make([]*smartview.Result, len(p.Value.Multi))
	for i := range p.Value.Multi {
		r, err := smartview.Decode(p.Value.Multi[i].Bytes, smartview.Options{Kind: kind, Property: p.Identity(), CodePage: cp})
		if err != nil {
			if p.Err == nil {
				p.Err = fmt.Errorf("value %d: %w", i, err)
			}
			continue
		}
		p.DecodedValues[i] = r
	}
}

func decodeString8(v *Value, cp blob.CodePage) {
	switch v.Type {
	case proptag.PT_STRING8:
		if v.Bytes != nil {
			v.Str = cp.Decode(v.Bytes)
		}
	case proptag.PT_MV_STRING8:
		for i := range v.Multi {
			if v.Multi[i].Bytes != nil {
				v.Multi[i].Str = cp.Decode(v.Multi[i].Bytes)
			}
		}
	}
}

// CodePage is the code page of the item's 8-bit strings:
// PidTagInternetCodepage, else PidTagMessageCodepage, else the code page a
// TNEF stream names (attOemCodepage), else windows-1252.
func (it *Item) CodePage() blob.CodePage {
	for _, name := range []string{"PidTagInternetCodepage", "PidTagMessageCodepage"} {
		if p := it.Get(name); p != nil && p.Value.Type == proptag.PT_LONG && p.Value.Int > 0 {
			cp := blob.CodePage(p.Value.Int)
			if cp.String() != "cp"+strconv.Itoa(int(cp)) { // a code page blob knows
				return cp
			}
		}
	}
	if it.OEMCodePage != 0 && it.OEMCodePage.String() != "cp"+strconv.Itoa(int(it.OEMCodePage)) {
		return it.OEMCodePage
	}
	return blob.DefaultCodePage
}

// Get returns the property with the given canonical name (or alias, as
// proptag.ByName reads it), or nil when the item lacks it. Both forms of a
// string property (PT_STRING8 and PT_UNICODE) are found.
func (it *Item) Get(name string) *Property {
	want, ok := proptag.ByName(name)
	if !ok {
		return nil
	}
	return find(it.Properties, want)
}

func find(ps []Property, want *proptag.Property) *Property {
	for i := range ps {
		if ps[i].Info == want {
			return &ps[i]
		}
	}
	return nil
}

// getIn is Get over a property list (a recipient or attachment row).
func getIn(ps []Property, name string) *Property {
	want, ok := proptag.ByName(name)
	if !ok {
		return nil
	}
	return find(ps, want)
}

// Set adds the property or replaces the one with the same identity, and
// decodes it when it is a binary property with a decoder.
func (it *Item) Set(p Property) {
	replaced := false
	for i := range it.Properties {
		q := &it.Properties[i]
		if p.Info != nil && q.Info == p.Info || p.Info == nil && q.Tag == p.Tag && sameNamed(q.Named, p.Named) {
			*q = p
			replaced = true
			break
		}
	}
	if !replaced {
		it.Properties = append(it.Properties, p)
	}
	it.Decode()
}

// Remove removes the property with the given canonical name (or alias, as
// Get finds it) and reports whether the item had it. Decoded values of the
// other properties are kept.
func (it *Item) Remove(name string) bool {
	p := it.Get(name)
	if p == nil {
		return false
	}
	i := 0
	for &it.Properties[i] != p {
		i++
	}
	it.Properties = append(it.Properties[:i], it.Properties[i+1:]...)
	return true
}

func sameNamed(a, b *Named) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// Label names the item for messages: "meeting.msg", or
// "meeting.msg /__attach_version1.0_#00000000/__substg1.0_3701000D" for an
// embedded one.
func (it *Item) Label() string {
	src := it.Source
	if src == "" {
		src = "item"
	}
	if it.Path == "" || it.Path == "/" {
		return src
	}
	return src + " " + it.Path
}
