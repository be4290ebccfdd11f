package rules

import (
	"strconv"
	"strings"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/entryid"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
	"github.com/mapiblob/mapiblob/propstream"
)

// SearchFolderDefinition is PidTagSearchFolderDefinition ([MS-OXOSRCH]
// 2.2.2.1.2 SearchFolderDefinition): what an Outlook search folder
// searches and where.
//
// A skip block whose length runs past the end of the value is kept as
// stored with no bytes (SkipBytes… Missing), and what follows is read from
// right after the length, as MFCMAPI reads it; Check reports it.
type SearchFolderDefinition struct {
	Version       uint32 `json:"Version"`       // Version: 0x00001004
	Flags         uint32 `json:"Flags"`         // Flags: SFST_ flags saying which parts follow
	NumericSearch uint32 `json:"NumericSearch"` // NumericSearch
	// TextSearchLength is stored in one byte, or as 0xFF and a WORD
	// (TextSearchLengthExtended).
	TextSearch     CountedText   `json:"TextSearch"`
	SkipBytes1     SkipBlock     `json:"SkipBytes1"`
	DeepSearch     uint32        `json:"DeepSearch"`  // DeepSearch: nonzero to search subfolders
	FolderList1    CountedText   `json:"FolderList1"` // FolderList1: the folders' names
	FolderList2    SkipBlock     `json:"FolderList2"` // FolderList2Length and FolderList2: an EntryList of the folders
	AddressCount   uint32        `json:"AddressCount,omitempty"`
	Addresses      []AddressList `json:"Addresses,omitempty"` // SFST_BINARY: the addresses searched for
	SkipBytes2     SkipBlock     `json:"SkipBytes2"`
	Restriction    *Restriction  `json:"Restriction,omitempty"`    // SFST_MRES: the search's restriction, MAPI layout
	AdvancedSearch *SkipBlock    `json:"AdvancedSearch,omitempty"` // SFST_FILTERSTREAM: AdvancedSearchLen and AdvancedSearchBytes
	SkipBytes3     SkipBlock     `json:"SkipBytes3"`
	Trailing       blob.HexBytes `json:"-"`
}

// CountedText is UTF-16LE text after a one-byte count of characters, or
// 0xFF and a two-byte count.
type CountedText struct {
	Length   uint8  `json:"Length"`                   // the one-byte count
	Extended uint16 `json:"LengthExtended,omitempty"` // the two-byte count when Length is 0xFF
	Text     []byte `json:"-"`                        // the characters, UTF-16LE
}

// SkipBlock is a 32-bit length and that many bytes.
type SkipBlock struct {
	Length uint32        `json:"Length"`
	Bytes  blob.HexBytes `json:"Bytes"`
	// Missing is true when the length runs past the end of the value:
	// the bytes are not there, and what follows starts after the length.
	Missing bool `json:"-"`
}

// AddressList is one entry of the Addresses of a search folder
// definition: PropertyCount and Pad, then the properties.
type AddressList struct {
	PropertyCount uint32                     `json:"PropertyCount"`
	Pad           uint32                     `json:"Pad"`
	Properties    []propstream.PropertyValue `json:"Properties"`
}

// Search folder definition flags ([MS-OXOSRCH] 2.2.2.1.2).
const (
	SFSTNumber       = 0x0001
	SFSTText         = 0x0002
	SFSTBinary       = 0x0004
	SFSTMRes         = 0x0008
	SFSTFilterStream = 0x0010
	SFSTFolderName   = 0x0020
	SFSTFolderList   = 0x0040
)

