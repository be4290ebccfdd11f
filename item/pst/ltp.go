package pst

import (
	"encoding/binary"
	"strconv"

	"github.com/mapiblob/mapiblob/blob"
	"github.com/mapiblob/mapiblob/internal/wire"
	"github.com/mapiblob/mapiblob/item"
	"github.com/mapiblob/mapiblob/proptag"
)

// The lists, tables and properties layer ([MS-PST] 2.3): the heap-on-node,
// its BTH, property contexts and table contexts.

const (
	hnSig       = 0xEC
	clientTC    = 0x7C // bTypeTC
	clientBTH   = 0xB5 // bTypeBTH
	clientPC    = 0xBC // bTypePC
	maxHeapItem = 3580
)

// heap is a heap-on-node ([MS-PST] 2.3.1): the node's data blocks, each
// with its HNPAGEMAP.
type heap struct {
	nid      uint32
	blocks   [][]byte
	allocs   [][]uint16 // rgibAlloc of each block
	client   byte       // bClientSig
	userRoot uint32     // hidUserRoot
}

func heapErr(nid uint32, cause error, detail string) error {
	return &CorruptError{Structure: "HN", Offset: -1, NID: nid, Err: cause, Detail: detail}
}

// newHeap reads the HNHDR of the first block and the HNPAGEMAP of each.
func newHeap(nid uint32, blocks [][]byte) (*heap, error) {
	if len(blocks) == 0 {
		return nil, heapErr(nid, blob.ErrTruncated, "the node has no data")
	}
	h := &heap{nid: nid, blocks: blocks, allocs: make([][]uint16, len(blocks))}
	b0 := blocks[0]
	if len(b0) < 12 {
		return nil, heapErr(nid, blob.ErrTruncated, "the first block is shorter than an HNHDR")
	}
	if b0[2] != hnSig {
		return nil, heapErr(nid, blob.ErrInvalid, "bSig 0x"+hex(uint64(b0[2]))+", want 0xEC")
	}
	h.client = b0[3]
	h.userRoot = binary.LittleEndian.Uint32(b0[4:])
	for i, b := range blocks {
		c := wire.NewCursor(b)
		var ib, cAlloc, cFree uint16
		if !c.U16(&ib) || int(ib) > len(b) {
			return nil, heapErr(nid, blob.ErrTruncated, "block "+strconv.Itoa(i)+": ibHnpm beyond the block")
		}
		c = wire.NewCursor(b[ib:])
		if !c.U16(&cAlloc) || !c.U16(&cFree) || !c.Fits(uint64(cAlloc)+1, 2) {
			return nil, heapErr(nid, blob.ErrTruncated, "block "+strconv.Itoa(i)+": the HNPAGEMAP at "+strconv.Itoa(int(ib))+" does not fit")
		}
		al := make([]uint16, int(cAlloc)+1)
		for j := range al {
			c.U16(&al[j])
			if al[j] > ib || j > 0 && al[j] < al[j-1] {
				return nil, heapErr(nid, blob.ErrInvalid, "block "+strconv.Itoa(i)+": rgibAlloc["+strconv.Itoa(j)+"] = "+strconv.Itoa(int(al[j]))+" is out of order or beyond the page map")
			}
		}
		h.allocs[i] = al
	}
	return h, nil
}

// item returns the heap item a HID names ([MS-PST] 2.3.1.1); HID 0 is an
// empty value.
func (h *heap) item(hid uint32) ([]byte, error) {
	if hid == 0 {
		return nil, nil
	}
	if hid&0x1F != 0 {
		return nil, heapErr(h.nid, blob.ErrInvalid, "HID 0x"+hex(uint64(hid))+" has hidType "+strconv.Itoa(int(hid&0x1F)))
	}
	idx, blk := int(hid>>5&0x7FF), int(hid>>16)
	if blk >= len(h.blocks) {
		return nil, heapErr(h.nid, blob.ErrInvalid, "HID 0x"+hex(uint64(hid))+" names block "+strconv.Itoa(blk)+" of "+strconv.Itoa(len(h.blocks)))
	}
	al := h.allocs[blk]
	if idx < 1 || idx >= len(al) {
		return nil, heapErr(h.nid, blob.ErrInvalid, "HID 0x"+hex(uint64(hid))+" names item "+strconv.Itoa(idx)+" of "+strconv.Itoa(len(al)-1))
	}
	b := h.blocks[blk]
	return b[al[idx-1]:al[idx]:al[idx]], nil
}

