package entryid

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/mfc"
	"github.com/mapiblob/mapiblob/internal/sv"
	"github.com/mapiblob/mapiblob/internal/wire"
)

// base is what every value of this package keeps: the bytes it was read
// from, split into what the structure took and what was left after it.
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

func trailingFinding(code string, t []byte) []blob.Finding {
	if len(t) == 0 {
		return nil
	}
	return []blob.Finding{{Code: code, Severity: blob.Warning, Path: "Trailing",
		Message: strconv.Itoa(len(t)) + " bytes after the structure are not part of it"}}
}

// subEntryID decodes the entry ID in the next n bytes of c (fewer when c
// holds fewer), as a value of its own whose Trailing holds what its form
// left of those bytes.
func subEntryID(c *wire.Cursor, n uint32) *EntryID {
	size := c.Len()
	if uint64(n) < uint64(size) {
		size = int(n)
	}
	var b []byte
	c.Bytes(&b, size)
	sc := wire.NewCursor(b)
	e := decode(&sc, size, 0)
	e.Trailing = sc.Rest()
	return e
}

// renderSub writes a nested entry ID and the bytes its form left.
func (e *EntryID) renderSub(w *sv.Writer, d int) { e.renderAs(w, d, "") }

// renderAs writes a nested entry ID under heading (MFCMAPI's
// "SearchFolderEntryID"…; "" for its own) and the bytes its form left.
func (e *EntryID) renderAs(w *sv.Writer, d int, heading string) {
	e.renderHeading(w, d, heading)
	w.Unparsed(d+1, e.Trailing)
}

// FlatEntryList is [MS-OXCDATA] 2.3.3 FlatEntryList: a count, a size, and
// the entry IDs, each after its size and padded to 4 bytes.
type FlatEntryList struct {
	base
	Count   uint32      `json:"Count"` // Count (cEntries)
	Size    uint32      `json:"Size"`  // Size (cbEntries)
	Entries []FlatEntry `json:"FlatEntries"`
}

// FlatEntry is one FlatEntry of a FlatEntryList.
type FlatEntry struct {
	Size       uint32        `json:"Size"`
	EntryID    *EntryID      `json:"EntryID"`
	Padding    blob.HexBytes `json:"Padding"`
	HasPadding bool          `json:"-"`
}

// ParseFlatEntryList decodes a FlatEntryList. Entries that do not fit are
// left in TrailingBytes; it fails only when the header does not fit.
func ParseFlatEntryList(b []byte) (*FlatEntryList, error) {
	all := bytes.Clone(b)
	c := wire.NewCursor(all)
	l := &FlatEntryList{}
	if !c.U32(&l.Count) {
		return nil, c.Truncated("Count", 4)
	}
	if !c.U32(&l.Size) {
		return nil, c.Truncated("Size", 4)
	}
	for i := uint32(0); i < l.Count && c.Len() >= 4; i++ {
		var e FlatEntry
		c.U32(&e.Size)
		e.EntryID = subEntryID(&c, e.Size)
		if pad := (4 - e.Size%4) % 4; pad != 0 {
			var p []byte
			if c.Bytes(&p, int(pad)) {
				e.Padding, e.HasPadding = p, true
			}
		}
		l.Entries = append(l.Entries, e)
	}
	l.finish(all, &c)
	return l, nil
}

// Kind is blob.KindFlatEntryList.
func (l *FlatEntryList) Kind() blob.Kind { return blob.KindFlatEntryList }

// Check reports entries fewer than Count and bytes after the list.
func (l *FlatEntryList) Check() []blob.Finding {
	var out []blob.Finding
	if uint64(len(l.Entries)) < uint64(l.Count) {
		out = append(out, blob.Finding{Code: "FLATENTRYLIST_COUNT", Severity: blob.Error, Path: "Count",
			Message: "Count says " + strconv.FormatUint(uint64(l.Count), 10) + " entries but " + strconv.Itoa(len(l.Entries)) + " fit"})
	}
	return append(out, trailingFinding("FLATENTRYLIST_TRAILING_BYTES", l.Trailing)...)
}

// SmartView renders l as MFCMAPI does ("Flat Entry List").
func (l *FlatEntryList) SmartView() string {
	var w sv.Writer
	w.Line(0, "Flat Entry List")
	w.Line(1, "cEntries = ", strconv.FormatUint(uint64(l.Count), 10))
	w.Line(1, "cbEntries = ", mfc.X(uint64(l.Size), 8))
	for i, e := range l.Entries {
		w.Line(1, "Entry[", strconv.Itoa(i), "]")
		w.Line(2, "Size = ", mfc.X(uint64(e.Size), 8))
		e.EntryID.renderSub(&w, 2)
		if e.HasPadding {
			bin(&w, 2, "Padding", e.Padding)
		}
	}
	w.Unparsed(1, l.Trailing)
	return w.String()
}

