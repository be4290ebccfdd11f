package pst

import (
	"encoding/binary"
	"errors"
	"io"
	"sort"
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/guid"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/proptag"
)

// Tree is a folder to write: its name, container class, messages and
// subfolders.
type Tree struct {
	Name           string
	ContainerClass string // "IPF.Appointment", "IPF.Task"…; "" for none
	Messages       []*item.Item
	// Associated are the folder's associated (FAI) messages: views,
	// rules, forms.
	Associated []*item.Item
	Folders    []*Tree
}

// WriteOptions vary the file Write makes.
type WriteOptions struct {
	// CryptMethod is the encoding of the data blocks (CryptNone by
	// default).
	CryptMethod CryptMethod
	// DisplayName is the message store's name (default "Personal Folders").
	DisplayName string
	// Format is Unicode (the default) or ANSI, the 32-bit form of
	// Outlook 97–2002, whose folder names are written in windows-1252.
	Format Format
}

const (
	amapStart  = 0x4400
	amapSpan   = 496 * 8 * 64 // the bytes one AMap page maps
	maxAMaps   = 128          // the AMaps the header's initial FMap covers
	maxFileLen = amapStart + maxAMaps*amapSpan
)

// ErrTooLarge is returned by Write for content that would make a file
// larger than the writer lays out (about 32 MB: the AMaps the header's
// initial free map covers; beyond them FMap pages would be due).
var ErrTooLarge = errors.New("pst: the content needs a file larger than this writer lays out (" + strconv.Itoa(maxFileLen) + " bytes)")