// bth is a BTH header ([MS-PST] 2.3.2.1).
type bth struct {
	h      *heap
	cbKey  int
	cbEnt  int
	levels int
	root   uint32
}

func (h *heap) bth(hid uint32) (*bth, error) {
	b, err := h.item(hid)
	if err != nil {
		return nil, err
	}
	if len(b) < 8 {
		return nil, &CorruptError{Structure: "BTH", Offset: -1, NID: h.nid, Err: blob.ErrTruncated, Detail: "the BTHHEADER is " + strconv.Itoa(len(b)) + " bytes"}
	}
	t := &bth{h: h, cbKey: int(b[1]), cbEnt: int(b[2]), levels: int(b[3]), root: binary.LittleEndian.Uint32(b[4:])}
	switch {
	case b[0] != clientBTH:
		return nil, &CorruptError{Structure: "BTH", Offset: -1, NID: h.nid, Err: blob.ErrInvalid, Detail: "bType 0x" + hex(uint64(b[0])) + ", want 0xB5"}
	case t.cbKey != 2 && t.cbKey != 4 && t.cbKey != 8 && t.cbKey != 16:
		return nil, &CorruptError{Structure: "BTH", Offset: -1, NID: h.nid, Err: blob.ErrInvalid, Detail: "cbKey " + strconv.Itoa(t.cbKey)}
	case t.cbEnt < 1 || t.cbEnt > 32:
		return nil, &CorruptError{Structure: "BTH", Offset: -1, NID: h.nid, Err: blob.ErrInvalid, Detail: "cbEnt " + strconv.Itoa(t.cbEnt)}
	case t.levels > maxBTreeLevels:
		return nil, &CorruptError{Structure: "BTH", Offset: -1, NID: h.nid, Err: blob.ErrInvalid, Detail: "bIdxLevels " + strconv.Itoa(t.levels)}
	}
	return t, nil
}

// records calls fn with every leaf record of the BTH in key order. An
// intermediate record names a heap item of the level below; an item met
// twice is an error.
func (t *bth) records(fn func(key, data []byte)) error {
	if t.root == 0 {
		return nil
	}
	seen := map[uint32]bool{}
	var visit func(hid uint32, level int) error
	visit = func(hid uint32, level int) error {
		if seen[hid] {
			return &CorruptError{Structure: "BTH", Offset: -1, NID: t.h.nid, Err: blob.ErrInvalid, Detail: "HID 0x" + hex(uint64(hid)) + " is reached twice"}
		}
		seen[hid] = true
		b, err := t.h.item(hid)
		if err != nil {
			return err
		}
		size := t.cbKey + t.cbEnt
		if level > 0 {
			size = t.cbKey + 4
		}
		if len(b)%size != 0 {
			return &CorruptError{Structure: "BTH", Offset: -1, NID: t.h.nid, Err: blob.ErrInvalid, Detail: "HID 0x" + hex(uint64(hid)) + ": " + strconv.Itoa(len(b)) + " bytes are not whole records of " + strconv.Itoa(size)}
		}
		for i := 0; i+size <= len(b); i += size {
			r := b[i : i+size]
			if level == 0 {
				fn(r[:t.cbKey], r[t.cbKey:])
				continue
			}
			if err := visit(binary.LittleEndian.Uint32(r[t.cbKey:]), level-1); err != nil {
				return err
			}
		}
		return nil
	}
	return visit(t.root, t.levels)
}

// ltp reads values of one node: its heap and its subnodes.
type ltp struct {
	d    *ndb
	h    *heap
	subs map[uint32]node
	// claimed are the HNIDs that back a value already: each backs one, so
	// that what a node's values take is bounded by the node's size.
	claimed     map[uint32]bool
	claimedData map[uint64]bool // the data trees of subnodes read as values
}

// openLTP reads a node's heap and subnode tree.
func (d *ndb) openLTP(n node, client byte) (*ltp, error) {
	blocks, err := d.dataTree(n.data)
	if err != nil {
		return nil, withNID(err, n.nid)
	}
	h, err := newHeap(n.nid, blocks)
	if err != nil {
		return nil, err
	}
	if h.client != client {
		return nil, heapErr(n.nid, blob.ErrInvalid, "bClientSig 0x"+hex(uint64(h.client))+", want 0x"+hex(uint64(client)))
	}
	subs, err := d.subnodes(n.sub)
	if err != nil {
		return nil, withNID(err, n.nid)
	}
	return &ltp{d: d, h: h, subs: subs}, nil
}