// Text is the SmartView text.
func (l *FlatEntryList) Text() string { return l.SmartView() }

// EntryList is an ENTRYLIST as MAPI lays it out in memory and stores it:
// a count and a pad, then a length and a pad for each entry, then the
// entry IDs.
type EntryList struct {
	base
	Count   uint32       `json:"EntryCount"`
	Pad     uint32       `json:"Pad"`
	Entries []EntryListE `json:"EntryIds"`
}

// EntryListE is one entry of an EntryList.
type EntryListE struct {
	Length    uint32   `json:"EntryLength"`
	LengthPad uint32   `json:"EntryLengthPad"`
	EntryID   *EntryID `json:"EntryID,omitempty"`
}

// ParseEntryList decodes an EntryList; it fails when the count promises
// more lengths than the bytes hold.
func ParseEntryList(b []byte) (*EntryList, error) {
	all := bytes.Clone(b)
	c := wire.NewCursor(all)
	l := &EntryList{}
	if !c.U32(&l.Count) {
		return nil, c.Truncated("EntryCount", 4)
	}
	if !c.U32(&l.Pad) {
		return nil, c.Truncated("Pad", 4)
	}
	if !c.Fits(uint64(l.Count), 8) {
		return nil, wire.CountTooLarge("EntryCount", 0, uint64(l.Count), 8, c.Len())
	}
	l.Entries = make([]EntryListE, l.Count)
	for i := range l.Entries {
		c.U32(&l.Entries[i].Length)
		c.U32(&l.Entries[i].LengthPad)
	}
	for i := range l.Entries {
		if c.Empty() {
			break
		}
		l.Entries[i].EntryID = subEntryID(&c, l.Entries[i].Length)
	}
	l.finish(all, &c)
	return l, nil
}

// Kind is blob.KindEntryList.
func (l *EntryList) Kind() blob.Kind { return blob.KindEntryList }

// Check reports entries whose bytes are missing and bytes after the list.
func (l *EntryList) Check() []blob.Finding {
	var out []blob.Finding
	for i, e := range l.Entries {
		if e.EntryID == nil || uint64(e.EntryID.Size()+len(e.EntryID.Trailing)) < uint64(e.Length) {
			out = append(out, blob.Finding{Code: "ENTRYLIST_TRUNCATED", Severity: blob.Error, Path: wire.Path("EntryIds", i, "EntryLength"),
				Message: "the entry ID is shorter than its EntryLength"})
		}
	}
	return append(out, trailingFinding("ENTRYLIST_TRAILING_BYTES", l.Trailing)...)
}

// SmartView renders l as MFCMAPI does ("Entry List").
func (l *EntryList) SmartView() string {
	var w sv.Writer
	w.Line(0, "Entry List")
	w.Line(1, "EntryCount = ", mfc.X(uint64(l.Count), 8))
	w.Line(1, "Pad = ", mfc.X(uint64(l.Pad), 8))
	for i, e := range l.Entries {
		w.Line(1, "EntryId[", strconv.Itoa(i), "]")
		w.Line(2, "EntryLength = ", mfc.X(uint64(e.Length), 8))
		w.Line(2, "EntryLengthPad = ", mfc.X(uint64(e.LengthPad), 8))
		if e.EntryID != nil {
			e.EntryID.renderSub(&w, 2)
		}
	}
	w.Unparsed(1, l.Trailing)
	return w.String()
}

// Text is the SmartView text.
func (l *EntryList) Text() string { return l.SmartView() }

// AdditionalRenEntryIDsEx is PidTagAdditionalRenEntryIdsEx (the layout is in
// Outlook's MAPI reference page for the property): PersistData blocks up to
// the PERSIST_SENTINEL one.
type AdditionalRenEntryIDsEx struct {
	base
	PersistData []PersistData `json:"PersistData"`
}

// PersistData is one PersistData block.
type PersistData struct {
	PersistID        uint16               `json:"PersistID"`
	DataElementsSize uint16               `json:"DataElementsSize"`
	DataElements     []PersistElementData `json:"DataElements"`
	// Unparsed holds DataElements bytes that do not make elements.
	Unparsed blob.HexBytes `json:"Unparsed,omitempty"`
}