// Write writes a PST file ([MS-PST]), Unicode or ANSI as o says, holding
// the folders, under
// the root folder's "Top of Personal Folders" (the IPM subtree), beside a
// "Deleted Items" folder: every message with its tagged and named
// properties, recipients, attachments and embedded messages. Named
// properties are numbered in the file's named-property map in order of
// first use. A property context keys its properties by id alone, so two
// properties of one message with the same id and different types
// (PidTagMessageSize and PidTagMessageSizeExtended, both 0x0E08) are an
// error. A file without any named property has an empty named-property
// map, which this reader and readpst read but libpff refuses to open
// (Outlook's own stores always name some).
func Write(w io.Writer, o WriteOptions, folders ...*Tree) error {
	b, err := Marshal(o, folders...)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Marshal is Write into a byte slice.
func Marshal(o WriteOptions, folders ...*Tree) ([]byte, error) {
	if o.CryptMethod > CryptCyclic {
		return nil, errors.New("pst: unknown crypt method " + o.CryptMethod.String())
	}
	if o.DisplayName == "" {
		o.DisplayName = "Personal Folders"
	}
	w := &writer{crypt: o.CryptMethod, ansi: o.Format == ANSI, off: amapStart + 2*pageSize, nextBID: 4, nextPage: 4,
		names: map[item.Named]uint16{}, used: map[uint32]uint32{}}
	if err := w.store(o, folders); err != nil {
		return nil, err
	}
	return w.finish()
}

// writer builds a file in memory.
type writer struct {
	crypt    CryptMethod
	ansi     bool
	buf      []byte
	off      int64 // the next free offset
	nextBID  uint64
	nextPage uint64
	bbt      []bbtOut
	nbt      []nbtOut
	err      error

	names     map[item.Named]uint16
	nameList  []item.Named
	guids     []guid.GUID
	used      map[uint32]uint32 // NID type → highest index used
	alloc64   []bool            // allocated 64-byte units from amapStart
	regionsIn int
}

type bbtOut struct {
	ref BREF
	cb  int
}

type nbtOut struct {
	nid       uint32
	data, sub uint64
	parent    uint32
}

// id appends a BID, IB or NID in the file's width: 8 bytes, 4 in ANSI.
func (w *writer) id(b []byte, v uint64) []byte {
	if w.ansi {
		return binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	return binary.LittleEndian.AppendUint64(b, v)
}

func (w *writer) idSize() int {
	if w.ansi {
		return 4
	}
	return 8
}

// maxData is the largest data block's size.
func (w *writer) maxData() int {
	if w.ansi {
		return 8192 - blockTrailerA
	}
	return maxBlockData
}

// trailer is the page data's size before the page trailer.
func (w *writer) pageData() int {
	if w.ansi {
		return 500
	}
	return 496
}

// reserve finds room for n bytes (align: 64 for blocks, 512 for pages),
// skipping the AMap and PMap pages at the start of each region.
func (w *writer) reserve(n int, align int64) int64 {
	for {
		o := (w.off + align - 1) &^ (align - 1)
		region := (o - amapStart) / amapSpan
		start := amapStart + region*amapSpan
		first := start + pageSize
		if region%8 == 0 {
			first += pageSize // the PMap
		}
		if o < first {
			w.off = first
			continue
		}
		if o+int64(n) > start+amapSpan {
			w.off = start + amapSpan
			continue
		}
		if o+int64(n) > maxFileLen {
			w.err = ErrTooLarge
		}
		w.off = o + int64(n)
		w.mark(o, n)
		return o
	}
}

func (w *writer) mark(o int64, n int) {
	first, last := (o-amapStart)/64, (o+int64(n)-1-amapStart)/64
	for int64(len(w.alloc64)) <= last {
		w.alloc64 = append(w.alloc64, false)
	}
	for i := first; i <= last; i++ {
		w.alloc64[i] = true
	}
}

func (w *writer) put(o int64, b []byte) {
	if need := o + int64(len(b)); int64(len(w.buf)) < need {
		if need > maxFileLen {
			w.err = ErrTooLarge
			return
		}
		w.buf = append(w.buf, make([]byte, need-int64(len(w.buf)))...)
	}
	copy(w.buf[o:], b)
}

// block writes one block ([MS-PST] 2.2.2.8) and returns its BID: a data
// block encoded with the file's encoding, or an internal one as is.
func (w *writer) block(data []byte, internal bool) uint64 {
	bid := w.nextBID
	w.nextBID += 4
	if internal {
		bid |= 2
	}
	tsize := blockTrailerU
	if w.ansi {
		tsize = blockTrailerA
	}
	total := (len(data) + tsize + 63) &^ 63
	o := w.reserve(total, 64)
	b := make([]byte, total)
	copy(b, data)
	if !internal {
		switch w.crypt {
		case CryptPermute:
			permute(b[:len(data)], true)
		case CryptCyclic:
			cyclic(b[:len(data)], uint32(bid))
		}
	}
	t := b[total-tsize:]
	binary.LittleEndian.PutUint16(t, uint16(len(data)))
	binary.LittleEndian.PutUint16(t[2:], sig(uint64(o), bid))
	if w.ansi {
		binary.LittleEndian.PutUint32(t[4:], uint32(bid))
		binary.LittleEndian.PutUint32(t[8:], crc(b[:len(data)]))
	} else {
		binary.LittleEndian.PutUint32(t[4:], crc(b[:len(data)]))
		binary.LittleEndian.PutUint64(t[8:], bid)
	}
	w.put(o, b)
	w.bbt = append(w.bbt, bbtOut{BREF{bid, uint64(o)}, len(data)})
	return bid
}

// writeData writes a node's data: one block, or data blocks under an
// XBLOCK or XXBLOCK ([MS-PST] 2.2.2.8.3.2).
func (w *writer) writeData(data []byte) uint64 {
	var blocks [][]byte
	for i := 0; i < len(data) || i == 0; i += w.maxData() {
		blocks = append(blocks, data[i:min(i+w.maxData(), len(data))])
	}
	return w.writeBlocks(blocks)
}

// writeBlocks writes the given data blocks as one node's data.
func (w *writer) writeBlocks(blocks [][]byte) uint64 {
	if len(blocks) == 1 {
		return w.block(blocks[0], false)
	}
	per := (w.maxData() - 8) / w.idSize()
	type ref struct {
		bid uint64
		n   int
	}
	var level []ref
	for _, b := range blocks {
		level = append(level, ref{w.block(b, false), len(b)})
	}
	for clevel := 1; len(level) > 1 || clevel == 1; clevel++ {
		var up []ref
		for i := 0; i < len(level); i += per {
			part := level[i:min(i+per, len(level))]
			total := 0
			b := []byte{0x01, byte(clevel), 0, 0, 0, 0, 0, 0}
			binary.LittleEndian.PutUint16(b[2:], uint16(len(part)))
			for _, r := range part {
				total += r.n
				b = w.id(b, r.bid)
			}
			binary.LittleEndian.PutUint32(b[4:], uint32(total))
			up = append(up, ref{w.block(b, true), total})
		}
		level = up
		if clevel == 2 && len(level) > 1 {
			w.err = ErrTooLarge
			break
		}
	}
	return level[0].bid
}

// subTree collects the subnodes of one node.
type subTree struct {
	w     *writer
	nodes []nbtOut
	next  uint32
}

func (w *writer) newSubs() *subTree { return &subTree{w: w, next: 0x400} }

func (s *subTree) newNID(typ uint32) uint32 {
	s.next++
	return s.next<<5 | typ
}

func (s *subTree) add(nid uint32, data, sub uint64) {
	s.nodes = append(s.nodes, nbtOut{nid: nid, data: data, sub: sub})
}

// write writes the subnode tree ([MS-PST] 2.2.2.8.3.3): SLBLOCKs, under
// an SIBLOCK when there are more than one; 0 when there are no subnodes.
func (s *subTree) write() uint64 {
	if len(s.nodes) == 0 {
		return 0
	}
	w := s.w
	sort.Slice(s.nodes, func(i, j int) bool { return s.nodes[i].nid < s.nodes[j].nid })
	head := 8
	if w.ansi {
		head = 4 // no dwPadding
	}
	per := (w.maxData() - head) / (3 * w.idSize())
	type ref struct {
		nid uint32
		bid uint64
	}
	var leaves []ref
	for i := 0; i < len(s.nodes); i += per {
		part := s.nodes[i:min(i+per, len(s.nodes))]
		b := make([]byte, head)
		b[0] = 0x02
		binary.LittleEndian.PutUint16(b[2:], uint16(len(part)))
		for _, n := range part {
			b = w.id(b, uint64(n.nid))
			b = w.id(b, n.data)
			b = w.id(b, n.sub)
		}
		leaves = append(leaves, ref{part[0].nid, w.block(b, true)})
	}
	if len(leaves) == 1 {
		return leaves[0].bid
	}
	perSI := (w.maxData() - head) / (2 * w.idSize())
	if len(leaves) > perSI {
		w.err = ErrTooLarge
	}
	b := make([]byte, head)
	b[0], b[1] = 0x02, 0x01
	binary.LittleEndian.PutUint16(b[2:], uint16(len(leaves)))
	for _, l := range leaves {
		b = w.id(b, uint64(l.nid))
		b = w.id(b, l.bid)
	}
	return w.block(b, true)
}

// node writes a node of the NBT.
func (w *writer) node(nid uint32, data, sub uint64, parent uint32) {
	w.nbt = append(w.nbt, nbtOut{nid, data, sub, parent})
	if t, i := nid&0x1F, nid>>5; i > w.used[t] {
		w.used[t] = i
	}
}

// nameID numbers a named property in the file's map.
func (w *writer) nameID(n item.Named) (uint16, error) {
	if i, ok := w.names[n]; ok {
		return 0x8000 + i, nil
	}
	if len(w.nameList) >= 0x7FFF {
		return 0, errors.New("pst: more than 32767 named properties")
	}
	i := uint16(len(w.nameList))
	w.names[n] = i
	w.nameList = append(w.nameList, n)
	return 0x8000 + i, nil
}

func (w *writer) guidIndex(g guid.GUID) uint16 {
	switch g {
	case psMAPI:
		return 1
	case psPublicStrings:
		return 2
	}
	for i, x := range w.guids {
		if x == g {
			return uint16(3 + i)
		}
	}
	w.guids = append(w.guids, g)
	return uint16(3 + len(w.guids) - 1)
}

// wireValue is a property value's PST form ([MS-PST] 2.3.3.4).
func wireValue(v *item.Value, cp blob.CodePage) []byte {
	t := v.Type
	if t&proptag.MV_FLAG == 0 {
		if item.FixedSize(t) > 0 {
			return v.AppendFixed(nil)
		}
		return v.WireBytes(cp)
	}
	base := t &^ proptag.MV_FLAG
	if item.FixedSize(base) > 0 {
		var b []byte
		for i := range v.Multi {
			m := v.Multi[i]
			m.Type = base
			b = m.AppendFixed(b)
		}
		return b
	}
	n := len(v.Multi)
	b := binary.LittleEndian.AppendUint32(nil, uint32(n))
	off := 4 + 4*n
	var data []byte
	for i := range v.Multi {
		m := v.Multi[i]
		m.Type = base
		b = binary.LittleEndian.AppendUint32(b, uint32(off+len(data)))
		data = append(data, m.WireBytes(cp)...)
	}
	return append(b, data...)
}

// props turns item properties into properties to write, numbering the
// named ones.
func (w *writer) props(ps []item.Property, cp blob.CodePage) ([]wprop, error) {
	out := make([]wprop, 0, len(ps))
	for i := range ps {
		p := &ps[i]
		tag := p.Tag
		if p.Named != nil {
			id, err := w.nameID(*p.Named)
			if err != nil {
				return nil, err
			}
			tag = proptag.NewTag(id, p.Value.Type)
		} else if p.Value.Type != 0 && p.Value.Type != tag.Type() {
			tag = proptag.NewTag(tag.ID(), p.Value.Type)
		}
		if tag.Type() == proptag.PT_OBJECT {
			continue
		}
		out = append(out, wprop{tag: tag, data: wireValue(&p.Value, cp)})
	}
	return out, nil
}

// pcNode writes a property context's heap as node data.
func (w *writer) pcNode(props []wprop, subs *subTree) (uint64, error) {
	blocks, err := w.pc(props, subs)
	if err != nil {
		return 0, err
	}
	return w.writeBlocks(blocks), nil
}

// tcNode writes a table context as a node: its data and its own subnodes.
func (w *writer) tcNode(cols []proptag.PropTag, rows []tcRow) (uint64, uint64, error) {
	subs := w.newSubs()
	blocks, err := w.tc(cols, rows, subs)
	if err != nil {
		return 0, 0, err
	}
	return w.writeBlocks(blocks), subs.write(), nil
}

// Columns of the tables Outlook keeps ([MS-PST] 2.4.4.5.1, 2.4.4.4.1,
// 2.4.5.1.1, 2.4.6.1.1), the ones this writer fills.
var (
	hierarchyColumns = []proptag.PropTag{tagDisplayName, tagContentCount, tagContentUnread, tagSubfolders, tagContainerClass}
	contentsColumns  = []proptag.PropTag{0x00170003, 0x001A001F, 0x00360003, 0x0037001F, 0x00390040, 0x0042001F,
		0x0E04001F, 0x0E060040, 0x0E070003, 0x0E080003, 0x0E170003, 0x30070040, 0x30080040}
	recipientColumns = []proptag.PropTag{0x0C150003, 0x0E0F000B, 0x0FF90102, 0x0FFE0003, 0x0FFF0102, 0x3001001F,
		0x3002001F, 0x3003001F, 0x300B0102, 0x39000003, 0x39FF001F, 0x3A40000B}
	attachColumns = []proptag.PropTag{0x0E200003, 0x3704001F, 0x37050003, 0x370B0003}
)

// derived is a list of columns of the folder tables (which repeat what
// the folders' and messages' own properties say) in the file's form: in an
// ANSI file, strings are PT_STRING8.
func (w *writer) derived(cols []proptag.PropTag) []proptag.PropTag {
	if !w.ansi {
		return cols
	}
	out := make([]proptag.PropTag, len(cols))
	for i, c := range cols {
		if c.Type() == proptag.PT_UNICODE {
			c = c&^0xFFFF | proptag.PropTag(proptag.PT_STRING8)
		}
		out[i] = c
	}
	return out
}

// derivedRows turns the PT_UNICODE cells of folder table rows into
// windows-1252 PT_STRING8 ones in an ANSI file.
func (w *writer) derivedRows(rows []tcRow) []tcRow {
	if !w.ansi {
		return rows
	}
	for _, r := range rows {
		for t, v := range r.cells {
			if t.Type() != proptag.PT_UNICODE {
				continue
			}
			delete(r.cells, t)
			s := item.DecodeUTF16(v)
			b, ok := blob.DefaultCodePage.Encode(s)
			if !ok {
				b = []byte(s)
			}
			r.cells[t&^0xFFFF|proptag.PropTag(proptag.PT_STRING8)] = b
		}
	}
	return rows
}

// rowOf picks a row's cells from properties: the columns they fill.
func rowOf(id uint32, ps []wprop) tcRow {
	r := tcRow{id: id, cells: map[proptag.PropTag][]byte{}}
	for _, p := range ps {
		r.cells[p.tag] = p.data
	}
	return r
}

// columnsOf adds to base every tag of the rows not in it.
func columnsOf(base []proptag.PropTag, rows []tcRow) []proptag.PropTag {
	cols := append([]proptag.PropTag(nil), base...)
	have := map[proptag.PropTag]bool{}
	for _, t := range cols {
		have[t] = true
	}
	var extra []proptag.PropTag
	for _, r := range rows {
		for t := range r.cells {
			if !have[t] {
				have[t] = true
				extra = append(extra, t)
			}
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i] < extra[j] })
	return append(cols, extra...)
}

// keep returns the rows' cells limited to the columns.
func keep(rows []tcRow, cols []proptag.PropTag) []tcRow {
	in := map[proptag.PropTag]bool{}
	for _, c := range cols {
		in[c] = true
	}
	for _, r := range rows {
		for t := range r.cells {
			if !in[t] {
				delete(r.cells, t)
			}
		}
	}
	return rows
}

// message writes a message's PC with its recipient table, attachment
// table and attachments as subnodes; it returns the node's data and
// subnode tree.
func (w *writer) message(it *item.Item, depth int) (uint64, uint64, error) {
	if depth > item.MaxNesting {
		return 0, 0, errors.New("pst: embedded messages nested deeper than " + strconv.Itoa(item.MaxNesting))
	}
	cp := it.CodePage()
	subs := w.newSubs()
	props, err := w.props(it.Properties, cp)
	if err != nil {
		return 0, 0, err
	}
	var rrows []tcRow
	for i, row := range it.Recipients {
		rp, err := w.props(row, cp)
		if err != nil {
			return 0, 0, err
		}
		rrows = append(rrows, rowOf(uint32(i), rp))
	}
	data, sub, err := w.tcNode(columnsOf(recipientColumns, rrows), rrows)
	if err != nil {
		return 0, 0, err
	}
	subs.add(nidRecipientTable, data, sub)
	if len(it.Attachments) > 0 {
		var arows []tcRow
		for _, a := range it.Attachments {
			ap, err := w.props(a.Properties, cp)
			if err != nil {
				return 0, 0, err
			}
			anid := subs.newNID(nidTypeAttachment)
			asubs := w.newSubs()
			if a.Embedded != nil {
				ed, es, err := w.message(a.Embedded, depth+1)
				if err != nil {
					return 0, 0, err
				}
				enid := asubs.newNID(nidTypeNormalMessage)
				asubs.add(enid, ed, es)
				obj := binary.LittleEndian.AppendUint32(nil, enid)
				obj = binary.LittleEndian.AppendUint32(obj, 0)
				ap = append(ap, wprop{tag: tagAttachDataObj, data: obj})
			}
			ad, err := w.pcNode(ap, asubs)
			if err != nil {
				return 0, 0, err
			}
			subs.add(anid, ad, asubs.write())
			arows = append(arows, rowOf(anid, ap))
		}
		data, sub, err := w.tcNode(attachColumns, keep(arows, attachColumns))
		if err != nil {
			return 0, 0, err
		}
		subs.add(nidAttachTable, data, sub)
	}
	data, err = w.pcNode(props, subs)
	if err != nil {
		return 0, 0, err
	}
	return data, subs.write(), nil
}

// wfolder is a folder being written.
type wfolder struct {
	nid      uint32
	name     string
	class    string
	messages []*item.Item
	assoc    []*item.Item
	kids     []*wfolder
	count    int
	unread   int
}

func utf16Value(s string) []byte { return item.EncodeUTF16(s) }

// text is a string property the writer makes: PT_UNICODE, or PT_STRING8
// in windows-1252 in an ANSI file.
func (w *writer) text(tag proptag.PropTag, s string) wprop {
	if !w.ansi {
		return wprop{tag: tag, data: utf16Value(s)}
	}
	b, ok := blob.DefaultCodePage.Encode(s)
	if !ok {
		b = []byte(s)
	}
	return wprop{tag: tag&^0xFFFF | proptag.PropTag(proptag.PT_STRING8), data: b}
}

func long(v int) []byte { return binary.LittleEndian.AppendUint32(nil, uint32(int32(v))) }

func boolean(b bool) []byte {
	if b {
		return []byte{1, 0}
	}
	return []byte{0, 0}
}

// folderProps are a folder's PC and hierarchy table row.
func (w *writer) folderProps(f *wfolder) []wprop {
	ps := []wprop{
		w.text(tagDisplayName, f.name),
		{tag: tagContentCount, data: long(f.count)},
		{tag: tagContentUnread, data: long(f.unread)},
		{tag: tagSubfolders, data: boolean(len(f.kids) > 0)},
		{tag: 0x36170003, data: long(len(f.assoc))}, // PidTagAssociatedContentCount
	}
	if f.class != "" {
		ps = append(ps, w.text(tagContainerClass, f.class))
	}
	return ps
}

// folder writes a folder, its messages, its tables and its subfolders.
func (w *writer) folder(f *wfolder, parent uint32) error {
	var crows []tcRow
	for i, it := range f.messages {
		mnid := w.nextNID(nidTypeNormalMessage)
		data, sub, err := w.message(it, 0)
		if err != nil {
			return errors.New("pst: folder " + f.name + ", message " + strconv.Itoa(i) + ": " + err.Error())
		}
		w.node(mnid, data, sub, f.nid)
		mp, err := w.props(it.Properties, it.CodePage())
		if err != nil {
			return err
		}
		crows = append(crows, rowOf(mnid, mp))
	}
	var arows []tcRow
	for i, it := range f.assoc {
		mnid := w.nextNID(nidTypeAssocMessage)
		data, sub, err := w.message(it, 0)
		if err != nil {
			return errors.New("pst: folder " + f.name + ", associated message " + strconv.Itoa(i) + ": " + err.Error())
		}
		w.node(mnid, data, sub, f.nid)
		mp, err := w.props(it.Properties, it.CodePage())
		if err != nil {
			return err
		}
		arows = append(arows, rowOf(mnid, mp))
	}
	var hrows []tcRow
	for _, k := range f.kids {
		hrows = append(hrows, rowOf(k.nid, w.folderProps(k)))
	}
	ps := w.folderProps(f)
	subs := w.newSubs()
	data, err := w.pcNode(ps, subs)
	if err != nil {
		return err
	}
	w.node(f.nid, data, subs.write(), parent)
	for _, t := range []struct {
		typ  uint32
		cols []proptag.PropTag
		rows []tcRow
	}{
		{nidTypeHierarchy, w.derived(hierarchyColumns), hrows},
		{nidTypeContents, w.derived(contentsColumns), keep(w.derivedRows(crows), w.derived(contentsColumns))},
		{nidTypeAssocContents, w.derived(contentsColumns[:4]), keep(w.derivedRows(arows), w.derived(contentsColumns[:4]))},
	} {
		data, sub, err := w.tcNode(t.cols, t.rows)
		if err != nil {
			return err
		}
		w.node(f.nid&^0x1F|t.typ, data, sub, 0)
	}
	for _, k := range f.kids {
		if err := w.folder(k, f.nid); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) nextNID(typ uint32) uint32 {
	i := max(w.used[typ]+1, 0x400)
	if typ == nidTypeNormalMessage {
		i = max(i, 0x10001)
	}
	w.used[typ] = i
	return i<<5 | typ
}

func (w *writer) tree(t *Tree, depth int) (*wfolder, error) {
	if depth > maxFolderDepth {
		return nil, errors.New("pst: folders nested deeper than " + strconv.Itoa(maxFolderDepth))
	}
	f := &wfolder{nid: w.nextNID(nidTypeNormalFolder), name: t.Name, class: t.ContainerClass, messages: t.Messages, assoc: t.Associated, count: len(t.Messages)}
	for _, it := range t.Messages {
		if p := it.Get("PidTagMessageFlags"); p == nil || p.Value.Int&1 == 0 {
			f.unread++
		}
	}
	for _, k := range t.Folders {
		kf, err := w.tree(k, depth+1)
		if err != nil {
			return nil, err
		}
		f.kids = append(f.kids, kf)
	}
	return f, nil
}

// store writes the message store, the folder tree, the table templates
// and the named-property map.
func (w *writer) store(o WriteOptions, folders []*Tree) error {
	root := &wfolder{nid: nidRootFolder}
	ipm, err := w.tree(&Tree{Name: "Top of Personal Folders", Folders: folders}, 1)
	if err != nil {
		return err
	}
	deleted := &wfolder{nid: w.nextNID(nidTypeNormalFolder), name: "Deleted Items"}
	ipm.kids = append(ipm.kids, deleted)
	root.kids = []*wfolder{ipm}
	if err := w.folder(root, nidRootFolder); err != nil {
		return err
	}
	var key [16]byte
	for i := range key {
		key[i] = byte(0x5A + 7*i)
	}
	entryID := func(nid uint32) []byte {
		b := append(make([]byte, 4), key[:]...)
		return binary.LittleEndian.AppendUint32(b, nid)
	}
	store := []wprop{
		{tag: 0x0FF90102, data: key[:]},               // PidTagRecordKey
		w.text(0x3001001F, o.DisplayName),             // PidTagDisplayName
		{tag: 0x35DF0003, data: long(0x01 | 0x08)},    // PidTagValidFolderMask: IPM subtree, wastebasket
		{tag: 0x35E00102, data: entryID(ipm.nid)},     // PidTagIpmSubTreeEntryId
		{tag: 0x35E30102, data: entryID(deleted.nid)}, // PidTagIpmWastebasketEntryId
	}
	subs := w.newSubs()
	data, err := w.pcNode(store, subs)
	if err != nil {
		return err
	}
	w.node(nidMessageStore, data, subs.write(), 0)
	for _, t := range []struct {
		nid  uint32
		cols []proptag.PropTag
	}{
		{0x60D, w.derived(hierarchyColumns)}, {0x60E, w.derived(contentsColumns)}, {0x60F, w.derived(contentsColumns[:4])},
		{nidRecipientTable, recipientColumns}, {nidAttachTable, attachColumns},
	} {
		data, sub, err := w.tcNode(t.cols, nil)
		if err != nil {
			return err
		}
		w.node(t.nid, data, sub, 0)
	}
	return w.nameMapNode()
}

// nameMapNode writes the named-property map ([MS-PST] 2.4.7): the GUID,
// entry and string streams and the hash buckets.
func (w *writer) nameMapNode() error {
	const buckets = 251
	var entries, strs []byte
	bucket := make([][]byte, buckets)
	for i, n := range w.nameList {
		gi := w.guidIndex(n.Set)
		id := n.LID
		hash := n.LID
		kind := uint16(0)
		if n.IsName {
			kind = 1
			id = uint32(len(strs))
			name := item.EncodeUTF16(n.Name)
			hash = crc(name)
			strs = binary.LittleEndian.AppendUint32(strs, uint32(len(name)))
			strs = append(strs, name...)
			for len(strs)%4 != 0 {
				strs = append(strs, 0)
			}
		}
		gk := gi<<1 | kind
		e := binary.LittleEndian.AppendUint32(nil, id)
		e = binary.LittleEndian.AppendUint16(e, gk)
		e = binary.LittleEndian.AppendUint16(e, uint16(i))
		entries = append(entries, e...)
		h := binary.LittleEndian.AppendUint32(nil, hash)
		h = append(h, e[4:]...)
		k := (hash ^ uint32(gk)) % buckets
		bucket[k] = append(bucket[k], h...)
	}
	var gb []byte
	for _, g := range w.guids {
		gb = append(gb, g[:]...)
	}
	ps := []wprop{
		{tag: 0x00010003, data: long(buckets)},
		{tag: 0x00020102, data: gb},
		{tag: 0x00030102, data: entries},
		{tag: 0x00040102, data: strs},
	}
	for i, b := range bucket {
		if b != nil {
			ps = append(ps, wprop{tag: proptag.NewTag(uint16(0x1000+i), proptag.PT_BINARY), data: b})
		}
	}
	subs := w.newSubs()
	data, err := w.pcNode(ps, subs)
	if err != nil {
		return err
	}
	w.node(nidNameToIDMap, data, subs.write(), 0)
	return nil
}

// btree writes the pages of a B-tree ([MS-PST] 2.2.2.7.7) over the sorted
// leaf entries and returns the root's reference.
func (w *writer) btree(ptype byte, keys []uint64, leaves [][]byte) BREF {
	area := 488
	if w.ansi {
		area = 496
	}
	type ref struct {
		key uint64
		r   BREF
	}
	page := func(entries [][]byte, size, level int) BREF {
		b := make([]byte, pageSize)
		for i, e := range entries {
			copy(b[i*size:], e)
		}
		b[area] = byte(len(entries))
		b[area+1] = byte(area / size)
		b[area+2] = byte(size)
		b[area+3] = byte(level)
		o := w.reserve(pageSize, pageSize)
		bid := w.nextPage
		w.nextPage += 4
		w.pageTrailer(b, ptype, sig(uint64(o), bid), bid)
		w.put(o, b)
		return BREF{bid, uint64(o)}
	}
	size := len(leaves[0])
	per := area / size
	var level []ref
	for i := 0; i < len(leaves); i += per {
		end := min(i+per, len(leaves))
		level = append(level, ref{keys[i], page(leaves[i:end], size, 0)})
	}
	for l := 1; len(level) > 1; l++ {
		var up []ref
		esize := 3 * w.idSize()
		for i := 0; i < len(level); i += area / esize {
			part := level[i:min(i+area/esize, len(level))]
			var es [][]byte
			for _, r := range part {
				e := w.id(nil, r.key)
				e = w.id(e, r.r.BID)
				es = append(es, w.id(e, r.r.IB))
			}
			up = append(up, ref{part[0].key, page(es, esize, l)})
		}
		level = up
	}
	return level[0].r
}

// mapPage writes an AMap or PMap page ([MS-PST] 2.2.2.7.2, 2.2.2.7.3).
func (w *writer) mapPage(o int64, ptype byte, bits []byte) {
	b := make([]byte, pageSize)
	copy(b, bits)
	w.pageTrailer(b, ptype, 0, uint64(o))
	w.put(o, b)
}

// pageTrailer fills a page's PAGETRAILER ([MS-PST] 2.2.2.7.1).
func (w *writer) pageTrailer(b []byte, ptype byte, wsig uint16, bid uint64) {
	n := w.pageData()
	t := b[n:]
	t[0], t[1] = ptype, ptype
	binary.LittleEndian.PutUint16(t[2:], wsig)
	if w.ansi {
		binary.LittleEndian.PutUint32(t[4:], uint32(bid))
		binary.LittleEndian.PutUint32(t[8:], crc(b[:n]))
		return
	}
	binary.LittleEndian.PutUint32(t[4:], crc(b[:n]))
	binary.LittleEndian.PutUint64(t[8:], bid)
}

// finish writes the B-trees, the allocation maps and the header.
func (w *writer) finish() ([]byte, error) {
	sort.Slice(w.nbt, func(i, j int) bool { return w.nbt[i].nid < w.nbt[j].nid })
	for i := 1; i < len(w.nbt); i++ {
		if w.nbt[i].nid == w.nbt[i-1].nid {
			return nil, errors.New("pst: two nodes with NID 0x" + hex(uint64(w.nbt[i].nid)))
		}
	}
	var keys []uint64
	var leaves [][]byte
	for _, n := range w.nbt {
		e := w.id(nil, uint64(n.nid))
		e = w.id(e, n.data)
		e = w.id(e, n.sub)
		e = binary.LittleEndian.AppendUint32(e, n.parent)
		if !w.ansi {
			e = binary.LittleEndian.AppendUint32(e, 0)
		}
		leaves = append(leaves, e)
		keys = append(keys, uint64(n.nid))
	}
	nbt := w.btree(ptypeNBT, keys, leaves)
	sort.Slice(w.bbt, func(i, j int) bool { return w.bbt[i].ref.BID < w.bbt[j].ref.BID })
	keys, leaves = nil, nil
	for _, b := range w.bbt {
		e := w.id(nil, b.ref.BID)
		e = w.id(e, b.ref.IB)
		e = binary.LittleEndian.AppendUint16(e, uint16(b.cb))
		e = binary.LittleEndian.AppendUint16(e, 1)
		if !w.ansi {
			e = binary.LittleEndian.AppendUint32(e, 0)
		}
		leaves = append(leaves, e)
		keys = append(keys, b.ref.BID)
	}
	bbt := w.btree(ptypeBBT, keys, leaves)
	if w.err != nil {
		return nil, w.err
	}
	regions := (w.off - amapStart + amapSpan - 1) / amapSpan
	eof := amapStart + regions*amapSpan
	w.put(eof-1, []byte{0})
	w.mark(amapStart, 0)
	free := int64(0)
	for k := range regions {
		start := amapStart + k*amapSpan
		w.mark(start, pageSize)
		if k%8 == 0 {
			w.mark(start+pageSize, pageSize)
		}
		bits := make([]byte, 496)
		for i := range int64(496 * 8) {
			u := k*496*8 + i
			if u < int64(len(w.alloc64)) && w.alloc64[u] {
				bits[i/8] |= 0x80 >> (i % 8)
			} else {
				free += 64
			}
		}
		w.mapPage(start, ptypeAMap, bits)
		if k%8 == 0 {
			pm := make([]byte, 496)
			for i := range pm {
				pm[i] = 0xFF
			}
			w.mapPage(start+pageSize, ptypePMap, pm)
		}
	}
	if w.err != nil {
		return nil, w.err
	}
	if w.ansi {
		w.ansiHeader(eof, regions, free, nbt, bbt)
		return w.buf, nil
	}
	h := w.buf[:headerSizeU]
	le := binary.LittleEndian
	le.PutUint32(h, magicPST)
	le.PutUint16(h[8:], 0x4D53) // "SM"
	le.PutUint16(h[10:], 23)    // wVer: Unicode
	le.PutUint16(h[12:], 19)    // wVerClient
	h[14], h[15] = 0x01, 0x01   // bPlatformCreate, bPlatformAccess
	le.PutUint64(h[32:], w.nextPage)
	le.PutUint32(h[40:], 1)
	for t := range uint32(32) {
		le.PutUint32(h[44+4*t:], max(w.used[t]+1, 0x400)<<5|t)
	}
	r := h[180:]
	le.PutUint64(r[4:], uint64(eof))
	le.PutUint64(r[12:], uint64(amapStart+(regions-1)*amapSpan))
	le.PutUint64(r[20:], uint64(free))
	le.PutUint64(r[28:], 0)
	le.PutUint64(r[36:], nbt.BID)
	le.PutUint64(r[44:], nbt.IB)
	le.PutUint64(r[52:], bbt.BID)
	le.PutUint64(r[60:], bbt.IB)
	r[68] = 0x02 // fAMapValid: VALID_AMAP2
	for i := 256; i < 512; i++ {
		h[i] = 0xFF // rgbFM, rgbFP
	}
	h[512] = 0x80 // bSentinel
	h[513] = byte(w.crypt)
	le.PutUint64(h[516:], w.nextBID)
	le.PutUint32(h[4:], crc(h[8:8+471]))
	le.PutUint32(h[524:], crc(h[8:8+516]))
	return w.buf, nil
}

// ansiHeader writes the HEADER of an ANSI file ([MS-PST] 2.2.2.6).
func (w *writer) ansiHeader(eof, regions, free int64, nbt, bbt BREF) {
	h := w.buf[:headerSizeA]
	le := binary.LittleEndian
	le.PutUint32(h, magicPST)
	le.PutUint16(h[8:], 0x4D53) // "SM"
	le.PutUint16(h[10:], 14)    // wVer: ANSI
	le.PutUint16(h[12:], 19)    // wVerClient
	h[14], h[15] = 0x01, 0x01
	le.PutUint32(h[24:], uint32(w.nextBID))
	le.PutUint32(h[28:], uint32(w.nextPage))
	le.PutUint32(h[32:], 1)
	for t := range uint32(32) {
		le.PutUint32(h[36+4*t:], max(w.used[t]+1, 0x400)<<5|t)
	}
	r := h[164:]
	le.PutUint32(r[4:], uint32(eof))
	le.PutUint32(r[8:], uint32(amapStart+(regions-1)*amapSpan))
	le.PutUint32(r[12:], uint32(free))
	le.PutUint32(r[16:], 0)
	le.PutUint32(r[20:], uint32(nbt.BID))
	le.PutUint32(r[24:], uint32(nbt.IB))
	le.PutUint32(r[28:], uint32(bbt.BID))
	le.PutUint32(r[32:], uint32(bbt.IB))
	r[36] = 0x02 // fAMapValid: VALID_AMAP2
	for i := 204; i < 460; i++ {
		h[i] = 0xFF // rgbFM, rgbFP
	}
	h[460] = 0x80 // bSentinel
	h[461] = byte(w.crypt)
	le.PutUint32(h[4:], crc(h[8:8+471]))
}