// hnid reads the value an HNID names ([MS-PST] 2.3.3.2): a heap item, or
// the data of a subnode.
func (l *ltp) hnid(v uint32) ([]byte, error) {
	if v&0x1F == 0 {
		return l.h.item(v)
	}
	n, ok := l.subs[v]
	if !ok {
		return nil, &CorruptError{Structure: "subnode", Offset: -1, NID: l.h.nid, Err: blob.ErrInvalid, Detail: "subnode 0x" + hex(uint64(v)) + " is not in the node's subnode tree"}
	}
	if l.claimedData[n.data&^1] {
		return nil, &CorruptError{Structure: "subnode", Offset: -1, NID: l.h.nid, Err: blob.ErrInvalid, Detail: "subnode 0x" + hex(uint64(v)) + "'s data is another subnode's already"}
	}
	if l.claimedData == nil {
		l.claimedData = map[uint64]bool{}
	}
	l.claimedData[n.data&^1] = true
	blocks, err := l.d.dataTree(n.data)
	if err != nil {
		return nil, withNID(err, l.h.nid)
	}
	if len(blocks) == 1 {
		return blocks[0], nil
	}
	size := 0
	for _, b := range blocks {
		size += len(b)
	}
	out := make([]byte, 0, size)
	for _, b := range blocks {
		out = append(out, b...)
	}
	return out, nil
}

// pcProp is one record of a property context.
type pcProp struct {
	tag  proptag.PropTag
	hnid uint32
}

// props reads the property context ([MS-PST] 2.3.3) of the LTP: each
// property's tag and value. A value that cannot be read is a property
// with Err, and the rest are read.
func (l *ltp) props(names []*item.Named) ([]item.Property, error) {
	t, err := l.h.bth(l.h.userRoot)
	if err != nil {
		return nil, err
	}
	if t.cbKey != 2 || t.cbEnt != 6 {
		return nil, &CorruptError{Structure: "PC", Offset: -1, NID: l.h.nid, Err: blob.ErrInvalid, Detail: "cbKey " + strconv.Itoa(t.cbKey) + " and cbEnt " + strconv.Itoa(t.cbEnt) + ", want 2 and 6"}
	}
	var recs []pcProp
	if err := t.records(func(k, v []byte) {
		id := binary.LittleEndian.Uint16(k)
		typ := binary.LittleEndian.Uint16(v)
		recs = append(recs, pcProp{proptag.NewTag(id, proptag.PropType(typ)), binary.LittleEndian.Uint32(v[2:])})
	}); err != nil {
		return nil, err
	}
	out := make([]item.Property, 0, len(recs))
	for _, r := range recs {
		if r.tag.Type() == proptag.PT_OBJECT {
			continue // an embedded object: read by the messaging layer
		}
		out = append(out, l.value(r.tag, r.hnid, nil, names))
	}
	return out, nil
}

// inPC reports whether a value of type t sits in the PC record itself.
func inPC(t proptag.PropType) bool {
	switch t {
	case proptag.PT_I2, proptag.PT_LONG, proptag.PT_R4, proptag.PT_ERROR, proptag.PT_BOOLEAN:
		return true
	}
	return false
}

// value reads one value: from the 4-byte cell (inline, when it holds the
// value), or through the HNID it holds.
func (l *ltp) value(tag proptag.PropTag, hnid uint32, inline []byte, names []*item.Named) item.Property {
	typ := tag.Type()
	named, nerr := nameOf(tag, names)
	var v item.Value
	var err error
	switch {
	case inline != nil:
		v = item.DecodeFixed(typ, inline)
	case inPC(typ):
		var b [4]byte
		binary.LittleEndian.PutUint32(b[:], hnid)
		if typ == proptag.PT_BOOLEAN {
			b[1] = 0
		}
		v = item.DecodeFixed(typ, b[:])
	case hnid != 0 && l.claimed[hnid]:
		err = &CorruptError{Structure: "PC", Offset: -1, NID: l.h.nid, Err: blob.ErrInvalid, Detail: "HNID 0x" + hex(uint64(hnid)) + " of property 0x" + hex(uint64(tag)) + " is another value's already"}
	default:
		if hnid != 0 {
			if l.claimed == nil {
				l.claimed = map[uint32]bool{}
			}
			l.claimed[hnid] = true
		}
		var data []byte
		data, err = l.hnid(hnid)
		if err == nil {
			v, err = decodeValue(typ, data)
		}
	}
	p := item.NewProperty(tag, named, v)
	if err != nil {
		p.Err = err
		p.Value = item.Value{Type: typ}
	} else if nerr != nil {
		p.Err = nerr
	}
	return p
}