var sfstFlags = sv.FlagTable{
	{Kind: sv.FlagBit, Value: 0x0001, Name: "SFST_NUMBER"}, {Kind: sv.FlagBit, Value: 0x0002, Name: "SFST_TEXT"},
	{Kind: sv.FlagBit, Value: 0x0004, Name: "SFST_BINARY"}, {Kind: sv.FlagBit, Value: 0x0008, Name: "SFST_MRES"},
	{Kind: sv.FlagBit, Value: 0x0010, Name: "SFST_FILTERSTREAM"}, {Kind: sv.FlagBit, Value: 0x0020, Name: "SFST_FOLDERNAME"},
	{Kind: sv.FlagBit, Value: 0x0040, Name: "SFST_FOLDERLIST"}, {Kind: sv.FlagBit, Value: 0x1000, Name: "SFST_TIMERES_MONTHLY"},
	{Kind: sv.FlagBit, Value: 0x2000, Name: "SFST_TIMERES_WEEKLY"}, {Kind: sv.FlagBit, Value: 0x4000, Name: "SFST_TIMERES_DAILY"},
	{Kind: sv.FlagBit, Value: 0x8000, Name: "SFST_DEAD"},
}

func (t *CountedText) decode(c *wire.Cursor, path string) error {
	if !c.U8(&t.Length) {
		return c.Truncated(path+"Length", 1)
	}
	n := int(t.Length)
	if t.Length == 0xFF {
		if !c.U16(&t.Extended) {
			return c.Truncated(path+"LengthExtended", 2)
		}
		n = int(t.Extended)
	}
	if !c.Bytes(&t.Text, 2*n) {
		return c.Truncated(path, 2*n)
	}
	return nil
}

func (t *CountedText) appendBinary(b []byte) []byte {
	n := len(t.Text) / 2
	if t.Length == 0xFF || n >= 0xFF {
		b = append(b, 0xFF)
		b = wire.AppendU16(b, uint16(n))
	} else {
		b = append(b, byte(n))
	}
	return append(b, t.Text[:2*n]...)
}

func (s *SkipBlock) decode(c *wire.Cursor, path string) error {
	if !c.U32(&s.Length) {
		return c.Truncated(path+"Length", 4)
	}
	var b []byte
	if uint64(s.Length) > uint64(c.Len()) || !c.Bytes(&b, int(s.Length)) {
		s.Missing = true
		return nil
	}
	s.Bytes = b
	return nil
}

func (s *SkipBlock) appendBinary(b []byte) []byte {
	if s.Missing {
		return wire.AppendU32(b, s.Length)
	}
	b = wire.AppendU32(b, uint32(len(s.Bytes)))
	return append(b, s.Bytes...)
}

// maxAddressProperties bounds the properties of one address, as MFCMAPI
// bounds them; a larger count reads none.
const maxAddressProperties = 500

// ParseSearchFolderDefinition decodes a PidTagSearchFolderDefinition value.
func ParseSearchFolderDefinition(b []byte) (*SearchFolderDefinition, error) {
	d := new(SearchFolderDefinition)
	c := wire.NewCursor(b)
	f, ok := c.Fixed(12)
	if !ok {
		return nil, c.Truncated("Version", 12)
	}
	r := wire.NewCursor(f)
	r.U32(&d.Version)
	r.U32(&d.Flags)
	r.U32(&d.NumericSearch)
	if err := d.TextSearch.decode(&c, "TextSearch"); err != nil {
		return nil, err
	}
	if err := d.SkipBytes1.decode(&c, "SkipBytes1"); err != nil {
		return nil, err
	}
	if !c.U32(&d.DeepSearch) {
		return nil, c.Truncated("DeepSearch", 4)
	}
	if err := d.FolderList1.decode(&c, "FolderList1"); err != nil {
		return nil, err
	}
	if err := d.FolderList2.decode(&c, "FolderList2"); err != nil {
		return nil, err
	}
	if d.Flags&SFSTBinary != 0 {
		if !c.U32(&d.AddressCount) {
			return nil, c.Truncated("AddressCount", 4)
		}
		if !c.Fits(uint64(d.AddressCount), 8) {
			return nil, wire.CountTooLarge("AddressCount", c.Offset()-4, uint64(d.AddressCount), 8, c.Len())
		}
		d.Addresses = make([]AddressList, d.AddressCount)
		for i := range d.Addresses {
			a := &d.Addresses[i]
			path := wire.Path("Addresses", i, "")
			if !c.U32(&a.PropertyCount) || !c.U32(&a.Pad) {
				return nil, c.Truncated(path+".PropertyCount", 8)
			}
			if a.PropertyCount >= maxAddressProperties || !c.Fits(uint64(a.PropertyCount), 4) {
				// As MFCMAPI: a count this large reads no properties.
				continue
			}
			a.Properties = make([]propstream.PropertyValue, a.PropertyCount)
			for j := range a.Properties {
				off := c.Offset()
				v, n, err := propstream.ReadPropertyValue(c.Peek(), propstream.FormatMAPI)
				if err != nil {
					return nil, shift(err, off, wire.Path(path+".Properties", j, ""))
				}
				c.Skip(n)
				a.Properties[j] = v
			}
		}
	}
	if err := d.SkipBytes2.decode(&c, "SkipBytes2"); err != nil {
		return nil, err
	}
	if d.Flags&SFSTMRes != 0 {
		off := c.Offset()
		res, n, err := DecodeRestriction(c.Peek(), LayoutMAPI)
		if err != nil {
			return nil, shift(err, off, "Restriction.")
		}
		c.Skip(n)
		d.Restriction = res
	}
	if d.Flags&SFSTFilterStream != 0 && c.Len() > 4 {
		// The filter stream's layout is not specified: as MFCMAPI, take
		// every byte but the four of SkipLen3.
		var adv []byte
		c.Bytes(&adv, c.Len()-4)
		d.AdvancedSearch = &SkipBlock{Length: uint32(len(adv)), Bytes: adv}
	}
	if err := d.SkipBytes3.decode(&c, "SkipBytes3"); err != nil {
		return nil, err
	}
	d.Trailing = c.Rest()
	return d, nil
}