// PersistElementData is one PersistElement block.
type PersistElementData struct {
	ElementID       uint16        `json:"ElementID"`
	ElementDataSize uint16        `json:"ElementDataSize"`
	ElementData     blob.HexBytes `json:"ElementData"`
}

// ParseAdditionalRenEntryIDsEx decodes PidTagAdditionalRenEntryIdsEx. A
// block whose DataElementsSize passes the end is left in TrailingBytes.
func ParseAdditionalRenEntryIDsEx(b []byte) (*AdditionalRenEntryIDsEx, error) {
	all := bytes.Clone(b)
	c := wire.NewCursor(all)
	v := &AdditionalRenEntryIDsEx{}
	for c.Len() >= 4 {
		save := c
		var p PersistData
		c.U16(&p.PersistID)
		c.U16(&p.DataElementsSize)
		var data []byte
		if !c.Bytes(&data, int(p.DataElementsSize)) {
			c = save
			break
		}
		dc := wire.NewCursor(data)
		for dc.Len() >= 4 {
			ds := dc
			var e PersistElementData
			dc.U16(&e.ElementID)
			dc.U16(&e.ElementDataSize)
			var ed []byte
			if !dc.Bytes(&ed, int(e.ElementDataSize)) {
				dc = ds
				break
			}
			e.ElementData = ed
			p.DataElements = append(p.DataElements, e)
			if e.ElementID == 0 {
				break
			}
		}
		if !dc.Empty() {
			p.Unparsed = dc.Rest()
		}
		v.PersistData = append(v.PersistData, p)
		if p.PersistID == 0 {
			break
		}
	}
	v.finish(all, &c)
	return v, nil
}

// Kind is blob.KindAdditionalRenEntryIDsEx.
func (v *AdditionalRenEntryIDsEx) Kind() blob.Kind { return blob.KindAdditionalRenEntryIDsEx }

// Check reports blocks without the closing PERSIST_SENTINEL and bytes
// that make no block.
func (v *AdditionalRenEntryIDsEx) Check() []blob.Finding {
	var out []blob.Finding
	if n := len(v.PersistData); n == 0 || v.PersistData[n-1].PersistID != 0 {
		out = append(out, blob.Finding{Code: "RENENTRYIDS_NO_SENTINEL", Severity: blob.Warning, Path: "PersistData",
			Message: "the blocks do not end with a PERSIST_SENTINEL block; Outlook reads on to the end of the value"})
	}
	for i, p := range v.PersistData {
		if len(p.Unparsed) > 0 {
			out = append(out, blob.Finding{Code: "RENENTRYIDS_BAD_ELEMENT", Severity: blob.Error, Path: wire.Path("PersistData", i, "DataElements"),
				Message: "the data elements do not fill DataElementsSize; Outlook cannot find the special folder they name"})
		}
	}
	return append(out, trailingFinding("RENENTRYIDS_TRAILING_BYTES", v.Trailing)...)
}

// SmartView renders v as MFCMAPI does ("Additional Ren Entry IDs").
func (v *AdditionalRenEntryIDsEx) SmartView() string {
	var w sv.Writer
	w.Line(0, "Additional Ren Entry IDs")
	w.Line(1, "PersistDataCount = ", strconv.Itoa(len(v.PersistData)))
	for i, p := range v.PersistData {
		w.Line(1, "Persist Element ", strconv.Itoa(i))
		w.Line(2, "PersistID = ", mfc.X(uint64(p.PersistID), 4), " = ", mfc.Flags("flagPersistID", uint32(p.PersistID)))
		w.Line(2, "DataElementsSize = ", mfc.X(uint64(p.DataElementsSize), 4))
		for j, e := range p.DataElements {
			w.Line(2, "DataElement[", strconv.Itoa(j), "]")
			w.Line(3, "ElementID = ", mfc.X(uint64(e.ElementID), 4), " = ", mfc.Flags("flagElementID", uint32(e.ElementID)))
			w.Line(3, "ElementDataSize = ", mfc.X(uint64(e.ElementDataSize), 4))
			if len(e.ElementData) > 0 {
				bin(&w, 3, "ElementData", e.ElementData)
			}
		}
		w.Unparsed(2, p.Unparsed)
	}
	w.Unparsed(1, v.Trailing)
	return w.String()
}

// Text is the SmartView text.
func (v *AdditionalRenEntryIDsEx) Text() string { return v.SmartView() }

// MarshalJSON writes the blocks.
func (v *AdditionalRenEntryIDsEx) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		PersistData []PersistData `json:"PersistData"`
	}{v.PersistData})
}