func nameOf(tag proptag.PropTag, names []*item.Named) (*item.Named, error) {
	if !tag.IsNamed() {
		return nil, nil
	}
	i := int(tag.ID() - 0x8000)
	if i < len(names) && names[i] != nil {
		n := *names[i]
		return &n, nil
	}
	return nil, &CorruptError{Structure: "named property map", Offset: -1, NID: nidNameToIDMap, Err: blob.ErrInvalid, Detail: "property id 0x" + hex(uint64(tag.ID())) + " is not in the map"}
}

// decodeValue reads a value of type t from its PST form ([MS-PST]
// 2.3.3.4): fixed values in place, variable ones as bytes, multi-valued
// fixed ones concatenated and variable ones after a count and offsets.
func decodeValue(t proptag.PropType, b []byte) (item.Value, error) {
	if t&proptag.MV_FLAG == 0 {
		if n := item.FixedSize(t); n > 0 {
			if len(b) < n {
				return item.Value{}, wire.TruncatedAt(t.String(), 0, n, len(b))
			}
			return item.DecodeFixed(t, b), nil
		}
		return item.DecodeVariable(t, b), nil
	}
	base := t &^ proptag.MV_FLAG
	v := item.Value{Type: t}
	if n := item.FixedSize(base); n > 0 {
		if len(b)%n != 0 {
			return v, wire.Invalid(t.String(), 0, strconv.Itoa(len(b))+" bytes are not whole values of "+strconv.Itoa(n))
		}
		v.Multi = make([]item.Value, 0, len(b)/n)
		for i := 0; i+n <= len(b); i += n {
			v.Multi = append(v.Multi, item.DecodeFixed(base, b[i:]))
		}
		return v, nil
	}
	c := wire.NewCursor(b)
	var count uint32
	if !c.U32(&count) {
		if len(b) == 0 {
			return v, nil
		}
		return v, wire.TruncatedAt(t.String()+".ulCount", 0, 4, len(b))
	}
	if !c.Fits(uint64(count), 4) {
		return v, wire.CountTooLarge(t.String()+".ulCount", 0, uint64(count), 4, c.Len())
	}
	offs := make([]uint32, count)
	for i := range offs {
		c.U32(&offs[i])
	}
	v.Multi = make([]item.Value, 0, count)
	for i, o := range offs {
		end := uint32(len(b))
		if i+1 < len(offs) {
			end = offs[i+1]
		}
		if o > end || end > uint32(len(b)) || o < 4+4*count {
			return v, wire.Invalid(t.String()+".rgulDataOffsets", 4+4*i, "value "+strconv.Itoa(i)+" at "+strconv.Itoa(int(o))+"–"+strconv.Itoa(int(end))+" is outside the "+strconv.Itoa(len(b))+"-byte value")
		}
		v.Multi = append(v.Multi, item.DecodeVariable(base, b[o:end]))
	}
	return v, nil
}

// column is a TCOLDESC ([MS-PST] 2.3.4.2).
type column struct {
	tag  proptag.PropTag
	ib   int
	cb   int
	bit  int
	cell bool // cbData holds the value itself, not an HNID
}

// table is a table context ([MS-PST] 2.3.4).
type table struct {
	l       *ltp
	cols    []column
	rowSize int // TCI_bm
	ceb     int // offset of the cell existence bitmap (TCI_1b)
	rows    [][]byte
}

func tcErr(nid uint32, cause error, detail string) error {
	return &CorruptError{Structure: "TC", Offset: -1, NID: nid, Err: cause, Detail: detail}
}