// Kind is blob.KindSearchFolderDef.
func (d *SearchFolderDefinition) Kind() blob.Kind { return blob.KindSearchFolderDef }

// TrailingBytes are the bytes after SkipBytes3.
func (d *SearchFolderDefinition) TrailingBytes() []byte { return d.Trailing }

// Check reports skip blocks that run past the end, an unknown restriction
// type and trailing bytes.
func (d *SearchFolderDefinition) Check() []blob.Finding {
	var fs []blob.Finding
	for _, s := range []struct {
		b    *SkipBlock
		name string
	}{{&d.SkipBytes1, "SkipBytes1"}, {&d.FolderList2, "FolderList2"}, {&d.SkipBytes2, "SkipBytes2"}, {&d.SkipBytes3, "SkipBytes3"}} {
		if s.b != nil && s.b.Missing {
			fs = append(fs, blob.Finding{Code: "SEARCHFOLDER_LENGTH_PAST_END", Severity: blob.Error, Path: s.name,
				Message: "the length " + strconv.FormatUint(uint64(s.b.Length), 10) + " runs past the end of the definition; Outlook cannot read the search folder"})
		}
	}
	if d.Restriction != nil {
		fs = append(fs, d.Restriction.check("Restriction")...)
	}
	return append(fs, trailingFinding("SEARCHFOLDER_TRAILING_BYTES", "SkipBytes3", len(d.Trailing))...)
}

// AppendBinary appends the definition's bytes to b.
func (d *SearchFolderDefinition) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU32(b, d.Version)
	b = wire.AppendU32(b, d.Flags)
	b = wire.AppendU32(b, d.NumericSearch)
	b = d.TextSearch.appendBinary(b)
	b = d.SkipBytes1.appendBinary(b)
	b = wire.AppendU32(b, d.DeepSearch)
	b = d.FolderList1.appendBinary(b)
	b = d.FolderList2.appendBinary(b)
	if d.Flags&SFSTBinary != 0 {
		b = wire.AppendU32(b, uint32(len(d.Addresses)))
		for _, a := range d.Addresses {
			n := uint32(len(a.Properties))
			if n == 0 {
				n = a.PropertyCount
			}
			b = wire.AppendU32(b, n)
			b = wire.AppendU32(b, a.Pad)
			for i := range a.Properties {
				b = a.Properties[i].AppendTagged(b, propstream.FormatMAPI)
			}
		}
	}
	b = d.SkipBytes2.appendBinary(b)
	if d.Restriction != nil {
		b = d.Restriction.AppendBinary(b, LayoutMAPI)
	}
	if d.AdvancedSearch != nil {
		b = append(b, d.AdvancedSearch.Bytes...)
	}
	b = d.SkipBytes3.appendBinary(b)
	return append(b, d.Trailing...), nil
}