// openTable reads a table context's TCINFO and its row matrix.
func (d *ndb) openTable(n node) (*table, error) {
	l, err := d.openLTP(n, clientTC)
	if err != nil {
		return nil, err
	}
	b, err := l.h.item(l.h.userRoot)
	if err != nil {
		return nil, err
	}
	nid := n.nid
	c := wire.NewCursor(b)
	var btype, ncols uint8
	var rgib [4]uint16
	var hidRowIndex, hnidRows, hidIndex uint32
	if !c.U8(&btype) || !c.U8(&ncols) || !c.U16(&rgib[0]) || !c.U16(&rgib[1]) || !c.U16(&rgib[2]) || !c.U16(&rgib[3]) ||
		!c.U32(&hidRowIndex) || !c.U32(&hnidRows) || !c.U32(&hidIndex) {
		return nil, tcErr(nid, blob.ErrTruncated, "the TCINFO is "+strconv.Itoa(len(b))+" bytes")
	}
	if btype != clientTC {
		return nil, tcErr(nid, blob.ErrInvalid, "bType 0x"+hex(uint64(btype))+", want 0x7C")
	}
	if !c.Fits(uint64(ncols), 8) {
		return nil, tcErr(nid, blob.ErrTruncated, strconv.Itoa(int(ncols))+" column descriptions do not fit in the TCINFO")
	}
	t := &table{l: l, rowSize: int(rgib[3]), ceb: int(rgib[2])}
	if !(rgib[0] <= rgib[1] && rgib[1] <= rgib[2] && rgib[2] <= rgib[3]) || t.rowSize-t.ceb < (int(ncols)+7)/8 {
		return nil, tcErr(nid, blob.ErrInvalid, "rgib "+strconv.Itoa(int(rgib[0]))+", "+strconv.Itoa(int(rgib[1]))+", "+strconv.Itoa(int(rgib[2]))+", "+strconv.Itoa(int(rgib[3]))+" do not describe a row")
	}
	for i := range int(ncols) {
		var tag uint32
		var ib uint16
		var cb, bit uint8
		c.U32(&tag)
		c.U16(&ib)
		c.U8(&cb)
		c.U8(&bit)
		col := column{tag: proptag.PropTag(tag), ib: int(ib), cb: int(cb), bit: int(bit)}
		typ := col.tag.Type()
		col.cell = item.IsFixedType(typ) && (col.cb == item.FixedSize(typ) || typ == proptag.PT_BOOLEAN && col.cb == 1)
		if col.ib+col.cb > t.ceb || col.bit >= 8*(t.rowSize-t.ceb) || !col.cell && col.cb != 4 {
			return nil, tcErr(nid, blob.ErrInvalid, "column "+strconv.Itoa(i)+" (tag 0x"+hex(uint64(tag))+"): ibData "+strconv.Itoa(col.ib)+", cbData "+strconv.Itoa(col.cb)+", iBit "+strconv.Itoa(col.bit)+" do not fit the row")
		}
		t.cols = append(t.cols, col)
	}
	if t.rowSize == 0 || hnidRows == 0 {
		return t, nil
	}
	var blocks [][]byte
	if hnidRows&0x1F == 0 {
		m, err := l.h.item(hnidRows)
		if err != nil {
			return nil, err
		}
		blocks = [][]byte{m}
	} else {
		sn, ok := l.subs[hnidRows]
		if !ok {
			return nil, tcErr(nid, blob.ErrInvalid, "the row matrix's subnode 0x"+hex(uint64(hnidRows))+" is not in the subnode tree")
		}
		if blocks, err = d.dataTree(sn.data); err != nil {
			return nil, withNID(err, nid)
		}
	}
	for _, m := range blocks {
		for i := 0; i+t.rowSize <= len(m); i += t.rowSize {
			t.rows = append(t.rows, m[i:i+t.rowSize])
		}
	}
	return t, nil
}

// rowID is a row's dwRowID (PidTagLtpRowId, the first four bytes).
func (t *table) rowID(r []byte) uint32 { return binary.LittleEndian.Uint32(r) }

// row reads the cells of a row that exist (the CEB's bits), leaving out
// the row id and version columns.
func (t *table) row(r []byte, names []*item.Named) []item.Property {
	var out []item.Property
	for _, col := range t.cols {
		if r[t.ceb+col.bit/8]&(0x80>>(col.bit%8)) == 0 {
			continue
		}
		if col.tag == tagLtpRowID || col.tag == tagLtpRowVer {
			continue
		}
		cell := r[col.ib : col.ib+col.cb]
		if col.cell {
			b := cell
			if col.tag.Type() == proptag.PT_BOOLEAN {
				b = []byte{cell[0], 0}
			}
			out = append(out, t.l.value(col.tag, 0, b, names))
			continue
		}
		out = append(out, t.l.value(col.tag, binary.LittleEndian.Uint32(cell), nil, names))
	}
	return out
}