// MarshalBinary encodes the definition.
func (d *SearchFolderDefinition) MarshalBinary() ([]byte, error) { return d.AppendBinary(nil) }

func (t *CountedText) smartView(w *sv.Writer, name, lengthName string) {
	w.Line(1, lengthName, " = ", sv.Hex(uint64(t.Length), 2))
	if t.Length == 0xFF {
		w.Line(1, lengthName, " Extended = ", sv.Hex(uint64(t.Extended), 4))
	}
	if len(t.Text) > 0 {
		s, _ := wire.DecodeUTF16(t.Text)
		w.Line(1, name)
		w.Line(2, sv.Printable(s))
	}
}

func (s *SkipBlock) smartView(w *sv.Writer, lenName, bytesName string) {
	w.Line(1, lenName, " = ", sv.Hex(uint64(s.Length), 8))
	if len(s.Bytes) > 0 {
		w.Line(1, bytesName)
		w.Line(2, sv.Bytes(s.Bytes))
	}
}

func indentText(s, lead string) string { return lead + strings.ReplaceAll(s, "\n", "\n"+lead) }

// SmartView renders d as MFCMAPI's SmartView pane does.
func (d *SearchFolderDefinition) SmartView() string {
	var w sv.Writer
	w.Line(0, "Search Folder Definition")
	w.Line(1, "Version = ", sv.Hex(uint64(d.Version), 8))
	w.Line(1, "Flags = ", sv.Hex(uint64(d.Flags), 8), " = ", sfstFlags.Interpret(d.Flags))
	w.Line(1, "Numeric Search = ", sv.Hex(uint64(d.NumericSearch), 8))
	d.TextSearch.smartView(&w, "Text Search", "Text Search Length")
	d.SkipBytes1.smartView(&w, "SkipLen1", "SkipBytes1")
	w.Line(1, "Deep Search = ", sv.Hex(uint64(d.DeepSearch), 8))
	d.FolderList1.smartView(&w, "Folder List 1", "Folder List 1 Length")
	w.Line(1, "Folder List 2 Length = ", sv.Hex(uint64(d.FolderList2.Length), 8))
	if len(d.FolderList2.Bytes) > 0 {
		w.Line(1, "Folder List2")
		if l, err := entryid.ParseEntryList(d.FolderList2.Bytes); err == nil {
			w.Line(0, indentText(l.SmartView(), "\t\t"))
		} else {
			w.Line(2, sv.Bytes(d.FolderList2.Bytes))
		}
	}
	if d.Flags&SFSTBinary != 0 {
		w.Line(1, "AddressCount = ", sv.Hex(uint64(d.AddressCount), 8))
		for i, a := range d.Addresses {
			w.Line(1, "Addresses[", strconv.Itoa(i), "]")
			w.Line(2, "PropertyCount = ", sv.Hex(uint64(a.PropertyCount), 8))
			w.Line(2, "Pad = ", sv.Hex(uint64(a.Pad), 8))
			if a.PropertyCount != 0 {
				w.Line(2, "Properties")
			}
			for j := range a.Properties {
				w.Line(3, "Property[", strconv.Itoa(j), "]")
				w.Line(0, a.Properties[j].SmartViewText("\t\t\t\t"))
			}
		}
	}
	d.SkipBytes2.smartView(&w, "SkipLen2", "SkipBytes2")
	if d.Restriction != nil {
		w.Line(0, d.Restriction.SmartViewText("\t"))
	}
	if d.AdvancedSearch != nil {
		d.AdvancedSearch.smartView(&w, "AdvancedSearchLen", "AdvancedSearchBytes")
	}
	d.SkipBytes3.smartView(&w, "SkipLen3", "SkipBytes3")
	w.Unparsed(1, d.Trailing)
	return w.String()
}

// Text renders d for people: its SmartView form.
func (d *SearchFolderDefinition) Text() string { return d.SmartView() }
